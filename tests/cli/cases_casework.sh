# End-to-end cases for confidential casework (issue 18; sourced by run.sh):
# every case command and its refusals — for an account without casework
# (an admin included) and a caseworker not assigned, in the same words
# whether or not the case exists — the database unchanged by a refused
# command, the case's text sealed (read back from the database file and
# its WAL), a missing key file refused plainly, the access log, the
# retention purge moved on with PARITY_NOW, counts leaving only through
# monitoring, and member erasure and export.
CW="$T/cases.db"
CF="$T/casework"
mkdir -p "$CF"
C() { "$P" --db "$CW" "$@"; }
pw() { printf '%s\n' 'a-long-password-1' | C user add "$@" --password-stdin >/dev/null; }

pw cw1 --role viewer --grant casework
pw cw2 --role viewer --grant casework
pw cw3 --role viewer --grant casework
pw boss --role admin
pw viewer1 --role viewer
C member add ada@example.org --name 'Ada Obi' --region London >/dev/null
C member add ben@example.org --name 'Ben Ade' --region London >/dev/null
C member update ada@example.org --equality ethnicity=B1 >/dev/null

t cw-help 0 'case open' '' -- "$P" help
t cw-help-open 0 'grievance\|disciplinary\|capability\|other' '' -- "$P" help case open
t cw-grant-help 0 'casework' '' -- "$P" help user add
c "…casework is no longer said to be reserved" sh -c "! '$P' help user add | grep -q reserved"

# open: the opener is assigned; json prints the id
t cw-open-json 0 '^  "id": 1$' '' -- C case open --member ada@example.org --kind grievance --summary 'ZEBRA-SUMMARY unequal pay' --as cw1 --format json
t cw-open-text 0 '^opened case 2; you \(cw1\) are its caseworker$' '' -- C case open --member ben@example.org --kind disciplinary --summary 'second case' --as cw1
t cw-open-cw3 0 'opened case 3' '' -- C case open --member ben@example.org --kind capability --summary 'third case' --as cw3

# refusals of open: the database unchanged
before=$(dump "$CW")
t cw-open-no-as 2 '' 'give --as USER' -- C case open --member ada@example.org --kind grievance --summary x
t cw-open-viewer 1 '' 'viewer1 does not hold the casework capability' -- C case open --member ada@example.org --kind grievance --summary x --as viewer1
t cw-open-admin 1 '' 'boss does not hold the casework capability' -- C case open --member ada@example.org --kind grievance --summary x --as boss
t cw-open-nobody 1 '' 'no account called ghost' -- C case open --member ada@example.org --kind grievance --summary x --as ghost
t cw-open-bad-kind 2 '' "unknown kind 'complaint'; a case is a grievance, disciplinary, capability or other" -- C case open --member ada@example.org --kind complaint --summary x --as cw1
t cw-open-no-member 1 '' 'no member with email zz@example.org' -- C case open --member zz@example.org --kind grievance --summary x --as cw1
t cw-open-empty 1 '' 'the summary is empty' -- C case open --member ada@example.org --kind grievance --summary '  ' --as cw1
t cw-open-no-kind 2 '' 'give --kind' -- C case open --member ada@example.org --summary x --as cw1
t cw-open-unknown-opt 2 '' 'see .parity help case open.' -- C case open --member ada@example.org --kind other --summary x --as cw1 --colour red
t cw-open-bad-format 2 '' '--format takes text or json' -- C case open --member ada@example.org --kind other --summary x --as cw1 --format xml

# the case's own commands: one refusal for everyone not assigned, whether or not the case exists
for cmd in "show 1" "note 1 --text x" "status 1 --to closed" "hearing 1 --date 2099-01-01" "assign 1 --to cw3" "access-log 1" "document 1 $CF/none.txt" "download 1 1 -o $CF/x"; do
  set -- $cmd
  name=${1}
  [ "$name" = document ] && echo doc > "$CF/none.txt"
  t "cw-$name-admin" 1 '' '^parity: error: no case 1 that you are assigned to' -- C case $cmd --as boss
  t "cw-$name-viewer" 1 '' '^parity: error: no case 1 that you are assigned to' -- C case $cmd --as viewer1
  t "cw-$name-not-assigned" 1 '' '^parity: error: no case 1 that you are assigned to' -- C case $cmd --as cw3
  t "cw-$name-no-case" 1 '' '^parity: error: no case 99 that you are assigned to' -- C case ${cmd/ 1/ 99} --as cw1
  t "cw-$name-no-as" 2 '' 'give --as USER' -- C case $cmd
done
t cw-show-bad-id 2 '' "give the case's number" -- C case show one --as cw1
c "refused commands changed nothing" test "$before" = "$(dump "$CW")"

# the work of a case
t cw-note 0 '^added a note to case 1$' '' -- C case note 1 --text 'QUAGGA-NOTE met the member' --as cw1
t cw-note-empty 1 '' 'the note is empty' -- C case note 1 --text '' --as cw1
printf 'OKAPI-DOCUMENT letter from HR\n' > "$CF/letter-ada.txt"
t cw-document 0 '^added document 1 to case 1 \(sealed\)$' '' -- C case document 1 "$CF/letter-ada.txt" --as cw1
head -c 5300000 /dev/zero > "$CF/big.bin"
t cw-document-big 1 '' 'larger than 5 MB' -- C case document 1 "$CF/big.bin" --as cw1
t cw-document-missing 1 '' 'cannot read the document' -- C case document 1 "$CF/nope.pdf" --as cw1
t cw-hearing 0 'added a hearing on 2099-03-10 to case 1' '' -- C case hearing 1 --date 2099-03-10 --time 14:30 --note 'TAPIR-HEARING room 4' --as cw1
t cw-hearing-past 1 '' 'has passed' -- C case hearing 1 --date 2001-01-01 --as cw1
t cw-hearing-bad-time 1 '' 'is not a time' -- C case hearing 1 --date 2099-03-10 --time 25:00 --as cw1
t cw-hearing-bad-date 1 '' 'hearing date' -- C case hearing 1 --date 2099-02-30 --as cw1
t cw-status 0 '^case 1 is now hearing$' '' -- C case status 1 --to hearing --as cw1
t cw-status-same 1 '' 'case 1 is hearing already; nothing changed' -- C case status 1 --to hearing --as cw1
t cw-status-bad 2 '' "unknown status 'won'" -- C case status 1 --to won --as cw1
t cw-assign-viewer 1 '' 'viewer1 does not hold the casework capability' -- C case assign 1 --to viewer1 --as cw1
t cw-assign-admin 1 '' 'boss does not hold the casework capability' -- C case assign 1 --to boss --as cw1
t cw-assign-nobody 1 '' 'no account called ghost' -- C case assign 1 --to ghost --as cw1
t cw-assign 0 '^assigned cw2 to case 1$' '' -- C case assign 1 --to cw2 --as cw1
t cw-assign-again 1 '' 'cw2 is already assigned to case 1' -- C case assign 1 --to cw2 --as cw1
t cw-show-cw2 0 'summary:     ZEBRA-SUMMARY unequal pay' '' -- C case show 1 --as cw2
t cw-show-notes 0 'QUAGGA-NOTE met the member' '' -- C case show 1 --as cw2
t cw-show-hearing 0 '2099-03-10 14:30  TAPIR-HEARING room 4' '' -- C case show 1 --as cw1
t cw-show-doc 0 '1  letter-ada.txt \(30 bytes' '' -- C case show 1 --as cw1
t cw-show-json 0 '"summary": "ZEBRA-SUMMARY unequal pay"' '' -- C case show 1 --as cw1 --format json
t cw-download 0 "wrote $CF/back.txt" '' -- C case download 1 1 -o "$CF/back.txt" --as cw2
c "…the document comes back as it went in" cmp "$CF/letter-ada.txt" "$CF/back.txt"
t cw-download-none 1 '' 'case 1 has no document 7' -- C case download 1 7 -o "$CF/x" --as cw2
t cw-list-cw1 0 '^2 .*disciplinary' '' -- C case list --as cw1
t cw-list-cw1-first 0 '1 +grievance +hearing .*Ada Obi  next hearing 2099-03-10' '' -- C case list --as cw1
t cw-list-cw3 0 '^3 +capability' '' -- C case list --as cw3
c "…and only the cases assigned" sh -c "! '$P' --db '$CW' case list --as cw3 | grep -q grievance"
t cw-list-json 0 '"next_hearing": "2099-03-10"' '' -- C case list --as cw2 --format json
t cw-list-admin 1 '' 'boss does not hold the casework capability' -- C case list --as boss
pw cw4 --role viewer --grant casework
t cw-list-none 0 '^no cases assigned to cw4$' '' -- env PARITY_DB="$CW" "$P" case list --as cw4 --format text
t cw-access-log 0 'cw2 +cli +read the case' '' -- C case access-log 1 --as cw1
t cw-access-log-all 0 'opened the case' '' -- C case access-log 1 --as cw1
t cw-access-log-json 0 '"what": "assigned cw2"' '' -- C case access-log 1 --as cw1 --format json
c "…every reading and change: opened, note, document, hearing, status, assign, reads, download" test "$(sqlite3 "$CW" "SELECT group_concat(what, '|') FROM (SELECT what FROM net_case_access WHERE case_id = 1 ORDER BY id)" | cut -d'|' -f1-7)" = "opened the case|added a note|added a document|added a hearing on 10 March 2099|status changed from open to hearing|assigned cw2|read the case"
c "…and the downloading of a document" test "$(sqlite3 "$CW" "SELECT count(*) FROM net_case_access WHERE case_id = 1 AND what = 'downloaded a document' AND who = 'cw2'")" = 1
c "the audit log names the case, never its text" test "$(sqlite3 "$CW" "SELECT count(*) FROM audit_log WHERE target = 'case 1' AND what LIKE 'case.%'")" -ge 6
c "…with no case text in it" sh -c "! sqlite3 '$CW' 'SELECT * FROM audit_log' | grep -q 'ZEBRA\|QUAGGA\|OKAPI\|TAPIR'"

# encryption at rest: the database file and its WAL hold none of the text
sqlite3 "$CW" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
c "the summary is not in the database file" sh -c "! grep -qa ZEBRA-SUMMARY '$CW' '$CW-wal' 2>/dev/null"
c "the note is not in the database file" sh -c "! grep -qa QUAGGA-NOTE '$CW'"
c "the document is not in the database file" sh -c "! grep -qa OKAPI-DOCUMENT '$CW'"
c "the document's name is not in the database file" sh -c "! grep -qa letter-ada '$CW'"
c "the hearing's note is not in the database file" sh -c "! grep -qa TAPIR-HEARING '$CW'"
c "…nor in the WAL" sh -c "! grep -qa 'ZEBRA\|QUAGGA\|OKAPI\|TAPIR' '$CW-wal' 2>/dev/null"
c "whose case it is and its kind are sealed too (no member number or kind in net_case)" sh -c "! sqlite3 '$CW' 'SELECT * FROM net_case' | grep -qa 'grievance\|disciplinary\|capability'"
c "…nor a grievance or disciplinary kind anywhere in the database file" sh -c "! grep -qa 'grievance\|disciplinary' '$CW'"
c "…so its member is found only with the key (a member's cases are counted for erasure)" test "$(sqlite3 "$CW" "SELECT count(*) FROM pragma_table_info('net_case') WHERE name IN ('member_id', 'kind')")" = 0
c "the key file holds the casework key" grep -q '^casework ' "$CW.key"
mv "$CW.key" "$CF/key.saved"
t cw-no-key 1 '' 'the cases cannot be opened: .*cases.db holds encrypted casework, but its key file .*cases.db.key is missing' -- C case show 1 --as cw1
c "…and shows nothing of the case" sh -c "! '$P' --db '$CW' case show 1 --as cw1 2>&1 | grep -q 'ZEBRA\|summary:'"
t cw-no-key-note 1 '' 'holds encrypted casework' -- C case note 1 --text x --as cw1
mv "$CF/key.saved" "$CW.key"
t cw-key-back 0 'ZEBRA-SUMMARY' '' -- C case show 1 --as cw1

# member erasure and export
t cw-erase-refused 1 '' 'has 1 confidential case that must be closed and purged first' -- C member erase ada@example.org
t cw-export-count 0 '"count": 1' '' -- C member export ada@example.org
c "…without the case's content" sh -c "! '$P' --db '$CW' member export ada@example.org | grep -q 'ZEBRA\|grievance'"

# retention: closed cases purged after the period (6 years by default)
t cw-retention 0 'closed cases are purged 6 years after closing' '' -- C case retention
t cw-retention-bad 2 '' '--years takes a whole number of years from 1 to 100' -- C case retention --years 0 --as cw1
t cw-retention-admin 1 '' 'boss does not hold the casework capability' -- C case retention --years 3 --as boss
t cw-retention-set 0 'closed cases are now purged 7 years after closing' '' -- C case retention --years 7 --as cw1
t cw-close 0 'case 1 is now closed' '' -- C case status 1 --to closed --as cw1
t cw-purge-early 0 'purged 0 closed cases' '' -- env PARITY_NOW=$(( $(date +%s) + 6 * 366 * 86400 )) "$P" --db "$CW" case purge
t cw-purge-as-admin 1 '' 'boss does not hold the casework capability' -- C case purge --as boss
t cw-purge 0 'purged 1 closed case past the retention period' '' -- env PARITY_NOW=$(( $(date +%s) + 7 * 366 * 86400 )) "$P" --db "$CW" case purge --as cw2
c "…the case is gone with all it held" test "$(sqlite3 "$CW" "SELECT (SELECT count(*) FROM net_case WHERE id = 1) + (SELECT count(*) FROM net_case_note) + (SELECT count(*) FROM net_case_doc) + (SELECT count(*) FROM net_case_access WHERE case_id = 1)")" = 0
c "…the purge is recorded without personal data" test "$(sqlite3 "$CW" "SELECT case_id || '|' || kind || '|' || purged_by FROM net_case_purge")" = "1|grievance|cli:cw2"
c "…and in the audit log" test "$(sqlite3 "$CW" "SELECT count(*) FROM audit_log WHERE what = 'case.purge' AND target = 'case 1'")" = 1
t cw-show-purged 1 '' 'no case 1 that you are assigned to' -- C case show 1 --as cw1
t cw-erase-after-purge 0 '' '' -- C member erase ada@example.org

# counts by kind and group: only into monitoring, for safe publication
t cw-counts-bad 2 '' 'give the year' -- C case counts
t cw-counts 0 'imported the cases opened in [0-9]{4} by kind and ethnicity as dataset casework' '' -- C case counts --period "$(date +%Y)"
c "…a monitoring dataset, counted by kind over the members" test "$(sqlite3 "$CW" "SELECT group_concat(c.outcome || '=' || c.numerator || '/' || c.denominator, ' ') FROM mon_count c JOIN mon_import i ON i.id = c.import_id WHERE i.dataset = 'casework' AND c.unit = 'Network' AND c.grp = 'Missing'")" = "capability=1/1 disciplinary=1/1 grievance=0/1 other=0/1"
c "…in the audit log as case.counts" test "$(sqlite3 "$CW" "SELECT count(*) FROM audit_log WHERE what = 'case.counts' AND target = 'dataset casework, $(date +%Y)' AND after = 'ethnicity'")" = 1
c "…nothing printed by group" sh -c "! '$P' --db '$CW' case counts --period $(date +%Y) | grep -q Missing"
t cw-counts-bad-char 1 '' '' -- C case counts --period 2025 --characteristic colour
