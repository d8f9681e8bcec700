-- Paper answers typed in by staff (SQLite).
-- Kept in step with ../postgres/20261126000001_paper_entry.sql.

-- Who typed a paper response in: a member of staff (the operator, or whoever settled two
-- differing entries), never the respondent, who stays anonymous.
ALTER TABLE responses ADD COLUMN entered_by INTEGER REFERENCES users (id);

-- Double entry: every paper sheet is typed twice by two operators and stored once both agree.
ALTER TABLE surveys ADD COLUMN double_entry INTEGER NOT NULL DEFAULT 0 CHECK (double_entry IN (0, 1));

-- One typing of one paper sheet. `sheet` is the number staff write on the paper when it
-- arrives (整理番号). Once the response is stored, `response_id` points at it and the typed
-- invitation code is cleared (a code is never linked to a response).
CREATE TABLE paper_entries (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES surveys (id),
    version_id  INTEGER NOT NULL REFERENCES survey_versions (id),
    sheet       TEXT NOT NULL,
    pass        INTEGER NOT NULL CHECK (pass IN (1, 2)),
    operator_id INTEGER NOT NULL REFERENCES users (id),
    answers     TEXT NOT NULL,
    code        TEXT,
    entered_at  TEXT NOT NULL,
    response_id INTEGER REFERENCES responses (id),
    UNIQUE (survey_id, sheet, pass)
);
