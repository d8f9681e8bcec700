-- Facts about this installation as a whole. `demo` marks a database the demo seed made: demo
-- data (accounts with a published password) is only ever loaded into an empty database or a
-- demo one, and a demo installation says so on every page. Databases the demo made before this
-- table existed are recognised by the demo staff account.
CREATE TABLE installation (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO installation (key, value)
SELECT 'demo', 'true' WHERE EXISTS (SELECT 1 FROM users WHERE email = 'staff@demo.yoriai.jp');
