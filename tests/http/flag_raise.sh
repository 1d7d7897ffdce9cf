# tests/http/flag_raise.sh: flags another room raises (issue 20;
# src/monitor/flag_raise.c) on the flag pages — the list shows the
# finding in its own words with a link to the objective and no relative
# rate; the flag's page says the finding, links to the objective, shows
# no comparison group, and is explained, acted on (check your answers,
# then plan action F<id>) and closed exactly as any flag; the group of a
# measure's flags over periods; the report's open flags. No command raises
# such a flag by itself: test_flag_raise's fixture (a unit test linking
# the library) raises it with monitor_flag_raise on this database. Sourced
# by tests/http/run.sh; its own database.

RDB="$T/flagraise-web.db"
rq() { sqlite3 "$RDB" "$1"; }
RFU="$ROOT/build/tests/test_flag_raise"
[ -x "$RFU" ] || make -C "$ROOT" --no-print-directory -s build/tests/test_flag_raise >/dev/null 2>&1
rf_raise() {
  PARITY_FLAG_RAISE_DB="$RDB" PARITY_FLAG_RAISE_DATASET=staff PARITY_FLAG_RAISE_PERIOD="$1" \
    PARITY_FLAG_RAISE_REF="${2:-measure 4}" "$RFU" --filter 'flag_raise/fixture' >/dev/null 2>&1
}
"$P" --db "$RDB" plan import "$ROOT/data/demo/action-plan.md" >/dev/null
printf '%s\n' "$PW" | "$P" --db "$RDB" user add rmon --role monitor --password-stdin >/dev/null
printf '%s\n' "$PW" | "$P" --db "$RDB" user add rvie --role viewer --password-stdin >/dev/null
cat >"$T/rf-counts.csv" <<'EOF'
unit,period,characteristic,group,outcome,numerator,denominator
All,2024Q1,ethnicity,White,promoted,40,400
All,2024Q1,ethnicity,Black,promoted,20,50
All,2024Q2,ethnicity,White,promoted,42,400
All,2024Q2,ethnicity,Black,promoted,24,60
EOF
"$P" --db "$RDB" data import-counts "$T/rf-counts.csv" --dataset staff >/dev/null
c "flag raise web: the fixture raises two periods' flags" sh -c "[ -x '$RFU' ]" 
rf_raise 2024Q1
rf_raise 2024Q2
RF1=$(rq "SELECT f.id FROM mon_flag f JOIN mon_flag_external x ON x.flag_id = f.id WHERE f.period = '2024Q1'")
RF2=$(rq "SELECT f.id FROM mon_flag f JOIN mon_flag_external x ON x.flag_id = f.id WHERE f.period = '2024Q2'")
c "flag raise web: flags #$RF1 (2024Q1) and #$RF2 (2024Q2)" test -n "$RF1" -a -n "$RF2"
start_server flagraise "$RDB" || { fail=$((fail+1)); echo "FAIL flag raise web server did not start"; return 0; }
RM="$T/rf-mon.jar" RV="$T/rf-vie.jar"
login "$RM" rmon "$PW"
login "$RV" rvie "$PW"
FINDING_HTML='Objective 3 \(More &lt;b&gt;Black&lt;/b&gt; staff &amp; managers\) is off track: the share of Black staff was 6\.0% in 2024Q2 against a target of at least 15%'

# --- the list
req "$RV" GET /monitoring/flags
h "flag raise web: the list shows the finding in its words, escaped" 200 "$FINDING_HTML"
c "…with a link to the objective" grep -q 'href="/objectives/3">See the objective</a>' "$T/body"
c "…no markup of its own" sh -c "! grep -q '<b>Black</b>' '$T/body'"
c "…and no relative rate for it" grep -qE "href=\"/monitoring/flag/$RF2\">#$RF2</a></th><td[^>]*>April to June 2024</td><td[^>]*>All units</td><td[^>]*>the target</td><td[^>]*>–</td>" "$T/body"
c "…the report's own flags as before" grep -q 'Ethnicity: Black, promoted' "$T/body"
c "…the page says objectives raise flags" grep -q 'An objective whose measure goes off track raises a flag too' "$T/body"

# --- the flag's page
req "$RV" GET "/monitoring/flag/$RF2"
h "flag raise web: its page says the finding" 200 "<p class=\"govuk-body-l\" id=\"finding\">$FINDING_HTML</p>"
c "…its caption" grep -q 'id="flag-caption">Staff, April to June 2024, objective measure 4, Ethnicity: Black</span>' "$T/body"
c "…links to the objective" grep -q '<p class="govuk-body" id="see-source"><a class="govuk-link" href="/objectives/3">See the objective</a></p>' "$T/body"
c "…no comparison group, relative rate or p" sh -c "! grep -qE 'The two groups|comparison group|Relative rate|Adjusted p|Compared with' '$T/body'"
c "…who raised it" grep -q 'Raised by</dt><dd class="govuk-summary-list__value">Objective measure 4</dd>' "$T/body"
c "…the earlier period's flag" grep -q "Also flagged in January to March 2024: <a class=\"govuk-link\" href=\"/monitoring/flag/$RF1\">flag #$RF1</a>" "$T/body"
c "…the same finding elsewhere" grep -q "href=\"/monitoring/flag/$RF1\">Flag #$RF1</a>" "$T/body"
c "…its history says the check raised it, not a command" sh -c "grep -q '<td class=\"govuk-table__cell\">objective check (automatic)</td>' '$T/body' && ! grep -q 'parity objective check' '$T/body'"
c "…a viewer gets no question" sh -c "! grep -q 'What do you want to do' '$T/body'"
req "$RM" GET "/monitoring/flag/$RF2"
h "flag raise web: a monitor is asked what to do" 200 '<legend[^>]*>What do you want to do\?</legend>'
c "…explain the finding (not a difference)" grep -q 'Explain the finding' "$T/body"
for v in explain act link close; do
  c "…offers '$v'" grep -q "name=\"do\" type=\"radio\" value=\"$v\"" "$T/body"
done

# --- explained, as any flag
FORM_PAGE="/monitoring/flag/$RF1" post "$RM" "/monitoring/flag/$RF1" do=explain
hdr "flag raise web: choosing explain goes to its page" "^location: /monitoring/flag/$RF1/explain"
req "$RM" GET "/monitoring/flag/$RF1/explain"
h "flag raise web: the explain page" 200 '<h1 class="govuk-heading-l">Explain the finding</h1>'
c "…its caption" grep -q "id=\"flag-caption\">Flag #$RF1: January to March 2024, objective measure 4, Ethnicity: Black</span>" "$T/body"
FORM_PAGE="/monitoring/flag/$RF1/explain" post "$RM" "/monitoring/flag/$RF1/explain" 'note=Recruitment paused & <restarted>'
h "flag raise web: explained" 303
c "…explained, with the note" test "$(rq "SELECT f.state || '|' || v.note FROM mon_flag f JOIN mon_flag_event v ON v.flag_id = f.id AND v.kind = 'explained' WHERE f.id = $RF1")" = 'explained|Recruitment paused & <restarted>'
c "…one audit entry" test "$(rq "SELECT count(*) FROM audit_log WHERE what = 'flag.explain' AND target = 'flag $RF1'")" = 1

# --- acted on: check your answers, then plan action F<id>
FORM_PAGE="/monitoring/flag/$RF2/act" post "$RM" "/monitoring/flag/$RF2/act" 'text=Mentoring for Black staff' lead=MD due-day=31 due-month=3 due-year=2025 duty=1
h "flag raise web: the action's answers to check" 200 'Check your answers before creating the action'
c "…nothing created yet" test "$(rq "SELECT count(*) FROM action WHERE code = 'F$RF2'")" = 0
FORM_PAGE="/monitoring/flag/$RF2/act" post "$RM" "/monitoring/flag/$RF2/act" 'text=Mentoring for Black staff' lead=MD due-day=31 due-month=3 due-year=2025 duty=1 confirm=yes
h "flag raise web: confirmed, the action is created" 303
c "…the flag is actioned with F$RF2" test "$(rq "SELECT f.state || '|' || a.code FROM mon_flag f JOIN action a ON a.id = f.action_id WHERE f.id = $RF2")" = "actioned|F$RF2"
c "…its history carries the finding" sh -c "sqlite3 '$RDB' \"SELECT note FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = 'F$RF2'\" | grep -q 'staff 2024Q2: Objective 3 (More <b>Black</b> staff & managers) is off track'"
req "$RV" GET "/plan/action/F$RF2"
h "flag raise web: the action links to the flag" 200 "href=\"/monitoring/flag/$RF2\">Flag #$RF2</a>"
c "…with the finding escaped" grep -q 'Objective 3 (More &lt;b&gt;Black&lt;/b&gt; staff &amp; managers)' "$T/body"
req "$RV" GET "/monitoring/flag/$RF2"
h "flag raise web: the flag links to the action" 200 "href=\"/plan/action/F$RF2\""

# --- the group of the measure's flags
req "$RM" GET "/monitoring/flag/$RF2?group=1"
h "flag raise web: the measure's flags together" 200 'What do you want to do with these 2 flags\?'
req "$RM" GET "/monitoring/flag/$RF2/close?group=1"
h "flag raise web: the group's caption names the measure" 200 'id="flag-caption">Flags of the same finding: objective measure 4</span>'

# --- the report's open flags
req "$RV" GET "/monitoring/report?dataset=staff&period=2024Q2"
h "flag raise web: the report lists it in its words" 200 "$FINDING_HTML <a class=\"govuk-link\" href=\"/objectives/3\">See the objective</a>"

# --- closed: check your answers, then closed
FORM_PAGE="/monitoring/flag/$RF1/close" post "$RM" "/monitoring/flag/$RF1/close" 'note=Recruitment resumed'
h "flag raise web: closing shows the answers to check" 200 'Check your answers before closing'
FORM_PAGE="/monitoring/flag/$RF1/close" post "$RM" "/monitoring/flag/$RF1/close" 'note=Recruitment resumed' confirm=yes
h "flag raise web: closed" 303
c "…closed" test "$(rq "SELECT state FROM mon_flag WHERE id = $RF1")" = closed
req "$RM" GET "/monitoring/flag/$RF1"
h "flag raise web: a closed one offers nothing more" 200 'This flag is closed' 'What do you want to do'
stop_server
