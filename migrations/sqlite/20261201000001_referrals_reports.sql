-- Survey referrals and network moderation (SQLite). Kept in step with
-- ../postgres/20261201000001_referrals_reports.sql.

-- A group's survey link (`/s/{slug}?via={group}`) records the group on the answers being
-- saved, and the response keeps it: analytics shows which networks reach whom.
ALTER TABLE response_drafts ADD COLUMN referred_group_id INTEGER REFERENCES network_groups (id);
ALTER TABLE responses ADD COLUMN referred_group_id INTEGER REFERENCES network_groups (id);

-- Why the ward hid or removed a post, shown to its group's organisers. (A hidden group keeps
-- the reason in `decision_reason`, as a declined one does.)
ALTER TABLE group_posts ADD COLUMN moderation_reason TEXT NOT NULL DEFAULT '';

-- A resident's report of a group (`post_id` NULL) or of one of its posts. Open until staff
-- decide on the reported item: every open report of it then closes with the decision
-- (`hidden`, `removed`, `dismissed`; `restored` when a hidden item is shown again).
CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES network_groups (id) ON DELETE CASCADE,
    post_id         INTEGER REFERENCES group_posts (id) ON DELETE CASCADE,
    reported_by     INTEGER NOT NULL REFERENCES users (id),
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'hidden', 'removed', 'dismissed', 'restored')),
    created_at      TEXT NOT NULL,
    decided_by      INTEGER REFERENCES users (id),
    decided_at      TEXT,
    decision_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reports_open ON reports (status, group_id, post_id);
CREATE INDEX reports_reporter ON reports (reported_by, created_at);
