-- E-mail and password resets (SQLite). Kept in step with ../postgres/20261207000001_mail_password_resets.sql.

-- The outbox: a mail is written here in the same transaction as the action that sends it, and
-- the sender task delivers it (SMTP, or a file under data/mail/), retrying with backoff. Once
-- sent, its body is emptied (it may hold a link that signs someone in); recipient, subject and
-- times stay as the mail log until the retention sweep removes them.
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    sent_at         TEXT,
    failed_at       TEXT,
    last_error      TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Password reset links: only a hash of the token is stored; a link works once, for 30 minutes.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX password_resets_user ON password_resets (user_id);
