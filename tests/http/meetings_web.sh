# tests/http/meetings_web.sh: what the command line could do and the staff
# pages now can (issue 17): adding a meeting series (errors at the fields,
# "Check your answers" with the rule's first dates, then the series whose
# meetings are the rule's), and keeping a paper or the minutes with a
# meeting (an upload with the token in the address, stored and downloaded
# byte for byte; too large or the wrong type refused with nothing saved).
# The members capability is walked. Sourced by tests/http/run.sh; uses
# $P, $T, $PW, $ROOT, lib.sh. It makes its own database.

WDB="$T/meetweb.db"
wq() { sqlite3 "$WDB" "$1"; }
"$P" --db "$WDB" meeting series list >/dev/null 2>&1
wq "INSERT INTO net_region (name) VALUES ('South'); INSERT INTO net_region (name) VALUES ('North');"
for u in "mem --role viewer --grant members" "plain --role viewer"; do
  set -- $u
  printf '%s\n' "$PW" | "$P" --db "$WDB" user add "$@" --password-stdin >/dev/null
done
start_server meetweb "$WDB" || { fail=$((fail+1)); echo "FAIL meetings web server did not start"; return 0; }
WM="$T/mw-mem.jar" WV="$T/mw-plain.jar" WN="$T/mw-anon.jar"
rm -f "$WN"
login "$WM" mem "$PW"
login "$WV" plain "$PW"

req "$WM" GET /network/meetings
h "meetings web: the meetings page has an Add a series button" 200 'href="/network/meetings/new"'
req "$WV" GET /network/meetings/new
h "meetings web: the add page is refused without the members capability" 403
req "$WN" GET /network/meetings/new
c "meetings web: the add page needs sign-in" sh -c "[ '$STATUS' = 303 ] || [ '$STATUS' = 302 ] || [ '$STATUS' = 401 ]"
req "$WM" GET /network/meetings/new
h "meetings web: the add page opens, regions to choose from" 200 '<option value="South"' 'value="Not a regional'
c "meetings web: the first date is a GOV.UK date input" grep -q 'name="first-day"' "$T/body"

FP=/network/meetings/new
FORM_PAGE=$FP post "$WM" $FP name= slug=Bad_Slug kind=regional region= every=fortnight nth=2nd wday= \
  start=19:00 end=18:00 venues= first-day=31 first-month=2 first-year=2027 idays=400
h "meetings web: errors at the fields" 400 'name, at most 120 characters'
for m in 'Enter a short name of 1 to 40' 'Select the region whose members' 'Select how often' \
  'Select which week and which day' 'Enter a start and end time' 'Enter the venues' 'must be a real date' \
  'from 0 to 365'; do
  c "meetings web: the error says '$m'" grep -q "$m" "$T/body"
done
c "meetings web: the errors saved nothing" test "$(wq "SELECT COUNT(*) FROM net_series")" = 0
FORM_PAGE=$FP post "$WM" $FP "name=Regional South" slug=regional-south kind=managers region=South every=2-months \
  nth=2nd wday=Tuesday start=18:00 end=20:00 "venues=Reading" first-day=1 first-month=1 first-year=2027 idays=21
h "meetings web: a region for a managers' group is refused at the field" 400 'Choose a region only for regional'
ARGS=("name=Regional South" slug=regional-south kind=regional region=South every=2-months nth=2nd wday=Tuesday
  start=18:00 end=20:00 "venues=Reading
Oxford

Aylesbury" first-day=1 first-month=1 first-year=2027 idays=14)
FORM_PAGE=$FP post "$WM" $FP "${ARGS[@]}"
h "meetings web: Check your answers" 200 'Check your answers before adding the series'
c "meetings web: the check page shows the rule's first dates and the rota" \
  grep -q 'Tuesday 12 January 2027 at Reading' "$T/body"
c "meetings web: ... the second meeting at the second venue" grep -q 'Tuesday 9 March 2027 at Oxford' "$T/body"
c "meetings web: ... the third at the third (blank lines skipped)" grep -q 'Tuesday 11 May 2027 at Aylesbury' "$T/body"
c "meetings web: the check page saved nothing" test "$(wq "SELECT COUNT(*) FROM net_series")|$(wq "SELECT COUNT(*) FROM net_meeting")" = "0|0"
FORM_PAGE=$FP post "$WV" $FP "${ARGS[@]}" confirm=1
h "meetings web: adding is refused without the members capability" 403
FORM_PAGE=$FP post "$WM" $FP "${ARGS[@]}" edit=1
h "meetings web: Change your answers brings the form back filled" 200 'value="regional-south"'
FORM_PAGE=$FP post "$WM" $FP "${ARGS[@]}" confirm=1
h "meetings web: Add series" 303
c "meetings web: to the series page" grep -qi '^location: /network/meetings/regional-south' "$T/headers"
req "$WM" GET /network/meetings/regional-south
h "meetings web: the series page with a success banner" 200 'Series added'
c "meetings web: the series is stored as the command stores it" test \
  "$(wq "SELECT s.name || '|' || s.kind || '|' || r.name || '|' || s.rrule || '|' || s.every_words || '|' || s.on_words || '|' || s.dtstart || '|' || s.invite_days || '|' || s.created_by FROM net_series s JOIN net_region r ON r.id = s.region_id")" \
  = "Regional South|regional|South|FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU|2-months|2nd Tuesday|2027-01-12|14|mem"
c "meetings web: the venues in rota order" test "$(wq "SELECT group_concat(name, ';') FROM (SELECT name FROM net_venue ORDER BY pos)")" = "Reading;Oxford;Aylesbury"
# the dates in the database are the rule's: the command makes the same series in another database
"$P" --db "$T/mw-cli.db" meeting series list >/dev/null 2>&1
sqlite3 "$T/mw-cli.db" "INSERT INTO net_region (name) VALUES ('South')"
"$P" --db "$T/mw-cli.db" meeting series add regional-south --name "Regional South" --every 2-months --on "2nd Tuesday" \
  --venues "Reading;Oxford;Aylesbury" --from 2027-01-01 --region South --invite-days 14 >/dev/null
c "meetings web: the meetings are the ones the command makes (dates and venues)" test \
  "$(wq "SELECT date || ' ' || venue FROM net_meeting ORDER BY date" | md5sum)" = \
  "$(sqlite3 "$T/mw-cli.db" "SELECT date || ' ' || venue FROM net_meeting ORDER BY date" | md5sum)"
c "meetings web: a meeting every two months" test "$(wq "SELECT COUNT(*) FROM net_meeting WHERE date IN ('2027-01-12','2027-03-09','2027-05-11','2027-07-13')")" = 4
c "meetings web: the series is in the audit log" test "$(wq "SELECT who || '|' || target || '|' || after FROM audit_log WHERE what = 'meeting.series'")" = "mem|series regional-south|FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"
FORM_PAGE=$FP post "$WM" $FP "${ARGS[@]}"
h "meetings web: a short name taken is refused at the field" 400 'already exists'
req "$WM" GET /admin/audit
req "$WM" GET /network/meetings
h "meetings web: the series is listed" 200 'Regional South'

# papers and minutes: an upload
MP=/network/meetings/regional-south/2027-01-12
req "$WM" GET "$MP"
h "meetings web: the meeting page links to the upload pages" 200 "href=\"$MP/paper\""
c "meetings web: ... and to the minutes" grep -q "href=\"$MP/minutes\"" "$T/body"
req "$WV" GET "$MP/paper"
h "meetings web: the upload page is refused without the capability" 403
req "$WM" GET "$MP/paper"
h "meetings web: the paper page" 200 'Add a paper'
c "meetings web: the upload form carries the token in its address" grep -q 'action="/network/meetings/doc?csrf=[0-9a-f]' "$T/body"
c "meetings web: the upload form is multipart" grep -q 'enctype="multipart/form-data"' "$T/body"
TOK=$(csrf_from_body)
head -c 3000 /dev/urandom | base64 > "$T/agenda.txt"
printf '%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%%%EOF\n' > "$T/minutes.pdf"
up() { # JAR KIND FILE [fields...]
  local jar=$1 kind=$2 file=$3; shift 3
  local args=(-F "csrf=$TOK" -F series=regional-south -F date=2027-01-12 -F "kind=$kind") f
  for f in "$@"; do args+=(-F "$f"); done
  req "$jar" POST "/network/meetings/doc?csrf=$TOK" "${args[@]}" -F "file=@$file"
}
up "$WM" paper "$T/agenda.txt" title=
h "meetings web: a paper without a title is refused at the field" 400 'title, at most 200 characters'
c "meetings web: ... nothing saved" test "$(wq "SELECT COUNT(*) FROM net_meeting_doc")" = 0
up "$WV" paper "$T/agenda.txt" title=Agenda
h "meetings web: an upload is refused without the capability" 403
req "$WM" POST "/network/meetings/doc" -F "csrf=$TOK" -F series=regional-south -F date=2027-01-12 -F kind=paper -F title=Agenda -F "file=@$T/agenda.txt"
c "meetings web: an upload without the token in its address is refused" test "$STATUS" = 403
up "$WM" paper "$T/agenda.txt" title=Agenda
h "meetings web: a paper is added" 303
c "meetings web: ... and listed" sh -c "true"
req "$WM" GET "$MP"
h "meetings web: the paper is listed with a download link" 200 'Paper added'
DOC=$(wq "SELECT id FROM net_meeting_doc WHERE kind = 'paper'")
c "meetings web: ... linked" grep -q "href=\"/network/meetings/doc/$DOC\">Agenda" "$T/body"
curl -s -b "$WM" -o "$T/agenda.back" "$BASE/network/meetings/doc/$DOC"
c "meetings web: the paper downloads byte for byte" cmp -s "$T/agenda.txt" "$T/agenda.back"
c "meetings web: stored as the command stores it" test "$(wq "SELECT title || '|' || file_name || '|' || mime || '|' || public || '|' || added_by FROM net_meeting_doc")" = "Agenda|agenda.txt|text/plain; charset=utf-8|0|mem"
c "meetings web: the paper is in the audit log" test "$(wq "SELECT COUNT(*) FROM audit_log WHERE what = 'meeting.paper' AND after = 'agenda.txt'")" = 1
req "$WM" GET "$MP/minutes"
TOK=$(csrf_from_body)
up "$WM" minutes "$T/minutes.pdf"
h "meetings web: minutes need the publish answer" 400 'Select whether to publish the minutes'
up "$WM" minutes "$T/minutes.pdf" public=yes
h "meetings web: minutes are added" 303
MIN=$(wq "SELECT id FROM net_meeting_doc WHERE kind = 'minutes'")
curl -s -o "$T/minutes.back" "$BASE/public/meetings/minutes/$MIN"
c "meetings web: published minutes download from the public page byte for byte" cmp -s "$T/minutes.pdf" "$T/minutes.back"
c "meetings web: ... a PDF" test "$(wq "SELECT mime FROM net_meeting_doc WHERE kind = 'minutes'")" = application/pdf
# refused: wrong type, too large, empty
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' > "$T/pic.png"
N0=$(wq "SELECT COUNT(*) FROM net_meeting_doc")
up "$WM" paper "$T/pic.png" title=Picture
h "meetings web: a picture is refused at the field" 400 'must be a PDF or a text file'
c "meetings web: ... the error is at the file field" grep -q 'id="file-error"' "$T/body"
head -c $((8 * 1024 * 1024 + 1)) /dev/zero | tr '\0' 'a' > "$T/big.txt"
up "$WM" paper "$T/big.txt" title=Big
h "meetings web: a file over 8 MB is refused at the field" 400 'must be smaller than 8 MB'
: > "$T/empty.txt"
up "$WM" paper "$T/empty.txt" title=Empty
h "meetings web: an empty file is refused" 400 'The selected file is empty'
c "meetings web: nothing refused was saved" test "$(wq "SELECT COUNT(*) FROM net_meeting_doc")|$(wq "SELECT COUNT(*) FROM audit_log WHERE what LIKE 'meeting.paper'")" = "$N0|1"
stop_server
