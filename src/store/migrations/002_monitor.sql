-- 002: diversity monitoring — imported extracts, aggregate counts, flags.
-- Portable SQL. Person ids are never stored: only a keyed hash of them
-- (the key lives in mon_secret and never leaves the database).

CREATE TABLE mon_secret (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  key TEXT NOT NULL                          -- hex of 16 random bytes (libsodium)
);

-- One imported extract: a dataset for a period. Re-importing the same
-- dataset and period replaces it in one transaction.
CREATE TABLE mon_import (
  id          INTEGER PRIMARY KEY,
  dataset     TEXT NOT NULL,                 -- "service-users"
  period      TEXT NOT NULL,                 -- "2011Q3"
  kind        TEXT NOT NULL DEFAULT 'rows' CHECK (kind IN ('rows', 'counts')),
  definition  TEXT NOT NULL,                 -- the dataset definition used (JSON)
  source      TEXT,                          -- file name
  imported_at TEXT NOT NULL,
  rows        INTEGER NOT NULL,
  UNIQUE (dataset, period)
);

-- Person-level rows of an extract, pseudonymised.
CREATE TABLE mon_row (
  import_id INTEGER NOT NULL REFERENCES mon_import(id) ON DELETE CASCADE,
  pid       TEXT NOT NULL,                   -- keyed BLAKE2b hash of the person id, hex
  unit      TEXT NOT NULL,                   -- '' when the dataset has no units
  grade     TEXT NOT NULL,                   -- '' when none
  cats      TEXT NOT NULL,                   -- category code per characteristic, '|' between
  outcomes  INTEGER NOT NULL,                -- bit i set: outcome i happened
  pay       REAL,                            -- hourly pay (staff) or NULL
  bonus     REAL,                            -- bonus paid (staff) or NULL
  PRIMARY KEY (import_id, pid)
);

-- Aggregate counts (import-counts, or published tables).
CREATE TABLE mon_count (
  import_id      INTEGER NOT NULL REFERENCES mon_import(id) ON DELETE CASCADE,
  unit           TEXT NOT NULL,
  characteristic TEXT NOT NULL,
  grp            TEXT NOT NULL,              -- category code or high-level group
  outcome        TEXT NOT NULL,
  favourable     INTEGER NOT NULL,
  numerator      INTEGER NOT NULL,
  denominator    INTEGER NOT NULL,
  PRIMARY KEY (import_id, unit, characteristic, grp, outcome)
);

-- A disproportionality flag: a comparison that met the flag rule.
CREATE TABLE mon_flag (
  id             INTEGER PRIMARY KEY,
  dataset        TEXT NOT NULL,
  unit           TEXT NOT NULL,
  characteristic TEXT NOT NULL,
  grp            TEXT NOT NULL,
  reference      TEXT NOT NULL,
  outcome        TEXT NOT NULL,
  period         TEXT NOT NULL,              -- period it was raised for
  state          TEXT NOT NULL DEFAULT 'open'
                 CHECK (state IN ('open', 'explained', 'actioned', 'closed')),
  rr             REAL, rr_low REAL, rr_high REAL, p_adj REAL,
  numerator      INTEGER, denominator INTEGER,
  previous_id    INTEGER REFERENCES mon_flag(id),  -- the same finding last time
  action_id      INTEGER REFERENCES action(id),    -- action created for it
  created_at     TEXT NOT NULL,
  UNIQUE (dataset, unit, characteristic, grp, outcome, period)
);

CREATE TABLE mon_flag_event (
  id      INTEGER PRIMARY KEY,
  flag_id INTEGER NOT NULL REFERENCES mon_flag(id) ON DELETE CASCADE,
  at      TEXT NOT NULL,
  author  TEXT NOT NULL,
  kind    TEXT NOT NULL,                     -- raised|reopened|explained|actioned|closed
  note    TEXT
);

-- Actions and areas created by parity itself (from a flag) are kept when
-- the plan document is imported again.
ALTER TABLE action ADD COLUMN origin TEXT NOT NULL DEFAULT 'document';
ALTER TABLE action ADD COLUMN flag_id INTEGER REFERENCES mon_flag(id);
ALTER TABLE area ADD COLUMN origin TEXT NOT NULL DEFAULT 'document';
