-- 006: periods in time order, and who is on full pay.
--
-- mon_import.period_key orders the periods of a dataset in time, for
-- trends and "earlier periods" (string order put FY2011-12 after every
-- 2011 period and 2011-07 before 2011Q1). It is the key of
-- src/core/period.h: (year × 100 + month of the period's last day) × 10
-- + 1 for a month, 2 a quarter, 3 a year or financial year:
--   2011-07 -> 2011071, 2011Q3 -> 2011092, 2011 -> 2011123,
--   FY2011-12 -> 2012033.
-- Imports from now on get it from the parser; the UPDATE below gives it
-- to earlier imports whose period is one of the documented forms (Q and
-- FY in either case), in portable SQL: every character checked before a
-- CAST, the financial year's CAST inside a CASE of its own so that it is
-- only reached once the shape is right. Other periods, which earlier
-- versions accepted as any text, keep NULL: they have no place in time,
-- so no trend runs through them.
ALTER TABLE mon_import ADD COLUMN period_key INTEGER;

UPDATE mon_import SET period_key = CASE
  WHEN LENGTH(period) = 4 AND SUBSTR(period, 1, 1) BETWEEN '1' AND '9' AND SUBSTR(period, 2, 1) BETWEEN '0' AND '9' AND SUBSTR(period, 3, 1) BETWEEN '0' AND '9' AND SUBSTR(period, 4, 1) BETWEEN '0' AND '9'
    THEN (CAST(SUBSTR(period, 1, 4) AS INTEGER) * 100 + 12) * 10 + 3
  WHEN LENGTH(period) = 6 AND SUBSTR(period, 1, 1) BETWEEN '1' AND '9' AND SUBSTR(period, 2, 1) BETWEEN '0' AND '9' AND SUBSTR(period, 3, 1) BETWEEN '0' AND '9' AND SUBSTR(period, 4, 1) BETWEEN '0' AND '9'
       AND UPPER(SUBSTR(period, 5, 1)) = 'Q' AND SUBSTR(period, 6, 1) BETWEEN '1' AND '4'
    THEN (CAST(SUBSTR(period, 1, 4) AS INTEGER) * 100 + CAST(SUBSTR(period, 6, 1) AS INTEGER) * 3) * 10 + 2
  WHEN LENGTH(period) = 7 AND SUBSTR(period, 1, 1) BETWEEN '1' AND '9' AND SUBSTR(period, 2, 1) BETWEEN '0' AND '9' AND SUBSTR(period, 3, 1) BETWEEN '0' AND '9' AND SUBSTR(period, 4, 1) BETWEEN '0' AND '9' AND SUBSTR(period, 5, 1) = '-'
       AND ((SUBSTR(period, 6, 1) = '0' AND SUBSTR(period, 7, 1) BETWEEN '1' AND '9')
            OR (SUBSTR(period, 6, 1) = '1' AND SUBSTR(period, 7, 1) BETWEEN '0' AND '2'))
    THEN (CAST(SUBSTR(period, 1, 4) AS INTEGER) * 100 + CAST(SUBSTR(period, 6, 2) AS INTEGER)) * 10 + 1
  WHEN LENGTH(period) = 9 AND UPPER(SUBSTR(period, 1, 2)) = 'FY' AND SUBSTR(period, 3, 1) BETWEEN '1' AND '9' AND SUBSTR(period, 4, 1) BETWEEN '0' AND '9' AND SUBSTR(period, 5, 1) BETWEEN '0' AND '9' AND SUBSTR(period, 6, 1) BETWEEN '0' AND '9'
       AND SUBSTR(period, 7, 1) = '-' AND SUBSTR(period, 8, 1) BETWEEN '0' AND '9' AND SUBSTR(period, 9, 1) BETWEEN '0' AND '9'
    THEN CASE
      WHEN CAST(SUBSTR(period, 3, 4) AS INTEGER) < 9999
           AND CAST(SUBSTR(period, 8, 2) AS INTEGER) = (CAST(SUBSTR(period, 3, 4) AS INTEGER) + 1) - ((CAST(SUBSTR(period, 3, 4) AS INTEGER) + 1) / 100) * 100
        THEN ((CAST(SUBSTR(period, 3, 4) AS INTEGER) + 1) * 100 + 3) * 10 + 3
    END
END;

CREATE INDEX mon_import_period_key ON mon_import(dataset, period_key);

-- mon_block.full_pay: one byte a person, 1 on full pay, 0 when the
-- extract's full_pay column said 0 (a relevant employee on reduced pay,
-- left out of the hourly pay measures; docs/methods.md). NULL when the
-- dataset has no full_pay column: everyone is on full pay, as in every
-- block stored before this migration.
ALTER TABLE mon_block ADD COLUMN full_pay BLOB;
