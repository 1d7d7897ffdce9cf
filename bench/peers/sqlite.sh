#!/usr/bin/env bash
# bench/peers/sqlite.sh FILE.csv: the benchmark's core table with the
# sqlite3 shell (Debian sqlite3): an in-memory database, a table with the
# extract's columns, `.import --csv --skip 1`, then for each characteristic
# one GROUP BY ldu and group (codes mapped to parity's group names in SQL)
# and the all-ldu rows added up from those. Prints the canonical
# tab-separated table (see parity_table.py), unsorted.
set -euo pipefail
file=$1
case $file in *\"*|*$'\n'*) echo "sqlite.sh: unusual file name" >&2; exit 2 ;; esac
sqlite3 -batch :memory: <<SQL
CREATE TABLE su(person_id TEXT, ldu TEXT, quarter TEXT, sex TEXT, age INTEGER,
  ethnicity TEXT, religion TEXT, disability TEXT, sexual_orientation TEXT,
  referred INTEGER, started INTEGER, completed INTEGER, breached INTEGER);
.import --csv --skip 1 "$file" su
CREATE TEMP TABLE c AS
SELECT ldu, 'ethnicity' AS ch,
  CASE WHEN ethnicity = '' THEN 'Missing' WHEN ethnicity = 'NS' THEN 'Not stated'
    ELSE CASE substr(ethnicity, 1, 1) WHEN 'W' THEN 'White' WHEN 'M' THEN 'Mixed'
      WHEN 'A' THEN 'Asian' WHEN 'B' THEN 'Black' WHEN 'O' THEN 'Other' END END AS grp,
  count(*) AS n, sum(referred) AS referred, sum(started) AS started,
  sum(completed) AS completed, sum(breached) AS breached
FROM su GROUP BY 1, 3
UNION ALL
SELECT ldu, 'sex', CASE WHEN sex = '' THEN 'Missing' ELSE sex END,
  count(*), sum(referred), sum(started), sum(completed), sum(breached)
FROM su GROUP BY 1, 3
UNION ALL
SELECT ldu, 'disability', CASE disability WHEN 'Yes' THEN 'Disabled' WHEN 'No' THEN 'Not disabled'
    WHEN '' THEN 'Missing' ELSE disability END,
  count(*), sum(referred), sum(started), sum(completed), sum(breached)
FROM su GROUP BY 1, 3
UNION ALL
SELECT ldu, 'religion', CASE WHEN religion = '' THEN 'Missing' ELSE religion END,
  count(*), sum(referred), sum(started), sum(completed), sum(breached)
FROM su GROUP BY 1, 3
UNION ALL
SELECT ldu, 'sexual_orientation', CASE sexual_orientation
    WHEN 'Heterosexual' THEN 'Heterosexual or straight' WHEN 'Gay or Lesbian' THEN 'Gay or lesbian'
    WHEN 'Other' THEN 'Other sexual orientation' WHEN '' THEN 'Missing' ELSE sexual_orientation END,
  count(*), sum(referred), sum(started), sum(completed), sum(breached)
FROM su GROUP BY 1, 3;
.headers on
.mode tabs
SELECT ldu AS unit, ch AS characteristic, grp AS "group", n, referred, started, completed, breached FROM c
UNION ALL
SELECT 'All', ch, grp, sum(n), sum(referred), sum(started), sum(completed), sum(breached)
FROM c GROUP BY ch, grp;
SQL
