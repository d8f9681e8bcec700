-- Staff may correct a matter (its title, description, kind, districts, place): the history
-- records it as an 'edited' event naming the fields changed, not their old words, so a name a
-- resident wrote in a title and staff removed does not stay readable in the history. Kept in
-- step with ../sqlite/20261211000001_matter_edits.sql.
ALTER TABLE matter_events DROP CONSTRAINT matter_events_kind_check;
ALTER TABLE matter_events ADD CONSTRAINT matter_events_kind_check
    CHECK (kind IN ('reported', 'status', 'comment', 'assigned', 'unassigned', 'decision', 'photo', 'follow_up', 'shared', 'published', 'notice', 'edited'));
