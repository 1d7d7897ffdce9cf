#!/usr/bin/env bash
# `make run`: load the demo action plan into a fresh demo database and
# print what the monitoring group looks at first: overdue work and what is
# due soon. The demo's reference date is fixed (PARITY_DEMO_AS_OF,
# default 2026-12-01) so the output is the same whenever it is run.
set -euo pipefail
cd "$(dirname "$0")/../.."
AS_OF=${PARITY_DEMO_AS_OF:-2026-12-01}
mkdir -p out
DB=out/demo.db
rm -f "$DB" "$DB-wal" "$DB-shm"
echo "== parity plan import data/demo/action-plan.docx   (database: $DB)"
./parity --db "$DB" plan import data/demo/action-plan.docx --as demo
echo
echo "== parity plan report --as-of $AS_OF"
./parity --db "$DB" plan report --as-of "$AS_OF"
echo
./parity --db "$DB" plan report --as-of "$AS_OF" --format html -o out/plan-report.html
./parity --db "$DB" plan report --as-of "$AS_OF" --format ics -o out/plan.ics
echo
echo "The full report is in out/plan-report.html; a calendar feed in out/plan.ics."
echo "Try: ./parity --db $DB plan show 4a    or    ./parity help"
