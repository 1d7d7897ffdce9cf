# tests/http/account_reminders.sh: an account's email reminders (issue 17)
# — the account page says where reminders go, /account/reminders changes
# the address and the choice with GOV.UK errors at the fields, each change
# in the audit log; signed out, the page asks to sign in. Sourced by
# tests/http/run.sh while the main server runs (uses $N, $DB, $PW).

LR="$T/lea-reminders.jar"
login "$LR" lea "$PW"

req "$LR" GET /account/password
h "account page: an email reminders section, no address yet" 200 'id="reminders"' ''
c "…says there is no address" grep -q 'None given' "$T/body"
c "…links to the page that changes it" grep -q 'href="/account/reminders"' "$T/body"
req "$LR" GET /account/reminders
h "reminders page: an email field and yes/no radios" 200 'name="email"' ''
c "…with the question as radios" grep -q 'name="remind" type="radio" value="no"' "$T/body"
post "$LR" /account/reminders "email=not-an-address" "remind=yes"
h "a bad address: 400 with the message at the field" 400 'id="email-error"' ''
c "…and in the error summary, linked to the field" grep -q 'href="#email"' "$T/body"
c "…and nothing saved" test "$(sqlite3 "$DB" "SELECT email FROM web_user WHERE name = 'lea'")" = ""
post "$LR" /account/reminders "email=Lea.Adams@Example.ORG" ""
h "no choice made: 400 asking to select" 400 'Select yes if you want email reminders' ''
post "$LR" /account/reminders "email=Lea.Adams@Example.ORG" "remind=yes"
h "a good address: saved and back to the account page" 303 '' ''
c "…the domain lowercased, reminders on" test "$(sqlite3 "$DB" "SELECT email || '|' || reminders FROM web_user WHERE name = 'lea'")" = "Lea.Adams@example.org|1"
req "$LR" GET /account/password
c "…the account page shows the address" grep -q 'Lea.Adams@example.org' "$T/body"
post "$LR" /account/reminders "email=Lea.Adams@example.org" "remind=no"
c "turning reminders off is saved" test "$(sqlite3 "$DB" "SELECT reminders FROM web_user WHERE name = 'lea'")" = 0
req "$LR" GET /account/password
c "…and the account page says they are off" grep -q 'Not sent: you have turned them off' "$T/body"
c "each change is in the audit log" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit_log WHERE what = 'user.contact' AND target = 'lea'")" = 2
req "$LR" POST /account/reminders --data-urlencode "email=x@example.org" --data-urlencode "remind=yes"
h "a POST without the form's token is refused" 403 '' ''
c "…and changes nothing" test "$(sqlite3 "$DB" "SELECT email FROM web_user WHERE name = 'lea'")" = "Lea.Adams@example.org"
req "$N" GET /account/reminders
h "signed out: the page asks to sign in" 303 '' ''
# leave lea as the other tests expect: no address
sqlite3 "$DB" "UPDATE web_user SET email = '', reminders = 1 WHERE name = 'lea'"
