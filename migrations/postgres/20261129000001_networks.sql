-- Loose local networks (ゆるやかなネットワーク): groups, their districts, interests and members
-- (PostgreSQL). Kept in step with ../sqlite/20261129000001_networks.sql.

-- Community-centre directors (館長), the hub of their district's network: they approve the
-- groups active in their district and send notices to it, whatever their role otherwise.
CREATE TABLE centre_directors (
    centre_id BIGINT NOT NULL REFERENCES centres (id),
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (centre_id, user_id)
);
CREATE INDEX centre_directors_user ON centre_directors (user_id);

-- A group in the directory. Anyone signed in may propose one (`pending`); staff or a director
-- of one of its districts approve it (`approved`, shown in the directory, `verified` badge) or
-- decline it with a reason. Moderation may hide an approved group (`hidden`).
CREATE TABLE network_groups (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ward_id         BIGINT NOT NULL REFERENCES wards (id),
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN
                        ('business', 'club', 'circle', 'npo', 'school', 'volunteer', 'other')),
    description     TEXT NOT NULL,
    meeting_place   TEXT NOT NULL DEFAULT '',
    -- How to get in touch: `public` (the contact text is shown to everyone), `members` (to
    -- members only) or `centre` (through the community centre; no contact text shown).
    contact_policy  TEXT NOT NULL CHECK (contact_policy IN ('public', 'members', 'centre')),
    contact         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'hidden')),
    verified        BOOLEAN NOT NULL DEFAULT FALSE,
    proposed_by     BIGINT NOT NULL REFERENCES users (id),
    decided_by      BIGINT REFERENCES users (id),
    decided_at      TIMESTAMPTZ,
    decision_reason TEXT NOT NULL DEFAULT '',
    -- Kept on write, in the transaction that joins or leaves.
    member_count    BIGINT NOT NULL DEFAULT 0,
    follower_count  BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX network_groups_ward_status ON network_groups (ward_id, status, name);

CREATE TABLE group_districts (
    group_id    BIGINT NOT NULL REFERENCES network_groups (id) ON DELETE CASCADE,
    district_id BIGINT NOT NULL REFERENCES districts (id),
    PRIMARY KEY (group_id, district_id)
);
CREATE INDEX group_districts_district ON group_districts (district_id, group_id);

-- Interest tags (子育て, スポーツ, 犬, …), as typed, trimmed.
CREATE TABLE group_tags (
    group_id BIGINT NOT NULL REFERENCES network_groups (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (group_id, tag)
);
CREATE INDEX group_tags_tag ON group_tags (tag, group_id);

-- Who belongs to or follows a group. `organiser` runs it (the proposer, and whoever they add);
-- `member` joined; `follower` only reads its news. `show_name`: whether the organisers may see
-- the member's display name (otherwise they are counted, never named). E-mail addresses are
-- never shown to organisers.
CREATE TABLE group_members (
    group_id  BIGINT NOT NULL REFERENCES network_groups (id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('organiser', 'member', 'follower')),
    show_name BOOLEAN NOT NULL DEFAULT FALSE,
    joined_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id, group_id);

-- Sign-ups per client address, for rate limiting across app servers.
CREATE TABLE sign_up_attempts (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_up_attempts_address_at ON sign_up_attempts (address, at);
