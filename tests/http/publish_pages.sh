# tests/http/publish_pages.sh: the public pages of publication and
# publishing from the web (issue 16) — /public lists the releases, a
# release's page and its CSV and XLSX downloads, the annual equality
# information, 404 for what is not published; the crawler
# (publish_crawl.py) follows every link under /public and checks every
# number shown against `parity publish tables --format json` of each
# release; /publish: who may open it, the question pages, check your
# answers (whose numbers are the draft's published ones), releasing and
# replacing with a reason, each in the audit log. Sourced by
# tests/http/run.sh after the main server has stopped: it serves a copy of
# $DB (its accounts). Uses $P, $DB, $T, $PW, $ROOT and lib.sh.

PDB="$T/pub.db"
sqlite3 "$DB" ".backup '$PDB'"
[ -f "$DB.key" ] && cp "$DB.key" "$PDB.key"
PF="$T/pub"
mkdir -p "$PF"
for q in 1 2; do
  "$P" demo generate --dataset service-users --rows 1500 --seed $((40 + q)) --period 2011Q$q -o "$PF/q$q.csv" >/dev/null 2>&1
  "$P" --db "$PDB" data import "$PF/q$q.csv" --dataset service-users --period 2011Q$q --as mo >/dev/null 2>&1
done
"$P" demo generate --dataset staff --rows 1500 --seed 7 --period 2011 -o "$PF/staff.csv" >/dev/null 2>&1
"$P" --db "$PDB" data import "$PF/staff.csv" --dataset staff --period 2011 --as mo >/dev/null 2>&1
pq() { sqlite3 "$PDB" "$1"; }

start_server pub "$PDB" || { fail=$((fail+1)); echo "FAIL publish server did not start"; return 0; }
PN="$T/pub-anon.jar" PM="$T/pub-mo.jar" PV="$T/pub-vi.jar"
rm -f "$PN"
login "$PM" mo "$PW"
login "$PV" vi "$PW"

# --- nothing published yet
req "$PN" GET /public
h "public: /public without signing in, nothing published yet" 200 'No tables have been published yet' 'govuk-table__row'
c "…keeps the staff network's link" grep -q 'href="/public/network"' "$T/body"
c "…and links to the annual equality information" grep -q 'href="/public/equality-information"' "$T/body"
req "$PN" GET /public/network
h "public: the staff network page is still there" 200 '<h1 class="govuk-heading-l">The staff network</h1>'
req "$PN" GET /public/equality-information
h "public: the annual information says nothing is published yet" 200 'No tables of staff have been published yet' '\[c\]|Staff survey'
req "$PN" GET /public/releases/service-users/2011Q1
h "public: a period not published is 404" 404
for bad in /public/releases/service-users /public/releases/service-users/2011Q9 '/public/releases/Service%20users/2011Q1' /public/releases/service-users/2011Q1.pdf /public/releases/x/y/z; do
  req "$PN" GET "$bad"
  h "public: $bad is 404" 404
done

# --- releases from the command line
"$P" --db "$PDB" publish release --dataset service-users --period 2011Q1 --as mo >"$PF/rel1.out" 2>&1
c "publish: service users 2011Q1 released from the command line ($(head -c 120 "$PF/rel1.out"))" test "$(pq "SELECT count(*) FROM pub_release WHERE period = '2011Q1'")" = 1
"$P" --db "$PDB" publish release --dataset staff --period 2011 --as mo >"$PF/rel2.out" 2>&1
# the staff network's staff survey, fed into monitoring as counts (as
# 'parity survey feed' does) and released: part of the workforce picture
{ echo 'unit,period,characteristic,group,outcome,numerator,denominator,direction'
  echo 'All,2011,ethnicity,White,q1 agree,60,100,favourable'
  echo 'All,2011,ethnicity,Black,q1 agree,24,60,favourable'
  echo 'All,2011,ethnicity,Asian,q1 agree,4,8,favourable'; } >"$PF/survey.csv"
"$P" --db "$PDB" data import-counts "$PF/survey.csv" --dataset staff-survey --as mo >"$PF/imp3.out" 2>&1
"$P" --db "$PDB" publish release --dataset staff-survey --period 2011 --as mo >"$PF/rel3.out" 2>&1
c "publish: the staff survey's counts released ($(head -c 120 "$PF/rel3.out"))" test "$(pq "SELECT count(*) FROM pub_release WHERE dataset = 'staff-survey'")" = 1
c "publish: staff 2011 released from the command line ($(head -c 120 "$PF/rel2.out"))" test "$(pq "SELECT count(*) FROM pub_release WHERE dataset = 'staff'")" = 1

req "$PN" GET /public
h "public: /public lists the release in words" 200 'href="/public/releases/service-users/2011Q1">Service users, January to March 2011</a>' 'No tables have been published yet'
c "…with the day it was published, in words" grep -qE '<td class="govuk-table__cell">[0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2}</td>' "$T/body"
c "…and the staff tables" grep -q 'href="/public/releases/staff/2011">Staff, 2011</a>' "$T/body"
req "$PN" GET /public/releases/service-users/2011Q1
h "public: the release page, titled in words" 200 '<h1 class="govuk-heading-l">Service users, January to March 2011</h1>'
c "…explains [c] as the GSS convention" grep -q 'Government Statistical Service' "$T/body"
c "…says which counts are withheld (1 to 9)" grep -q 'any count from 1 to 9' "$T/body"
c "…explains secondary suppression" grep -q 'secondary suppression' "$T/body"
c "…says the counts are not rounded" grep -q 'Counts are exact' "$T/body"
c "…has tables with captions, in scrolling regions" sh -c "grep -q '<caption class=\"govuk-table__caption' '$T/body' && grep -q 'class=\"parity-table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Ethnicity: ' '$T/body'"
c "…shows withheld cells as [c]" grep -q '<span class="parity-suppressed">\[c\]</span>' "$T/body"
c "…and never says why on the public page" sh -c "! grep -q 'parity-why' '$T/body'"
c "…links to both downloads" sh -c "grep -q 'href=\"/public/releases/service-users/2011Q1.csv\"' '$T/body' && grep -q 'href=\"/public/releases/service-users/2011Q1.xlsx\"' '$T/body'"
req "$PN" GET /public/releases/service-users/2011Q1.csv
h "public: the CSV download" 200 '^dataset,period,unit,characteristic,group,outcome,measure,value.$'
c "…which never says why a cell is withheld" sh -c "! grep -qE 'primary|secondary' '$T/body'"
hdr "…as a file with a sensible name" 'content-disposition: attachment; filename="?equality-tables-service-users-2011Q1\.csv'
hdr "…of type text/csv" '^content-type: text/csv'
"$P" --db "$PDB" publish tables --dataset service-users --period 2011Q1 --format csv -o "$PF/q1-cli.csv" >/dev/null 2>&1
c "…the same as the command line's CSV" cmp -s "$T/body" "$PF/q1-cli.csv"
req "$PN" GET /public/releases/service-users/2011Q1.xlsx
h "public: the spreadsheet download" 200
hdr "…named" 'content-disposition: attachment; filename="?equality-tables-service-users-2011Q1\.xlsx'
c "…is a workbook (a zip)" sh -c "head -c 2 '$T/body' | grep -q PK"
req "$PN" GET /public/releases/staff/2011
h "public: the staff release page" 200 '<h1 class="govuk-heading-l">Staff, 2011</h1>'
req "$PN" GET /public/equality-information
h "public: the annual information has the workforce profile from the staff release" 200 'From the tables for 2011, across the whole organisation'
c "…and service-user outcomes from theirs" grep -q 'From the tables for January to March 2011' "$T/body"
c "…and links to the equality objectives" grep -q 'href="/public/objectives">read the equality objectives</a>' "$T/body"
c "…and the staff survey under the workforce, titled in words" grep -q '<h3 class="govuk-heading-s">Staff survey</h3>' "$T/body"
c "…its small group withheld (4 of 8 shown as [c])" sh -c "sed -n '/Staff survey<\/h3>/,/<h2/p' '$T/body' | grep -q '\[c\] of \[c\]' && ! grep -q '4 of 8' '$T/body'"
c "…and no exit interviews heading, none being published" sh -c "! grep -q 'Exit interviews' '$T/body'"

# --- /publish: who may open it
req "$PN" GET /publish
c "publish: signed out, /publish asks to sign in" sh -c "[ '$STATUS' = 303 ] && grep -qi '^location: /login' '$T/headers'"
req "$PV" GET /publish
h "publish: a viewer may not publish" 403 'You do not have permission to publish equality tables'
req "$PV" GET /public
c "…nor sees it in the navigation" sh -c "! grep -q 'href=\"/publish\"' '$T/body'"
req "$PM" GET /publish
h "publish: a monitor may (the role has it)" 200 'Publish equality tables'
c "…it is in the navigation" grep -q 'href="/publish"' "$T/body"
c "…and lists what is published" grep -q 'Service users, January to March 2011' "$T/body"
req "$PM" GET /publish/new
h "publish: which data? (radios, the legend is the heading)" 200 'Which data do you want to publish tables of\?' 'service-users</label>'
c "…offers the datasets in words" sh -c "grep -q '>Service users</label>' '$T/body' && grep -q '>Staff</label>' '$T/body'"
req "$PM" GET '/publish/new?dataset=nope'
h "publish: an unknown dataset is an error at the field" 200 'Select the data to publish tables of'
req "$PM" GET '/publish/new?asked=1'
h "publish: continuing without a choice is an error at the field" 200 'govuk-error-summary.*|Select the data to publish tables of'
c "…linked to the first radio" grep -q 'href="#dataset"' "$T/body"
req "$PM" GET '/publish/new?dataset=service-users'
h "publish: which period? offers the imported quarters and their years" 200 'Which period do you want to publish\?'
c "…in words" sh -c "grep -q 'April to June 2011' '$T/body' && grep -q 'January to March 2011' '$T/body'"
c "…says which is published already" grep -q 'Published [0-9]* [A-Z][a-z]* 20[0-9]*: publishing it again replaces it' "$T/body"
req "$PM" GET '/publish/check?dataset=service-users&period=&threshold=10&rounding=0'
h "publish: no period is an error at the field" 200 'Select the period to publish' 'Check before publishing</h1>'
req "$PM" GET '/publish/check?dataset=service-users&period=2011Q2&threshold=one&rounding=0'
h "publish: a bad threshold is an error naming the field" 200 'The smallest number shown must be a whole number from 2 to 1000'
req "$PM" GET '/publish/check?dataset=service-users&period=2011Q2&threshold=10&rounding=0'
h "publish: check before publishing" 200 'Check before publishing</h1>'
c "…says how many are withheld and why" grep -qE '[0-9,]+ numbers; [0-9,]+ withheld because they are small, and [0-9,]+ more to protect them' "$T/body"
c "…counts the withheld numbers of each table by reason" grep -qE '<th scope="row" class="govuk-table__header">Ethnicity: [^<]*</th><td class="govuk-table__cell govuk-table__cell--numeric">[0-9,]+</td>' "$T/body"
c "…marks them in the draft tables" grep -q '<span class="parity-why">' "$T/body"
c "…has a CSRF-protected form" grep -q 'name="csrf"' "$T/body"
cp "$T/body" "$PF/check-q2.html"
"$P" --db "$PDB" publish tables --dataset service-users --period 2011Q2 --format json -o "$PF/draft-q2.json" >/dev/null 2>&1
c "publish: every number on the check page is a published number of the draft (no withheld value)" python3 "$ROOT/tests/http/publish_crawl.py" --page "$PF/check-q2.html" "$PF/draft-q2.json"

# --- releasing from the web
req "$PV" POST /publish/release --data-urlencode dataset=service-users --data-urlencode period=2011Q2
h "publish: a viewer's POST is refused" 403
req "$PM" POST /publish/release --data-urlencode dataset=service-users --data-urlencode period=2011Q2 --data-urlencode threshold=10 --data-urlencode rounding=0
h "publish: a POST without the CSRF token is refused" 403
c "…and published nothing" test "$(pq "SELECT count(*) FROM pub_release WHERE period = '2011Q2'")" = 0
FORM_PAGE='/publish/check?dataset=service-users&period=2011Q2&threshold=10&rounding=0' post "$PM" /publish/release dataset=service-users period=2011Q2 threshold=10 rounding=0
h "publish: publish these tables (303)" 303
hdr "…to the public page" '^location: /public/releases/service-users/2011Q2'
c "…stored" test "$(pq "SELECT count(*) FROM pub_release WHERE period = '2011Q2'")" = 1
c "…in the audit log" test "$(pq "SELECT count(*) FROM audit_log WHERE what = 'publish.release' AND who = 'mo' AND target = 'Service users, April to June 2011'")" = 1
req "$PM" GET /public/releases/service-users/2011Q2
h "…the public page says so" 200 'Published the equality tables for Service users, April to June 2011, with [0-9,]+ numbers? withheld'
login "$T/pub-admin.jar" admin2 "$PW"
req "$T/pub-admin.jar" GET /admin/audit
h "publish: the audit log says it in words" 200 'Published equality tables'

# --- replacing needs a reason
CHECK='/publish/check?dataset=service-users&period=2011Q2&threshold=10&rounding=0'
req "$PM" GET "$CHECK"
h "publish: checking a published period asks whether to replace it" 200 'Replace the published tables\?'
FORM_PAGE="$CHECK" post "$PM" /publish/release dataset=service-users period=2011Q2 threshold=10 rounding=0
h "publish: replacing without an answer is an error" 200 'Select whether to replace the published tables'
FORM_PAGE="$CHECK" post "$PM" /publish/release dataset=service-users period=2011Q2 threshold=10 rounding=0 replace=yes reason=
h "publish: replacing without a reason is an error" 200 'Enter why you are replacing the published tables'
FORM_PAGE="$CHECK" post "$PM" /publish/release dataset=service-users period=2011Q2 threshold=10 rounding=0 replace=no
h "publish: answering no keeps the published tables (303)" 303
c "…nothing replaced" test "$(pq "SELECT count(*) FROM audit_log WHERE what = 'publish.replace'")" = 0
FORM_PAGE="$CHECK" post "$PM" /publish/release dataset=service-users period=2011Q2 threshold=10 rounding=5 replace=yes "reason=Unit <b>A</b> corrected"
h "publish: replacing with a reason, rounded to 5 (303)" 303
c "…the reason is in the audit log" test "$(pq "SELECT count(*) FROM audit_log WHERE what = 'publish.replace' AND after LIKE '%Unit <b>A</b> corrected%'")" = 1
req "$PN" GET /public/releases/service-users/2011Q2
h "…the public page says it replaces earlier tables, not why" 200 'They replace tables published earlier for the same period' 'corrected'
c "…and that counts are rounded to 5" grep -q 'Counts are rounded to the nearest 5' "$T/body"

# --- the crawler: every number under /public is a released one
for r in "service-users 2011Q1" "service-users 2011Q2" "staff 2011" "staff-survey 2011"; do
  set -- $r
  "$P" --db "$PDB" publish tables --dataset "$1" --period "$2" --format json -o "$PF/rel-$1-$2.json" >/dev/null 2>&1
done
c "crawler: every number shown under /public is a released cell's (or a rate, year or rule)" sh -c "python3 '$ROOT/tests/http/publish_crawl.py' '$BASE' '$PF'/rel-*.json >'$PF/crawl.out' 2>&1"
echo "  $(head -1 "$PF/crawl.out")"
grep -v '^crawled' "$PF/crawl.out" | head -10 | sed 's/^/  crawl| /'

stop_server
