// bench/peers/duckdb.mjs FILE.csv: the benchmark's core table with DuckDB
// (npm @duckdb/node-api, its engine inside the registry package): read_csv,
// the codes mapped to parity's group names, one GROUP BY GROUPING SETS for
// every characteristic by ldu and for all ldus. Prints the canonical
// tab-separated table (see parity_table.py), unsorted. DuckDB's defaults:
// an in-memory database, one thread per core.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) { console.error('usage: node duckdb.mjs FILE.csv'); process.exit(2); }
const sql = `
WITH t AS (
  SELECT ldu,
    CASE WHEN ethnicity IS NULL THEN 'Missing' WHEN ethnicity = 'NS' THEN 'Not stated'
      ELSE CASE left(ethnicity, 1) WHEN 'W' THEN 'White' WHEN 'M' THEN 'Mixed' WHEN 'A' THEN 'Asian'
        WHEN 'B' THEN 'Black' WHEN 'O' THEN 'Other' END END AS ethnicity,
    coalesce(sex, 'Missing') AS sex,
    CASE disability WHEN 'Yes' THEN 'Disabled' WHEN 'No' THEN 'Not disabled'
      ELSE coalesce(disability, 'Missing') END AS disability,
    coalesce(religion, 'Missing') AS religion,
    CASE sexual_orientation WHEN 'Heterosexual' THEN 'Heterosexual or straight'
      WHEN 'Gay or Lesbian' THEN 'Gay or lesbian' WHEN 'Other' THEN 'Other sexual orientation'
      ELSE coalesce(sexual_orientation, 'Missing') END AS sexual_orientation,
    referred, started, completed, breached
  FROM read_csv($file, header = true, columns = {
    'person_id': 'VARCHAR', 'ldu': 'VARCHAR', 'quarter': 'VARCHAR', 'sex': 'VARCHAR',
    'age': 'INTEGER', 'ethnicity': 'VARCHAR', 'religion': 'VARCHAR', 'disability': 'VARCHAR',
    'sexual_orientation': 'VARCHAR', 'referred': 'INTEGER', 'started': 'INTEGER',
    'completed': 'INTEGER', 'breached': 'INTEGER'})
)
SELECT CASE WHEN grouping(ldu) = 1 THEN 'All' ELSE ldu END AS unit,
  CASE WHEN grouping(ethnicity) = 0 THEN 'ethnicity' WHEN grouping(sex) = 0 THEN 'sex'
    WHEN grouping(disability) = 0 THEN 'disability' WHEN grouping(religion) = 0 THEN 'religion'
    ELSE 'sexual_orientation' END AS characteristic,
  coalesce(ethnicity, sex, disability, religion, sexual_orientation) AS "group",
  count(*) AS n, sum(referred) AS referred, sum(started) AS started,
  sum(completed) AS completed, sum(breached) AS breached
FROM t
GROUP BY GROUPING SETS ((ldu, ethnicity), (ethnicity), (ldu, sex), (sex),
  (ldu, disability), (disability), (ldu, religion), (religion),
  (ldu, sexual_orientation), (sexual_orientation))`;

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const reader = await con.runAndReadAll(sql, { file });
let out = 'unit\tcharacteristic\tgroup\tn\treferred\tstarted\tcompleted\tbreached\n';
for (const row of reader.getRows()) out += row.map(String).join('\t') + '\n';
process.stdout.write(out);
