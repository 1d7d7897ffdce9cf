-- 015: releases of the public equality tables (issue 16, safe publication).
--
-- A release freezes what was published for a dataset and a period, and
-- the rules it was protected by. Only published values are kept: a
-- suppressed cell's value is NULL here, so the true count of a suppressed
-- cell is in no table of a release. layout names the units, outcomes,
-- characteristics and groups the cells' indices refer to; covers the
-- imported periods the release added up (a year: its quarters), which
-- ties it to the other releases of those periods. A replaced release goes
-- to pub_release_old with the reason, its cells as JSON.

CREATE TABLE IF NOT EXISTS pub_release (
  id          INTEGER PRIMARY KEY,
  dataset     TEXT NOT NULL,
  period      TEXT NOT NULL,
  period_key  INTEGER,                 -- order in time (core/period.h)
  rules       TEXT NOT NULL,           -- JSON: threshold, rounding, all_or_none, small_group
  covers      TEXT NOT NULL,           -- JSON array of imported periods
  layout      TEXT NOT NULL,           -- JSON: units, outcomes, characteristics and groups
  released_at TEXT NOT NULL,           -- UTC, ISO 8601
  released_by TEXT NOT NULL,
  reason      TEXT,                    -- why it replaced an earlier release
  replaced    INTEGER NOT NULL DEFAULT 0,
  cells       INTEGER NOT NULL,
  suppressed  INTEGER NOT NULL,
  UNIQUE (dataset, period)
);

CREATE TABLE IF NOT EXISTS pub_cell (
  release_id INTEGER NOT NULL REFERENCES pub_release(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,         -- order of the tables
  unit       INTEGER NOT NULL,
  ch         INTEGER NOT NULL,
  grp        INTEGER NOT NULL,         -- 255: the All group
  outcome    INTEGER NOT NULL,
  measure    INTEGER NOT NULL,         -- 0 numerator, 1 denominator
  value      INTEGER,                  -- NULL when suppressed
  status     INTEGER NOT NULL,         -- 1 published, 2 primary, 3 secondary
  why        INTEGER NOT NULL,
  PRIMARY KEY (release_id, seq)
);

CREATE TABLE IF NOT EXISTS pub_release_old (
  id          INTEGER PRIMARY KEY,
  dataset     TEXT NOT NULL,
  period      TEXT NOT NULL,
  released_at TEXT NOT NULL,
  released_by TEXT NOT NULL,
  replaced_at TEXT NOT NULL,
  replaced_by TEXT NOT NULL,
  reason      TEXT NOT NULL,
  tables      TEXT NOT NULL            -- the release as its JSON (published values only)
);
