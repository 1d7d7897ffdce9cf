#!/usr/bin/env bash
# bench/lists.sh: how long 'parity list send' takes to queue one message
# to each of 10,000 subscribers (issue 17: under a second). A scratch
# database gets a list whose subscribers are put in with one SQL insert;
# the time printed is the whole command's wall time.
# Usage: bench/lists.sh [PATH/TO/parity] [N]
set -eu
P=$(realpath "${1:-./parity}")
N=${2:-10000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB="$T/bench.db"
"$P" --db "$DB" list create news --name "Staff network news" >/dev/null
sqlite3 "$DB" <<SQL
INSERT INTO mail_setting (id, smtp, from_addr, from_name, site_url, tls, updated_at, updated_by)
  VALUES (1, 'smtp://127.0.0.1:25', 'network@example.org', 'Staff network',
          'https://parity.example.org', 'off', '2026-01-01T00:00:00Z', 'bench');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO net_sub (list_id, email, name, status, salt, requested_at, wording_id,
                     consent_how, consent_at)
  SELECT 1, 'member' || i || '@example.org', 'Member ' || i, 'subscribed',
         'salt' || i, 0, 1, 'import', '2026-01-01T00:00:00Z' FROM n;
SQL
printf 'The AGM papers are attached to the network page.\n\nBest wishes,\nThe chair\n' >"$T/body.txt"
printf '<p>The AGM papers are on the <a href="https://example.org">network page</a>.</p>\n' >"$T/body.html"
start=$(date +%s.%N)
"$P" --db "$DB" list send news --subject "AGM papers" --body-file "$T/body.txt" \
  --html-file "$T/body.html"
end=$(date +%s.%N)
queued=$(sqlite3 "$DB" "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'list'")
secs=$(echo "$end - $start" | bc)
printf 'list send: %s messages queued in %.3f s (%s subscribers; target: under 1 s for 10,000)\n' \
  "$queued" "$secs" "$N"
