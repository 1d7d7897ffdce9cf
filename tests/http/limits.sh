# tests/http/limits.sh: a second server with tight limits — session
# expiry and the upload size cap.
start_server limits "$DB" --session-idle 2 --max-upload 1 || return
X="$T/x.jar"
login "$X" vi "$PW"
req "$X" GET /
h "fresh session works" 200 'Signed in as'
sleep 3
req "$X" GET /dashboard
h "idle session has expired" 303
hdr "…and the sign-in page says so" '^location: /login\?expired=1'
stop_server
# Absolute expiry: a session in constant use still ends after --session-max.
start_server limits2 "$DB" --session-max 3 || return
login "$X" vi "$PW"
req "$X" GET /dashboard; h "session in use works" 200
sleep 1; req "$X" GET /dashboard; h "…still works a second later" 200
sleep 2.8; req "$X" GET /dashboard
h "…and ends after --session-max even though it was in use" 303
stop_server
start_server limits3 "$DB" --max-upload 1 || return
login "$X" mo "$PW"
head -c 2000000 /dev/urandom > "$T/big.csv"
req "$X" GET /monitoring
tok=$(csrf_from_body)
req "$X" POST "/monitoring/upload?csrf=$tok" -F "csrf=$tok" -F dataset=service-users -F period=2011Q4 -F "file=@$T/big.csv"
h "upload over --max-upload is refused with 413" 413
req "$N" GET /healthz
h "server still up after the refused upload" 200
# Graceful stop: a request in flight when SIGTERM arrives still completes.
curl -s -o "$T/inflight.html" -w '%{http_code}' -b "$X" "$BASE/monitoring/report?dataset=service-users&period=2011Q3" > "$T/inflight.code" &
cpid=$!
sleep 0.3
stop_server
wait $cpid
c "a request in flight at SIGTERM is answered in full ($(cat "$T/inflight.code"))" sh -c "[ \"\$(cat '$T/inflight.code')\" = 200 ] && grep -q '</html>' '$T/inflight.html'"
