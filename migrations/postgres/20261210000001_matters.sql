-- 地域情報連絡会議: the ward's departments and the shared log of local matters (PostgreSQL). Kept
-- in step with ../sqlite/20261210000001_matters.sql.

-- A department of a ward (コミュニティ支援課, 保健福祉課, まちづくり整備課, …), with its staff.
CREATE TABLE departments (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ward_id    BIGINT NOT NULL REFERENCES wards (id),
    name       TEXT NOT NULL,
    -- The department's shared mailbox, told beside its staff when a matter is assigned.
    email      TEXT,
    position   BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (ward_id, name)
);

CREATE TABLE department_members (
    department_id BIGINT NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (department_id, user_id)
);
CREATE INDEX department_members_user ON department_members (user_id);

-- A local matter: a problem, a request, information or good news, reported by a resident (an
-- organiser, a centre director) or logged by staff from what they heard or from a source.
CREATE TABLE matters (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ward_id     BIGINT NOT NULL REFERENCES wards (id),
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('problem', 'request', 'information', 'good_news')),
    status      TEXT NOT NULL CHECK (status IN ('new', 'acknowledged', 'in_progress', 'resolved', 'long_term', 'shared')),
    place       TEXT,
    latitude    DOUBLE PRECISION,
    longitude   DOUBLE PRECISION,
    source      TEXT NOT NULL CHECK (source IN ('resident', 'organiser', 'director', 'staff', 'survey_text', 'group_post', 'group_report', 'council_comment')),
    -- What it came from ("text:12", "post:3", …) and its words as they were when logged. A
    -- survey's free-text answer is quoted without anything that leads to its respondent.
    source_ref     TEXT,
    source_excerpt TEXT,
    -- The resident, organiser or director who reported it (they see its status).
    reported_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    follow_up_on DATE,
    -- Shared with the council members and centre directors of its districts.
    shared_with_district BOOLEAN NOT NULL DEFAULT FALSE,
    -- On its districts' public list once resolved, with what the ward did in words.
    published   BOOLEAN NOT NULL DEFAULT FALSE,
    public_note TEXT,
    -- When it was resolved or shared (the public list's date).
    done_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    -- The report form's key: the same form sent twice (a double tap, a reload) makes one matter.
    form_key    TEXT UNIQUE
);
CREATE INDEX matters_ward ON matters (ward_id, updated_at);
CREATE INDEX matters_reporter ON matters (reported_by);

CREATE TABLE matter_districts (
    matter_id   BIGINT NOT NULL REFERENCES matters (id) ON DELETE CASCADE,
    district_id BIGINT NOT NULL REFERENCES districts (id),
    PRIMARY KEY (matter_id, district_id)
);
CREATE INDEX matter_districts_district ON matter_districts (district_id);

CREATE TABLE matter_departments (
    matter_id     BIGINT NOT NULL REFERENCES matters (id) ON DELETE CASCADE,
    department_id BIGINT NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    assigned_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (matter_id, department_id)
);
CREATE INDEX matter_departments_department ON matter_departments (department_id);

-- A liaison meeting: its agenda is what changed since the previous meeting began.
CREATE TABLE liaison_meetings (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ward_id    BIGINT NOT NULL REFERENCES wards (id),
    started_at TIMESTAMPTZ NOT NULL,
    started_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX liaison_meetings_ward ON liaison_meetings (ward_id, started_at);

-- A matter's history: reported, status changes (with a note), comments between departments,
-- departments assigned, decisions of a meeting, photos, follow-up dates, sharing, publishing.
CREATE TABLE matter_events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    matter_id     BIGINT NOT NULL REFERENCES matters (id) ON DELETE CASCADE,
    at            TIMESTAMPTZ NOT NULL,
    actor_id      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('reported', 'status', 'comment', 'assigned', 'unassigned', 'decision', 'photo', 'follow_up', 'shared', 'published', 'notice')),
    status        TEXT,
    body          TEXT,
    department_id BIGINT REFERENCES departments (id) ON DELETE SET NULL,
    meeting_id    BIGINT REFERENCES liaison_meetings (id) ON DELETE SET NULL
);
CREATE INDEX matter_events_matter ON matter_events (matter_id, id);
CREATE INDEX matter_events_at ON matter_events (at);

-- A matter's photos, made smaller and without their metadata (EXIF, location) before storing.
CREATE TABLE matter_photos (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    matter_id  BIGINT NOT NULL REFERENCES matters (id) ON DELETE CASCADE,
    jpeg       BYTEA NOT NULL,
    width      BIGINT NOT NULL,
    height     BIGINT NOT NULL,
    added_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX matter_photos_matter ON matter_photos (matter_id, id);
