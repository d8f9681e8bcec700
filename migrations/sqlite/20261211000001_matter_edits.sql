-- Staff may correct a matter (its title, description, kind, districts, place): the history
-- records it as an 'edited' event naming the fields changed, not their old words, so a name a
-- resident wrote in a title and staff removed does not stay readable in the history. Kept in
-- step with ../postgres/20261211000001_matter_edits.sql.
-- SQLite cannot change a CHECK constraint, so the table is rebuilt (nothing references it).
CREATE TABLE matter_events_new (
    id            INTEGER PRIMARY KEY,
    matter_id     INTEGER NOT NULL REFERENCES matters (id) ON DELETE CASCADE,
    at            TEXT NOT NULL,
    actor_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('reported', 'status', 'comment', 'assigned', 'unassigned', 'decision', 'photo', 'follow_up', 'shared', 'published', 'notice', 'edited')),
    status        TEXT,
    body          TEXT,
    department_id INTEGER REFERENCES departments (id) ON DELETE SET NULL,
    meeting_id    INTEGER REFERENCES liaison_meetings (id) ON DELETE SET NULL
);
INSERT INTO matter_events_new (id, matter_id, at, actor_id, kind, status, body, department_id,
                               meeting_id)
    SELECT id, matter_id, at, actor_id, kind, status, body, department_id, meeting_id
    FROM matter_events;
DROP TABLE matter_events;
ALTER TABLE matter_events_new RENAME TO matter_events;
CREATE INDEX matter_events_matter ON matter_events (matter_id, id);
CREATE INDEX matter_events_at ON matter_events (at);
