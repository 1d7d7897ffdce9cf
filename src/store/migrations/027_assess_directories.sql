-- 027: directories (issue 19; docs/directories.md). Reasonable adjustments
-- in place and flexible working arrangements, one row per arrangement of
-- one person (personal data: every command on them names an account
-- holding the import-data capability with --as); they leave only as
-- counts by type and unit with small counts suppressed. And the public
-- directory of services (staff networks, support groups, interpreters,
-- faith rooms) shown on /public/services.
CREATE TABLE IF NOT EXISTS dir_arrangement (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('adjustment', 'flexible')),
  person      TEXT NOT NULL,               -- staff number or name
  unit        TEXT NOT NULL,
  type        TEXT NOT NULL,               -- from the kind's documented list
  start_on    TEXT NOT NULL,               -- YYYY-MM-DD
  end_on      TEXT,                        -- YYYY-MM-DD, NULL while open-ended
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL                -- UTC ISO 8601
);
CREATE INDEX IF NOT EXISTS dir_arrangement_kind ON dir_arrangement (kind, unit, type);

CREATE TABLE IF NOT EXISTS dir_service (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE,
  kind     TEXT NOT NULL CHECK (kind IN ('network', 'support', 'interpreter', 'faith-room', 'other')),
  contact  TEXT NOT NULL,
  url      TEXT,                           -- http(s) only
  place    TEXT,                           -- where: a room, a building
  added_at TEXT NOT NULL
);
