# tests/http/hardening.sh: the server under abuse (issue 13) — bodies
# refused before they are read, uploads spooled to disk, caps on uploads
# in flight, slow clients and the connection budget, trusted proxies,
# the sign-in redirect, the access log, POST fields from the body only,
# and 500 pages that show a reference instead of the error.
# Sourced by run.sh after limits.sh ($DB has the accounts, $PW their password).
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
SC="$ROOT/tests/http/slowclient.py"
hwm() { awk '/^VmHWM/{print $2}' "/proc/$SRV_PID/status"; }   # peak RSS, kB
port() { echo "${BASE##*:}"; }
H="$T/hard.jar"
# serve NAME DB [options]: start_server, or count a failure (an old
# binary that lacks an option) so that the section is skipped.
serve() {
  start_server "$@" && return 0
  fail=$((fail+1)); echo "FAIL server $1 did not start with: ${*:3}"; SRV_PID=; return 1
}
# login_xff JAR NAME PASSWORD XFF: sign in through a proxy that adds
# X-Forwarded-For: XFF to both requests.
login_xff() {
  rm -f "$1"
  req "$1" GET /login -H "X-Forwarded-For: $4"
  local tok; tok=$(csrf_from_body)
  req "$1" POST /login -H "X-Forwarded-For: $4" --data-urlencode "csrf=$tok" \
    --data-urlencode "name=$2" --data-urlencode "password=$3"
}

# --- 1. bodies are judged from the headers; uploads go to disk
hard_bodies() {
mkdir -p "$T/tmp"
export TMPDIR="$T/tmp"
serve hard "$DB" || { unset TMPDIR; return; }
unset TMPDIR
st=$($PY "$SC" early "$(port)" /monitoring/upload 'multipart/form-data; boundary=x' 33554432)
c "32 MB upload without a cookie is refused before its body is sent ($st)" test "$st" = 403
st=$($PY "$SC" early "$(port)" /nowhere application/x-www-form-urlencoded 33554432)
c "POST to an unknown page is refused before its body is sent ($st)" test "$st" = 404
st=$($PY "$SC" early "$(port)" /public application/x-www-form-urlencoded 33554432)
c "POST to a GET-only page is refused before its body is sent ($st)" test "$st" = 405

login "$H" mo "$PW"
req "$H" GET /monitoring
TOK=$(csrf_from_body)
head -c 25000000 /dev/zero | tr '\0' 'x' > "$T/big.bin"
before=$(hwm)
req "$H" POST "/monitoring/upload?csrf=$TOK" -F "csrf=$TOK" -F dataset=nonesuch -F period=2011Q4 -F "file=@$T/big.bin"
after=$(hwm)
h "signed-in 25 MB upload with the token in the query reaches the page (400: no such dataset)" 400 'Choose the dataset'
c "…and was spooled to disk: peak memory grew $(( (after - before) / 1024 )) MB (< 16)" test $((after - before)) -lt 16384
c "…leaving no temporary file behind" sh -c "[ -z \"\$(ls -A '$T/tmp')\" ]"
req "$H" POST /monitoring/upload -F "csrf=$TOK" -F dataset=service-users -F period=2011Q4 -F "file=@$T/big.bin"
h "upload with the token only in its body is refused (403)" 403 'form token'
req "$H" POST /monitoring/upload -H "X-CSRF-Token: $TOK" -F dataset=service-users -F period=2011Q4 -F "file=@$ROOT/tests/fixtures/monitor/bad-rows.csv"
h "upload with the token in X-CSRF-Token is read (400 lists the bad rows)" 400 'problem'
req "$H" POST "/monitoring/upload?csrf=0000000000000000000000000000000000000000000000000000000000000000" -F "csrf=$TOK" -F dataset=service-users -F period=2011Q4 -F "file=@$T/big.bin"
h "upload with a wrong token in the query is refused (403)" 403
head -c 70000 /dev/zero | tr '\0' 'a' > "$T/long.txt"
req "$H" POST /logout --data-urlencode "csrf=$TOK" --data-urlencode "note@$T/long.txt"
h "a form over 64 KB is refused with 413" 413
req "$H" GET /
h "…and did not sign out" 200 'Signed in as'
before=$(hwm)
acc=$($PY "$SC" flood "$(port)" /monitoring/upload 20 8388608)
after=$(hwm)
c "20 x 8 MB uploads without a cookie: peak memory grows $(( (after - before) / 1024 )) MB (< 24), server took $((acc / 1048576)) MB of 160" test $((after - before)) -lt 24576
req "$N" GET /healthz
h "…and the server still answers" 200 '^ok'
stop_server
}

# Concurrent uploads: one place (--max-uploads 1); a second upload while
# the first is on its way gets 503 with Retry-After.
hard_upload_cap() {
serve hard2 "$DB" --max-uploads 1 || return
login "$H" mo "$PW"
req "$H" GET /monitoring
TOK=$(csrf_from_body)
SESS=$(awk '$6=="parity_session"{print $7}' "$H")
$PY "$SC" slowbody "$(port)" "/monitoring/upload?csrf=$TOK" "parity_session=$SESS" 100000 4 > "$T/slow1" &
spid=$!
sleep 1
req "$H" POST "/monitoring/upload?csrf=$TOK" -F "csrf=$TOK" -F dataset=service-users -F period=2011Q4 -F "file=@$ROOT/tests/fixtures/monitor/bad-rows.csv"
h "second upload while one is in flight gets 503 (--max-uploads 1)" 503 'Wait a minute'
hdr "…with Retry-After" '^retry-after: [0-9]+'
wait $spid
sleep 0.3
req "$H" POST "/monitoring/upload?csrf=$TOK" -F "csrf=$TOK" -F dataset=service-users -F period=2011Q4 -F "file=@$ROOT/tests/fixtures/monitor/bad-rows.csv"
h "…and once it is over the next upload is read" 400 'problem'
stop_server
}

# Body deadline: an upload trickling in is cut off after --body-timeout.
hard_body_deadline() {
serve hard3 "$DB" --body-timeout 2 || return
login "$H" mo "$PW"
req "$H" GET /monitoring
TOK=$(csrf_from_body)
SESS=$(awk '$6=="parity_session"{print $7}' "$H")
t0=$(date +%s)
$PY "$SC" slowbody "$(port)" "/monitoring/upload?csrf=$TOK" "parity_session=$SESS" 1000 15 > /dev/null
t1=$(date +%s)
c "an upload sent a byte a second is closed after its body deadline ($((t1 - t0)) s, < 8)" test $((t1 - t0)) -lt 8
stop_server
}

# --- 2. slow clients: 1,200 connections from six addresses that never
# finish their headers. A signed-in user is still served at once, and
# every slow connection is closed by the header deadline (10 s).
hard_slow() {
serve hard4 "$DB" || return
login "$H" vi "$PW"
rm -f "$T/loris"
$PY "$SC" slowloris "$(port)" 2 6 200 2 14 "$T/loris" &
lpid=$!
for i in $(seq 1 100); do grep -q opened "$T/loris" 2>/dev/null && break; sleep 0.1; done
tm=$(curl -s -o "$T/body" -w '%{http_code} %{time_total}' -m 20 -b "$H" "$BASE/dashboard")
c "signed-in user served during 1,200 slow connections ($tm; < 3 s)" sh -c "set -- $tm; [ \"\$1\" = 200 ] && awk -v t=\"\$2\" 'BEGIN{exit !(t < 3)}'"
tm=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -m 20 "$BASE/public")
c "…and so is a visitor who is not signed in ($tm)" sh -c "set -- $tm; [ \"\$1\" = 200 ] && awk -v t=\"\$2\" 'BEGIN{exit !(t < 2)}'"
wait $lpid
open_end=$(awk '$1=="open"{n=$2} END{print n+0}' "$T/loris")
c "every slow connection was closed by the header deadline ($open_end left open after 14 s)" test "$open_end" = 0
stop_server
}

# --- 3. behind a trusted proxy the client is the rightmost address of
# X-Forwarded-For that is not a proxy; elsewhere the header is ignored.
hard_proxy() {
for bad in 10.1.2.3/8 300.1.1.1 ::1/129 fd00::/x ''; do
  "$P" --db "$DB" serve --port 0 --trusted-proxy "$bad" >"$T/bad.out" 2>"$T/bad.err"
  c "--trusted-proxy '$bad' is refused (exit $?)" sh -c "grep -q 'trusted-proxy' '$T/bad.err'"
done
serve hard5 "$DB" --trusted-proxy 127.0.0.0/8 --trusted-proxy ::1 --trusted-proxy fd00::/8 || return
for i in $(seq 1 20); do
  login_xff "$T/t.jar" "nobody$i" "wrong-$i-password" 203.0.113.5
done
login_xff "$T/t.jar" vi "$PW" 198.51.100.7
h "behind a trusted proxy, 20 failures of one client do not lock out another (303)" 303
login_xff "$T/t.jar" vi "$PW" '1.2.3.4, 203.0.113.5, 127.0.0.9'
h "…the rightmost untrusted address is the client: 203.0.113.5 waits (429)" 429
c "access log names the client behind the proxy" grep -q '^[^ ]* 198\.51\.100\.7 ' "$T/hard5.access"
c "audit log names the client behind the proxy" sh -c "sqlite3 '$DB' \"SELECT address FROM audit_log WHERE what='user.signin' ORDER BY id DESC LIMIT 1\" | grep -qx 198.51.100.7"
stop_server
sqlite3 "$DB" "DELETE FROM web_login_fail"
}

# A server with the defaults: X-Forwarded-For ignored, then findings 6, 7, 10.
hard_plain() {
serve hard6 "$DB" || return
for i in $(seq 1 20); do
  login_xff "$T/t.jar" "nobody$i" "wrong-$i-password" "203.0.113.$i"
done
login_xff "$T/t.jar" vi "$PW" 198.51.100.7
h "without --trusted-proxy X-Forwarded-For is ignored: the address waits (429)" 429
c "…and the access log names the socket's address" sh -c "! grep -q '203\.0\.113\|198\.51\.100' '$T/hard6.access'"
sqlite3 "$DB" "DELETE FROM web_login_fail"

# --- 6. the sign-in redirect stays on this site and keeps a deep link
rm -f "$T/r.jar"
req "$T/r.jar" GET '/login?next=/%09/evil.example/phish'
h "sign-in page drops a next= that is not a local path" 200 'Sign in' 'name="next"'
tok=$(csrf_from_body)
req "$T/r.jar" POST /login --data-urlencode "csrf=$tok" --data-urlencode name=vi --data-urlencode "password=$PW" --data-urlencode "$(printf 'next=/\t/evil.example/phish')"
h "sign-in with next=/<tab>/evil.example redirects (303)" 303
hdr "…to this site's home, not off-site" '^location: /[[:space:]]*$'
for evil in '//evil.example/' '/\evil.example/' "$(printf '/\n/evil.example')" 'https://evil.example/' '/%2F/x'; do
  rm -f "$T/r.jar"; req "$T/r.jar" GET /login; tok=$(csrf_from_body)
  req "$T/r.jar" POST /login --data-urlencode "csrf=$tok" --data-urlencode name=vi --data-urlencode "password=$PW" --data-urlencode "next=$evil"
  c "next=$(printf %q "$evil") stays on this site" grep -qiE '^location: /(%2F/x)?[[:space:]]*$' "$T/headers"
done
rm -f "$T/r.jar"
req "$T/r.jar" GET '/plan?lead=TA&overdue=1'
h "a deep link signed out goes to sign in" 303
to=$(sed -n 's/^[Ll]ocation: \([^\r]*\).*/\1/p' "$T/headers")
req "$T/r.jar" GET "$to"
h "…whose form keeps the whole link" 200 'name="next" value="/plan\?lead=TA&amp;overdue=1"'
tok=$(csrf_from_body)
req "$T/r.jar" POST /login --data-urlencode "csrf=$tok" --data-urlencode name=vi --data-urlencode "password=$PW" --data-urlencode 'next=/plan?lead=TA&overdue=1'
hdr "…and after sign-in lands on it, query included" '^location: /plan\?lead=TA&overdue=1'

# --- 7. one request, one access-log line
n0=$(wc -l < "$T/hard6.access")
curl -s -o /dev/null "$BASE/public%0A2026-01-01T00:00:00Z%20127.0.0.1%20admin%20%22GET%20/admin%22%20200"
sleep 0.2
n1=$(wc -l < "$T/hard6.access")
c "a path with %0A writes one access-log line ($((n1 - n0)))" test $((n1 - n0)) = 1
c "…with the newline escaped" grep -qF '"GET /public\x0A2026' "$T/hard6.access"

# --- 10. POST fields come from the body only
rm -f "$T/q.jar"; req "$T/q.jar" GET /login; tok=$(csrf_from_body)
req "$T/q.jar" POST "/login?name=vi&password=$PW" --data-urlencode "csrf=$tok"
h "credentials in a POST's query are not used (400: enter your user name)" 400 'Enter your user name'
req "$T/q.jar" POST "/login?password=$PW" --data-urlencode "csrf=$tok" --data-urlencode name=vi --data-urlencode password=wrong-password-here
h "…nor do they win over the body's (401)" 401
req "$T/q.jar" POST "/login?csrf=$tok" --data-urlencode name=vi --data-urlencode "password=$PW"
h "…and a form's token in the query does not count (403)" 403
stop_server
sqlite3 "$DB" "DELETE FROM web_login_fail"
}

# --- 13. a fault answers 500 with a reference; the detail goes to the log
hard_fault() {
cp "$DB" "$T/fault.db"
sqlite3 "$T/fault.db" "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'secret internal detail'); END;"
serve fault "$T/fault.db" || return
login "$T/f.jar" vi "$PW"
h "a database fault answers 500" 500 'reference [0-9a-f]{8}' 'secret internal detail|audit_log|SQL'
ref=$(sed -n 's/.*reference \([0-9a-f]\{8\}\).*/\1/p' "$T/body" | head -1)
c "…and the error log has the detail under that reference ($ref)" grep -q "error $ref: POST /login: .*secret internal detail" "$SRV_LOG"
stop_server
}

hard_bodies
hard_upload_cap
hard_body_deadline
hard_slow
hard_proxy
hard_plain
hard_fault
