# tests/http/casework.sh: confidential casework on the web (issue 18) —
# need to know walked route by route and account by account: signed out
# (303 to sign in for a GET, 403 for a POST, whether or not the case
# exists), a viewer, an admin without casework, a caseworker not assigned
# (404, the very page an unknown address gets) and the assigned
# caseworker (200, or 303 after a change); the navigation entry only for
# caseworkers; every form (open, note, hearing, status, assign, upload)
# with its errors; retention and purging (a purge by the command line in
# the log, one on the web, then nothing to purge) and counts into
# monitoring, for any caseworker, walked the same way; the document downloaded as an attachment; the access
# log on the case page; the web's text sealed in the database file.
# Sourced by tests/http/run.sh; serves a copy of $DB. Uses $P, $DB, $T,
# $PW and lib.sh.

KDB="$T/casework.db"
sqlite3 "$DB" ".backup '$KDB'"
[ -f "$DB.key" ] && cp "$DB.key" "$KDB.key"
KF="$T/caseweb"
mkdir -p "$KF"
kq() { sqlite3 "$KDB" "$1"; }
for u in "kw-a --role viewer --grant casework" "kw-b --role viewer --grant casework" "kw-boss --role admin" "kw-view --role viewer"; do
  printf '%s\n' "$PW" | "$P" --db "$KDB" user add $u --password-stdin >/dev/null
done
"$P" --db "$KDB" member add kada@example.org --name 'Kada Obi' --region London >/dev/null
"$P" --db "$KDB" case open --member kada@example.org --kind grievance --summary 'WEB-SUMMARY-ONE' --as kw-a >/dev/null
"$P" --db "$KDB" case note 1 --text 'first note' --as kw-a >/dev/null
printf 'DOC-BODY-ONE\n' >"$KF/one.txt"
"$P" --db "$KDB" case document 1 "$KF/one.txt" --as kw-a >/dev/null

start_server casework "$KDB" || { fail=$((fail+1)); echo "FAIL casework server did not start"; return 0; }
KA="$T/kw-a.jar" KB="$T/kw-b.jar" KX="$T/kw-boss.jar" KV="$T/kw-view.jar" KN="$T/kw-anon.jar"
rm -f "$KN"
login "$KA" kw-a "$PW"
login "$KB" kw-b "$PW"
login "$KX" kw-boss "$PW"
login "$KV" kw-view "$PW"

# --- every GET route, every account
GETS="/cases /cases/new /cases/retention /cases/retention/purge /cases/counts /cases/1 /cases/1/note /cases/1/hearing /cases/1/status /cases/1/assign /cases/1/document /cases/1/document/1 /cases/999 /cases/999/note /cases/999/document/1 /cases/1/nonsense /cases/x"
for path in $GETS; do
  req "$KN" GET "$path"
  h "casework-get-anon $path: sign in first" 303
  c "…to the sign-in page ($path)" grep -qi "^location: /login?next=" "$T/headers"
  req "$KV" GET "$path"
  h "casework-get-viewer $path: 404" 404 'Page not found' 'casework|Handle casework'
  req "$KX" GET "$path"
  h "casework-get-admin $path: 404, not 403" 404 'Page not found' 'casework|Handle casework'
  case "$path" in
    /cases|/cases/new|/cases/retention*|/cases/counts) want_b=200 ;;
    *) want_b=404 ;;
  esac
  req "$KB" GET "$path"
  h "casework-get-not-assigned $path: $want_b" "$want_b"
  case "$path" in
    /cases/999*|/cases/1/nonsense|/cases/x) want_a=404 ;;
    *) want_a=200 ;;
  esac
  req "$KA" GET "$path"
  h "casework-get-assigned $path: $want_a" "$want_a"
done

# --- the 404 says nothing of whether the case exists
req "$KB" GET /cases/1; cp "$T/body" "$KF/nf1"
req "$KB" GET /cases/999; cp "$T/body" "$KF/nf999"
req "$KB" GET /no/such/page; cp "$T/body" "$KF/nfpage"
c "casework-404-same: a case not assigned and no case answer the same page" cmp -s "$KF/nf1" "$KF/nf999"
c "casework-404-same-as-unknown: …the page of an unknown address" cmp -s "$KF/nf1" "$KF/nfpage"
req "$KX" GET /cases/1; cp "$T/body" "$KF/nfx1"
req "$KX" GET /cases/999; cp "$T/body" "$KF/nfx999"
c "casework-404-same-admin: an admin gets the same page for a case and no case" cmp -s "$KF/nfx1" "$KF/nfx999"

# --- the navigation: only for caseworkers
req "$KA" GET /
c "casework-nav: a caseworker has Cases in the navigation" grep -q 'href="/cases"' "$T/body"
req "$KX" GET /
c "casework-nav-admin: an admin has none" sh -c "! grep -q 'href=\"/cases\"' '$T/body'"
req "$KV" GET /
c "casework-nav-viewer: a viewer has none" sh -c "! grep -q 'href=\"/cases\"' '$T/body'"

# --- every POST route, every account (a form token from a page all may read)
tok_of() { req "$1" GET /account/password; csrf_from_body; }
POSTS="/cases/new /cases/1/note /cases/1/hearing /cases/1/status /cases/1/assign /cases/999/note"
for path in $POSTS; do
  req "$KN" POST "$path" --data-urlencode "text=x"
  h "casework-post-anon $path: 403 sign in" 403 'Sign in to continue'
  for who in KV KX; do
    jar=${!who}; tok=$(tok_of "$jar")
    req "$jar" POST "$path" --data-urlencode "csrf=$tok" --data-urlencode "text=x" --data-urlencode "status=closed" --data-urlencode "to=kw-b"
    h "casework-post-$who $path: 404" 404 'Page not found'
  done
  if [ "$path" != /cases/new ]; then
    tok=$(tok_of "$KB")
    req "$KB" POST "$path" --data-urlencode "csrf=$tok" --data-urlencode "text=x" --data-urlencode "status=closed" --data-urlencode "to=kw-b"
    h "casework-post-not-assigned $path: 404" 404 'Page not found'
  fi
done
tok=$(tok_of "$KB")
req "$KB" POST "/cases/1/document?csrf=$tok" -F "csrf=$tok" -F "file=@$KF/one.txt;type=text/plain"
h "casework-post-not-assigned upload: 404" 404 'Page not found'
tok=$(tok_of "$KX")
req "$KX" POST "/cases/1/document?csrf=$tok" -F "csrf=$tok" -F "file=@$KF/one.txt;type=text/plain"
h "casework-post-admin upload: 404" 404 'Page not found'
req "$KN" POST "/cases/1/document" -F "file=@$KF/one.txt;type=text/plain"
h "casework-post-anon upload: 403" 403
c "casework-post-refused: nothing changed by a refused POST" test "$(kq "SELECT (SELECT count(*) FROM net_case) || (SELECT count(*) FROM net_case_note) || (SELECT count(*) FROM net_case_doc) || (SELECT count(*) FROM net_case_worker) || (SELECT status FROM net_case WHERE id = 1)")" = "1111open"

# --- the assigned caseworker's forms
FORM_PAGE=/cases/new post "$KA" /cases/new member= kind= summary=
h "casework-open-errors: each field's error" 400 'href="#member">Enter the member[^<]*s email address'
c "…kind and summary too" sh -c "grep -q 'href=\"#kind\">Select the kind of case' '$T/body' && grep -q 'href=\"#summary\">Enter a summary' '$T/body'"
FORM_PAGE=/cases/new post "$KA" /cases/new member=nobody@example.org kind=other summary=x
h "casework-open-unknown-member" 400 'No member of the staff network has that email address'
FORM_PAGE=/cases/new post "$KA" /cases/new member=kada@example.org kind=capability "summary=WEB-SUMMARY-TWO about capability"
h "casework-open: 303 to the case" 303
c "…at /cases/2" grep -qi '^location: /cases/2' "$T/headers"
req "$KA" GET /cases/2
h "casework-open-shown: the case with its summary and the flash" 200 'WEB-SUMMARY-TWO about capability'
c "…and the access log saying it was opened and read on the web" sh -c "grep -q 'opened the case' '$T/body' && grep -q 'read the case' '$T/body'"
FORM_PAGE=/cases/2/note post "$KA" /cases/2/note text=
h "casework-note-empty" 400 'href="#text">Enter the note'
FORM_PAGE=/cases/2/note post "$KA" /cases/2/note "text=WEB-NOTE-SECRET <b>bold</b>"
h "casework-note: 303" 303
req "$KA" GET /cases/2
h "casework-note-shown, escaped" 200 'WEB-NOTE-SECRET &lt;b&gt;bold&lt;/b&gt;'
FORM_PAGE=/cases/2/hearing post "$KA" /cases/2/hearing date-day=31 date-month=2 date-year=2099
h "casework-hearing-bad-date" 400 'href="#date"'
FORM_PAGE=/cases/2/hearing post "$KA" /cases/2/hearing date-day=1 date-month=1 date-year=2001
h "casework-hearing-past" 400 'has passed'
FORM_PAGE=/cases/2/hearing post "$KA" /cases/2/hearing date-day=1 date-month=1 date-year=2099 time=9am
h "casework-hearing-bad-time" 400 'href="#time"'
FORM_PAGE=/cases/2/hearing post "$KA" /cases/2/hearing date-day=1 date-month=1 date-year=2099 time=10:15 "text=WEB-HEARING-NOTE"
h "casework-hearing: 303" 303
req "$KA" GET /cases/2
h "casework-hearing-shown" 200 '1 January 2099</td><td class="govuk-table__cell">10:15'
FORM_PAGE=/cases/2/status post "$KA" /cases/2/status status=open
h "casework-status-same" 400 'is open already'
FORM_PAGE=/cases/2/status post "$KA" /cases/2/status status=appeal
h "casework-status: 303" 303
req "$KA" GET /cases/2/assign
h "casework-assign-offers caseworkers only" 200 '<option value="kw-b"' '<option value="kw-boss"|<option value="kw-view"'
FORM_PAGE=/cases/2/assign post "$KA" /cases/2/assign to=kw-boss
h "casework-assign-not-caseworker" 400 'does not hold the casework capability'
FORM_PAGE=/cases/2/assign post "$KA" /cases/2/assign to=kw-b
h "casework-assign: 303" 303
req "$KB" GET /cases/2
h "casework-assigned-now-reads: kw-b assigned reads the case" 200 'WEB-SUMMARY-TWO'
req "$KB" GET /cases
h "casework-list-own: kw-b's list has case 2, not case 1" 200 'href="/cases/2"' 'href="/cases/1"'
printf 'WEB-DOC-BODY secret letter\n' >"$KF/web-letter.txt"
req "$KA" GET /cases/2/document; tok=$(csrf_from_body)
req "$KA" POST "/cases/2/document?csrf=$tok" -F "csrf=$tok" -F "file=@$KF/web-letter.txt;type=text/plain"
h "casework-upload: 303" 303
req "$KA" GET /cases/2/document; tok=$(csrf_from_body)
: >"$KF/empty.txt"
req "$KA" POST "/cases/2/document?csrf=$tok" -F "csrf=$tok" -F "file=@$KF/empty.txt;type=text/plain"
h "casework-upload-empty" 400 'href="#file">Select a document'
DOC=$(kq "SELECT id FROM net_case_doc WHERE case_id = 2")
req "$KA" GET "/cases/2/document/$DOC"
h "casework-download: the document" 200 'WEB-DOC-BODY secret letter'
hdr "casework-download-attachment" '^content-disposition: attachment; filename="web-letter.txt"'
hdr "casework-download-nosniff" '^x-content-type-options: nosniff'
hdr "casework-download-no-store" '^cache-control: no-store'
req "$KA" GET "/cases/1/document/$DOC"
h "casework-download-other-case: a document of another case is not found" 404 'Page not found'
req "$KA" GET /cases/2
h "casework-access-log: every change and reading on the page" 200 'added a document'
for w in 'added a note' 'added a hearing on 1 January 2099' 'status changed from open to appeal' 'assigned kw-b' 'downloaded a document' 'read the case'; do
  c "…$w" grep -q "$w" "$T/body"
done
c "casework-access-log-who: kw-b's reading is in it" test "$(kq "SELECT count(*) FROM net_case_access WHERE case_id = 2 AND who = 'kw-b' AND via = 'web' AND what = 'read the case'")" -ge 1
c "casework-audit: the audit log has the web's changes by case number" test "$(kq "SELECT count(*) FROM audit_log WHERE target = 'case 2' AND who = 'kw-a' AND address <> ''")" -ge 5

# --- retention and purging, counts: any caseworker; nobody else
# two old cases closed long ago (the clock moved back), the first purged
# by the command line with the clock at 2017: case 3 in the purge log,
# case 4 due now
Y2010=1275393600 Y2015=1433160000 Y2017=1483272000 # 2010-06-01, 2015-06-01, 2017-01-01
PARITY_NOW=$Y2010 "$P" --db "$KDB" case open --member kada@example.org --kind disciplinary --summary 'OLD-ONE' --as kw-a >/dev/null
PARITY_NOW=$Y2010 "$P" --db "$KDB" case status 3 --to closed --as kw-a >/dev/null
PARITY_NOW=$Y2015 "$P" --db "$KDB" case open --member kada@example.org --kind other --summary 'OLD-TWO' --as kw-a >/dev/null
PARITY_NOW=$Y2015 "$P" --db "$KDB" case status 4 --to closed --as kw-a >/dev/null
PARITY_NOW=$Y2017 "$P" --db "$KDB" case purge --as kw-a >/dev/null
c "casework-retention-setup: case 3 purged by the command line, case 4 kept" test "$(kq "SELECT (SELECT count(*) FROM net_case WHERE id = 3) || (SELECT count(*) FROM net_case WHERE id = 4) || (SELECT purged_by FROM net_case_purge WHERE case_id = 3)")" = "01cli:kw-a"
for path in /cases/retention /cases/retention/purge /cases/counts; do
  req "$KN" POST "$path" --data-urlencode "years=1" --data-urlencode "year=2026" --data-urlencode "characteristic=ethnicity" --data-urlencode "confirm=yes"
  h "casework-post-anon $path: 403 sign in" 403 'Sign in to continue'
  for who in KV KX; do
    jar=${!who}; tok=$(tok_of "$jar")
    req "$jar" POST "$path" --data-urlencode "csrf=$tok" --data-urlencode "years=1" --data-urlencode "year=2026" --data-urlencode "characteristic=ethnicity" --data-urlencode "confirm=yes"
    h "casework-post-$who $path: 404" 404 'Page not found'
  done
done
c "casework-retention-refused: nothing changed by a refused POST" test "$(kq "SELECT (SELECT count(*) FROM net_case WHERE id = 4) || (SELECT count(*) FROM net_case_setting) || (SELECT count(*) FROM net_case_purge) || (SELECT count(*) FROM mon_import WHERE dataset = 'casework')")" = "1010"
req "$KA" GET /cases
h "casework-list-links: the list links to retention and counts" 200 'href="/cases/retention"'
c "…and counts" grep -q 'href="/cases/counts"' "$T/body"
req "$KB" GET /cases/retention
h "casework-retention: any caseworker, the period now" 200 'id="years"[^>]*value="6"'
c "…one case due, the button to purge" sh -c "grep -q '1 closed case is past the retention period' '$T/body' && grep -q 'href=\"/cases/retention/purge\"' '$T/body'"
c "…the purge log: case 3, its kind, by the command line" sh -c "grep -q 'Case 3</th>' '$T/body' && grep -q 'Disciplinary' '$T/body' && grep -q 'kw-a (command line)' '$T/body'"
c "…no personal data in the log" sh -c "! grep -q 'Kada\|kada@\|OLD-ONE' '$T/body'"
FORM_PAGE=/cases/retention post "$KB" /cases/retention years=
h "casework-retention-empty" 400 'href="#years">Enter the number of years'
FORM_PAGE=/cases/retention post "$KB" /cases/retention years=0
h "casework-retention-range" 400 'href="#years">Years a closed case is kept must be a whole number from 1 to 100'
c "…the field keeps what was typed, with its message" grep -q 'govuk-error-message' "$T/body"
FORM_PAGE=/cases/retention post "$KB" /cases/retention years=2.5
h "casework-retention-fraction" 400 'whole number from 1 to 100'
c "casework-retention-unchanged: a mistake changes nothing" test "$(kq "SELECT count(*) FROM net_case_setting")" = 0
FORM_PAGE=/cases/retention post "$KB" /cases/retention years=7
h "casework-retention-set: 303" 303
c "…saved" test "$(kq "SELECT value FROM net_case_setting WHERE name = 'retention_years'")" = 7
c "…audited with the command's word" test "$(kq "SELECT count(*) FROM audit_log WHERE what = 'case.retention' AND who = 'kw-b' AND after = '7'")" = 1
req "$KB" GET /cases/retention
h "casework-retention-shown: the new period and the flash" 200 'Closed cases are now kept for 7 years'
req "$KB" GET /cases/retention/purge
h "casework-purge-ask: are you sure, with the count" 200 'Are you sure you want to purge the closed cases'
c "…1 case, 7 years, a warning button" sh -c "grep -q '1 closed case was closed more than 7 years ago' '$T/body' && grep -q 'action=\"/cases/retention/purge\"' '$T/body'"
FORM_PAGE=/cases/retention/purge post "$KB" /cases/retention/purge
h "casework-purge: 303" 303
c "…back to the retention page" grep -qi '^location: /cases/retention' "$T/headers"
c "…case 4 deleted with all it holds" test "$(kq "SELECT (SELECT count(*) FROM net_case WHERE id = 4) || (SELECT count(*) FROM net_case_access WHERE case_id = 4)")" = "00"
c "…the log and the audit log by the account" test "$(kq "SELECT (SELECT purged_by FROM net_case_purge WHERE case_id = 4) || (SELECT count(*) FROM audit_log WHERE what = 'case.purge' AND who = 'kw-b' AND target = 'case 4')")" = "kw-b1"
c "…cases 1 and 2 kept" test "$(kq "SELECT count(*) FROM net_case WHERE id IN (1, 2)")" = 2
req "$KB" GET /cases/retention
h "casework-purge-shown: the flash, nothing due, both purges in the log" 200 '1 closed case purged'
c "…nothing due" grep -q 'No closed cases are past the retention period now' "$T/body"
c "…case 4 by kw-b in the log" sh -c "grep -q 'Case 4</th>' '$T/body' && grep -q '>kw-b</td>' '$T/body'"
req "$KB" GET /cases/retention/purge
h "casework-purge-nothing: nothing to purge, no button" 200 'there is nothing to purge' 'action="/cases/retention/purge"'
FORM_PAGE=/cases/retention post "$KB" /cases/retention/purge
h "casework-purge-none: 303" 303
req "$KB" GET /cases/retention
h "casework-purge-none-shown" 200 'No closed cases were due to be purged'
c "…nothing more in the log" test "$(kq "SELECT count(*) FROM net_case_purge")" = 2

YEAR=$(date -u +%Y)
req "$KB" GET /cases/counts
h "casework-counts-page: year and characteristic" 200 'id="year"'
c "…characteristics as radios, ethnicity chosen" grep -q 'value="ethnicity" checked' "$T/body"
FORM_PAGE=/cases/counts post "$KB" /cases/counts year= characteristic=
h "casework-counts-errors" 400 'href="#year">Enter the year the cases were opened in'
c "…and the characteristic" grep -q 'href="#characteristic">Select how to group the members' "$T/body"
FORM_PAGE=/cases/counts post "$KB" /cases/counts year=20x5 characteristic=colour
h "casework-counts-bad" 400 'href="#year">Year must be a whole year'
FORM_PAGE=/cases/counts post "$KB" /cases/counts "year=$YEAR" characteristic=ethnicity
h "casework-counts-ask: are you sure" 200 'Are you sure you want to send the counts to monitoring'
c "…saying small numbers are withheld and nothing by group is shown" sh -c "grep -q 'small numbers are withheld' '$T/body' && grep -q 'Nothing by group is shown' '$T/body'"
c "…nothing imported yet" test "$(kq "SELECT count(*) FROM mon_import WHERE dataset = 'casework'")" = 0
FORM_PAGE=/cases/counts post "$KB" /cases/counts "year=$YEAR" characteristic=ethnicity confirm=yes
h "casework-counts: sent, linking to monitoring's report" 200 "href=\"/monitoring/report\\?dataset=casework&amp;period=$YEAR\""
c "…nothing by group on the page" sh -c "! grep -q 'Missing\|Not stated\|White' '$T/body'"
c "casework-counts-imported: a monitoring import for dataset casework" test "$(kq "SELECT count(*) FROM mon_import WHERE dataset = 'casework' AND period = '$YEAR'")" = 1
c "casework-counts-audit: audited by the account" test "$(kq "SELECT count(*) FROM audit_log WHERE what = 'case.counts' AND who = 'kw-b' AND target = 'dataset casework, $YEAR' AND after = 'ethnicity'")" = 1

stop_server
sqlite3 "$KDB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
c "casework-sealed: no text from the web in the database file" sh -c "! grep -qa 'WEB-SUMMARY\|WEB-NOTE-SECRET\|WEB-HEARING-NOTE\|WEB-DOC-BODY\|web-letter' '$KDB' '$KDB-wal' 2>/dev/null"
