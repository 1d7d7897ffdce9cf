-- 003: the web application — accounts, sessions, sign-in throttling and
-- the audit log. Portable SQL. Passwords are stored only as argon2id
-- strings; session tokens only as a BLAKE2b hash, so a copy of the
-- database does not let anyone sign in.

CREATE TABLE web_user (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,          -- sign-in name
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'lead', 'monitor', 'admin')),
  lead_initials TEXT NOT NULL DEFAULT '',      -- as written in plan Lead cells
  pw_hash       TEXT NOT NULL,                 -- argon2id string (libsodium)
  must_change   INTEGER NOT NULL DEFAULT 0,    -- 1 after a one-time password
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE web_session (
  token_hash  TEXT PRIMARY KEY,                -- hex BLAKE2b of the cookie value
  user_id     INTEGER NOT NULL REFERENCES web_user(id) ON DELETE CASCADE,
  csrf        TEXT NOT NULL,                   -- per-session form token
  created_at  INTEGER NOT NULL,                -- unix seconds
  seen_at     INTEGER NOT NULL,                -- unix seconds, for idle expiry
  flash       TEXT                             -- one-time message for the next page
);
CREATE INDEX web_session_user ON web_session(user_id);

-- Failed sign-ins, by account name and by client address, for throttling.
CREATE TABLE web_login_fail (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL,
  address TEXT NOT NULL,
  at      INTEGER NOT NULL                     -- unix seconds
);
CREATE INDEX web_login_fail_name ON web_login_fail(name, at);
CREATE INDEX web_login_fail_addr ON web_login_fail(address, at);

-- Every change made through the web application (and user management).
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,                       -- UTC, ISO 8601
  who     TEXT NOT NULL,                       -- user name, or "cli:NAME"
  address TEXT NOT NULL DEFAULT '',            -- client address for web changes
  what    TEXT NOT NULL,                       -- "plan.update", "user.add", ...
  target  TEXT NOT NULL DEFAULT '',            -- "action 3.2"
  before  TEXT,
  after   TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
