-- Survey versions, response policies, invitation codes and saved answers (PostgreSQL).
-- Kept in step with ../sqlite/20261125000001_versions_policies_drafts.sql.

-- A published version: an immutable copy of a survey's content. Residents answer the survey's
-- current version; the row in `surveys` is the working copy staff edit.
CREATE TABLE survey_versions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id    BIGINT NOT NULL REFERENCES surveys (id),
    number       BIGINT NOT NULL,
    title        TEXT NOT NULL,
    intro        TEXT NOT NULL,
    definition   TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    published_by BIGINT REFERENCES users (id),
    UNIQUE (survey_id, number)
);

-- How many responses one person may give: open link, one per device, one per invitation code,
-- one per signed-in resident.
ALTER TABLE surveys ADD COLUMN policy TEXT NOT NULL DEFAULT 'open'
    CHECK (policy IN ('open', 'device', 'code', 'resident'));
ALTER TABLE surveys ADD COLUMN current_version_id BIGINT REFERENCES survey_versions (id);
ALTER TABLE surveys ADD COLUMN updated_at TIMESTAMPTZ;

-- The districts a survey is meant for (none: the whole ward).
CREATE TABLE survey_districts (
    survey_id   BIGINT NOT NULL REFERENCES surveys (id),
    district_id BIGINT NOT NULL REFERENCES districts (id),
    PRIMARY KEY (survey_id, district_id)
);

-- Every survey already open or closed becomes version 1 of itself.
INSERT INTO survey_versions (survey_id, number, title, intro, definition, published_at)
    SELECT id, 1, title, intro, definition, created_at FROM surveys WHERE status <> 'draft';
UPDATE surveys SET current_version_id =
    (SELECT v.id FROM survey_versions v WHERE v.survey_id = surveys.id AND v.number = 1);

-- Responses record the version answered, the district and a third channel (staff entry).
ALTER TABLE responses ADD COLUMN version_id BIGINT REFERENCES survey_versions (id);
ALTER TABLE responses ADD COLUMN district_id BIGINT REFERENCES districts (id);
UPDATE responses SET version_id =
    (SELECT s.current_version_id FROM surveys s WHERE s.id = responses.survey_id);
ALTER TABLE responses DROP CONSTRAINT responses_channel_check;
ALTER TABLE responses ADD CONSTRAINT responses_channel_check
    CHECK (channel IN ('web', 'paper', 'staff'));

-- Single-use invitation codes. Nothing links a code to the response it allowed: `used_on` is a
-- day, not a time, so a code cannot be matched to a response by when it arrived.
CREATE TABLE invitation_codes (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id   BIGINT NOT NULL REFERENCES surveys (id),
    code        TEXT NOT NULL UNIQUE,
    district_id BIGINT REFERENCES districts (id),
    created_at  TIMESTAMPTZ NOT NULL,
    used_on     DATE
);
CREATE INDEX invitation_codes_survey ON invitation_codes (survey_id, id);

-- Who has answered a survey under the one-per-device and one-per-resident policies: a hash of
-- the device cookie, or the account id. Never linked to the response.
CREATE TABLE respondent_marks (
    survey_id BIGINT NOT NULL REFERENCES surveys (id),
    mark      TEXT NOT NULL,
    PRIMARY KEY (survey_id, mark)
);

-- Answers saved section by section, so a closed tab or a lost signal loses nothing. Found by
-- the hash of a cookie token. After submitting, the answers and the code are cleared and only
-- the response id stays, so a repeated submit is recognised.
CREATE TABLE response_drafts (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id       BIGINT NOT NULL REFERENCES surveys (id),
    version_id      BIGINT NOT NULL REFERENCES survey_versions (id),
    token_hash      TEXT NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL,
    answers         TEXT NOT NULL,
    code_id         BIGINT REFERENCES invitation_codes (id),
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    response_id     BIGINT REFERENCES responses (id)
);
CREATE INDEX response_drafts_updated ON response_drafts (updated_at);
