-- Mail digests of what one has not read (PostgreSQL). Kept in step with
-- ../sqlite/20261209000001_digests.sql.

-- 'off' (the default: nobody is mailed who did not ask), 'daily' or 'weekly'.
ALTER TABLE users ADD COLUMN digest TEXT NOT NULL DEFAULT 'off'
    CHECK (digest IN ('off', 'daily', 'weekly'));
-- The language the person chose the digest in; its mails are written in it.
ALTER TABLE users ADD COLUMN digest_lang TEXT NOT NULL DEFAULT 'ja';
-- When the digest was turned on: nothing older goes into one.
ALTER TABLE users ADD COLUMN digest_from TIMESTAMPTZ;
-- When the last digest was made (or the digest turned on): the next is due at the first
-- morning after it. Also the guard that makes one digest per period when several servers run.
ALTER TABLE users ADD COLUMN digest_since TIMESTAMPTZ;

-- When a notification or a notice went out in a digest: each goes in one digest at most.
ALTER TABLE notifications ADD COLUMN digested_at TIMESTAMPTZ;
ALTER TABLE notice_deliveries ADD COLUMN digested_at TIMESTAMPTZ;
