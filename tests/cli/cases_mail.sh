# End-to-end cases for the mail commands without an SMTP server (sourced
# by run.sh); delivery against a real server is tests/mail/run.sh.
MDB="$T/mail.db"
t mail-help 0 'mail setup' '' -- "$P" help
t mail-help-setup 0 'smtp-password-stdin' '' -- "$P" help mail setup
t mail-show-not-set-up 1 '' 'mail is not set up' -- "$P" --db "$MDB" mail show
t mail-run-not-set-up 1 '' 'mail is not set up' -- "$P" --db "$MDB" mail run
t mail-test-not-set-up 1 '' 'mail is not set up' -- "$P" --db "$MDB" mail test a@example.org
t mail-setup-bad-url 2 '' '--smtp: .* is not an SMTP server' -- "$P" --db "$MDB" mail setup --smtp mail.example.org --from a@example.org --site-url https://p.example.org
t mail-setup-bad-from 2 '' "--from: 'a@b' is not an email address" -- "$P" --db "$MDB" mail setup --smtp smtp://m.example.org:25 --from a@b --site-url https://p.example.org
t mail-setup-no-site 2 '' 'give --site-url' -- "$P" --db "$MDB" mail setup --smtp smtp://m.example.org:25 --from a@example.org
t mail-setup-pw-without-user 2 '' '--smtp-password-stdin needs --smtp-user' -- "$P" --db "$MDB" mail setup --smtp smtp://m.example.org:25 --from a@example.org --site-url https://p.example.org --smtp-password-stdin
t mail-setup-bad-ca 2 '' "--ca-file: '/nonexistent/ca.pem' cannot be read" -- "$P" --db "$MDB" mail setup --smtp smtp://m.example.org:25 --from a@example.org --site-url https://p.example.org --ca-file /nonexistent/ca.pem
c mail-setup-saved-nothing sh -c "! sqlite3 '$MDB' 'SELECT 1 FROM mail_setting' 2>/dev/null | grep -q 1"
# a port nothing listens on: the message stays queued with the reason
t mail-setup 0 'mail set up: smtp://127.0.0.1:9 as A@example.org, STARTTLS off' '' -- "$P" --db "$MDB" mail setup --smtp smtp://127.0.0.1:9 --from A@Example.ORG --site-url https://p.example.org/ --starttls off
t mail-show 0 'Site URL: +https://p.example.org$' '' -- "$P" --db "$MDB" mail show
t mail-test-bad-address 2 '' "'nobody' is not an email address" -- "$P" --db "$MDB" mail test nobody
t mail-test 0 'queued test message 1 to b@example.org' '' -- "$P" --db "$MDB" mail test b@example.org
t mail-run-bad-max 2 '' '--max takes a number' -- "$P" --db "$MDB" mail run --max 0
t mail-run-unreachable 0 '^0 sent, 1 to retry, 0 failed, 1 queued for later$' '' -- "$P" --db "$MDB" mail run --max 5
t mail-outbox 0 '^1  queued .*b@example.org .*could not be reached' '' -- "$P" --db "$MDB" mail outbox
t mail-outbox-json 0 '"attempts": 1' '' -- "$P" --db "$MDB" mail outbox --format json --status queued
t mail-outbox-empty 0 'the outbox is empty of sent' '' -- "$P" --db "$MDB" mail outbox --status sent
t mail-outbox-bad-status 2 '' '--status takes queued, sent, failed or bounced' -- "$P" --db "$MDB" mail outbox --status lost
t mail-bounce-not-one 0 'not a bounce: nothing changed' '' -- sh -c "printf 'From: x@example.org\nSubject: hello\n\nhi\n' | '$P' --db '$MDB' mail bounce"
t mail-bounce-empty 1 '' 'the message is empty' -- sh -c "'$P' --db '$MDB' mail bounce < /dev/null"
t mail-bounce-too-big 1 '' 'larger than 10 MB' -- sh -c "head -c 11000000 /dev/zero | '$P' --db '$MDB' mail bounce"
t mail-bounce-fixture 0 'bounce: gone@example.com permanent 5.1.1' '' -- sh -c "'$P' --db '$MDB' mail bounce < '$FIX/mail/rfc3464_hard.eml'"
t serve-bad-mail-every 2 '' '--mail-every takes seconds' -- "$P" --db "$MDB" serve --mail-every 0
