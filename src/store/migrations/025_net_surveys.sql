-- 025: consultations and surveys (issue 18; docs/network.md "Consultations
-- and surveys"). An anonymous survey's responses hold no member id and only
-- the date they came in; a personal token is stored as its hash and records
-- that it was used, never when nor which response.

CREATE TABLE IF NOT EXISTS net_survey (
  id            INTEGER PRIMARY KEY,
  title         TEXT NOT NULL,
  kind          TEXT NOT NULL,             -- consultation, staff-survey, exit-interview
  anonymous     INTEGER NOT NULL,          -- 1 anonymous, 0 named
  access        TEXT NOT NULL,             -- public, members
  status        TEXT NOT NULL,             -- draft, open, closed
  opens         TEXT,                      -- ISO date or NULL
  closes        TEXT,
  asks          TEXT NOT NULL,             -- characteristics asked, comma-separated
  public_token  TEXT UNIQUE,               -- the public link's token (handed out), once open
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL              -- UTC ISO 8601
);

CREATE TABLE IF NOT EXISTS net_survey_question (
  id          INTEGER PRIMARY KEY,
  survey_id   INTEGER NOT NULL REFERENCES net_survey(id),
  number      INTEGER NOT NULL,            -- 1, 2, ...
  type        TEXT NOT NULL,               -- single, multiple, scale, text
  text        TEXT NOT NULL,
  required    INTEGER NOT NULL,
  scale_lo    INTEGER NOT NULL DEFAULT 0,
  scale_hi    INTEGER NOT NULL DEFAULT 0,
  lo_label    TEXT NOT NULL DEFAULT '',
  hi_label    TEXT NOT NULL DEFAULT '',
  UNIQUE (survey_id, number)
);

CREATE TABLE IF NOT EXISTS net_survey_choice (
  question_id INTEGER NOT NULL REFERENCES net_survey_question(id),
  number      INTEGER NOT NULL,            -- 1, 2, ...
  text        TEXT NOT NULL,
  PRIMARY KEY (question_id, number)
);

CREATE TABLE IF NOT EXISTS net_survey_response (
  id          INTEGER PRIMARY KEY,
  survey_id   INTEGER NOT NULL REFERENCES net_survey(id),
  member_id   INTEGER REFERENCES net_member(id), -- named surveys only; NULL when anonymous or erased
  received_on TEXT NOT NULL,               -- the date only (ISO), never the time
  channel     TEXT NOT NULL                -- web, paper, import
);
CREATE INDEX IF NOT EXISTS net_survey_response_survey ON net_survey_response(survey_id);

CREATE TABLE IF NOT EXISTS net_survey_answer (
  response_id INTEGER NOT NULL REFERENCES net_survey_response(id),
  question_id INTEGER NOT NULL REFERENCES net_survey_question(id),
  choice      INTEGER,                     -- choice number (one row per choice of a multiple)
  value       INTEGER,                     -- a scale's point
  text        TEXT                         -- free text
);
CREATE INDEX IF NOT EXISTS net_survey_answer_response ON net_survey_answer(response_id);

CREATE TABLE IF NOT EXISTS net_survey_char (
  response_id    INTEGER NOT NULL REFERENCES net_survey_response(id),
  characteristic TEXT NOT NULL,            -- column name: ethnicity, sex, ...
  value          TEXT NOT NULL,            -- as given ("" when skipped)
  grp            TEXT NOT NULL,            -- analysis group: "Black", "Not stated", "Missing"
  PRIMARY KEY (response_id, characteristic)
);

CREATE TABLE IF NOT EXISTS net_survey_token (
  id          INTEGER PRIMARY KEY,
  survey_id   INTEGER NOT NULL REFERENCES net_survey(id),
  member_id   INTEGER REFERENCES net_member(id), -- NULL once the member is erased
  token_hash  TEXT NOT NULL UNIQUE,        -- net_token_hash of the mailed token
  sent_on     TEXT NOT NULL,               -- ISO date mailed
  used        INTEGER NOT NULL DEFAULT 0   -- 1 once a response came with it (never when)
);
CREATE INDEX IF NOT EXISTS net_survey_token_survey ON net_survey_token(survey_id, member_id);
