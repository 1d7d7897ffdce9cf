# tests/http/firstrun.sh: a database with no accounts — the server makes
# the first admin and prints a one-time password that must be changed.
F="$T/first.db"
start_server first "$F" || return
c "first run prints the admin's one-time password" grep -q 'One-time password: [A-Za-z0-9]\{16\}' "$SRV_LOG"
OTP1=$(sed -n 's/.*One-time password: \([A-Za-z0-9]\{16\}\).*/\1/p' "$SRV_LOG")
FJ="$T/first.jar"
login "$FJ" admin "$OTP1"
h "admin signs in with it" 303
req "$FJ" GET /admin/users
h "…and must change it before anything else" 303
hdr "…on the change-password page" '^location: /account/password'
FORM_PAGE=/account/password post "$FJ" /account/password "current=$OTP1" new=admin-chosen-pw confirm=different-pw
h "mismatched confirmation is an error linked to its field" 400 'href="#confirm"'
FORM_PAGE=/account/password post "$FJ" /account/password "current=$OTP1" new=admin-chosen-pw confirm=admin-chosen-pw
h "password changed" 303
req "$FJ" GET /admin/users
h "admin pages open after the change" 200 'Add a user'
stop_server
start_server first2 "$F" --secure-cookies || return
c "second run does not make another admin" sh -c "! grep -q 'One-time password' '$SRV_LOG'"
req "$T/sec.jar" GET /login
hdr "--secure-cookies marks cookies Secure" '^set-cookie: parity_csrf=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict; Secure'
login "$T/sec.jar" admin admin-chosen-pw
hdr "…the session cookie too" '^set-cookie: parity_session=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict; Secure' 
stop_server
