# tests/http/lib.sh: helpers for the HTTP tests — start the real server on
# a free loopback port, sign in with curl and a cookie jar, send requests
# and check status, headers and body. Sourced by tests/http/run.sh.

# start_server NAME DB [serve options...]: starts `parity serve --port 0`,
# waits for its address, sets BASE and SRV_PID. Log in $T/NAME.log.
start_server() {
  local name=$1 db=$2; shift 2
  SRV_LOG="$T/$name.log"
  : >"$SRV_LOG" # exists before the loop below reads it (the shell may not have opened it yet)
  "$P" --db "$db" serve --port 0 --access-log "$T/$name.access" "$@" >"$SRV_LOG" 2>&1 &
  SRV_PID=$!
  local i
  for i in $(seq 1 200); do
    BASE=$(sed -n 's|.* on \(http://127.0.0.1:[0-9]*\)/ .*|\1|p' "$SRV_LOG")
    [ -n "$BASE" ] && return 0
    kill -0 "$SRV_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "server $name did not start:"; cat "$SRV_LOG"; return 1
}

# stop_server: SIGTERM, wait, and check it stopped cleanly (exit 0, no
# sanitizer report).
stop_server() {
  kill -TERM "$SRV_PID" 2>/dev/null
  wait "$SRV_PID"; local rc=$?
  c "server stops cleanly on SIGTERM (exit $rc)" test "$rc" = 0
  c "server log has no sanitizer report" sh -c "! grep -qE 'runtime error|AddressSanitizer|LeakSanitizer' '$SRV_LOG'"
  c "no complaint while stopping" sh -c "! sed -n '/stopping/,\$p' '$SRV_LOG' | grep -q 'parity serve:'"
}

# req JAR METHOD PATH [curl args...]: sets STATUS, $T/body, $T/headers.
req() {
  local jar=$1 method=$2 path=$3; shift 3
  STATUS=$(curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -X "$method" \
    -b "$jar" -c "$jar" "$@" "$BASE$path")
}
# csrf_from_body: the csrf hidden field of the last response.
csrf_from_body() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1; }

# post JAR PATH FIELD=VALUE...: GETs PATH_FOR_FORM (default PATH) for a
# token, then POSTs the fields urlencoded with it.
post() {
  local jar=$1 path=$2; shift 2
  req "$jar" GET "${FORM_PAGE:-$path}"
  local tok; tok=$(csrf_from_body)
  local args=(--data-urlencode "csrf=$tok") f
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  req "$jar" POST "$path" "${args[@]}"
}

# login JAR NAME PASSWORD: signs in; STATUS is the POST's status.
login() {
  local jar=$1; rm -f "$jar"
  FORM_PAGE=/login post "$jar" /login "name=$2" "password=$3"
}

# h NAME WANT_STATUS [BODY_RE] [NOT_BODY_RE]: check the last response.
h() {
  local name=$1 want=$2 re=${3:-} nre=${4:-} why=""
  only "$name" || return 0
  [ "$STATUS" = "$want" ] || why="status $STATUS, wanted $want"
  if [ -z "$why" ] && [ -n "$re" ] && ! grep -qE -- "$re" "$T/body"; then why="body lacks /$re/"; fi
  if [ -z "$why" ] && [ -n "$nre" ] && grep -qE -- "$nre" "$T/body"; then why="body has /$nre/"; fi
  if [ -z "$why" ]; then pass=$((pass+1)); echo "ok $name";
  else fail=$((fail+1)); echo "FAIL $name: $why"; head -c 1500 "$T/body" | sed 's/^/  body| /'; fi
}
# hdr NAME REGEX: the last response's headers match (case-insensitive).
hdr() {
  only "$1" || return 0
  if grep -qiE -- "$2" "$T/headers"; then pass=$((pass+1)); echo "ok $1";
  else fail=$((fail+1)); echo "FAIL $1: headers lack /$2/"; sed 's/^/  hdr| /' "$T/headers"; fi
}
