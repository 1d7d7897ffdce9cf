# tests/http/plan_view.sh: the action plan page of issue 15 — a plan of 113
# actions paginated 50 a page with its filters kept in the page links,
# grouped by section and area, searched over id, text, area and leads; the
# report downloads (HTML, CSV, Word .docx, .ics) with the list's filters;
# calendar feed keys (a feed a calendar program can subscribe to without
# signing in, revocable, read-only, what the account may see); evidence
# files attached to an update (kept in the database, size-limited, served
# as attachments with nosniff). Sourced by tests/http/run.sh: its own
# database and server; $P, $T, $PW and the helpers of lib.sh.
VD="$T/view.db"
VM="$T/view.md"

# A plan of 3 sections, 23 areas and 113 actions (areas 4 and 12 have four
# actions, the others five). AB leads every action of areas 1 to 12 (58);
# CD the rest. Area 9's title has a word nothing else has (Heliotrope);
# every action's text has the word Task.
{
  echo "# Plan of the view tests"
  echo
  n=0
  for a in $(seq 1 23); do
    case $a in 1) sec="1. Alpha governance" ;; 9) sec="2. Beta workforce" ;; 17) sec="3. Gamma services" ;; *) sec= ;; esac
    if [ -n "$sec" ]; then
      printf '\n## %s\n\n| Objective | Duties | Action | Responsibility | Target date | Status |\n|---|---|---|---|---|---|\n' "$sec"
    fi
    title="Objective number $a"
    [ "$a" = 9 ] && title="Objective number 9 Heliotrope"
    lead=AB; [ "$a" -gt 12 ] && lead=CD
    count=5; { [ "$a" = 4 ] || [ "$a" = 12 ]; } && count=4
    for k in $(seq 1 $count); do
      l=$(printf "\\x$(printf %x $((96 + k)))")
      n=$((n + 1))
      if [ "$k" = 1 ]; then first="$title | 1, 2"; else first=" | "; fi
      printf '| %s | %s) Task %d of area %d | %s | By 28/%d/27 | Not started |\n' "$first" "$l" "$n" "$a" "$lead" $(( (a % 9) + 1 ))
    done
  done
  printf '\n## Who'"'"'s who\n\nStaff initials used in this plan\n\nAB – Quentin Blackwood, Head of Things\nCD – Dana Cole, Officer\n'
} >"$VM"
"$P" --db "$VD" plan import "$VM" >"$T/view.import" 2>&1
c "view: the test plan has 113 actions" grep -q '3 sections, 23 areas, 113 actions' "$T/view.import"
for u in "vv viewer" "va admin"; do
  set -- $u
  printf '%s\n' "$PW" | "$P" --db "$VD" user add "$1" --role "$2" --password-stdin >/dev/null
done
printf '%s\n' "$PW" | "$P" --db "$VD" user add vl --role lead --lead-initials AB --password-stdin >/dev/null
# a lead who may not read the plan: only their own actions
printf '%s\n' "$PW" | "$P" --db "$VD" user add vo --role lead --lead-initials CD --revoke read-plan --password-stdin >/dev/null
start_server view "$VD" || return
VV="$T/view-vv.jar" VL="$T/view-vl.jar" VA="$T/view-va.jar" VO="$T/view-vo.jar" VN="$T/view-none.jar"
login "$VV" vv "$PW"
login "$VL" vl "$PW"
login "$VA" va "$PW"
login "$VO" vo "$PW"
# links: how many action links the last page had
links() { grep -o 'href="/plan/action/[^"]*"' "$T/body" | wc -l; }

# --- pagination (at most 50 actions a page)
req "$VV" GET /plan
h "view: /plan says which 50 of 113 it shows" 200 'Showing 1 to 50 of 113 actions'
c "…and shows 50 actions" test "$(links)" = 50
c "…with the GOV.UK pagination: page 1 current, a link to page 2 and Next" sh -c "grep -q 'class=\"govuk-pagination\"' '$T/body' && grep -q 'href=\"/plan?page=1\" aria-label=\"Page 1\" aria-current=\"page\"' '$T/body' && grep -q 'href=\"/plan?page=2\" rel=\"next\"' '$T/body'"
req "$VV" GET '/plan?page=3'
h "view: page 3 shows the last 13" 200 'Showing 101 to 113 of 113 actions'
c "…13 action links" test "$(links)" = 13
c "…and Previous to page 2, no Next" sh -c "grep -q 'href=\"/plan?page=2\" rel=\"prev\"' '$T/body' && ! grep -q 'rel=\"next\"' '$T/body'"
req "$VV" GET '/plan?page=99'
h "view: a page past the end shows the last page" 200 'Showing 101 to 113 of 113 actions'
req "$VV" GET '/plan?page=x'
h "view: a page that is not a number shows the first" 200 'Showing 1 to 50 of 113 actions'
req "$VV" GET '/plan?lead=AB&q=task'
h "view: filters and search narrow the count" 200 'Showing 1 to 50 of 58 actions'
c "…and are kept in the page links" grep -q 'href="/plan?q=task&amp;lead=AB&amp;page=2"' "$T/body"
req "$VV" GET '/plan?lead=AB&q=task&page=2'
h "view: page 2 of the filtered list" 200 'Showing 51 to 58 of 58 actions'
c "…8 actions, all AB's" sh -c "[ \$(grep -o 'href=\"/plan/action/[^\"]*\"' '$T/body' | wc -l) = 8 ] && ! grep -q 'href=\"/plan/action/13a\"' '$T/body'"

# --- grouped by section and area, in the plan's order
req "$VV" GET /plan
c "view: a heading per section, in the plan's order" sh -c "grep -o '<h3[^>]*>[^<]*' '$T/body' | sed 's/<h3[^>]*>//' | tr '\n' '|' | grep -qx '1. Alpha governance|2. Beta workforce|'"
c "…a heading and a table per area, named for the area" sh -c "[ \$(grep -c '<h4 class=\"govuk-heading-s parity-plan-area\">Objective number' '$T/body') = 11 ] && [ \$(grep -c '<caption class=\"govuk-table__caption govuk-visually-hidden\">Actions: Objective number' '$T/body') = 11 ]"
c "…each table in a scroll region named for its area" grep -q 'role="region" aria-label="Actions: Objective number 9 Heliotrope"' "$T/body"
req "$VV" GET '/plan?page=2'
c "view: a section that began on page 1 is 'continued' on page 2" grep -q '>2. Beta workforce (continued)<' "$T/body"
c "…and so is an area cut by the page" grep -q '>Objective number 11 (continued)<' "$T/body"

# --- search over id, text, area and leads
req "$VV" GET '/plan?q=heliotrope'
h "view: the search finds words of an area's title" 200 '>5 actions<'
c "…the actions of that area" sh -c "grep -q 'href=\"/plan/action/9a\"' '$T/body' && grep -q 'href=\"/plan/action/9e\"' '$T/body' && ! grep -q 'href=\"/plan/action/8a\"' '$T/body'"
c "…as plan list --search does" test "$("$P" --db "$VD" plan list --search heliotrope | tail -1)" = "5 of 113 actions"
req "$VV" GET '/plan?q=beta+workforce'
h "view: the search finds a section's title" 200 '>39 actions<'
req "$VV" GET '/plan?q=23a'
h "view: the search finds an id" 200 '>1 action<'
req "$VV" GET '/plan?q=quentin+blackwood'
h "view: the search finds a lead by name" 200 '>58 actions<'
req "$VV" GET '/plan?q=task+7+of'
h "view: the search finds the action's words" 200 '>1 action<'

# --- downloads, with the list's filters
req "$VV" GET '/plan?lead=AB&q=task'
h "view: a filtered list offers these actions to download (not 'this plan')" 200 'Download these actions'
c "…each format with the list's filters" sh -c "for f in html csv docx ics; do grep -q \"href=\\\"/plan/report.\$f?q=task&amp;lead=AB\\\"\" '$T/body' || exit 1; done"
req "$VV" GET '/plan/report.csv?lead=AB&q=task'
h "view: the CSV download" 200 '^id,section,area,text'
hdr "…is an attachment" '^content-disposition: attachment; filename="action-plan.csv"'
hdr "…of type text/csv" '^content-type: text/csv'
c "…with the 58 actions that match (every page)" test "$(($(wc -l <"$T/body") - 1))" = 58
c "…and none of the others" sh -c "! grep -q '^13a,' '$T/body'"
req "$VV" GET '/plan/report.html?q=heliotrope'
h "view: the HTML download is the plan report of the actions shown" 200 'Actions in this report: containing .heliotrope.'
hdr "…as an attachment" '^content-disposition: attachment; filename="action-plan.html"'
c "…its actions by section, dates in words" sh -c "grep -q '<h2>Actions by section</h2>' '$T/body' && grep -q '<td>9a</td>' '$T/body' && ! grep -q '<td>8a</td>' '$T/body' && grep -qE '<td>28 [A-Z][a-z]+ 2027</td>' '$T/body'"
req "$VV" GET /plan/report.docx
h "view: the Word download answers" 200
hdr "…as a .docx attachment" '^content-disposition: attachment; filename="action-plan.docx"'
hdr "…of the Word type" '^content-type: application/vnd.openxmlformats-officedocument.wordprocessingml.document'
cp "$T/body" "$T/plan.docx"
c "…a valid zip (unzip -t)" unzip -tq "$T/plan.docx"
c "…with word/document.xml (python's zipfile)" python3 -c "import zipfile,sys; sys.exit(0 if 'word/document.xml' in zipfile.ZipFile('$T/plan.docx').namelist() else 1)"
c "…whose XML parts are well formed" python3 -c "
import zipfile, xml.dom.minidom as m
z = zipfile.ZipFile('$T/plan.docx')
for n in z.namelist(): m.parseString(z.read(n))"
c "…the title, sections as headings and a table per section" python3 -c "
import zipfile, re, sys
d = zipfile.ZipFile('$T/plan.docx').read('word/document.xml').decode()
heads = re.findall(r'<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">([^<]*)', d)
ok = 'w:val=\"Title\"' in d and 'Plan of the view tests' in d and heads == ['1. Alpha governance', '2. Beta workforce', '3. Gamma services'] and d.count('<w:tbl>') == 3
sys.exit(0 if ok else 1)"
c "…which parity's own importer reads back: 113 actions" sh -c "'$P' --db '$T/docx-back.db' plan import '$T/plan.docx' --dry-run 2>&1 | grep -q '3 sections, 23 areas, 113 actions'"
req "$VV" GET '/plan/report.ics?lead=CD'
h "view: the calendar download" 200 '^BEGIN:VCALENDAR'
c "…with CD's actions only" sh -c "grep -q '^UID:main-13a@parity' '$T/body' && ! grep -q '^UID:main-1a@parity' '$T/body'"
req "$VV" GET /plan/report.pdf
h "view: a format not offered is 404" 404
req "$VV" GET '/plan/report.csv?status=bogus'
h "view: a download with a filter that cannot be read is 400" 400 'Select a status from the list'
req "$VN" GET /plan/report.csv
c "view: downloads need signing in" sh -c "[ '$STATUS' = 303 ] && grep -qi '^location: /login' '$T/headers'"

# --- calendar feed keys
ANON="$T/view-anon.jar"
req "$ANON" GET /plan/calendar.ics
c "feed: without a key, the feed still asks to sign in" sh -c "[ '$STATUS' = 303 ] && grep -qi '^location: /login' '$T/headers'"
req "$VV" GET /plan
c "feed: the plan page offers a key" sh -c "grep -q 'Subscribe to the calendar' '$T/body' && grep -q 'action=\"/account/feed-key\"' '$T/body' && grep -q '>Create a calendar address</button>' '$T/body'"
c "…and says there is none yet" grep -q 'You have no calendar address yet' "$T/body"
req "$VV" GET /account/password
c "feed: the account page offers it too" sh -c "grep -q 'Subscribe to the calendar' '$T/body' && grep -q 'name=\"back\" value=\"/account/password\"' '$T/body'"
AUDIT0=$(sqlite3 "$VD" "SELECT count(*) FROM audit_log WHERE what = 'feed.key'")
FORM_PAGE=/plan post "$VV" /account/feed-key back=/plan
h "feed: a POST without the form's own field is refused" 400
c "…and makes no key" test "$(sqlite3 "$VD" "SELECT count(*) FROM feed_key")" = 0
FORM_PAGE=/plan post "$VV" /account/feed-key make=1 back=/plan
h "feed: Make a new key shows the address once" 200 'Your new calendar address'
KEY1=$(sed -n 's/.*id="feed-url" name="feed-url" type="text" value="[^"]*key=\([0-9a-f]*\)".*/\1/p' "$T/body")
c "…a key of 64 hex characters in a full address" sh -c "[ ${#KEY1} = 64 ] && grep -q 'value=\"http://127.0.0.1:[0-9]*/plan/calendar.ics?key=$KEY1\"' '$T/body'"
c "…with its audit entry (no key in it)" sh -c "[ \$(sqlite3 '$VD' \"SELECT count(*) FROM audit_log WHERE what = 'feed.key' AND who = 'vv'\") = $((AUDIT0 + 1)) ] && ! sqlite3 '$VD' 'SELECT * FROM audit_log' | grep -q '$KEY1'"
c "…and only its hash in the database" sh -c "[ \$(sqlite3 '$VD' \"SELECT count(*) FROM feed_key WHERE key_hash = '$KEY1' OR selector = '$KEY1'\") = 0 ] && ! grep -qa '$KEY1' '$VD' && ! grep -qa '$KEY1' '$VD-wal' 2>/dev/null"
SESS0=$(sqlite3 "$VD" "SELECT count(*) FROM web_session")
rm -f "$ANON"
req "$ANON" GET "/plan/calendar.ics?key=$KEY1"
h "feed: the key opens the feed without signing in" 200 '^BEGIN:VCALENDAR'
hdr "…as a calendar" '^content-type: text/calendar'
c "…every live due date (the viewer reads the plan)" test "$(grep -c '^BEGIN:VEVENT' "$T/body")" = 113
c "…no cookie is set" sh -c "! grep -qi '^set-cookie' '$T/headers'"
hdr "…nor kept by anyone on the way" '^cache-control: no-store'
c "…and no session is made" test "$(sqlite3 "$VD" "SELECT count(*) FROM web_session")" = "$SESS0"
c "…nor is the key written to the access log" sh -c "grep -q 'GET /plan/calendar.ics' '$T/view.access' && ! grep -q '$KEY1' '$T/view.access'"
c "feed: HEAD with the key answers 200 too" test "$(curl -s -o /dev/null -I -w '%{http_code}' "$BASE/plan/calendar.ics?key=$KEY1")" = 200
req "$ANON" GET "/plan/calendar.ics?key=${KEY1%?}$( [ "${KEY1: -1}" = 0 ] && echo 1 || echo 0)"
h "feed: a wrong key is 404, not a redirect" 404 'calendar address does not work'
c "…with no Location" sh -c "! grep -qi '^location' '$T/headers'"
req "$ANON" GET "/plan/calendar.ics?key=not-a-key"
h "feed: a malformed key is 404" 404
req "$ANON" GET "/plan/duties?key=$KEY1"
c "feed: a key opens nothing but the feed" sh -c "[ '$STATUS' = 303 ] && grep -qi '^location: /login' '$T/headers'"
req "$VV" GET /plan
c "feed: the plan page now says when the key was made and read" sh -c "grep -qE 'You made your calendar address on [0-9]+ [A-Z][a-z]+ 20[0-9][0-9], [0-9]+:[0-9]{2}(am|pm)' '$T/body' && grep -q 'A calendar last read it on' '$T/body'"
FORM_PAGE=/account/password post "$VV" /account/feed-key make=1 back=/account/password
h "feed: a new key from the account page" 200 'The old address no longer works'
c "…links back to the account" grep -q 'href="/account/password">Back to your account' "$T/body"
KEY2=$(sed -n 's/.*id="feed-url" name="feed-url" type="text" value="[^"]*key=\([0-9a-f]*\)".*/\1/p' "$T/body")
req "$ANON" GET "/plan/calendar.ics?key=$KEY1"
h "feed: the old key stops working (404)" 404
req "$ANON" GET "/plan/calendar.ics?key=$KEY2"
h "feed: the new key works" 200 '^BEGIN:VCALENDAR'
c "…one key per account" test "$(sqlite3 "$VD" "SELECT count(*) FROM feed_key")" = 1
# a lead who may not read the plan sees only their own actions
FORM_PAGE=/account/password post "$VO" /account/feed-key make=1 back=/account/password
h "feed: a lead without read-plan may make a key" 200 'Your new calendar address'
KEYO=$(sed -n 's/.*id="feed-url" name="feed-url" type="text" value="[^"]*key=\([0-9a-f]*\)".*/\1/p' "$T/body")
req "$ANON" GET "/plan/calendar.ics?key=$KEYO"
h "feed: their feed answers" 200 '^BEGIN:VCALENDAR'
c "…with only the actions they lead (CD: 55)" sh -c "[ \$(grep -c '^BEGIN:VEVENT' '$T/body') = 55 ] && grep -q '^UID:main-13a@parity' '$T/body' && ! grep -q '^UID:main-1a@parity' '$T/body'"
req "$VO" GET /plan/calendar.ics
c "…and so does their signed-in feed" sh -c "[ '$STATUS' = 200 ] && [ \$(grep -c '^BEGIN:VEVENT' '$T/body') = 55 ]"
# disabling the account stops its key
VVID=$(sqlite3 "$VD" "SELECT id FROM web_user WHERE name = 'vv'")
FORM_PAGE=/admin/users post "$VA" /admin/users do=disable "id=$VVID" confirm=yes
c "feed: the admin disables the viewer" test "$(sqlite3 "$VD" "SELECT disabled FROM web_user WHERE name = 'vv'")" = 1
req "$ANON" GET "/plan/calendar.ics?key=$KEY2"
h "feed: a disabled account's key is 404" 404
FORM_PAGE=/admin/users post "$VA" /admin/users do=enable "id=$VVID"
req "$ANON" GET "/plan/calendar.ics?key=$KEY2"
h "feed: …and works again once it is enabled" 200 '^BEGIN:VCALENDAR'
login "$VV" vv "$PW"

# --- evidence files on updates
req "$VL" GET /plan/action/2a
h "evidence: the update form takes a file" 200 'id="file" name="file" type="file"'
c "…and is sent as multipart with the token in its address" grep -qE '<form method="post" action="/plan/action/2a\?csrf=[0-9a-f]{64}" enctype="multipart/form-data"' "$T/body"
TOKL=$(csrf_from_body)
printf '%%PDF-1.4\n%% a small evidence file\n1 0 obj << >> endobj\n%%%%EOF\n' >"$T/minutes.pdf"
EV0=$(sqlite3 "$VD" "SELECT count(*) FROM action_evidence")
req "$VL" POST "/plan/action/2a?csrf=$TOKL" -F "csrf=$TOKL" -F status=in-progress -F 'note=Minutes attached' -F "file=@$T/minutes.pdf;type=application/pdf"
c "evidence: an update with a file is saved (303)" test "$STATUS" = 303
EVID=$(sqlite3 "$VD" "SELECT max(id) FROM action_evidence")
c "…the file is in the database with its name, size, type and SHA-256" test "$(sqlite3 "$VD" "SELECT name, size, type, sha256 = '$(sha256sum "$T/minutes.pdf" | cut -d' ' -f1)', author FROM action_evidence WHERE id = $EVID")" = "minutes.pdf|$(wc -c <"$T/minutes.pdf")|application/pdf|1|vl"
c "…linked to the history entry of the update" test "$(sqlite3 "$VD" "SELECT e.kind || ' ' || e.note FROM action_evidence f JOIN action_event e ON e.id = f.event_id WHERE f.id = $EVID")" = "status Minutes attached"
c "…and its audit entry names the file" sh -c "sqlite3 '$VD' \"SELECT after FROM audit_log WHERE what = 'plan.update' ORDER BY id DESC LIMIT 1\" | grep -q '\"file\": *{\"name\": *\"minutes.pdf\"'"
req "$VV" GET /plan/action/2a
h "evidence: the history links the file" 200 "href=\"/plan/evidence/$EVID\" download>minutes.pdf</a> \\(PDF, [0-9]+ bytes\\)"
c "…once (its name is not repeated as evidence text)" test "$(grep -o 'minutes.pdf' "$T/body" | wc -l)" = 1
req "$VV" GET "/plan/evidence/$EVID"
c "evidence: a reader downloads it, the same bytes" sh -c "[ '$STATUS' = 200 ] && cmp -s '$T/body' '$T/minutes.pdf'"
hdr "…as an attachment with its name" '^content-disposition: attachment; filename="minutes.pdf"'
hdr "…with nosniff" '^x-content-type-options: nosniff'
hdr "…as a PDF (its name and first bytes agree)" '^content-type: application/pdf'
printf '<html><script>alert(1)</script></html>\n' >"$T/page.html"
req "$VL" POST "/plan/action/2a?csrf=$TOKL" -F "csrf=$TOKL" -F "file=@$T/page.html;type=text/html;filename=report é (final).pdf"
c "evidence: a file alone is an update" test "$STATUS" = 303
EVH=$(sqlite3 "$VD" "SELECT max(id) FROM action_evidence")
req "$VV" GET "/plan/evidence/$EVH"
hdr "evidence: a file whose bytes are not what its name says is application/octet-stream" '^content-type: application/octet-stream'
hdr "…its name in ASCII, and in UTF-8 beside" "^content-disposition: attachment; filename=\"report __ \\(final\\)\\.pdf\"; filename\\*=UTF-8''report%20%C3%A9%20%28final%29\\.pdf"
# a name with a quote, a backslash and a control character (as a browser
# other than curl may send it): each made '_' in the header
sqlite3 "$VD" "INSERT INTO action_evidence(event_id, action_id, name, type, size, sha256, data, author, at) SELECT event_id, action_id, 'a\"b\\c' || char(9) || 'd.pdf', type, size, sha256, data, author, at FROM action_evidence WHERE id = $EVID"
req "$VV" GET "/plan/evidence/$(sqlite3 "$VD" "SELECT max(id) FROM action_evidence")"
hdr "evidence: quotes, backslashes and control characters never reach the header" '^content-disposition: attachment; filename="a_b_c_d.pdf"\s*$'
EVH=$(sqlite3 "$VD" "SELECT max(id) FROM action_evidence")
head -c 10000001 /dev/zero >"$T/big.bin"
EVN=$(sqlite3 "$VD" "SELECT count(*) FROM action_evidence"); HN=$(sqlite3 "$VD" "SELECT count(*) FROM action_event")
req "$VL" POST "/plan/action/2a?csrf=$TOKL" -F "csrf=$TOKL" -F 'note=Too big' -F "file=@$T/big.bin"
h "evidence: a file over 10 MB is refused at the field" 400 '<a href="#file">The selected file must be smaller than 10 MB</a>'
c "…the message beside the field too" grep -q 'id="file-error"' "$T/body"
c "…and nothing is saved" test "$(sqlite3 "$VD" "SELECT count(*) FROM action_evidence"), $(sqlite3 "$VD" "SELECT count(*) FROM action_event")" = "$EVN, $HN"
: >"$T/empty.txt"
req "$VL" POST "/plan/action/2a?csrf=$TOKL" -F "csrf=$TOKL" -F "file=@$T/empty.txt"
h "evidence: an empty file is refused at the field" 400 'The selected file is empty'
req "$VL" POST "/plan/action/2a?csrf=$TOKL" -F "csrf=$TOKL" -F 'note=No file this time' -F 'file=@/dev/null;filename='
c "evidence: a form with no file chosen is an ordinary update" test "$STATUS" = 303
c "…with no file stored" test "$(sqlite3 "$VD" "SELECT count(*) FROM action_evidence")" = "$EVN"
req "$VL" POST /plan/action/2a -F "csrf=$TOKL" -F 'note=x' -F "file=@$T/minutes.pdf"
h "evidence: an upload without the token in its address is refused" 403
req "$VV" GET /plan/evidence/999999
h "evidence: an unknown file is 404" 404
req "$VV" GET /plan/evidence/abc
h "evidence: a bad id is 404" 404
req "$VO" GET "/plan/evidence/$EVID"
h "evidence: only readers of the plan may download" 403 'permission to read the action plan'
req "$VN" GET "/plan/evidence/$EVID"
c "…and nobody signed out" sh -c "[ '$STATUS' = 303 ] && grep -qi '^location: /login' '$T/headers'"
stop_server
