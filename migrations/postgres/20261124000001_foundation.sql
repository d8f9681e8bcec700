-- Yoriai foundation schema (PostgreSQL). Kept in step with ../sqlite/20261124000001_foundation.sql.
-- Timestamps are timestamptz. JSON is stored as text, like SQLite, so both share their SQL.

CREATE TABLE wards (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name_ja   TEXT NOT NULL,
    name_en   TEXT
);

-- School districts (校区): the unit surveys target and results are grouped by.
CREATE TABLE districts (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ward_id   BIGINT NOT NULL REFERENCES wards (id),
    code      TEXT NOT NULL UNIQUE,
    name_ja   TEXT NOT NULL,
    name_en   TEXT
);

-- Community centres (市民センター), one or more per district.
CREATE TABLE centres (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id BIGINT NOT NULL REFERENCES districts (id),
    name_ja     TEXT NOT NULL,
    name_en     TEXT,
    UNIQUE (district_id, name_ja)
);

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'council', 'organiser', 'resident')),
    ward_id       BIGINT REFERENCES wards (id),
    district_id   BIGINT REFERENCES districts (id),
    created_at    TIMESTAMPTZ NOT NULL
);

-- Only a hash of the session token is stored, so a copy of the database opens no session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed sign-ins, per account and per address, for rate limiting across app servers.
CREATE TABLE sign_in_failures (
    id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL,
    at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_failures_key_at ON sign_in_failures (key, at);

CREATE TABLE surveys (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ward_id          BIGINT NOT NULL REFERENCES wards (id),
    slug             TEXT NOT NULL UNIQUE,
    title            TEXT NOT NULL,
    intro            TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'archived')),
    definition       TEXT NOT NULL,
    opens_at         TIMESTAMPTZ,
    closes_at        TIMESTAMPTZ,
    -- Kept up to date on every insert, so no page ever counts the responses.
    response_count   BIGINT NOT NULL DEFAULT 0,
    last_response_at TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL
);

-- Anonymous: no user id, no address, nothing that points at a person.
CREATE TABLE responses (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id       BIGINT NOT NULL REFERENCES surveys (id),
    idempotency_key TEXT NOT NULL,
    answers         TEXT NOT NULL,
    lang            TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('web', 'paper')),
    submitted_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (survey_id, idempotency_key)
);
CREATE INDEX responses_survey_latest ON responses (survey_id, id DESC);

CREATE TABLE audit_log (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL,
    actor_id BIGINT REFERENCES users (id),
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL
);
