-- 026: equality impact assessments (issue 19; src/assess/).
-- An assessment, its evidence per protected characteristic, its
-- assessments per characteristic and aim of the duty, its mitigations
-- (each an action in the plan) and its decision and publication.

CREATE TABLE IF NOT EXISTS eia (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  owner        TEXT NOT NULL,                 -- initials of an active person
  created_at   TEXT NOT NULL,                 -- ISO timestamp (UTC)
  created_by   TEXT NOT NULL,
  outcome      TEXT CHECK (outcome IN ('proceed','adjust','justify','stop')),
  decision     TEXT,                          -- the reasons for the outcome
  decided_by   TEXT,
  decided_at   TEXT,
  published_at TEXT                           -- NULL until published
);

CREATE TABLE IF NOT EXISTS eia_evidence (
  id             INTEGER PRIMARY KEY,
  eia_id         INTEGER NOT NULL REFERENCES eia(id) ON DELETE CASCADE,
  characteristic TEXT NOT NULL,               -- monitoring's column name: "ethnicity"
  text           TEXT NOT NULL,
  dataset        TEXT,                        -- a Diversity Report's dataset and period
  period         TEXT,
  at             TEXT NOT NULL,
  author         TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS eia_assessment (
  id             INTEGER PRIMARY KEY,
  eia_id         INTEGER NOT NULL REFERENCES eia(id) ON DELETE CASCADE,
  characteristic TEXT NOT NULL,
  aim            INTEGER NOT NULL CHECK (aim BETWEEN 0 AND 3), -- 0: all three aims at once
  impact         TEXT NOT NULL CHECK (impact IN ('positive','negative','neutral','unknown')),
  text           TEXT NOT NULL,
  at             TEXT NOT NULL,
  author         TEXT NOT NULL,
  UNIQUE (eia_id, characteristic, aim)
);

CREATE TABLE IF NOT EXISTS eia_mitigation (
  id        INTEGER PRIMARY KEY,
  eia_id    INTEGER NOT NULL REFERENCES eia(id) ON DELETE CASCADE,
  no        INTEGER NOT NULL,                 -- 1, 2, ... within the assessment
  text      TEXT NOT NULL,
  action_id INTEGER NOT NULL REFERENCES action(id), -- the plan's action (id E<eia>.<no>)
  at        TEXT NOT NULL,
  author    TEXT NOT NULL,
  UNIQUE (eia_id, no)
);
