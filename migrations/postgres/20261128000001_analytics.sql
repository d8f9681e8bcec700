-- Analytics (PostgreSQL). Kept in step with ../sqlite/20261128000001_analytics.sql.

-- The smallest group shown to anyone who is not staff (council members, the public): counts
-- from 1 to min_cell - 1 are hidden as "< min_cell".
ALTER TABLE surveys ADD COLUMN min_cell BIGINT NOT NULL DEFAULT 5
    CHECK (min_cell BETWEEN 1 AND 100);

-- Web responses started (a draft made), kept on write like response_count, for the
-- completion rate. Surveys from before count the drafts still kept.
ALTER TABLE surveys ADD COLUMN started_count BIGINT NOT NULL DEFAULT 0;
UPDATE surveys SET started_count =
    (SELECT count(*) FROM response_drafts d WHERE d.survey_id = surveys.id);

-- Web responses stored, kept on write: the other side of the completion rate.
ALTER TABLE surveys ADD COLUMN web_count BIGINT NOT NULL DEFAULT 0;
UPDATE surveys SET web_count =
    (SELECT count(*) FROM responses r WHERE r.survey_id = surveys.id AND r.channel = 'web');

-- Free-text answers, one row per answer (and per "other, please specify" text), written in
-- the same transaction as the response, for listing, searching and coding into themes.
CREATE TABLE response_texts (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id   BIGINT NOT NULL REFERENCES surveys (id),
    response_id BIGINT NOT NULL REFERENCES responses (id),
    question_id TEXT NOT NULL,
    body        TEXT NOT NULL,
    UNIQUE (response_id, question_id)
);
CREATE INDEX response_texts_question ON response_texts (survey_id, question_id, id);

-- Substring search that works for Japanese (no spaces between words): trigrams.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX response_texts_trgm ON response_texts USING gin (body gin_trgm_ops);

-- Responses stored before this table existed get their texts indexed once, at start-up.
ALTER TABLE surveys ADD COLUMN texts_indexed BOOLEAN NOT NULL DEFAULT FALSE;

-- Staff's themes for coding free-text answers ("parking", "Sunday opening"…), per survey.
CREATE TABLE text_tags (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id BIGINT NOT NULL REFERENCES surveys (id),
    name      TEXT NOT NULL,
    UNIQUE (survey_id, name)
);
CREATE TABLE response_text_tags (
    text_id BIGINT NOT NULL REFERENCES response_texts (id),
    tag_id  BIGINT NOT NULL REFERENCES text_tags (id),
    PRIMARY KEY (text_id, tag_id)
);
CREATE INDEX response_text_tags_tag ON response_text_tags (tag_id);
-- Bumped on every tagging change, so the analytics cube knows to read the tags again.
ALTER TABLE surveys ADD COLUMN tags_version BIGINT NOT NULL DEFAULT 0;

-- The results page staff publish for residents: which questions, and what the ward will do.
CREATE TABLE published_results (
    survey_id    BIGINT PRIMARY KEY REFERENCES surveys (id),
    questions    TEXT NOT NULL,
    summary      TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    published_by BIGINT REFERENCES users (id)
);
