-- Which browser a session is (SQLite). Kept in step with ../postgres/20261207000002_session_devices.sql.
-- Shown on /account so a person can tell their sessions apart and end one; at most 200
-- characters of the User-Agent header, kept as long as the session.
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
