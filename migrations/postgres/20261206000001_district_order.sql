-- Districts follow the ward's own order (as its documents and forms list them), not their
-- codes; and each may carry its name in easy Japanese with furigana (`{北方|きたがた}`).
ALTER TABLE districts ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE districts ADD COLUMN name_easy TEXT;
