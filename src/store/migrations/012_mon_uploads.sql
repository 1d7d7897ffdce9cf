-- 012: the monitoring uploads on the web (issue 15; see docs/web.md,
-- "Monitoring data", and docs/datasets.md, "Dataset configs kept in parity").
--
-- Replacing a period that is already imported asks first (extracts and
-- count tables alike). The upload is
-- read, checked and written as a staged import (migration 010) as before,
-- but when its period is already imported it is not swapped in: it waits,
-- hidden, while the page shows what would be replaced, and only Confirm
-- swaps it in (Cancel, or a newer upload by the same person, or an hour
-- passing, discards it). mon_held says who uploaded it and for which
-- dataset and period, so that only they can confirm it.
--
-- A dataset's config (the column names and `map` lines of a config file)
-- can be kept in the database under a name and chosen on the upload page,
-- instead of being given as a file each time. The text is kept as
-- uploaded and read again with the config parser on each use.
-- (IF NOT EXISTS: a database taken back by hand to an earlier schema
-- version, as tests do, can run it again.)

CREATE TABLE IF NOT EXISTS mon_held (
  import_id  INTEGER PRIMARY KEY REFERENCES mon_import(id) ON DELETE CASCADE,
  who        TEXT NOT NULL,                    -- the user name who uploaded it
  dataset    TEXT NOT NULL,
  period     TEXT NOT NULL,                    -- the period it would replace
  config     TEXT,                             -- the kept config used, if any
  held_at    TEXT NOT NULL                     -- UTC, ISO 8601
);

-- Count tables are not staged (a table is small and is stored in one
-- transaction): when one holds periods already imported, the uploaded file
-- waits here while the page shows what would be replaced, and Confirm
-- imports it from here, so that it is not uploaded again.
CREATE TABLE IF NOT EXISTS mon_held_counts (
  id         INTEGER PRIMARY KEY,
  who        TEXT NOT NULL,                    -- the user name who uploaded it
  dataset    TEXT NOT NULL,                    -- the name to keep the counts under
  config     TEXT,                             -- the kept config chosen, if any
  rounded    INTEGER NOT NULL DEFAULT 0,       -- counts rounded to the nearest this (0: exact)
  file       TEXT NOT NULL,                    -- the uploaded file's name
  body       BLOB NOT NULL,                    -- the file as uploaded
  held_at    TEXT NOT NULL                     -- UTC, ISO 8601
);

CREATE TABLE IF NOT EXISTS mon_config (
  name       TEXT PRIMARY KEY,                 -- what the upload page lists: "probation-2024"
  body       TEXT NOT NULL,                    -- the config file's text, as uploaded
  file       TEXT NOT NULL,                    -- the uploaded file's name
  datasets   TEXT NOT NULL,                    -- its [dataset NAME] sections, comma separated
  saved_by   TEXT NOT NULL,
  saved_at   TEXT NOT NULL                     -- UTC, ISO 8601
);
