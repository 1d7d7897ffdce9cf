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
# PARITY_ONLY=REGEX (make check-cli T=REGEX): every test still runs, since
# later ones build on earlier ones, but only matching names are counted.
only() { [ -z "${PARITY_ONLY:-}" ] || grep -qE -- "$PARITY_ONLY" <<<"$1"; }

# t NAME RC STDOUT_RE STDERR_RE -- CMD...   ('' skips a check)
t() {
  local name=$1 rc=$2 ore=$3 ere=$4; shift 5
  "$@" >"$T/out" 2>"$T/err"; local got=$?
  only "$name" || return 0
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
  if ! only "$name"; then "$@" >/dev/null 2>&1; return 0; fi
  if "$@" >/dev/null 2>&1; then pass=$((pass+1)); echo "ok $name"; else fail=$((fail+1)); echo "FAIL $name: $*"; fi
}
skip() { only "$1" || return 0; skip=$((skip+1)); echo "skip $1: $2"; }
# same_report A.json B.json: equal in everything but the open flags (which
# only a database has).
same_report() {
  python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for d in (a, b):
    d.pop('open_flags', None)
sys.exit(0 if a == b else 1)
PY
}
dump() { sqlite3 "$1" .dump 2>/dev/null | grep -v '^INSERT INTO schema_version' | md5sum; }

DB="$T/p.db"
# Each cases file builds its own fixtures, so one can run alone:
# PARITY_ONLY=cases_counts, or cases_counts:REGEX for some of its tests.
files="cases cases_monitor cases_periods_pay cases_counts cases_web cases_caps cases_store cases_sheet cases_plan_fields cases_publish cases_lists cases_members cases_mail cases_meetings cases_mentoring cases_casework cases_surveys cases_eia cases_eia_duties cases_directories cases_dir_release cases_pool cases_flag_raise cases_publish_measure cases_objectives cases_objective_values cases_objreport"
case "${PARITY_ONLY:-}" in
  cases*)
    files=${PARITY_ONLY%%:*}
    [ -f "$ROOT/tests/cli/$files.sh" ] || { echo "no tests/cli/$files.sh"; echo "cli: 0 passed, 1 failed, 0 skipped"; exit 1; }
    case "$PARITY_ONLY" in *:*) PARITY_ONLY=${PARITY_ONLY#*:} ;; *) PARITY_ONLY= ;; esac ;;
esac
for f in $files; do
  . "$ROOT/tests/cli/$f.sh"
done

echo "cli: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
