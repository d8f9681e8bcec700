-- Idle expiry of sessions (SQLite). Kept in step with ../postgres/20261202000001_session_activity.sql.
-- A session also ends after a period without requests (`YORIAI_SESSION_IDLE_MINUTES`), counted
-- from its last noted activity (noted at most every few minutes; NULL: since it began).
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
