# tests/http/mon_words.sh: the monitoring pages speak the reader's words
# (issue 15, review of the screenshots): periods in words ("July to
# September 2011", never "2011Q3"), datasets by their labels ("Service
# users", never "service-users"), file names without the server's path,
# flag counts that agree with each other, the flag pages' captions and
# details, the report's comparison group said near the top, the impact
# ratio as defined, and a banner after saving a config. Sourced by
# tests/http/run.sh after the main server has stopped: it serves a copy of
# $DB (the accounts and what monitor.sh imported). Uses $P, $DB, $T, $PW,
# $ROOT, lib.sh and monitor.sh's upload.

WDB="$T/words.db"
sqlite3 "$DB" ".backup '$WDB'" # with what is still in the write-ahead log
[ -f "$DB.key" ] && cp "$DB.key" "$WDB.key"
mkdir -p "$T/words-cli"
# an import from the command line keeps the path it was given
"$P" demo generate --dataset service-users --rows 400 --seed 13 --period 2011Q4 -o "$T/words-cli/q4.csv" >/dev/null 2>&1
"$P" --db "$WDB" data import "$T/words-cli/q4.csv" --dataset service-users --period 2011Q4 --as mo >/dev/null 2>&1
c "words: a command-line import with a path ($T/words-cli/q4.csv)" test "$(sqlite3 "$WDB" "SELECT count(*) FROM mon_import WHERE period = '2011Q4' AND source LIKE '%/words-cli/q4.csv'")" = 1
start_server words "$WDB" || { fail=$((fail+1)); echo "FAIL words server did not start"; return 0; }
WM="$T/w-mo.jar" WV="$T/w-vi.jar"
login "$WM" mo "$PW"
login "$WV" vi "$PW"
wq() { sqlite3 "$WDB" "$1"; }
wcupload() { # JAR FILE DATASET: the count tables' form
  req "$1" GET /monitoring
  local tok; tok=$(csrf_from_body)
  local act; act=$(sed -n 's/.*action="\(\/monitoring\/upload-counts[^"]*\)".*/\1/p' "$T/body" | head -1)
  req "$1" POST "${act:-/monitoring/upload-counts}" -F "csrf=$tok" -F "dataset=$3" -F "file=@$2;type=text/csv"
}
# no_codes: inside <main>, no period code or dataset slug shown as text
# (URLs and form values may keep them)
no_codes() {
  python3 - "$T/body" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
main = html[html.find("<main"):html.find("</main>")]
main = re.sub(r"(?s)<svg.*?</svg>", " ", main)  # chart axes keep short codes
text = re.sub(r"<[^>]*>", " ", main)
bad = re.findall(r"\b(?:19|20)\d\dQ[1-4]\b|\bservice-users\b", text)
sys.exit("shown: %s" % sorted(set(bad)) if bad else 0)
PY
}

# --- 1, 2, 3: periods in words, dataset labels, file names
req "$WV" GET /monitoring
h "words: the monitoring table names periods in words" 200 '>July to September 2011<span class="govuk-visually-hidden"> report for Service users</span>'
c "…no period code or dataset slug on the page" no_codes
c "…the Dataset column says Service users" grep -q '<th scope="row" class="govuk-table__header">Service users</th>' "$T/body"
c "…the From file column shows the file's name, not the server's path" sh -c "grep -q '>q4.csv</td>' '$T/body' && ! grep -q 'words-cli' '$T/body'"
c "…links keep the codes" grep -q 'href="/monitoring/report?dataset=service-users&amp;period=2011Q3"' "$T/body"
req "$WV" GET "/monitoring/report?dataset=service-users&period=2011Q3"
h "words: the report's heading" 200 '<h1 class="govuk-heading-l">Service users, July to September 2011</h1>'
c "…its lede" grep -q 'records for July to September 2011\.' "$T/body"
c "…no period code or dataset slug on the page" no_codes
c "…the title" grep -q '<title>Diversity report: Service users, July to September 2011' "$T/body"
req "$WV" GET "/monitoring/report/ethnicity?dataset=service-users&period=2011Q3"
h "words: a characteristic's page" 200 'Diversity report: Service users, July to September 2011</span>'
c "…no period code or dataset slug on the page" no_codes
req "$WV" GET "/monitoring/report?dataset=service-users&period=2030Q1"
h "words: a period never imported is named in words" 404 'no Service users data for January to March 2030'
req "$WV" GET /monitoring/flags
h "words: the flags list" 200 '>July to September 2011</td>'
c "…no period code or dataset slug on the page" no_codes
WF=$(wq "SELECT min(id) FROM mon_flag WHERE period = '2011Q3' AND state <> 'closed' AND previous_id IS NOT NULL")
req "$WV" GET "/monitoring/flag/$WF"
h "words: flag #$WF's page" 200 'This was in July to September 2011\.'
c "…its data row" grep -q 'Service users, July to September 2011 (<a class="govuk-link"' "$T/body"
c "…also flagged in April to June 2011" grep -q 'Also flagged in April to June 2011' "$T/body"
c "…no period code or dataset slug on the page" no_codes
req "$WM" GET "/monitoring/flag/$WF/explain"
h "words: a step page's caption" 200 'July to September 2011'
c "…no period code or dataset slug on the page" no_codes
req "$WV" GET /dashboard
h "words: the dashboard's last import" 200 'Service users, October to December 2011: 400 rows'
c "…its completeness" grep -qE '% of equality fields recorded in Service users, October to December 2011' "$T/body"
c "…no period code or dataset slug on the page" no_codes
# replacing a period: the check page and the banner
upload "$WM" "$T/q2.csv" service-users 2011Q2
WH=$(sed -n 's/^[Ll]ocation: .*id=\([0-9]*\).*/\1/p' "$T/headers" | tr -d '\r')
req "$WM" GET "/monitoring/replace?id=$WH"
h "words: the check page's heading" 200 '<h1 class="govuk-heading-l">Service users, April to June 2011, is already imported: replace it\?</h1>'
c "…its period row" grep -q 'Period</dt><dd class="govuk-summary-list__value">April to June 2011<' "$T/body"
c "…no period code or dataset slug on the page" no_codes
FORM_PAGE="/monitoring/replace?id=$WH" post "$WM" /monitoring/replace "id=$WH" do=confirm
req "$WM" GET /monitoring
h "words: the banner after replacing" 200 'Imported Service users, April to June 2011, from q2.csv: 5,000 rows'
# count tables named 'counts': the heading starts with a capital
wcupload "$WM" "$MFIX/counts.csv" counts
wcupload "$WM" "$MFIX/counts.csv" counts
WC=$(sed -n 's/^[Ll]ocation: .*id=\([0-9]*\).*/\1/p' "$T/headers" | tr -d '\r')
req "$WM" GET "/monitoring/replace-counts?id=$WC"
h "words: the count tables' check page starts with a capital" 200 '<h1 class="govuk-heading-l">Counts, 2012, is already imported: replace it\?</h1>'

# --- 4: one vocabulary for flag counts: open = waiting for an explanation
# or an action; not closed = open, explained or actioned
req "$WV" GET /monitoring
WO=$(wq "SELECT count(*) FROM mon_flag WHERE state = 'open'") WN=$(wq "SELECT count(*) FROM mon_flag WHERE state <> 'closed'")
h "flags: the monitoring page counts flags not closed and open ($WN, $WO)" 200 "Flags</a>: $WN not closed, of which $WO open \(waiting for an explanation or an action\)"
c "…and the table's column of flags not closed adds up to it" python3 -c "
import re; html = open('$T/body').read()
cells = re.findall(r'<td class=\"govuk-table__cell govuk-table__cell--numeric\">([0-9,]+)</td>\s*<td class=\"govuk-table__cell parity-nowrap\">', html)
assert sum(int(x.replace(',', '')) for x in cells) == $WN, cells"
c "…fixture: some flags not closed are explained or actioned" test "$(wq "SELECT count(*) FROM mon_flag WHERE period = '2011Q3' AND state IN ('explained', 'actioned')")" -gt 0
req "$WV" GET "/monitoring/report?dataset=service-users&period=2011Q3"
h "report: the section is named for what it lists" 200 '<h2[^>]*>Flags not closed</h2>' '>Open flags<|Flags stay open'
c "…the State column shows the flag pages' tags" grep -qE '<td class="govuk-table__cell"><strong class="govuk-tag parity-report-tag govuk-tag--(blue|green)">(Explained|Actioned)</strong></td>' "$T/body"
c "…never a raw state" sh -c "! grep -qE '<td class=\"govuk-table__cell\">(open|explained|actioned)</td>' '$T/body'"

# --- 5: the flag pages say what was found, and keep saying it
# (the flags of service-users are dealt with by now: one of the count tables')
WA=$(wq "SELECT min(id) FROM mon_flag WHERE dataset = 'counts' AND state = 'open' AND action_id IS NULL")
case $(wq "SELECT period FROM mon_flag WHERE id = $WA") in
  2011Q2) WAP="April to June 2011" ;; 2011Q3) WAP="July to September 2011" ;; *) WAP=$(wq "SELECT period FROM mon_flag WHERE id = $WA") ;;
esac
WAU=$(wq "SELECT CASE unit WHEN 'All' THEN 'all units' ELSE unit END FROM mon_flag WHERE id = $WA")
WAG=$(wq "SELECT grp FROM mon_flag WHERE id = $WA")
WACH=$(wq "SELECT upper(substr(characteristic, 1, 1)) || replace(substr(characteristic, 2), '_', ' ') FROM mon_flag WHERE id = $WA")
WANT="$WAP, $WAU, $WACH: $WAG"
req "$WM" GET "/monitoring/flag/$WA"
h "flag page: the caption says what was found ($WANT)" 200 "<span class=\"govuk-caption-l\" id=\"flag-caption\">Counts, $WANT</span>"
c "…the summary list is headed Details" grep -q '<h2 class="govuk-heading-m">Details</h2>' "$T/body"
c "…the outcome starts with a capital" grep -qE 'Outcome</dt><dd class="govuk-summary-list__value">[A-Z]' "$T/body"
WN1=$(wq "SELECT printf('%,d', numerator) FROM mon_flag WHERE id = $WA") WD1=$(wq "SELECT printf('%,d', denominator) FROM mon_flag WHERE id = $WA")
WO1=$(wq "SELECT outcome FROM mon_flag WHERE id = $WA")
c "…the groups in a short sentence ($WN1 of $WD1 people in the group $WAG (N%) $WO1)" grep -qE "$WN1 of $WD1 people in the group $WAG \([0-9.]+%\) $WO1, compared with" "$T/body"
c "…no tag in brackets" sh -c "! grep -qE '\( ?<strong class=\"govuk-tag' '$T/body'"
FORM_PAGE="/monitoring/flag/$WA/close" post "$WM" "/monitoring/flag/$WA/close" 'note=Not a real difference'
h "check before closing keeps the description" 200 "id=\"flag-caption\">Flag #$WA: $WANT</span>"
FORM_PAGE="/monitoring/flag/$WA/act" post "$WM" "/monitoring/flag/$WA/act" 'text=Review the decisions' lead=MD due-day=31 due-month=3 due-year=2027 duty=1
h "check before creating an action keeps the description" 200 "id=\"flag-caption\">Flag #$WA: $WANT</span>"
c "…and is that check page" grep -q 'Check your answers before creating the action' "$T/body"
req "$WM" GET "/monitoring/flag/$WA/explain"
h "a step page keeps the description" 200 "id=\"flag-caption\">Flag #$WA: $WANT</span>"
FORM_PAGE="/monitoring/flag/$WA/close" post "$WM" "/monitoring/flag/$WA/close" 'note=Not a real difference' confirm=yes
req "$WV" GET "/monitoring/flag/$WA"
h "a closed flag without an action: Plan action None" 200 'Plan action</dt><dd class="govuk-summary-list__value">None</dd>' 'None yet'

# --- 6: a comparison group chosen for the report is said near the top,
# in the method, and beside a p value that belongs to it
req "$WV" GET "/monitoring/report?dataset=service-users&period=2011Q3&ref_ethnicity=Black"
h "report with ethnicity compared with Black: said under the heading" 200 '<div class="govuk-inset-text" id="reference-note">Ethnicity is compared with Black service users, chosen for this report, instead of White.</div>'
c "…the method's first row no longer says White for ethnicity" sh -c "grep -q 'Reference group</th><td[^>]*>the largest group, for each characteristic without a row of its own below</td>' '$T/body' && ! grep -q 'White for ethnicity' '$T/body'"
c "…the row of its own follows" grep -q 'Reference group for Ethnicity' "$T/body"
req "$WV" GET "/monitoring/report?dataset=service-users&period=2011Q3"
h "…without a choice, no note" 200 'White for ethnicity; the largest group for other characteristics' 'id="reference-note"'
req "$WV" GET "/monitoring/report/ethnicity?dataset=service-users&period=2011Q3&ref_ethnicity=Black"
h "…the ethnicity page says it too" 200 'id="reference-note">Ethnicity is compared with Black service users'
req "$WV" GET "/monitoring/report?dataset=service-users&period=2011Q3&ref_ethnicity=Black"
c "…an adverse-impact line against another group says whose p value it gives" python3 -c "
import re, html as H; t = H.unescape(re.sub(r'<[^>]+>', ' ', open('$T/body').read()))
t = re.sub(r'\s+', ' ', t)
lines = re.findall(r'rate, that of ([^(]+?) \(.{0,400}?Not flagged: (.{0,300}?)\.(?: |$)', t)
eth = [l for l in lines if l[0].endswith('service users') and not l[0].startswith('service users')]
other = [l for l in eth if l[0] != 'Black service users' and ('could be chance' in l[1] or 'inside the band' in l[1])]
assert other, 'no adverse-impact line compared with another group: %r' % lines[:3]
bad = [l for l in other if not l[1].startswith('in its comparison with Black service users, the reference group')]
assert not bad, bad[:2]"
req "$WV" GET "/monitoring/report/sex?dataset=service-users&period=2011Q3&ref_ethnicity=Black"
h "…but not the page of another characteristic" 200 '' 'id="reference-note"'

# --- 7: the impact ratio as the page defines it, and as the numbers are
req "$WV" GET "/monitoring/report.json?dataset=service-users&period=2011Q3"
c "impact ratio: favourable rate / highest, unfavourable lowest / rate; above 1 only for groups too few to set the bar" python3 -c "
import json; d = json.load(open('$T/body'))
n = above = 0
for x in d['impact']:
    if x['impact_ratio'] is None: continue
    want = x['rate'] / x['compared_rate'] if x['direction'] == 'favourable' else x['compared_rate'] / x['rate']
    assert abs(want - x['impact_ratio']) < 1e-6, x
    if x['impact_ratio'] > 1 + 1e-9:
        assert x['too_few'], x
        above += 1
    n += 1
assert n and above, (n, above)"
req "$WV" GET "/monitoring/report/ethnicity?dataset=service-users&period=2011Q3"
h "…the page defines it so (both directions, and why a ratio can pass 1)" 200 'where a lower rate is better, the lowest rate divided by the group&#39;s rate' "impact ratio is the group's rate divided by the highest group's rate"
c "…an outcome where a lower rate is better says its ratio" grep -q 'the impact ratio is the lowest rate divided by the group&#39;s rate, and below 0.8 is adverse impact' "$T/body"
c "…and why a smaller group's can be above 1" grep -q 'a smaller group that does better has a ratio above 1' "$T/body"

# --- 8: after saving a dataset config, a success banner on the configs page
req "$WM" GET /monitoring/configs
WTOK=$(csrf_from_body)
req "$WM" POST "/monitoring/configs?csrf=$WTOK" -F "csrf=$WTOK" -F "name=words" -F "file=@$MFIX/renamed.conf;type=text/plain"
h "saving a config goes back to the configs page" 303
hdr "…/monitoring/configs" '^location: /monitoring/configs'
req "$WM" GET /monitoring/configs
h "…with a GOV.UK success banner saying what was saved" 200 'govuk-notification-banner--success.*' 
c "…its words" grep -q 'govuk-notification-banner__heading">Config words saved from renamed.conf.</p>' "$T/body"

stop_server
