-- 004: each person-level import keeps the completeness of its equality
-- data (recorded share, %, of every characteristic, all units together),
-- worked out while importing, so the dashboard does not re-read the rows.
-- NULL for imports made before this migration and for aggregate counts.
ALTER TABLE mon_import ADD COLUMN completeness REAL;
