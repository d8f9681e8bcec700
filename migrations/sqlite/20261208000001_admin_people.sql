-- People administration (SQLite). Kept in step with ../postgres/20261208000001_admin_people.sql.

-- A deactivated account cannot sign in and has no session; reactivating it clears this.
ALTER TABLE users ADD COLUMN deactivated_at TEXT;
-- A deleted account keeps its row (what it wrote points at it) but nothing personal.
ALTER TABLE users ADD COLUMN deleted_at TEXT;
-- When the account last signed in, for the administrators' list.
ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;

-- An administrator's invitation to become staff, a council member, a centre director or an
-- administrator: a single-use link (only its hash is stored), sent by mail and shown once for
-- printing. Accepting it makes the account.
CREATE TABLE account_invitations (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    email        TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'council', 'resident')),
    ward_id      INTEGER REFERENCES wards (id),
    district_id  INTEGER REFERENCES districts (id),
    centre_id    INTEGER REFERENCES centres (id),
    invited_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    form_key     TEXT,
    used_at      TEXT,
    revoked_at   TEXT
);
CREATE INDEX account_invitations_ward ON account_invitations (ward_id, created_at);
-- The invitation form's key: sending the same form again (a reload) makes no second invitation.
CREATE UNIQUE INDEX account_invitations_form_key ON account_invitations (form_key);

-- A resident's sign-up waiting for its address to be confirmed (the link in the mail; only its
-- hash is stored, for 24 hours). The same answer is given whether the address is new or has an
-- account, so the form tells nobody which addresses have one.
CREATE TABLE sign_up_requests (
    token_hash    TEXT PRIMARY KEY,
    email         TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    ward_id       INTEGER REFERENCES wards (id),
    district_id   INTEGER REFERENCES districts (id),
    next_path     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX sign_up_requests_expiry ON sign_up_requests (expires_at);

-- A change of one's e-mail address waiting for the new address to confirm it (the link in the
-- mail to it; only its hash is stored, for 24 hours). The old address is told when it is done.
CREATE TABLE email_changes (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX email_changes_user ON email_changes (user_id);
