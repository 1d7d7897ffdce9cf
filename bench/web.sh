#!/usr/bin/env bash
# bench/web.sh: load on `parity serve` with wrk. The demo database of
# `make run` (the demo plan from the .docx, two quarters of 20,000 demo
# service-user rows with their flags) is built in a temporary folder, the
# optimised ./parity serves it with the access log off, a viewer signs in
# with curl, and wrk requests each page with that session cookie:
#   wrk -t2 -c64 -d30s --latency -H 'Cookie: parity_session=...' URL
# Reported per page: requests/s, median and p99 latency, errors (responses
# other than 2xx/3xx, and socket errors). Because wrk counts a 303 to the
# sign-in page as a success, each page is also fetched with curl before
# and after the run, and the bytes wrk read per response are compared with
# the signed-in page's size: a run that was redirected shows up there.
# Target on the 2-core reference machine: no errors, p99 under 50 ms.
# Exit status 0 when the figures were measured (the verdict column says
# whether each page meets the target); with WEB_BENCH_STRICT=1, 1 when any
# page misses it. 1 always when a page errs or does not answer 200, or the
# server or the sign-in does not work.
#
# Usage: bench/web.sh            (WEB_BENCH_SECONDS=30 per page by default)
#   WEB_BENCH_SECONDS=10 WEB_BENCH_PAGES="/ /plan /monitoring" bench/web.sh
#   WEB_BENCH_CONNECTIONS (64), WEB_BENCH_THREADS (wrk threads, 2),
#   WEB_BENCH_SERVER_THREADS (parity serve --threads; default: its own),
#   PARITY (binary, ./parity). Writes bench/results/web-YYYY-MM-DD.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${WEB_BENCH_SECONDS:-30}
CONNS=${WEB_BENCH_CONNECTIONS:-64}
WTHREADS=${WEB_BENCH_THREADS:-2}
PAGES=${WEB_BENCH_PAGES:-/ /plan}
P=${PARITY:-./parity}
P99_TARGET_MS=50

command -v wrk >/dev/null || { echo "bench/web.sh: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
[ -x "$P" ] || { echo "bench/web.sh: no $P; run make first" >&2; exit 1; }

W=$(mktemp -d)
SRV=
cleanup() {
  if [ -n "$SRV" ]; then kill -TERM "$SRV" 2>/dev/null || true; wait "$SRV" 2>/dev/null || true; fi
  rm -rf "$W"
}
trap cleanup EXIT
DB="$W/bench.db"
PW=bench-password-$RANDOM$RANDOM

echo "building the demo database in $W ..." >&2
"$P" --db "$DB" plan import data/demo/action-plan.docx --as bench >/dev/null
"$P" demo generate --dataset service-users --rows 20000 --seed 11 --period 2011Q2 -o "$W/q2.csv" >/dev/null
"$P" demo generate --dataset service-users --rows 20000 --seed 12 --period 2011Q3 -o "$W/q3.csv" >/dev/null
"$P" --db "$DB" data import "$W/q2.csv" --dataset service-users --period 2011Q2 --as bench >/dev/null
"$P" --db "$DB" data import "$W/q3.csv" --dataset service-users --period 2011Q3 --as bench >/dev/null
printf '%s\n' "$PW" | "$P" --db "$DB" user add bench --role viewer --password-stdin --as bench >/dev/null
n_actions=$("$P" --db "$DB" plan list --format json | grep -c '"id":' || true)
n_flags=$("$P" --db "$DB" flags list --format json | grep -c '"id":' || true)

# The server, on a free port, with the access log off.
"$P" --db "$DB" serve --port 0 --access-log off ${WEB_BENCH_SERVER_THREADS:+--threads "$WEB_BENCH_SERVER_THREADS"} \
  >"$W/serve.log" 2>&1 &
SRV=$!
BASE=
for _ in $(seq 1 200); do
  BASE=$(sed -n 's|.* on \(http://127.0.0.1:[0-9]*\)/ .*|\1|p' "$W/serve.log")
  [ -n "$BASE" ] && break
  kill -0 "$SRV" 2>/dev/null || break
  sleep 0.05
done
[ -n "$BASE" ] || { echo "bench/web.sh: the server did not start:" >&2; cat "$W/serve.log" >&2; exit 1; }

# Sign in as a browser would: the form's CSRF token, then the POST.
JAR="$W/jar"
curl -s -c "$JAR" -b "$JAR" -o "$W/login.html" "$BASE/login"
CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$W/login.html" | head -1)
st=$(curl -s -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$CSRF" \
  --data-urlencode name=bench --data-urlencode "password=$PW" "$BASE/login")
TOKEN=$(awk '$6 == "parity_session" { print $7 }' "$JAR")
[ "$st" = 303 ] && [ -n "$TOKEN" ] || { echo "bench/web.sh: sign-in failed (status $st)" >&2; exit 1; }
COOKIE="parity_session=$TOKEN"

# fetch PAGE: status and size in bytes (headers + body) of one signed-in GET.
fetch() { curl -s -o /dev/null -H "Cookie: $COOKIE" -w '%{http_code} %{size_header} %{size_download}' "$BASE$1"; }
# bytes TEXT: wrk's "123.45MB" as bytes.
bytes() {
  awk -v s="$1" 'BEGIN { n = s + 0; u = s; sub(/^[0-9.]+/, "", u);
    m = (u == "KB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : 1; printf "%.0f", n * m }'
}
# ms TEXT: wrk's "1.23ms" / "456.00us" / "1.20s" as milliseconds.
ms() {
  awk -v s="$1" 'BEGIN { n = s + 0; u = s; sub(/^[0-9.]+/, "", u);
    m = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.2f", n * m }'
}

date_tag=$(date +%Y-%m-%d)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
out=bench/results/web-$date_tag.txt
mkdir -p bench/results
rows=() raw="" fails=0 broken=0
for page in $PAGES; do
  read -r st0 h0 b0 <<<"$(fetch "$page")"
  if [ "$st0" != 200 ]; then
    echo "bench/web.sh: GET $page answers $st0 before the run; skipping it" >&2
    rows+=("| \`$page\` | - | - | - | - | - | not measured: status $st0 |")
    broken=$((broken + 1))
    continue
  fi
  size=$((h0 + b0))
  echo "wrk -t$WTHREADS -c$CONNS -d${SECS}s --latency $page ($size bytes a response) ..." >&2
  wout=$(wrk -t"$WTHREADS" -c"$CONNS" -d"${SECS}s" --latency -H "Cookie: $COOKIE" "$BASE$page")
  raw+=$'\n'"### GET $page"$'\n'"$wout"$'\n'
  read -r st1 _ _ <<<"$(fetch "$page")"
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$wout")
  p50=$(ms "$(awk '$1 == "50%" { print $2 }' <<<"$wout")")
  p99=$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$wout")")
  nreq=$(awk '/requests in/ { print $1 }' <<<"$wout")
  read_b=$(bytes "$(awk '/requests in/ { print $5 }' <<<"$wout")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$wout"); non2xx=${non2xx:-0}
  sock=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' <<<"$wout"); sock=${sock:-0}
  # wrk's byte count includes responses cut short at the end of the run:
  # within 2% of the page size per response means every answer was the page.
  per=$(awk -v b="$read_b" -v n="$nreq" 'BEGIN { printf "%.0f", n ? b / n : 0 }')
  same=$(awk -v a="$per" -v b="$size" 'BEGIN { d = a - b; if (d < 0) d = -d; print (b && d / b < 0.02) ? "yes" : "no" }')
  verdict="meets target"
  if [ "$non2xx" != 0 ] || [ "$sock" != 0 ] || [ "$same" != yes ] || [ "$st1" != 200 ]; then
    verdict="ERRORS"; broken=$((broken + 1))
  elif awk -v p="$p99" -v t="$P99_TARGET_MS" 'BEGIN { exit !(p >= t) }'; then
    verdict="p99 over ${P99_TARGET_MS} ms"; fails=$((fails + 1))
  fi
  rows+=("| \`$page\` | $(printf '%.0f' "$rps") | $p50 ms | $p99 ms | $non2xx | $sock | $verdict (${per} B/response, page ${size} B) |")
done

{
  echo "# parity serve under wrk, $date_tag"
  echo
  echo "Machine: $(nproc) cores, $(uname -m), $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)."
  echo "parity $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (with uncommitted changes)'), optimised build ($P), access log off."
  echo "Database: the demo plan ($n_actions actions), 2 quarters x 20,000 demo service-user rows, $n_flags flags."
  echo "Load: wrk -t$WTHREADS -c$CONNS -d${SECS}s --latency, one signed-in viewer session; wrk and the server share the machine"
  echo "(load average before the runs: $load_before; anything else running skews the figures)."
  echo "Target: no errors, p99 under $P99_TARGET_MS ms. Command: bench/web.sh (WEB_BENCH_SECONDS=$SECS)."
  echo
  echo "| page | requests/s | p50 | p99 | non-2xx/3xx | socket errors | verdict |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$out"
{
  echo
  echo "## wrk output"
  echo "$raw"
} >>"$out"
echo "written to $out" >&2
[ "$broken" -eq 0 ] && { [ "$fails" -eq 0 ] || [ -z "${WEB_BENCH_STRICT:-}" ]; }
