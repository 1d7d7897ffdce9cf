#!/usr/bin/env bash
# Runs the tests of `make check` and ends with one summary line,
# "N passed, N failed" (", N skipped" when some could not run: no
# ../shared/seeds, no browser). Unit tests (Criterion) and the fuzz corpus
# replay are built with ASan+UBSan by the Makefile before this runs; the
# end-to-end tests run the sanitised binary build/san/parity.
#
# Usage: tests/run-all.sh [SUITE...]   (default: all of them, in this order)
#   build    the release binary is hardened; the sources build clean with clang
#   unit     tests/unit (Criterion)
#   cli      tests/cli (the real binary on fixture files)
#   http     tests/http (the real server on a loopback port, curl)
#   browser  tests/browser (headless Chromium, Playwright, axe-core)
#   fuzz     the fuzz corpus replayed
#   publish  tests/publish (the scipy attacker on published releases)
#   mail     tests/mail (a real SMTP server, aiosmtpd, delivering into a Maildir)
# T=PATTERN runs only the matching tests: for unit tests, a test binary
# (T=test_stats) or a Criterion filter (T='stats/rr*' or
# T='test_stats:stats/rr*'); for the other suites, an extended regular
# expression over test names — every test still runs, since later tests
# build on earlier ones, but only the matching ones are shown and counted.
set -u
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export PARITY_ONLY="${T:-}"
passed=0 failed=0 skipped=0
log=build/test-logs
mkdir -p "$log"

# tally SUITE OUTPUT: add the "SUITE: N passed, N failed[, N skipped]"
# line of a harness's output to the totals (a harness that printed no such
# line counts as one failure).
tally() {
  local suite=$1 out=$2 line p f s
  line=$(grep -a "^$suite: [0-9]* passed, [0-9]* failed" <<<"$out" | tail -1)
  if [ -z "$line" ]; then
    failed=$((failed + 1)); echo "   $suite harness did not finish"; return
  fi
  p=$(sed -n 's/^[a-z]*: \([0-9]*\) passed.*/\1/p' <<<"$line")
  f=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$line")
  s=$(sed -n 's/.* \([0-9]*\) skipped.*/\1/p' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + ${s:-0}))
}
# one NAME CMD...: a single check that passes when CMD succeeds
one() {
  local name=$1; shift
  if [ -n "$PARITY_ONLY" ] && ! grep -qE -- "$PARITY_ONLY" <<<"$name"; then "$@" >/dev/null 2>&1; return; fi
  if "$@" >"$log/one.log" 2>&1; then passed=$((passed + 1)); echo "   ok $name";
  else failed=$((failed + 1)); echo "   FAIL $name"; head -30 "$log/one.log"; fi
}

suite_build() {
  echo "== build (release hardening, clang -Werror)"
  one "release binary is position-independent (PIE)" sh -c "readelf -h parity | grep -q 'Type: *DYN'"
  one "release binary has full RELRO (relro, now)" sh -c "readelf -l parity | grep -q GNU_RELRO && readelf -d parity | grep -q 'BIND_NOW\|FLAGS.*NOW'"
  one "release binary has stack protector" sh -c "readelf -W --dyn-syms parity | grep -q __stack_chk_fail"
  one "release binary is fortified (_FORTIFY_SOURCE)" sh -c "readelf -W --dyn-syms parity | grep -q '__[a-z]*_chk'"
  if command -v clang >/dev/null; then
    one "every source compiles clean with clang -Werror" make --no-print-directory clang-check
  else
    skipped=$((skipped + 1)); echo "   skip clang -Werror: clang is not installed (make deps installs it)"
  fi
}

suite_unit() {
  echo "== unit tests (Criterion, ASan+UBSan)"
  local bin_pat="" filter="" t name rc line p f c s
  case "$PARITY_ONLY" in
    "") ;;
    test_*:*) bin_pat=${PARITY_ONLY%%:*}; filter=${PARITY_ONLY#*:} ;;
    test_*) bin_pat=$PARITY_ONLY ;;
    *) filter=$PARITY_ONLY ;;
  esac
  for t in build/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    [ -n "$bin_pat" ] && [ "$name" != "$bin_pat" ] && continue
    # --verbose prints [SKIP] lines: Criterion's summary leaves skipped
    # tests out of every count.
    if [ -n "$filter" ]; then
      "$t" --jobs 2 --verbose --filter "$filter" >"$log/$name.log" 2>&1
    else
      "$t" --jobs 2 --verbose >"$log/$name.log" 2>&1
    fi
    rc=$?
    line=$(grep -a 'Synthesis:' "$log/$name.log" | tail -1)
    p=$(sed -n 's/.*Passing: \([0-9]*\).*/\1/p' <<<"$line")
    f=$(sed -n 's/.*Failing: \([0-9]*\).*/\1/p' <<<"$line")
    c=$(sed -n 's/.*Crashing: \([0-9]*\).*/\1/p' <<<"$line")
    # (with --filter, Criterion lists every other test as a skip, "Test
    # is disabled": those were not asked for and are not counted)
    s=$(grep -a '^\[SKIP\]' "$log/$name.log" | grep -vac ': Test is disabled$')
    p=${p:-0}; f=${f:-0}; c=${c:-0}
    if [ -z "$line" ] || { [ $rc -ne 0 ] && [ $((f + c)) -eq 0 ]; }; then
      f=$((f + 1)); echo "   $name: did not finish cleanly (exit $rc); see $log/$name.log"
      tail -20 "$log/$name.log"
    fi
    passed=$((passed + p)); failed=$((failed + f + c)); skipped=$((skipped + s))
    [ -n "$filter" ] && [ $((p + f + c + s)) -eq 0 ] && continue
    printf '   %-28s %s%s\n' "$name" "${line#*Synthesis: }" "$([ "$s" -gt 0 ] && echo " | Skipped: $s")"
    if [ $((f + c)) -gt 0 ]; then grep -a -E '\[FAIL\]|Assertion|CRASH|ERROR' "$log/$name.log" | head -30; fi
    grep -a '^\[SKIP\]' "$log/$name.log" | grep -va ': Test is disabled$' | sed 's/^/   /'
  done
}

# harness SUITE TITLE CMD...: run a harness, show what is not "ok", and
# add its summary line to the totals
harness() {
  local suite=$1 title=$2 out; shift 2
  echo "== $title"
  out=$("$@" 2>&1)
  grep -v '^ok ' <<<"$out"
  tally "$suite" "$out"
}
suite_cli() { harness cli "end-to-end tests (tests/cli, real binary)" bash tests/cli/run.sh build/san/parity; }
suite_http() { harness http "HTTP tests (tests/http, real server on a loopback port)" bash tests/http/run.sh build/san/parity; }
suite_browser() {
  harness browser "browser tests (tests/browser: headless Chromium, Playwright, axe-core)" \
    node tests/browser/run.mjs build/san/parity
}

suite_publish() { harness publish "publication tests (tests/publish: the scipy attacker)" bash tests/publish/run.sh; }

suite_mail() { harness mail "mail tests (tests/mail: a real SMTP server, aiosmtpd)" bash tests/mail/run.sh build/san/parity; }

suite_fuzz() {
  echo "== fuzz corpus replay (ASan+UBSan)"
  local r name files
  for r in build/replay/fuzz_*; do
    [ -x "$r" ] || continue
    name=$(basename "$r")
    if [ -n "$PARITY_ONLY" ] && ! grep -qE -- "$PARITY_ONLY" <<<"$name"; then continue; fi
    files=$(find "fuzz/corpus/$name" -type f 2>/dev/null | sort)
    if [ -z "$files" ]; then echo "   $name: no corpus"; failed=$((failed + 1)); continue; fi
    # shellcheck disable=SC2086
    if $r $files >"$log/$name.log" 2>&1; then
      passed=$((passed + 1)); echo "   $name: $(tail -1 "$log/$name.log")"
    else
      failed=$((failed + 1)); echo "   $name: FAILED"; tail -30 "$log/$name.log"
    fi
  done
}

suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(build unit cli http browser publish mail fuzz)
for s in "${suites[@]}"; do
  case "$s" in
    build | unit | cli | http | browser | publish | mail | fuzz) "suite_$s" ;;
    *) echo "tests/run-all.sh: unknown suite '$s' (build, unit, cli, http, browser, publish, mail, fuzz)"; exit 2 ;;
  esac
done

echo
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
