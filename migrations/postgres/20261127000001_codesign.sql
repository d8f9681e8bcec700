-- Co-design with the neighbourhood council (PostgreSQL).
-- Kept in step with ../sqlite/20261127000001_codesign.sql.

-- Every saved change to a survey's working copy is a revision. `surveys.revision` is the
-- number of the latest; a save names the revision it started from and is refused when the
-- same question changed since (no silent overwrite).
ALTER TABLE surveys ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
-- When the draft was sent to the council for review (NULL: not in review).
ALTER TABLE surveys ADD COLUMN review_since TIMESTAMPTZ;

CREATE TABLE survey_revisions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id  BIGINT NOT NULL REFERENCES surveys (id),
    number     BIGINT NOT NULL,
    title      TEXT NOT NULL,
    intro      TEXT NOT NULL,
    definition TEXT NOT NULL,
    author_id  BIGINT REFERENCES users (id),
    -- What the change was, as the builder names it (`edit`, `settings`, `restore 3`, …).
    note       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (survey_id, number)
);

-- Every existing survey starts its history with what it is now.
INSERT INTO survey_revisions (survey_id, number, title, intro, definition, note, created_at)
    SELECT id, 1, title, intro, definition, 'start', COALESCE(updated_at, created_at) FROM surveys;
UPDATE surveys SET revision = 1;

-- The published version records the revision it froze.
ALTER TABLE survey_versions ADD COLUMN revision BIGINT;

-- A single-use invitation for a council member to review one survey. Only a hash of the
-- link's token is stored.
CREATE TABLE survey_invitations (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id   BIGINT NOT NULL REFERENCES surveys (id),
    email       TEXT NOT NULL,
    district_id BIGINT NOT NULL REFERENCES districts (id),
    token_hash  TEXT NOT NULL UNIQUE,
    invited_by  BIGINT NOT NULL REFERENCES users (id),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ,
    user_id     BIGINT REFERENCES users (id)
);
CREATE INDEX survey_invitations_survey ON survey_invitations (survey_id, id);

-- The council members who may read, comment on, suggest changes to and approve a survey.
CREATE TABLE survey_reviewers (
    survey_id BIGINT NOT NULL REFERENCES surveys (id),
    user_id   BIGINT NOT NULL REFERENCES users (id),
    added_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (survey_id, user_id)
);

-- Comment threads on a question or page (`target`: its id; '' for the survey as a whole).
-- A reply has a parent; only a thread (no parent) is resolved.
CREATE TABLE survey_comments (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id   BIGINT NOT NULL REFERENCES surveys (id),
    target      TEXT NOT NULL,
    parent_id   BIGINT REFERENCES survey_comments (id),
    author_id   BIGINT NOT NULL REFERENCES users (id),
    body        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    resolved_at TIMESTAMPTZ,
    resolved_by BIGINT REFERENCES users (id)
);
CREATE INDEX survey_comments_survey ON survey_comments (survey_id, id);

-- A change a council member suggests to one question (`change`: shared::codesign::Change as
-- JSON), made against revision `base_revision`, until staff accept or reject it.
CREATE TABLE survey_suggestions (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id     BIGINT NOT NULL REFERENCES surveys (id),
    target        TEXT NOT NULL,
    author_id     BIGINT NOT NULL REFERENCES users (id),
    change        TEXT NOT NULL,
    base_revision BIGINT NOT NULL,
    note          TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'rejected')),
    decided_by    BIGINT REFERENCES users (id),
    decided_at    TIMESTAMPTZ,
    reply         TEXT
);
CREATE INDEX survey_suggestions_survey ON survey_suggestions (survey_id, id);

-- A council member's approval of the draft as it was at `revision`; withdrawing deletes it.
CREATE TABLE survey_approvals (
    survey_id   BIGINT NOT NULL REFERENCES surveys (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    revision    BIGINT NOT NULL,
    approved_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (survey_id, user_id)
);

-- Who had approved which revision when a version was published.
CREATE TABLE version_approvals (
    version_id  BIGINT NOT NULL REFERENCES survey_versions (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    revision    BIGINT NOT NULL,
    approved_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (version_id, user_id)
);

-- In-app notifications, newest first per person.
CREATE TABLE notifications (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    survey_id  BIGINT REFERENCES surveys (id),
    actor_id   BIGINT REFERENCES users (id),
    detail     TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    read_at    TIMESTAMPTZ
);
CREATE INDEX notifications_user ON notifications (user_id, id);

-- The audit log says which survey an entry is about and what it was before and after.
ALTER TABLE audit_log ADD COLUMN survey_id BIGINT REFERENCES surveys (id);
ALTER TABLE audit_log ADD COLUMN old_value TEXT;
ALTER TABLE audit_log ADD COLUMN new_value TEXT;
CREATE INDEX audit_log_survey ON audit_log (survey_id, id);
