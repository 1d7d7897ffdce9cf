-- 007: published count tables suppress and round cells (import-counts; see
-- docs/datasets.md, "Aggregate counts", and docs/methods.md). A suppressed
-- count is not known: it is kept apart from 0 by a flag, its stored value
-- being 0 and never read as a count.

-- Bits of a count that was suppressed in the table: 1 the numerator, 2 the
-- denominator. parts: how many published cells were added up into the row
-- (the units into "All", several codes into one group), which bounds the
-- error of rounded counts.
ALTER TABLE mon_count ADD COLUMN unknown INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mon_count ADD COLUMN parts INTEGER NOT NULL DEFAULT 1;

-- Counts declared rounded to the nearest this many (--rounded N); 0: exact.
ALTER TABLE mon_import ADD COLUMN rounded INTEGER NOT NULL DEFAULT 0;
