# tests/mail/eia.sh: the review reminders of equality impact assessments
# over the real SMTP server (issue 19). Sourced by tests/mail/run.sh (uses
# $P, $T, $PY, $MAIL_DIR, t, c, mail_start).
#
#   an assessment owned by JW, published on 2 January 2030 with no review
#   date set -> reviewed a year later -> 'parity mail run' more than 30
#   days before mails nobody -> 30 days before, the owner's account (lead
#   initials JW, an address, reminders on) is mailed once -> once overdue,
#   once more -> an account of JW with reminders off and another lead get
#   nothing -> a new review date is reminded of again.

mail_start eia || { fail=$((fail+1)); echo "FAIL eia: smtpd did not start"; return 0; }
EDB="$T/eia-mail.db"
eday() { date -u -d "$1 12:00" +%s; }
EK() { env PARITY_NOW="$1" "$P" --db "$EDB" "${@:2}"; }
t em-setup 0 'mail set up' '' -- "$P" --db "$EDB" mail setup --smtp "smtp://127.0.0.1:$MAIL_PORT_eia" \
  --from network@example.org --site-url http://parity.example.org --starttls off
"$P" --db "$EDB" people add JW 'Jo Whitfield' >/dev/null
"$P" --db "$EDB" people add SR 'Sam Reid' >/dev/null
for u in "jo JW" "joquiet JW" "sam SR"; do
  set -- $u
  printf '%s\n' 'a-long-password-1' | "$P" --db "$EDB" user add "$1" --role viewer --lead-initials "$2" --password-stdin >/dev/null
  "$P" --db "$EDB" user set "$1" --email "$1@example.org" >/dev/null
done
"$P" --db "$EDB" user set joquiet --reminders off >/dev/null
"$P" --db "$EDB" eia new 'Hybrid working policy' --owner JW >/dev/null
"$P" --db "$EDB" eia decide 1 --outcome proceed --text 'Go ahead' --as 'Jo Whitfield' >/dev/null
t em-publish 0 'published impact assessment 1' '' -- EK "$(eday 2030-01-02)" eia publish 1
t em-default-review 0 'review by: 2031-01-02' '' -- "$P" --db "$EDB" eia show 1
t em-early 0 '^0 sent' '' -- EK "$(eday 2030-11-20)" mail run
t em-soon 0 '^1 sent' '' -- EK "$(eday 2030-12-10)" mail run
em_to() { grep -l "^X-Envelope-To: $1" "$MAIL_DIR/eia/maildir/new/"* 2>/dev/null | xargs -r ls -t | head -1; }
SOONM=$(em_to jo@example.org)
c em-soon-arrived test -n "$SOONM"
c em-soon-words "$PY" - "$SOONM" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
text = m.get_body(preferencelist=("plain",)).get_content()
assert m["Subject"] == 'Reminder: the impact assessment "Hybrid working policy" is due for review', m["Subject"]
assert "is due for review on 2 January 2031" in text, text
assert "http://parity.example.org/eia/1" in text and "/account/reminders" in text, text
PY
c em-not-opted-out test -z "$(em_to joquiet@example.org)"
c em-not-other-lead test -z "$(em_to sam@example.org)"
t em-once 0 '^0 sent' '' -- EK "$(eday 2030-12-20)" mail run
t em-overdue 0 '^1 sent' '' -- EK "$(eday 2031-01-05)" mail run
c em-overdue-says sh -c "grep -l 'was due for review on 2 January 2031' '$MAIL_DIR/eia/maildir/new/'* | xargs grep -l '^X-Envelope-To: jo@example.org' | grep -q ."
t em-overdue-once 0 '^0 sent' '' -- EK "$(eday 2031-01-20)" mail run
t em-new-date 0 'to be reviewed by 2031-06-30' '' -- "$P" --db "$EDB" eia review 1 --date 2031-06-30
t em-new-date-reminded 0 '^1 sent' '' -- EK "$(eday 2031-06-05)" mail run
