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
login "$X" mo "$PW"
head -c 2000000 /dev/urandom > "$T/big.csv"
req "$X" GET /monitoring
tok=$(csrf_from_body)
req "$X" POST /monitoring/upload -F "csrf=$tok" -F dataset=service-users -F period=2011Q4 -F "file=@$T/big.csv"
h "upload over --max-upload is refused with 413" 413
req "$N" GET /healthz
h "server still up after the refused upload" 200
stop_server
