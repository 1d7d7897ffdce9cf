#!/usr/bin/env bash
# Publication tests: the attacker (tests/publish/attacker.py, python3 +
# scipy, independent of parity's C code) on published JSON releases.
# Usage: tests/publish/run.sh   Ends with "publish: N passed, N failed, N skipped".
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIX="$ROOT/tests/publish/fixtures"
A="$ROOT/tests/publish/attacker.py"
pass=0 fail=0 skip=0
only() { [ -z "${PARITY_ONLY:-}" ] || grep -qE -- "$PARITY_ONLY" <<<"$1"; }

# a python3 that has scipy (pyenv's may not; Debian's python3-scipy is in /usr/bin)
PY=
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import scipy.optimize' 2>/dev/null; then PY=$p; break; fi
done

# attack NAME WANT_RC STDOUT_RE FILE... : the attacker on these releases
attack() {
  local name=$1 rc=$2 re=$3 out got; shift 3
  only "$name" || return 0
  if [ -z "$PY" ]; then skip=$((skip+1)); echo "skip $name: python3-scipy is not installed (make deps)"; return; fi
  out=$("$PY" "$A" "$@" 2>&1); got=$?
  if [ "$got" = "$rc" ] && grep -qE -- "$re" <<<"$out"; then pass=$((pass+1)); echo "ok $name";
  else fail=$((fail+1)); echo "FAIL $name: exit $got (wanted $rc), wanted /$re/"; sed 's/^/  | /' <<<"$out" | head -20; fi
}

attack "attacker: a quarter with its primary and secondaries protected" 0 \
  'Banbury \| Sex \| F \| Breach numerator \(primary\): 0\.\.14' "$FIX/quarter_safe.json"
attack "attacker: a primary left recoverable is named" 1 \
  'PINNED 2011Q1 Banbury \| Sex \| F .* = 3' "$FIX/quarter_leak.json"
attack "attacker: the year minus the quarter recovers a primary" 1 \
  'PINNED 2011Q1 Banbury \| Sex \| F .* = 3' "$FIX/quarter_safe.json" "$FIX/year_leak.json"
attack "attacker: a quarter and a year that keep it protected" 0 \
  '0 primary cells pinned' "$FIX/quarter_safe.json" "$FIX/year_safe.json"

echo "publish: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
