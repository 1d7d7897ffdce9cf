# tests/mail/objectives.sh: the review reminders of equality objectives
# over the real SMTP server (issue 20; src/plan/objective_remind.c).
# Sourced by tests/mail/run.sh (uses $P, $T, $PY, $MAIL_DIR, t, c,
# mail_start).
#
#   an objective owned by JW to be reviewed on 2 January 2031 -> 'parity
#   mail run' more than 30 days before mails nobody -> 30 days before, the
#   owner's account (lead initials JW, an address, reminders on) is mailed
#   once -> once overdue, once more -> an account of JW with reminders off
#   and another person's get nothing -> a retired objective and one
#   without an owner remind nobody -> a new review date is reminded of
#   again.

mail_start obj || { fail=$((fail+1)); echo "FAIL objectives: smtpd did not start"; return 0; }
ODB="$T/obj-mail.db"
oday() { date -u -d "$1 12:00" +%s; }
OK_() { env PARITY_NOW="$1" "$P" --db "$ODB" "${@:2}"; }
om_to() { grep -l "^X-Envelope-To: $1" "$MAIL_DIR/obj/maildir/new/"* 2>/dev/null | xargs -r ls -t | head -1; }
om_count() { ls "$MAIL_DIR/obj/maildir/new/" 2>/dev/null | wc -l; }
t om-setup 0 'mail set up' '' -- "$P" --db "$ODB" mail setup --smtp "smtp://127.0.0.1:$MAIL_PORT_obj" \
  --from network@example.org --site-url http://parity.example.org --starttls off
"$P" --db "$ODB" people add JW 'Jo Whitfield' >/dev/null
"$P" --db "$ODB" people add SR 'Sam Reid' >/dev/null
for u in "jo JW" "joquiet JW" "sam SR"; do
  set -- $u
  printf '%s\n' 'a-long-password-1' | "$P" --db "$ODB" user add "$1" --role viewer --lead-initials "$2" --password-stdin >/dev/null
  "$P" --db "$ODB" user set "$1" --email "$1@example.org" >/dev/null
done
"$P" --db "$ODB" user set joquiet --reminders off >/dev/null
T0=$(oday 2030-10-01)
t om-add 0 '' '' -- OK_ "$T0" objective add 'More Black staff in senior grades' --by 2032-03-31 --owner JW --review 2031-01-02
t om-add-unowned 0 '' '' -- OK_ "$T0" objective add 'Nobody owns this' --by 2032-03-31 --review 2031-01-02
t om-add-retired 0 '' '' -- OK_ "$T0" objective add 'Retired before its review' --by 2032-03-31 --owner JW --review 2031-01-02
t om-retire 0 '' '' -- OK_ "$T0" objective retire 3 --reason 'Merged into objective 1'

t om-early 0 '^0 sent' '' -- OK_ "$(oday 2030-11-20)" mail run
c om-early-nothing test "$(om_count)" = 0
t om-soon 0 '^1 sent' '' -- OK_ "$(oday 2030-12-10)" mail run
SOONM=$(om_to jo@example.org)
c om-soon-arrived test -n "$SOONM"
c om-soon-words "$PY" - "$SOONM" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
text = m.get_body(preferencelist=("plain",)).get_content()
assert m["Subject"] == 'Reminder: the equality objective "More Black staff in senior grades" is due for review', m["Subject"]
assert "is due for review on 2 January 2031" in text, text
assert "http://parity.example.org/objectives/1" in text and "/account/reminders" in text, text
assert "Hello jo," in text, text
PY
c om-not-opted-out test -z "$(om_to joquiet@example.org)"
c om-not-other-person test -z "$(om_to sam@example.org)"
c om-not-retired-nor-unowned sh -c "! grep -lq -e 'Retired before its review' -e 'Nobody owns this' '$MAIL_DIR/obj/maildir/new/'*"
c om-recorded-once test "$(sqlite3 "$ODB" "SELECT objective_id || ' ' || review_date || ' ' || kind FROM objective_reminder")" = "1 2031-01-02 soon"
t om-once 0 '^0 sent' '' -- OK_ "$(oday 2030-12-20)" mail run
t om-on-the-day 0 '^0 sent' '' -- OK_ "$(oday 2031-01-02)" mail run
t om-overdue 0 '^1 sent' '' -- OK_ "$(oday 2031-01-05)" mail run
c om-overdue-says sh -c "grep -l 'was due for review on 2 January 2031' '$MAIL_DIR/obj/maildir/new/'* | xargs grep -l '^X-Envelope-To: jo@example.org' | grep -q ."
c om-overdue-subject sh -c "grep -l 'is overdue for review' '$MAIL_DIR/obj/maildir/new/'* | grep -q ."
t om-overdue-once 0 '^0 sent' '' -- OK_ "$(oday 2031-01-20)" mail run
c om-two-in-all test "$(om_count)" = 2
t om-new-date 0 '' '' -- OK_ "$(oday 2031-01-21)" objective update 1 --review 2031-06-30
t om-new-date-not-yet 0 '^0 sent' '' -- OK_ "$(oday 2031-05-20)" mail run
t om-new-date-reminded 0 '^1 sent' '' -- OK_ "$(oday 2031-06-05)" mail run
c om-new-date-says sh -c "grep -l 'is due for review on 30 June 2031' '$MAIL_DIR/obj/maildir/new/'* | grep -q ."
# the owner who turns reminders on is still reminded: nothing was recorded
# while no account of theirs wanted them
"$P" --db "$ODB" user set jo --reminders off >/dev/null
t om-opted-out-none 0 '^0 sent' '' -- OK_ "$(oday 2031-07-02)" mail run
c om-opted-out-not-recorded test "$(sqlite3 "$ODB" "SELECT COUNT(*) FROM objective_reminder WHERE review_date = '2031-06-30' AND kind = 'overdue'")" = 0
"$P" --db "$ODB" user set jo --reminders on >/dev/null
t om-opted-in-again 0 '^1 sent' '' -- OK_ "$(oday 2031-07-03)" mail run
c om-four-in-all test "$(om_count)" = 4
