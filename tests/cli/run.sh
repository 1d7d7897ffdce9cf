#!/usr/bin/env bash
# End-to-end tests: run the real parity binary on fixture files and check
# exit code, stdout and stderr. Usage: tests/cli/run.sh PATH/TO/parity
# Ends with "cli: N passed, N failed, N skipped".
set -u
P=$(realpath "${1:-./parity}")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED="$ROOT/../shared/seeds/004_f36e35187074ac31.txt"
FIX="$ROOT/tests/fixtures"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export PARITY_USER=tester
pass=0 fail=0 skip=0

# t NAME RC STDOUT_RE STDERR_RE -- CMD...   ('' skips a check)
t() {
  local name=$1 rc=$2 ore=$3 ere=$4; shift 5
  "$@" >"$T/out" 2>"$T/err"; local got=$?
  local why=""
  [ "$got" = "$rc" ] || why="exit $got, wanted $rc"
  if [ -z "$why" ] && [ -n "$ore" ] && ! grep -qE -- "$ore" "$T/out"; then why="stdout lacks /$ore/"; fi
  if [ -z "$why" ] && [ -n "$ere" ] && ! grep -qE -- "$ere" "$T/err"; then why="stderr lacks /$ere/"; fi
  if grep -qE 'runtime error|AddressSanitizer|LeakSanitizer' "$T/err"; then why="sanitizer report"; fi
  if [ -z "$why" ]; then pass=$((pass+1)); echo "ok $name";
  else fail=$((fail+1)); echo "FAIL $name: $why"; echo "  \$ $*"; sed 's/^/  out| /' "$T/out" | head -15; sed 's/^/  err| /' "$T/err" | head -15; fi
}
# c NAME CONDITION-COMMAND... : passes when the command succeeds
c() {
  local name=$1; shift
  if "$@" >/dev/null 2>&1; then pass=$((pass+1)); echo "ok $name"; else fail=$((fail+1)); echo "FAIL $name: $*"; fi
}
skip() { skip=$((skip+1)); echo "skip $1: $2"; }
dump() { sqlite3 "$1" .dump 2>/dev/null | grep -v '^INSERT INTO schema_version' | md5sum; }

DB="$T/p.db"
. "$ROOT/tests/cli/cases.sh"
. "$ROOT/tests/cli/cases_monitor.sh"
. "$ROOT/tests/cli/cases_periods_pay.sh"
. "$ROOT/tests/cli/cases_counts.sh"
. "$ROOT/tests/cli/cases_web.sh"
. "$ROOT/tests/cli/cases_store.sh"

echo "cli: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
