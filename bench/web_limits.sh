#!/usr/bin/env bash
# bench/web_limits.sh: the two abuse measurements of issue 13's review,
# against any build of parity (the figures in docs/web.md, "Limits").
#
#   flood  CLIENTS connections at once without a cookie, each POSTing
#          MB megabytes of multipart to /monitoring/upload as fast as the
#          server takes it. Reported: the server's resident memory before
#          (VmRSS), at its peak (VmHWM) and 3 s after the clients are done,
#          the bytes the server accepted, and the wall time.
#   slow   ADDRS x PER_ADDR connections from the loopback addresses
#          127.0.0.2 on, each sending a request line and then one header
#          line every INTERVAL seconds, for SECONDS; meanwhile a signed-in
#          user GETs /dashboard once a second (curl -m 5 each). Reported:
#          how many of the user's requests got a 200, the longest time one
#          took, and how long the user was kept out (from the first failed
#          or slow (> 1 s) request to the last), and how many slow
#          connections were still open at the end.
#
# Usage: PARITY=./parity bench/web_limits.sh flood [CLIENTS [MB]]   (100, 32)
#        PARITY=./parity bench/web_limits.sh slow [ADDRS [PER_ADDR [INTERVAL [SECONDS]]]]
#                                                                 (6, 200, 10, 60)
# Extra `parity serve` options go in SERVE_OPTS. The database is the demo
# plan with one viewer, in a temporary folder. Needs python3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
P=$(realpath "${PARITY:-./parity}")
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
SC=tests/http/slowclient.py
W=$(mktemp -d)
SRV=
cleanup() {
  if [ -n "$SRV" ]; then kill -TERM "$SRV" 2>/dev/null || true; wait "$SRV" 2>/dev/null || true; fi
  rm -rf "$W"
}
trap cleanup EXIT
PW=correct-horse-battery
"$P" --db "$W/db" plan import data/demo/action-plan.md >/dev/null
printf '%s\n' "$PW" | "$P" --db "$W/db" user add vi --role viewer --password-stdin >/dev/null
# shellcheck disable=SC2086
"$P" --db "$W/db" serve --port 0 --access-log off ${SERVE_OPTS:-} >"$W/log" 2>&1 &
SRV=$!
for _ in $(seq 1 100); do
  PORT=$(sed -n 's|.* on http://127.0.0.1:\([0-9]*\)/ .*|\1|p' "$W/log")
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { cat "$W/log"; exit 1; }
BASE=http://127.0.0.1:$PORT
kb() { awk -v k="$1" '$1==k":"{print $2}' "/proc/$SRV/status"; }
mb() { awk -v k="$1" 'BEGIN{printf "%.0f", k / 1024}'; }
# sign in (also warms the server up like a used one)
curl -s -c "$W/jar" -b "$W/jar" -o "$W/page" "$BASE/login"
TOK=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$W/page" | head -1)
curl -s -c "$W/jar" -b "$W/jar" -o /dev/null --data-urlencode "csrf=$TOK" \
  --data-urlencode name=vi --data-urlencode "password=$PW" "$BASE/login"
for u in / /plan /dashboard /public; do curl -s -b "$W/jar" -o /dev/null "$BASE$u"; done
echo "binary: $P ($(sha256sum "$P" | cut -c1-12))"

case "${1:-flood}" in
flood)
  N=${2:-100} MB=${3:-32}
  rss0=$(kb VmRSS)
  # the sign-in's argon2id (64 MiB) set the peak; start it afresh (Linux:
  # writing 5 to clear_refs resets VmHWM)
  echo 5 > "/proc/$SRV/clear_refs" 2>/dev/null || echo "  (cannot reset VmHWM: the peak includes the sign-in's 64 MiB)"
  t0=$(date +%s.%N)
  acc=$($PY "$SC" flood "$PORT" /monitoring/upload "$N" $((MB * 1048576)))
  t1=$(date +%s.%N)
  sleep 3
  echo "flood: $N clients x $MB MB without a cookie to /monitoring/upload"
  echo "  server accepted $(mb $((acc / 1024))) MB of $((N * MB)) MB in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b - a}') s"
  echo "  RSS before $(mb "$rss0") MB, peak $(mb "$(kb VmHWM)") MB, 3 s after $(mb "$(kb VmRSS)") MB"
  ;;
slow)
  A=${2:-6} PER=${3:-200} IV=${4:-10} SECS=${5:-60}
  $PY "$SC" slowloris "$PORT" 2 "$A" "$PER" "$IV" "$SECS" "$W/loris" &
  LP=$!
  for _ in $(seq 1 600); do grep -q opened "$W/loris" 2>/dev/null && break; sleep 0.1; done
  : > "$W/user"
  start=$(date +%s.%N)
  while kill -0 "$LP" 2>/dev/null; do
    t=$(date +%s.%N)
    r=$(curl -s -o /dev/null -m 5 -w '%{http_code} %{time_total}' -b "$W/jar" "$BASE/dashboard" || true)
    echo "$(awk -v a="$start" -v b="$t" 'BEGIN{printf "%.1f", b - a}') $r" >> "$W/user"
    sleep 1
  done
  wait "$LP" || true
  echo "slow: $((A * PER)) connections from $A addresses, a header line every $IV s, for $SECS s"
  echo "  slow connections opened: $(awk '$1=="opened"{print $2}' "$W/loris"), still open at the end: $(awk '$1=="done"{print $2}' "$W/loris")"
  awk '{n++; if ($2 == 200) ok++; if ($3 > max) max = $3;
        if ($2 != 200 || $3 > 1) { if (first == "") first = $1; last = $1 + $3 } }
       END { printf "  signed-in user: %d of %d requests answered 200, slowest %.2f s, kept out %.0f s\n",
             ok, n, max, first == "" ? 0 : last - first }' "$W/user"
  ;;
*) echo "usage: bench/web_limits.sh flood|slow ..." >&2; exit 2 ;;
esac
