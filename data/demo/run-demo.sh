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
# The plan names its duties by number only; give the numbers their names.
while IFS=$'\t' read -r no name; do
  case $no in ''|'#'*) continue ;; esac
  ./parity --db "$DB" plan duties set "$no" "$name" >/dev/null
done < data/demo/duties.txt
echo
echo "== parity plan report --as-of $AS_OF"
./parity --db "$DB" plan report --as-of "$AS_OF"
echo
./parity --db "$DB" plan report --as-of "$AS_OF" --format html -o out/plan-report.html
./parity --db "$DB" plan report --as-of "$AS_OF" --format ics -o out/plan.ics

echo
echo "== diversity monitoring: two quarters of synthetic service-user data (docs/demo-data.md)"
./parity demo generate --dataset service-users --rows 20000 --seed 11 --period 2011Q2 -o out/service-users-2011Q2.csv
./parity demo generate --dataset service-users --rows 20000 --seed 12 --period 2011Q3 -o out/service-users-2011Q3.csv
./parity --db "$DB" data import out/service-users-2011Q2.csv --dataset service-users --period 2011Q2 --as demo
./parity --db "$DB" data import out/service-users-2011Q3.csv --dataset service-users --period 2011Q3 --as demo
echo
echo "== parity report diversity --period 2011Q3"
./parity --db "$DB" report diversity --period 2011Q3
./parity --db "$DB" report diversity --period 2011Q3 -o out/diversity-2011Q3.html
./parity --db "$DB" report diversity --period 2011Q3 -o out/diversity-2011Q3.xlsx
echo
echo "== equality objectives: three years of synthetic staff data (docs/objectives.md)"
for y in 2024 2025 2026; do
  ./parity demo generate --dataset staff --rows 5000 --seed "$y" --period "$y" -o "out/staff-$y.csv"
  ./parity --db "$DB" data import "out/staff-$y.csv" --dataset staff --period "$y" --as demo
done
# judged on the demo's reference date, like the plan report
NOW=$(date -d "${AS_OF}T09:00:00Z" +%s)
O() { PARITY_NOW=$NOW ./parity --db "$DB" "$@" --as demo; }
O objective add 'A senior workforce that reflects the communities we serve' --by 2028-03-31 \
  --duty 1 --duty 3 --area 3 --review 2027-03-31 >/dev/null
O objective measure 1 --dataset staff --share ethnicity=Black --where grade=SPO,Manager --at-least 10 >/dev/null
O objective measure 1 --dataset staff --ratio promoted --of ethnicity=Black --at-least 0.8 >/dev/null
O objective add 'Know who our staff are' --by 2027-03-31 --duty 3 >/dev/null
O objective measure 2 --dataset staff --completeness ethnicity --at-least 95 >/dev/null
O objective add 'Close the gender pay gap' --by 2029-03-31 --duty 2 >/dev/null
O objective measure 3 --dataset staff --pay-gap sex --median --at-most 3 >/dev/null
O objective publish --on 2024-04-01 >/dev/null
echo
echo "== parity objective list"
PARITY_NOW=$NOW ./parity --db "$DB" objective list
echo
echo "The plan report is in out/plan-report.html (calendar feed out/plan.ics);"
echo "the Diversity Report in out/diversity-2011Q3.html and .xlsx."
echo "Try: ./parity --db $DB flags list    or    ./parity help"

# The web application: one demo account per role, with passwords made
# afresh on every run (printed below, kept in out/demo-accounts.txt).
pw() { local p; p=$(head -c 64 /dev/urandom | base64 -w0); p=${p//[^A-Za-z0-9]/}; echo "${p:0:14}"; }
: > out/demo-accounts.txt
add() { # NAME ROLE [INITIALS]
  local p; p=$(pw)
  printf '%s\n' "$p" | ./parity --db "$DB" user add "$1" --role "$2" ${3:+--lead-initials "$3"} --password-stdin --as demo >/dev/null
  printf '  %-8s %-8s %s\n' "$1" "$2" "$p" >> out/demo-accounts.txt
}
add admin admin
add monitor monitor
add tomasz lead TA
add viewer viewer
PORT=${PARITY_PORT:-8080}
echo
echo "== parity serve: the web application on http://127.0.0.1:$PORT/"
echo "Sign in with one of these demo accounts (name, role, password):"
cat out/demo-accounts.txt
echo "('tomasz' leads the actions marked TA.) Stop the server with Ctrl-C."
if [ -n "${PARITY_NO_SERVE:-}" ]; then exit 0; fi
exec ./parity --db "$DB" serve --port "$PORT"
