-- Notices from staff and community-centre directors to the members of chosen groups and/or
-- the people of chosen districts (SQLite). Kept in step with
-- ../postgres/20261130000002_notices.sql.

CREATE TABLE notices (
    id         INTEGER PRIMARY KEY,
    ward_id    INTEGER NOT NULL REFERENCES wards (id),
    sender_id  INTEGER NOT NULL REFERENCES users (id),
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    -- What was chosen, for the sender's list: group and district ids as JSON arrays.
    group_ids    TEXT NOT NULL,
    district_ids TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX notices_ward ON notices (ward_id, id);

-- One row per recipient, made in the notice's transaction: "delivered" is the row, "read" is
-- `read_at` (set when the recipient's feed shows it).
CREATE TABLE notice_deliveries (
    notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_at   TEXT,
    PRIMARY KEY (notice_id, user_id)
);
CREATE INDEX notice_deliveries_user ON notice_deliveries (user_id, notice_id);
