#!/usr/bin/env bash
# HTTP tests: start the real `parity serve` on a free loopback port and
# talk to it with curl — sign-in, sessions, CSRF, roles, headers, limits,
# escaping, and each room's pages (plan.sh, monitor.sh).
# Usage: tests/http/run.sh PATH/TO/parity
# Ends with "http: N passed, N failed".
set -u
P=$(realpath "${1:-./parity}")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
SRV_PID=
trap '[ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; rm -rf "$T"' EXIT
export PARITY_USER=tester
pass=0 fail=0 skip=0
# PARITY_ONLY=REGEX (make check-http T=REGEX): every request still runs,
# since later ones build on earlier ones, but only matching names count.
only() { [ -z "${PARITY_ONLY:-}" ] || grep -qE -- "$PARITY_ONLY" <<<"$1"; }
c() {
  local name=$1; shift
  if ! only "$name"; then "$@" >/dev/null 2>&1; return 0; fi
  if "$@" >/dev/null 2>&1; then pass=$((pass+1)); echo "ok $name"; else fail=$((fail+1)); echo "FAIL $name: $*"; fi
}
. "$ROOT/tests/http/lib.sh"

# The fixture: the demo plan, and one account per role. Passwords are
# long enough for the rules; the lead leads actions marked TA.
DB="$T/web.db"
PW=correct-horse-battery
"$P" --db "$DB" plan import "$ROOT/data/demo/action-plan.md" >/dev/null
for u in "admin2 admin" "mo monitor" "vi viewer"; do
  set -- $u
  printf '%s\n' "$PW" | "$P" --db "$DB" user add "$1" --role "$2" --password-stdin >/dev/null
done
printf '%s\n' "$PW" | "$P" --db "$DB" user add lea --role lead --lead-initials TA --password-stdin >/dev/null
printf '%s\n' "$PW" | "$P" --db "$DB" user add leb --role lead --lead-initials MD --password-stdin >/dev/null

start_server main "$DB" || { echo "http: 0 passed, 1 failed, 0 skipped"; exit 1; }
A="$T/admin.jar" M="$T/mo.jar" L="$T/lea.jar" L2="$T/leb.jar" V="$T/vi.jar" N="$T/anon.jar"
. "$ROOT/tests/http/web.sh"
for f in plan monitor flags_web caps sheet plan_edit adm_words account_reminders; do
  [ -f "$ROOT/tests/http/$f.sh" ] && . "$ROOT/tests/http/$f.sh"
done
# The dashboard's completeness comes from the figure stored at import;
# recounting from the rows (imports older than migration 004) agrees.
req "$A" GET /dashboard
h "dashboard shows completeness of the latest import" 200 'of equality fields recorded in'
grep -o '[0-9.]*% of equality fields recorded in [^<]*' "$T/body" > "$T/comp1"
sqlite3 "$DB" "UPDATE mon_import SET completeness = NULL"
req "$A" GET /dashboard
grep -o '[0-9.]*% of equality fields recorded in [^<]*' "$T/body" > "$T/comp2"
c "stored completeness equals a recount from the rows ($(cat "$T/comp1"))" sh -c "[ -s '$T/comp1' ] && cmp -s '$T/comp1' '$T/comp2'"
stop_server

. "$ROOT/tests/http/uploads.sh"
. "$ROOT/tests/http/mon_words.sh"
. "$ROOT/tests/http/publish_pages.sh"
. "$ROOT/tests/http/members.sh"
. "$ROOT/tests/http/mail_outbox.sh"
. "$ROOT/tests/http/plan_import.sh"
. "$ROOT/tests/http/races.sh"
. "$ROOT/tests/http/limits.sh"
. "$ROOT/tests/http/hardening.sh"
. "$ROOT/tests/http/store.sh"
. "$ROOT/tests/http/firstrun.sh"
. "$ROOT/tests/http/plan_fields.sh"
. "$ROOT/tests/http/plan_view.sh"
. "$ROOT/tests/http/meetings.sh"
. "$ROOT/tests/http/meetings_web.sh"
. "$ROOT/tests/http/lists.sh"
. "$ROOT/tests/http/mentoring.sh"
. "$ROOT/tests/http/casework.sh"
. "$ROOT/tests/http/surveys_web.sh"
. "$ROOT/tests/http/services.sh"
. "$ROOT/tests/http/dir_release.sh"
. "$ROOT/tests/http/directories.sh"
. "$ROOT/tests/http/eia.sh"
. "$ROOT/tests/http/flag_raise.sh"
. "$ROOT/tests/http/objective_jobs.sh"
. "$ROOT/tests/http/objectives.sh"
. "$ROOT/tests/http/objectives_public.sh"

echo "http: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
