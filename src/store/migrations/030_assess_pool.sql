-- 030: reorganisation and redundancy impact (issue 19; src/assess/pool.c).
-- The analysis of a selection pool attached to an impact assessment: the
-- extract's file name and the JSON of 'parity eia pool --format json'
-- (counts by group, rates, four-fifths, comparisons). No person's row is
-- kept. Its evidence is in eia_evidence, one row per characteristic.

CREATE TABLE IF NOT EXISTS eia_pool (
  id        INTEGER PRIMARY KEY,
  eia_id    INTEGER NOT NULL REFERENCES eia(id) ON DELETE CASCADE,
  file      TEXT NOT NULL,                    -- the extract's file name, without folders
  sheet     TEXT,                             -- the sheet read (NULL: the first, or CSV)
  analysis  TEXT NOT NULL,                    -- JSON (docs/assess.md)
  at        TEXT NOT NULL,                    -- ISO timestamp (UTC)
  author    TEXT NOT NULL
);
