-- Group posts (news and events) and RSVPs (SQLite). Kept in step with
-- ../postgres/20261130000001_network_posts.sql.

-- What a group's organisers post. Events have a start (and perhaps an end, in UTC), a place and
-- perhaps a capacity; `going_count` changes in the transaction that adds or removes an RSVP,
-- and only while it is below the capacity. Moderation may hide or remove a post.
CREATE TABLE group_posts (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES network_groups (id) ON DELETE CASCADE,
    author_id   INTEGER NOT NULL REFERENCES users (id),
    kind        TEXT NOT NULL CHECK (kind IN ('news', 'event')),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    starts_at   TEXT,
    ends_at     TEXT,
    place       TEXT NOT NULL DEFAULT '',
    capacity    INTEGER CHECK (capacity IS NULL OR capacity > 0),
    going_count INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'hidden', 'removed')),
    created_at  TEXT NOT NULL,
    CHECK (kind = 'news' OR starts_at IS NOT NULL),
    CHECK (capacity IS NULL OR going_count <= capacity)
);
CREATE INDEX group_posts_group ON group_posts (group_id, created_at);
CREATE INDEX group_posts_author ON group_posts (author_id, created_at);
CREATE INDEX group_posts_events ON group_posts (kind, starts_at);

-- Who said they will come to an event.
CREATE TABLE event_rsvps (
    post_id    INTEGER NOT NULL REFERENCES group_posts (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX event_rsvps_user ON event_rsvps (user_id);
