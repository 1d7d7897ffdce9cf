# tests/http/mail_outbox.sh: the outbox page (/mail/outbox, issue 17) —
# only for the mailing capability, not in the navigation of others; the
# messages newest first with their status in words, a filter by status,
# escaping of what the mail server said. Sourced by tests/http/run.sh
# after the main server has stopped: serves a copy of $DB (its accounts).

ODB="$T/outbox.db"
sqlite3 "$DB" ".backup '$ODB'"
[ -f "$DB.key" ] && cp "$DB.key" "$ODB.key"
"$P" --db "$ODB" user set vi --grant mailing >/dev/null 2>&1
"$P" --db "$ODB" mail setup --smtp smtp://127.0.0.1:9 --from network@example.org \
  --site-url https://p.example.org --starttls off >/dev/null 2>&1
"$P" --db "$ODB" mail test first@example.org >/dev/null 2>&1
"$P" --db "$ODB" mail test second@example.org >/dev/null 2>&1
sqlite3 "$ODB" "UPDATE mail_outbox SET status = 'failed', smtp_code = 550, last_error = '550 <b>no</b> such user' WHERE rcpt = 'first@example.org'"
start_server outbox "$ODB" --mail-every 3600 || { fail=$((fail+1)); echo "FAIL outbox server did not start"; return 0; }
OV="$T/ob-vi.jar" OM="$T/ob-mo.jar"
login "$OV" vi "$PW"
login "$OM" mo "$PW"
req "$OM" GET /mail/outbox
h "outbox: 403 without the mailing capability" 403
req "$OM" GET /
h "outbox: not in the navigation without mailing" 200 '' 'href="/mail/outbox"'
req "$OV" GET /mail/outbox
h "outbox: the mailing capability opens it, with its navigation entry" 200 'govuk-service-navigation__link" href="/mail/outbox"'
h "outbox: status in words" 200 'second@example.org.*Waiting to send'
c "outbox: newest first" sh -c "grep -n 'example.org</td>' '$T/body' | sed -n '1s/.*second.*/ok/p;2s/.*first.*/ok/p' | grep -c ok | grep -qx 2"
h "outbox: the server's words escaped" 200 '550 &lt;b&gt;no&lt;/b&gt; such user' '<b>no</b>'
h "outbox: a table that scrolls on its own" 200 'parity-table-scroll'
req "$OV" GET '/mail/outbox?status=failed'
h "outbox: filter by status" 200 'first@example.org' 'second@example.org'
req "$OV" GET '/mail/outbox?status=bounced'
h "outbox: nothing matches" 200 'No messages match'
stop_server
