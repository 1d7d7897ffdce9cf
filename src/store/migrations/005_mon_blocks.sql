-- 005: person-level rows kept as column blocks (see docs/datasets.md,
-- "How imported rows are stored"). One row of mon_block holds up to
-- 65,536 people of one import, each column packed into its own BLOB:
-- small integer codes (little-endian) that mon_dict turns back into the
-- unit, grade and category codes. A 10-million-row extract becomes about
-- 150 rows here instead of 10 million rows of mon_row, so importing it is
-- a few large writes and reporting on it reads ~80 MB of codes, not
-- 10 million text rows. Imports made before this migration stay in
-- mon_row and are read from there.

-- The values the codes of an import stand for: kind is 'unit', 'grade'
-- or a characteristic's name ('ethnicity'); code 0 is "none" (no unit,
-- no grade) and is never stored. Codes are numbered in order of first
-- appearance in the file, so reports list units and groups in that order.
CREATE TABLE mon_dict (
  import_id INTEGER NOT NULL REFERENCES mon_import(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL,
  code      INTEGER NOT NULL,
  value     TEXT NOT NULL,                   -- unit or grade name; category code
  PRIMARY KEY (import_id, kind, code)
);

CREATE TABLE mon_block (
  import_id INTEGER NOT NULL REFERENCES mon_import(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,                -- 0, 1, ... in file order
  rows      INTEGER NOT NULL,                -- people in the block
  unit      BLOB,                            -- u16 (u32 past 65,535 units) per row; NULL: no units
  grade     BLOB,                            -- u16 per row; NULL: no grades
  cats      BLOB,                            -- u8 per row per characteristic of the dataset, one run each
  outcomes  BLOB,                            -- u16 per row: bit i set when outcome i happened
  pay       BLOB,                            -- f64 per row, NaN when blank; NULL: no pay column
  bonus     BLOB,                            -- f64 per row, as pay
  pid       BLOB NOT NULL,                   -- keyed SipHash-128 pseudonym per row (16 bytes)
  PRIMARY KEY (import_id, seq)
);
