-- 029: the remaining stages of an equality impact assessment (issue 19;
-- src/assess/eia_store.c): screening, the engagement log, sign-off, the
-- review date and its reminders, and the published versions. The eia
-- table of 026 is unchanged: published_at is the latest publication
-- while the assessment stands published, and NULL again while a revised
-- draft is open ('parity eia revise').

CREATE TABLE IF NOT EXISTS eia_screening (
  eia_id  INTEGER PRIMARY KEY REFERENCES eia(id) ON DELETE CASCADE,
  needed  INTEGER NOT NULL CHECK (needed IN (0, 1)), -- is a full assessment needed
  text    TEXT NOT NULL,                             -- why
  at      TEXT NOT NULL,
  author  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS eia_engagement (
  id         INTEGER PRIMARY KEY,
  eia_id     INTEGER NOT NULL REFERENCES eia(id) ON DELETE CASCADE,
  with_whom  TEXT NOT NULL,                 -- who was consulted (published: name groups)
  on_date    TEXT NOT NULL,                 -- YYYY-MM-DD
  text       TEXT NOT NULL,                 -- what they said
  at         TEXT NOT NULL,
  author     TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS eia_signoff (
  eia_id  INTEGER PRIMARY KEY REFERENCES eia(id) ON DELETE CASCADE,
  name    TEXT NOT NULL,                    -- who signed it off
  role    TEXT NOT NULL,                    -- in what role
  at      TEXT NOT NULL,
  author  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS eia_review (
  eia_id   INTEGER PRIMARY KEY REFERENCES eia(id) ON DELETE CASCADE,
  on_date  TEXT NOT NULL,                   -- YYYY-MM-DD; without a row: a year after publication
  at       TEXT NOT NULL,
  author   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS eia_version (
  id            INTEGER PRIMARY KEY,
  eia_id        INTEGER NOT NULL REFERENCES eia(id) ON DELETE CASCADE,
  no            INTEGER NOT NULL,           -- 1, 2, ... within the assessment
  published_at  TEXT NOT NULL,
  published_by  TEXT NOT NULL,
  snapshot      TEXT NOT NULL,              -- the assessment as published (JSON)
  UNIQUE (eia_id, no)
);

-- The review reminders mailed: 30 days before ('soon') and once overdue
-- ('overdue'), once per account and review date.
CREATE TABLE IF NOT EXISTS eia_reminder_sent (
  eia_id   INTEGER NOT NULL REFERENCES eia(id) ON DELETE CASCADE,
  kind     TEXT NOT NULL CHECK (kind IN ('soon', 'overdue')),
  on_date  TEXT NOT NULL,
  user_id  INTEGER NOT NULL REFERENCES web_user(id) ON DELETE CASCADE,
  at       INTEGER NOT NULL,                -- unix seconds
  PRIMARY KEY (eia_id, kind, on_date, user_id)
);
