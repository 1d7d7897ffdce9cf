-- 031: the directories' counts as released to the public pages (issue 19;
-- docs/directories.md). Each release is the counts of reasonable
-- adjustments and of flexible working arrangements in place on one day,
-- by unit and type, protected by safe publication (publish_protect_grid):
-- only the counts shown are stored, a withheld one is null.
CREATE TABLE IF NOT EXISTS dir_release (
  id          INTEGER PRIMARY KEY,
  on_date     TEXT NOT NULL UNIQUE,   -- YYYY-MM-DD: the day counted
  threshold   INTEGER NOT NULL,       -- counts from 1 to threshold - 1 withheld
  released_at TEXT NOT NULL,          -- UTC ISO 8601
  released_by TEXT NOT NULL,          -- the account
  tables      TEXT NOT NULL           -- JSON, docs/directories.md
);
