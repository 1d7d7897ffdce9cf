-- 024: confidential casework (issue 18; docs/network.md "Confidential
-- casework"). A case's summary, its notes, its hearings' notes and its
-- documents (with their file names) are sealed with libsodium secretbox
-- under the key file's "casework" key: nonce then box, never plain text.
-- Only the caseworkers assigned to a case read it; every reading and
-- change goes in its access log. Closed cases are purged after the
-- retention period (net_case_setting 'retention_years', default 6), and
-- each purge leaves a row in net_case_purge with no personal data.
-- Whose case it is and its kind are sealed too (column who: "MEMBER KIND",
-- the member's number and grievance, disciplinary, capability or other),
-- so that a copy of the file does not tell who has a case, nor of what
-- kind: what stays readable is a case's number, status, dates and
-- caseworkers.
CREATE TABLE IF NOT EXISTS net_case (
  id         INTEGER PRIMARY KEY,
  who        BLOB NOT NULL,               -- sealed: "MEMBER_NUMBER KIND"
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'hearing', 'appeal', 'closed')),
  summary    BLOB NOT NULL,               -- sealed
  opened_on  TEXT NOT NULL,               -- YYYY-MM-DD
  closed_on  TEXT,                        -- YYYY-MM-DD while closed, else NULL
  opened_by  TEXT NOT NULL                -- the account that opened it
);

CREATE TABLE IF NOT EXISTS net_case_worker (
  case_id     INTEGER NOT NULL REFERENCES net_case(id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES web_user(id),
  assigned_at TEXT NOT NULL,              -- UTC ISO 8601
  assigned_by TEXT NOT NULL,
  PRIMARY KEY (case_id, user_id)
);

CREATE TABLE IF NOT EXISTS net_case_note (
  id      INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES net_case(id) ON DELETE CASCADE,
  body    BLOB NOT NULL,                  -- sealed
  author  TEXT NOT NULL,
  at      TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS net_case_hearing (
  id       INTEGER PRIMARY KEY,
  case_id  INTEGER NOT NULL REFERENCES net_case(id) ON DELETE CASCADE,
  on_date  TEXT NOT NULL,                 -- YYYY-MM-DD
  at_time  TEXT NOT NULL DEFAULT '',      -- HH:MM or ''
  note     BLOB,                          -- sealed, or NULL
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);

-- Reminders mailed before a hearing: once per hearing, account and lead time.
CREATE TABLE IF NOT EXISTS net_case_reminder (
  hearing_id INTEGER NOT NULL REFERENCES net_case_hearing(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES web_user(id),
  days       INTEGER NOT NULL,            -- 7 or 1
  at         INTEGER NOT NULL,            -- unix seconds
  PRIMARY KEY (hearing_id, user_id, days)
);

CREATE TABLE IF NOT EXISTS net_case_doc (
  id       INTEGER PRIMARY KEY,
  case_id  INTEGER NOT NULL REFERENCES net_case(id) ON DELETE CASCADE,
  name     BLOB NOT NULL,                 -- sealed file name
  mime     TEXT NOT NULL,
  size     INTEGER NOT NULL,              -- bytes before sealing
  body     BLOB NOT NULL,                 -- sealed
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS net_case_access (
  id      INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES net_case(id) ON DELETE CASCADE,
  at      TEXT NOT NULL,                  -- UTC ISO 8601
  who     TEXT NOT NULL,                  -- the account
  via     TEXT NOT NULL,                  -- 'web' or 'cli'
  what    TEXT NOT NULL                   -- "read", "note added", ...
);
CREATE INDEX IF NOT EXISTS net_case_access_case ON net_case_access(case_id);

CREATE TABLE IF NOT EXISTS net_case_purge (
  id        INTEGER PRIMARY KEY,
  case_id   INTEGER NOT NULL,             -- the purged case's number
  kind      TEXT NOT NULL,
  closed_on TEXT NOT NULL,
  purged_at TEXT NOT NULL,
  purged_by TEXT NOT NULL                 -- an account, cli:NAME, or 'jobs'
);

CREATE TABLE IF NOT EXISTS net_case_setting (
  name  TEXT PRIMARY KEY,                 -- 'retention_years'
  value TEXT NOT NULL
);
