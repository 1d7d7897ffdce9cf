-- 013: calendar feed keys and evidence files (issue 15; docs/web.md,
-- "Subscribing to the calendar" and "Evidence files").
--
-- A feed key lets a calendar program read one account's calendar of due
-- dates (/plan/calendar.ics?key=KEY) without signing in. Only a BLAKE2b
-- hash of the key is kept, so a copy of the database gives nobody a
-- working address; the first 16 characters of the key (its selector) find
-- the row, and the hash of the whole key is compared in constant time.
-- An account has at most one key: making a new one replaces it, and the
-- old address stops working at once. Disabling the account stops it too
-- (the owner is checked on every request).
--
-- An evidence file is kept in the database with the history entry of the
-- update that brought it, so that a backup of the database holds it.
-- (IF NOT EXISTS: a database taken back by hand to an earlier schema
-- version, as tests do, can run it again.)

CREATE TABLE IF NOT EXISTS feed_key (
  user_id    INTEGER PRIMARY KEY REFERENCES web_user(id) ON DELETE CASCADE,
  selector   TEXT NOT NULL UNIQUE,             -- first 16 hex characters of the key
  key_hash   TEXT NOT NULL,                    -- hex BLAKE2b-256 of the whole key
  created_at TEXT NOT NULL,                    -- UTC, ISO 8601
  used_at    TEXT                              -- last answered request (UTC), or NULL
);

CREATE TABLE IF NOT EXISTS action_evidence (
  id         INTEGER PRIMARY KEY,
  event_id   INTEGER NOT NULL REFERENCES action_event(id) ON DELETE CASCADE,
  action_id  INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,                    -- the file's own name as sent (made safe)
  type       TEXT NOT NULL,                    -- the Content-Type it is served with
  size       INTEGER NOT NULL,                 -- bytes
  sha256     TEXT NOT NULL,                    -- hex SHA-256 of the bytes
  data       BLOB NOT NULL,
  author     TEXT NOT NULL,                    -- who uploaded it (user name)
  at         TEXT NOT NULL                     -- UTC, ISO 8601
);
CREATE INDEX IF NOT EXISTS action_evidence_event ON action_evidence(event_id);
CREATE INDEX IF NOT EXISTS action_evidence_action ON action_evidence(action_id);
