# tests/mail/casework.sh: hearing reminders of confidential casework over
# the real SMTP server (issue 18). Sourced by tests/mail/run.sh (uses $P,
# $T, $PY, $MAIL_DIR, t, c, mail_start).
#
#   a hearing on 1 February 2030 -> 'parity mail run' a week before mails
#   each assigned caseworker with an address once (the case's number, the
#   date and time, nothing of the case) -> the day before, once more ->
#   a caseworker without an address and an account not assigned get
#   nothing; the same run (case_jobs) purges a closed case past retention.

mail_start cases || { fail=$((fail+1)); echo "FAIL casework: smtpd did not start"; return 0; }
CDB="$T/cases-mail.db"
day() { date -u -d "$1 12:00" +%s; }
NOW0=$(day 2030-01-02)
K() { env PARITY_NOW="$1" "$P" --db "$CDB" "${@:2}"; }
t cm-setup 0 'mail set up' '' -- "$P" --db "$CDB" mail setup --smtp "smtp://127.0.0.1:$MAIL_PORT_cases" \
  --from network@example.org --site-url http://parity.example.org --starttls off
for u in cma cmb cmc; do
  printf '%s\n' 'a-long-password-1' | "$P" --db "$CDB" user add $u --role viewer --grant casework --password-stdin >/dev/null
done
"$P" --db "$CDB" user set cma --email cma@example.org >/dev/null
"$P" --db "$CDB" user set cmc --email cmc@example.org >/dev/null
"$P" --db "$CDB" member add ada@example.org --name 'Ada Obi' --region London >/dev/null
t cm-open 0 'opened case 1' '' -- K "$NOW0" case open --member ada@example.org --kind disciplinary --summary 'MAIL-SECRET-SUMMARY' --as cma
t cm-assign 0 'assigned cmb' '' -- K "$NOW0" case assign 1 --to cmb --as cma
t cm-hearing 0 'added a hearing on 2030-02-01' '' -- K "$NOW0" case hearing 1 --date 2030-02-01 --time 10:30 --note 'MAIL-SECRET-NOTE' --as cma
t cm-early 0 '^0 sent' '' -- K "$(day 2030-01-20)" mail run
t cm-week 0 '^1 sent' '' -- K "$(day 2030-01-25)" mail run
cm_to() { grep -l "^X-Envelope-To: $1" "$MAIL_DIR/cases/maildir/new/"* 2>/dev/null | xargs -r ls -t | head -1; }
WEEK=$(cm_to cma@example.org)
c cm-week-arrived test -n "$WEEK"
c cm-week-words "$PY" - "$WEEK" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
text = m.get_body(preferencelist=("plain",)).get_content()
assert m["Subject"] == "Reminder: hearing on 1 February 2030 (case 1)", m["Subject"]
assert "case 1" in text and "1 February 2030 at 10:30" in text, text
assert "MAIL-SECRET" not in text and "Ada" not in text and "disciplinary" not in text, text
PY
c cm-not-cmc "sh" -c "[ -z \"\$(grep -l '^X-Envelope-To: cmc@example.org' '$MAIL_DIR/cases/maildir/new/'* 2>/dev/null)\" ]"
t cm-week-once 0 '^0 sent' '' -- K "$(day 2030-01-27)" mail run
t cm-day 0 '^1 sent' '' -- K "$(day 2030-01-31)" mail run
c cm-two-for-cma test "$(grep -l '^X-Envelope-To: cma@example.org' "$MAIL_DIR/cases/maildir/new/"* | wc -l)" = 2
t cm-day-once 0 '^0 sent' '' -- K "$(day 2030-02-01)" mail run
t cm-closed-no-reminder-setup 0 '' '' -- K "$NOW0" case status 1 --to closed --as cma
t cm-purge-by-jobs 0 '' '' -- K "$(day 2036-01-03)" mail run
c cm-purged-by-jobs test "$(sqlite3 "$CDB" "SELECT case_id || ' ' || purged_by FROM net_case_purge")" = "1 jobs"
c cm-purged-gone test "$(sqlite3 "$CDB" "SELECT count(*) FROM net_case")" = 0
