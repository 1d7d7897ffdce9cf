#!/usr/bin/env bash
# Runs every test of `make check` and ends with one summary line,
# "N passed, N failed". Unit tests (Criterion) and the fuzz corpus replay
# are built with ASan+UBSan by the Makefile before this runs; the
# end-to-end tests run the sanitised binary build/san/parity.
set -u
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
passed=0 failed=0 skipped=0
log=build/test-logs
mkdir -p "$log"

echo "== unit tests (Criterion, ASan+UBSan)"
for t in build/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  "$t" --jobs 2 >"$log/$name.log" 2>&1
  rc=$?
  line=$(grep -a 'Synthesis:' "$log/$name.log" | tail -1)
  p=$(sed -n 's/.*Passing: \([0-9]*\).*/\1/p' <<<"$line")
  f=$(sed -n 's/.*Failing: \([0-9]*\).*/\1/p' <<<"$line")
  c=$(sed -n 's/.*Crashing: \([0-9]*\).*/\1/p' <<<"$line")
  s=$(grep -ac '\[SKIP\]' "$log/$name.log")
  p=${p:-0}; f=${f:-0}; c=${c:-0}
  if [ -z "$line" ] || { [ $rc -ne 0 ] && [ $((f + c)) -eq 0 ]; }; then
    f=$((f + 1)); echo "   $name: did not finish cleanly (exit $rc); see $log/$name.log"
    tail -20 "$log/$name.log"
  fi
  passed=$((passed + p)); failed=$((failed + f + c)); skipped=$((skipped + s))
  printf '   %-28s %s\n' "$name" "${line#*Synthesis: }"
  if [ $((f + c)) -gt 0 ]; then grep -a -E '\[FAIL\]|Assertion|CRASH|ERROR' "$log/$name.log" | head -30; fi
done

echo "== end-to-end tests (tests/cli, real binary)"
out=$(bash tests/cli/run.sh build/san/parity 2>&1)
echo "$out" | grep -v '^ok ' 
cp=$(sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' <<<"$out")
cf=$(sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' <<<"$out")
cs=$(sed -n 's/^cli: .* \([0-9]*\) skipped.*/\1/p' <<<"$out")
if [ -z "$cp" ]; then cf=1; cp=0; echo "   cli harness did not finish"; fi
passed=$((passed + cp)); failed=$((failed + cf)); skipped=$((skipped + ${cs:-0}))

echo "== HTTP tests (tests/http, real server on a loopback port)"
out=$(bash tests/http/run.sh build/san/parity 2>&1)
echo "$out" | grep -v '^ok '
hp=$(sed -n 's/^http: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' <<<"$out")
hf=$(sed -n 's/^http: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' <<<"$out")
if [ -z "$hp" ]; then hf=1; hp=0; echo "   http harness did not finish"; fi
passed=$((passed + hp)); failed=$((failed + hf))

echo "== browser tests (tests/browser: headless Chromium, Playwright, axe-core)"
out=$(node tests/browser/run.mjs build/san/parity 2>&1)
echo "$out" | grep -v '^ok '
bp=$(sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' <<<"$out")
bf=$(sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' <<<"$out")
if [ -z "$bp" ]; then bf=1; bp=0; echo "   browser harness did not finish"; fi
passed=$((passed + bp)); failed=$((failed + bf))

echo "== fuzz corpus replay (ASan+UBSan)"
for r in build/replay/fuzz_*; do
  [ -x "$r" ] || continue
  name=$(basename "$r")
  files=$(find "fuzz/corpus/$name" -type f 2>/dev/null | sort)
  if [ -z "$files" ]; then echo "   $name: no corpus"; failed=$((failed + 1)); continue; fi
  if $r $files >"$log/$name.log" 2>&1; then
    passed=$((passed + 1)); echo "   $name: $(tail -1 "$log/$name.log")"
  else
    failed=$((failed + 1)); echo "   $name: FAILED"; tail -30 "$log/$name.log"
  fi
done

echo
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
