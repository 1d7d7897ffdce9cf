# tests/mail/network.sh: the staff network's mailing list and the plan's
# reminders end to end, over the real SMTP server and a real `parity
# serve` (issue 17). Sourced by tests/mail/run.sh (uses $P, $T, $PY,
# $ROOT, $MAIL_DIR, t, c, mail_start, newest).
#
#   subscribe on the command line -> the confirmation mail arrives -> its
#   link opens a page with a button and changes nothing -> the button
#   subscribes -> a post reaches subscribed members only, with List-Id,
#   List-Unsubscribe (link and mailto), List-Unsubscribe-Post and a VERP
#   return path -> RFC 8058 one-click with curl and no cookie unsubscribes
#   -> a real delivery report to the VERP address scores the bounce ->
#   a lead is reminded once of an action due in a week, then when it is
#   overdue; an account that opted out is not.

mail_start net || { fail=$((fail+1)); echo "FAIL network: smtpd did not start"; return 0; }
NDB="$T/net.db"
"$P" --db "$NDB" plan import "$ROOT/data/demo/action-plan.md" >/dev/null
"$P" --db "$NDB" serve --port 0 --mail-every 3600 --access-log off >"$T/net-serve.out" 2>"$T/net-serve.err" &
NPID=$!
NBASE=""
for i in $(seq 1 100); do
  NBASE=$(sed -n 's|.* on \(http://127.0.0.1:[0-9]*\)/ .*|\1|p' "$T/net-serve.out")
  [ -n "$NBASE" ] && break
  sleep 0.05
done
c net-serve-started test -n "$NBASE"
t net-setup 0 'mail set up' '' -- "$P" --db "$NDB" mail setup --smtp "smtp://127.0.0.1:$MAIL_PORT_net" \
  --from network@example.org --site-url "$NBASE" --starttls off --from-name 'Staff network'
t net-list 0 '' '' -- "$P" --db "$NDB" list create news --name 'Staff network news' --owner chair@example.org
t net-sub-ada 0 '' '' -- "$P" --db "$NDB" list subscribe news ada@example.org --name 'Ada Obi'
t net-sub-bo 0 '' '' -- "$P" --db "$NDB" list subscribe news bo@example.org
t net-sub-cy 0 '' '' -- "$P" --db "$NDB" list subscribe news cy@example.org --name 'Cy Ward' --confirmed
t net-run-confirms 0 '^2 sent' '' -- "$P" --db "$NDB" mail run

# mail_to ADDRESS: the newest message delivered to ADDRESS, or nothing
mail_to() { grep -l "^X-Envelope-To: $1" "$MAIL_DIR/net/maildir/new/"* 2>/dev/null | xargs -r ls -t | head -1; }
# has_member LINE_RE: the list's members, as "email status score" lines,
# hold a line matching LINE_RE
has_member() { "$P" --db "$NDB" list members news --format json | "$PY" -c '
import json, sys
for m in json.load(sys.stdin): print(m["email"], m["status"], m["bounce_score"])' | grep -qE "$1"; }

ADA_CONFIRM=$(mail_to ada@example.org)
c net-confirm-arrived test -n "$ADA_CONFIRM"
LINK=$("$PY" - "$ADA_CONFIRM" <<'PY'
import email, email.policy, re, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
text = m.get_body(preferencelist=("plain",)).get_content()
print(re.search(r"http://\S+/lists/news/confirm\?t=[0-9A-Za-z-]+", text).group(0))
PY
)
c net-confirm-link test -n "$LINK"
JAR="$T/net.jar"
rm -f "$JAR"
CODE=$(curl -s -o "$T/net-confirm.html" -w '%{http_code}' -b "$JAR" -c "$JAR" "$LINK")
c net-confirm-get-page sh -c "[ '$CODE' = 200 ] && grep -q '<button' '$T/net-confirm.html'"
c net-confirm-get-changes-nothing has_member '^ada@example.org pending 0(\.0)?$'
TOK=$(sed -n 's/.*name="t" value="\([^"]*\)".*/\1/p' "$T/net-confirm.html" | head -1)
CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/net-confirm.html" | head -1)
CODE=$(curl -s -o "$T/net-confirmed.html" -w '%{http_code}' -b "$JAR" -c "$JAR" \
  --data-urlencode "csrf=$CSRF" --data-urlencode "t=$TOK" "$NBASE/lists/news/confirm")
c "net-confirm-button-subscribes ($CODE)" has_member '^ada@example.org subscribed '
CODE=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode "t=$TOK" "$NBASE/lists/news/confirm")
c "net-confirm-without-form-token-refused ($CODE)" test "$CODE" = 403

printf 'Dear members,\n\nThe AGM papers are attached to the meeting page.\n' >"$T/post.txt"
t net-send 0 '' '' -- "$P" --db "$NDB" list send news --subject 'AGM papers – 2027' --body-file "$T/post.txt"
BEFORE=$(ls "$MAIL_DIR/net/maildir/new/" | wc -l)
t net-run-post 0 '^2 sent' '' -- "$P" --db "$NDB" mail run
AFTER=$(ls "$MAIL_DIR/net/maildir/new/" | wc -l)
c "net-post-two-messages ($BEFORE -> $AFTER)" test "$((AFTER - BEFORE))" = 2
c net-post-not-to-pending sh -c "! grep -l 'AGM papers' \$(grep -l '^X-Envelope-To: bo@example.org' '$MAIL_DIR/net/maildir/new/'*)"
ADA_POST=$(mail_to ada@example.org)
CY_POST=$(mail_to cy@example.org)
c net-post-headers "$PY" - "$ADA_POST" "$NBASE" <<'PY'
import email, email.policy, re, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
assert m["Subject"] == "AGM papers – 2027", m["Subject"]
assert re.fullmatch(r".*<news\.127\.0\.0\.1>", str(m["List-Id"])), m["List-Id"]
lu = str(m["List-Unsubscribe"])
assert re.search(r"<" + re.escape(sys.argv[2]) + r"/lists/news/unsubscribe\?t=[^>]+>", lu), lu
assert re.search(r"<mailto:network\+u-[^>]+@example\.org[^>]*>", lu), lu
assert str(m["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
env = m["X-Envelope-From"]
assert re.fullmatch(r"network\+b\d+-[0-9a-f]+@example\.org", str(env)), env
assert m["Message-ID"] and m["Date"]
PY
ONE=$("$PY" - "$CY_POST" <<'PY'
import email, email.policy, re, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(re.search(r"<(http[^>]+)>", str(m["List-Unsubscribe"])).group(1))
PY
)
CODE=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d 'List-Unsubscribe=One-Click' "$ONE")
c "net-one-click-unsubscribes ($CODE)" has_member '^cy@example.org unsubscribed '

VERP=$(grep -m1 '^X-Envelope-From:' "$ADA_POST" | sed 's/^X-Envelope-From: //; s/\r$//')
"$PY" "$ROOT/tests/mail/dsn.py" "$ADA_POST" "$VERP" "$T/net-dsn.eml" hard
t net-bounce 0 '' '' -- sh -c "'$P' --db '$NDB' mail bounce --recipient '$VERP' < '$T/net-dsn.eml'"
c net-bounce-scored has_member '^ada@example.org subscribed 1(\.0)?$'

# --- the plan's reminders: action 2b (lead TA) is due on 30 September 2026 ---
printf '%s\n' 'a-long-password-1' | "$P" --db "$NDB" user add tam --role lead --lead-initials TA --password-stdin >/dev/null
printf '%s\n' 'a-long-password-1' | "$P" --db "$NDB" user add quiet --role lead --lead-initials TA --password-stdin >/dev/null
"$P" --db "$NDB" user set tam --email tam@example.org >/dev/null
"$P" --db "$NDB" user set quiet --email quiet@example.org >/dev/null
"$P" --db "$NDB" user set quiet --reminders off >/dev/null
# a long text is cut at 200 bytes, never inside a character: é straddles byte 200
sqlite3 "$NDB" "UPDATE action SET text = '$(printf 'a%.0s' $(seq 1 199))' || 'éééééééééé' WHERE code = '2b'"
SOON=$(date -u -d '2026-09-25 09:00' +%s)
LATE=$(date -u -d '2026-10-02 09:00' +%s)
t net-remind-soon 0 '^1 sent' '' -- env PARITY_NOW="$SOON" "$P" --db "$NDB" mail run
TAM=$(mail_to tam@example.org)
c net-remind-says-due "$PY" - "$TAM" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
text = m.get_body(preferencelist=("plain",)).get_content()
assert "due within a week" in m["Subject"] or "need attention" in m["Subject"], m["Subject"]
assert "Action 2b, is due on 30 September 2026: " + "a" * 199 + "...\n" in text, text
assert "/account/reminders" in text, text
PY
c net-remind-not-opted-out test -z "$(mail_to quiet@example.org)"
t net-remind-once 0 '^0 sent' '' -- env PARITY_NOW="$SOON" "$P" --db "$NDB" mail run
t net-remind-overdue 0 '^1 sent' '' -- env PARITY_NOW="$LATE" "$P" --db "$NDB" mail run
c net-remind-overdue-says sh -c "grep -l 'was due on 30 September 2026' '$MAIL_DIR/net/maildir/new/'* | xargs grep -l '^X-Envelope-To: tam@example.org' | grep -q ."

kill "$NPID" 2>/dev/null
wait "$NPID" 2>/dev/null
c net-serve-clean sh -c "! grep -qE 'runtime error|AddressSanitizer|LeakSanitizer' '$T/net-serve.err'"
