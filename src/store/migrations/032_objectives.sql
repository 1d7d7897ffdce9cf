-- 032: equality objectives with measurable targets (issue 20;
-- src/plan/objective*.c, docs/objectives.md), and the flags another room
-- raises in monitoring's explain-or-act loop (src/monitor/flag_raise.c).

CREATE TABLE IF NOT EXISTS objective (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  by_date     TEXT NOT NULL,                 -- YYYY-MM-DD: when it is to be met
  description TEXT,                          -- what it is for, in a sentence or two
  owner       TEXT,                          -- initials of the person who answers for it
  review_date TEXT,                          -- YYYY-MM-DD: next review (reminders)
  retired_at  TEXT,                          -- NULL while live
  retired_by  TEXT,
  retired_why TEXT,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS objective_duty (
  objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  duty         INTEGER NOT NULL,             -- one of the plan's duties (duty.no)
  PRIMARY KEY (objective_id, duty)
);

CREATE TABLE IF NOT EXISTS objective_area (
  objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  area_id      INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
  PRIMARY KEY (objective_id, area_id)
);

CREATE TABLE IF NOT EXISTS objective_action (
  objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  action_id    INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
  PRIMARY KEY (objective_id, action_id)
);

CREATE TABLE IF NOT EXISTS objective_eia (
  objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  eia_id       INTEGER NOT NULL REFERENCES eia(id) ON DELETE CASCADE,
  PRIMARY KEY (objective_id, eia_id)
);

-- A measure: a number computed from monitoring data for every imported
-- period of its dataset, and its target.
CREATE TABLE IF NOT EXISTS objective_measure (
  id             INTEGER PRIMARY KEY,
  objective_id   INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  dataset        TEXT NOT NULL,
  kind           TEXT NOT NULL
                 CHECK (kind IN ('share', 'rate', 'ratio', 'completeness', 'pay-gap')),
  characteristic TEXT NOT NULL,              -- column name; pay gap: sex or ethnicity
  grp            TEXT,                       -- share, rate, ratio: the group
  outcome        TEXT,                       -- rate, ratio: the outcome
  statistic      TEXT,                       -- pay gap: mean or median
  where_column   TEXT,                       -- rows kept before counting (NULL: all)
  where_values   TEXT,                       -- JSON array of the values kept
  target         REAL NOT NULL,
  direction      TEXT NOT NULL CHECK (direction IN ('at-least', 'at-most')),
  label          TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS objective_measure_of ON objective_measure(objective_id);

-- The publication of the objectives as a set (the duty asks for it at
-- least every four years): each time they were published.
CREATE TABLE IF NOT EXISTS objective_publication (
  id           INTEGER PRIMARY KEY,
  published_on TEXT NOT NULL,                -- YYYY-MM-DD
  next_due     TEXT NOT NULL,                -- YYYY-MM-DD: four years on
  at           TEXT NOT NULL,
  author       TEXT NOT NULL
);

-- Review reminders sent to owners: one of each kind per review date.
CREATE TABLE IF NOT EXISTS objective_reminder (
  objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  review_date  TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('soon', 'overdue')),
  sent_at      TEXT NOT NULL,
  PRIMARY KEY (objective_id, review_date, kind)
);

-- A flag another room raised (an objective's measure going off track):
-- its finding in words and where to read about it. The flag itself is a
-- mon_flag row like any other, so it is explained or acted on the same
-- way; its outcome column holds the room's key ("objective measure 4"),
-- which keeps one flag per key and period.
CREATE TABLE IF NOT EXISTS mon_flag_external (
  flag_id  INTEGER PRIMARY KEY REFERENCES mon_flag(id) ON DELETE CASCADE,
  source   TEXT NOT NULL,                    -- "objective"
  ref      TEXT NOT NULL,                    -- the room's key: "measure 4"
  finding  TEXT NOT NULL,                    -- in words, for the flag's pages
  href     TEXT                              -- the page about it: "/objectives/3"
);
