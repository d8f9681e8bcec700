-- Survey versions, response policies, invitation codes and saved answers (SQLite).
-- Kept in step with ../postgres/20261125000001_versions_policies_drafts.sql.

-- A published version: an immutable copy of a survey's content. Residents answer the survey's
-- current version; the row in `surveys` is the working copy staff edit.
CREATE TABLE survey_versions (
    id           INTEGER PRIMARY KEY,
    survey_id    INTEGER NOT NULL REFERENCES surveys (id),
    number       INTEGER NOT NULL,
    title        TEXT NOT NULL,
    intro        TEXT NOT NULL,
    definition   TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by INTEGER REFERENCES users (id),
    UNIQUE (survey_id, number)
);

-- How many responses one person may give: open link, one per device, one per invitation code,
-- one per signed-in resident.
ALTER TABLE surveys ADD COLUMN policy TEXT NOT NULL DEFAULT 'open'
    CHECK (policy IN ('open', 'device', 'code', 'resident'));
ALTER TABLE surveys ADD COLUMN current_version_id INTEGER REFERENCES survey_versions (id);
ALTER TABLE surveys ADD COLUMN updated_at TEXT;

-- The districts a survey is meant for (none: the whole ward).
CREATE TABLE survey_districts (
    survey_id   INTEGER NOT NULL REFERENCES surveys (id),
    district_id INTEGER NOT NULL REFERENCES districts (id),
    PRIMARY KEY (survey_id, district_id)
);

-- Every survey already open or closed becomes version 1 of itself.
INSERT INTO survey_versions (survey_id, number, title, intro, definition, published_at)
    SELECT id, 1, title, intro, definition, created_at FROM surveys WHERE status <> 'draft';
UPDATE surveys SET current_version_id =
    (SELECT v.id FROM survey_versions v WHERE v.survey_id = surveys.id AND v.number = 1);

-- Responses record the version answered, the district and a third channel (staff entry).
-- SQLite cannot change a CHECK constraint, so the table is rebuilt.
CREATE TABLE responses_new (
    id              INTEGER PRIMARY KEY,
    survey_id       INTEGER NOT NULL REFERENCES surveys (id),
    version_id      INTEGER REFERENCES survey_versions (id),
    district_id     INTEGER REFERENCES districts (id),
    idempotency_key TEXT NOT NULL,
    answers         TEXT NOT NULL,
    lang            TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('web', 'paper', 'staff')),
    submitted_at    TEXT NOT NULL,
    UNIQUE (survey_id, idempotency_key)
);
INSERT INTO responses_new (id, survey_id, version_id, idempotency_key, answers, lang, channel,
                           submitted_at)
    SELECT r.id, r.survey_id, s.current_version_id, r.idempotency_key, r.answers, r.lang,
           r.channel, r.submitted_at
    FROM responses r JOIN surveys s ON s.id = r.survey_id;
DROP TABLE responses;
ALTER TABLE responses_new RENAME TO responses;
CREATE INDEX responses_survey_latest ON responses (survey_id, id DESC);

-- Single-use invitation codes. Nothing links a code to the response it allowed: `used_on` is a
-- day, not a time, so a code cannot be matched to a response by when it arrived.
CREATE TABLE invitation_codes (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES surveys (id),
    code        TEXT NOT NULL UNIQUE,
    district_id INTEGER REFERENCES districts (id),
    created_at  TEXT NOT NULL,
    used_on     TEXT
);
CREATE INDEX invitation_codes_survey ON invitation_codes (survey_id, id);

-- Who has answered a survey under the one-per-device and one-per-resident policies: a hash of
-- the device cookie, or the account id. Never linked to the response.
CREATE TABLE respondent_marks (
    survey_id INTEGER NOT NULL REFERENCES surveys (id),
    mark      TEXT NOT NULL,
    PRIMARY KEY (survey_id, mark)
);

-- Answers saved section by section, so a closed tab or a lost signal loses nothing. Found by
-- the hash of a cookie token. After submitting, the answers and the code are cleared and only
-- the response id stays, so a repeated submit is recognised.
CREATE TABLE response_drafts (
    id              INTEGER PRIMARY KEY,
    survey_id       INTEGER NOT NULL REFERENCES surveys (id),
    version_id      INTEGER NOT NULL REFERENCES survey_versions (id),
    token_hash      TEXT NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL,
    answers         TEXT NOT NULL,
    code_id         INTEGER REFERENCES invitation_codes (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    response_id     INTEGER REFERENCES responses (id)
);
CREATE INDEX response_drafts_updated ON response_drafts (updated_at);
