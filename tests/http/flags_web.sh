# tests/http/flags_web.sh: the flag pages of issue 15 — the question on a
# flag's page and its steps, an action made from a flag (a lead from the
# people list, its duties, linked both ways, its history told truthfully),
# "Check your answers" before creating an action and before closing,
# linking to an existing action, flags of one finding dealt with together,
# the recurrence shown as what it is in the report, and the flags list in
# pages of 50. Sourced by tests/http/run.sh after monitor.sh (which
# imported service-users 2011Q2 and 2011Q3): $P, $DB, $T, $PW, $BASE, the
# jars $MM (mo, a monitor) and $MV (vi, a viewer), and the helpers of lib.sh.

q() { sqlite3 "$DB" "$1"; }
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# --- the report shows people's explanations only; a recurrence is said as one
XR=$(q "SELECT min(id) FROM mon_flag WHERE period = '2011Q3' AND previous_id IS NOT NULL AND state = 'open'")
XRP=$(q "SELECT previous_id FROM mon_flag WHERE id = $XR")
c "a 2011Q3 flag recurs from 2011Q2 (#$XR, from #$XRP)" test -n "$XR" -a -n "$XRP"
req "$MV" GET "/monitoring/report?dataset=service-users&period=2011Q3"
h "report: a recurring flag is not shown as explained by parity's own line" 200 '' 'the same finding was flagged in an earlier period'
c "…it says where else it was flagged, with a link" grep -q "Also flagged in April to June 2011, <a class=\"govuk-link\" href=\"/monitoring/flag/$XRP\">flag #$XRP</a>" "$T/body"
c "…the column holds explanations" grep -q '>Explanation</th>' "$T/body"
req "$MV" GET "/monitoring/report.json?dataset=service-users&period=2011Q3"
c "report JSON: no note made by parity, the earlier flag named" python3 -c "
import json; d = json.load(open('$T/body'))
f = [x for x in d['open_flags'] if x['id'] == $XR][0]
assert f['note'] is None and f['previous_id'] == $XRP and f['previous_period'] == '2011Q2', f"
req "$MV" GET "/monitoring/flag/$XR"
h "the flag page says it was also flagged earlier" 200 "Also flagged in April to June 2011: <a class=\"govuk-link\" href=\"/monitoring/flag/$XRP\">"

# --- the flag page: one question, and both groups' counts and rates
XA=$(q "SELECT min(id) FROM mon_flag WHERE period = '2011Q3' AND state = 'open' AND action_id IS NULL")
req "$MM" GET "/monitoring/flag/$XA"
h "flag #$XA asks what to do" 200 '<legend[^>]*>What do you want to do\?</legend>'
for v in explain act link close; do
  c "…offers '$v' as a radio" grep -q "name=\"do\" type=\"radio\" value=\"$v\"" "$T/body"
done
c "…in one form" test "$(grep -c "<form method=\"post\" action=\"/monitoring/flag/" "$T/body")" = 1
num=$(q "SELECT numerator FROM mon_flag WHERE id = $XA") den=$(q "SELECT denominator FROM mon_flag WHERE id = $XA")
rnum=$(q "SELECT numerator FROM mon_flag_ref WHERE flag_id = $XA") rden=$(q "SELECT denominator FROM mon_flag_ref WHERE flag_id = $XA")
fmt() { python3 -c "print(f'{int(\"$1\"):,}')"; }
c "the comparison group's counts are kept ($rnum of $rden)" test -n "$rnum" -a -n "$rden"
c "…both groups in words, GOV.UK numbers" grep -qE "$(fmt "$num") of $(fmt "$den") people in the group .* compared with $(fmt "$rnum") of $(fmt "$rden") people in the comparison group" "$T/body"
c "…and in a table with rates" grep -qE "\(comparison group\)</th><td[^>]*>$(fmt "$rnum")</td><td[^>]*>$(fmt "$rden")</td><td[^>]*>[0-9]+\.[0-9]%</td>" "$T/body"
req "$MV" GET "/monitoring/flag/$XA"
h "a viewer sees the groups but no question" 200 'comparison group' 'What do you want to do'
req "$MV" GET "/monitoring/flag/$XA/act"
h "a viewer cannot open a step's page (403)" 403
FORM_PAGE="/monitoring/flag/$XA" post "$MV" "/monitoring/flag/$XA/close" 'note=by a viewer' confirm=yes
h "…nor close a flag (403)" 403
c "…which stays open" test "$(q "SELECT state FROM mon_flag WHERE id = $XA")" = open
FORM_PAGE="/monitoring/flag/$XA" post "$MM" "/monitoring/flag/$XA"
h "choosing nothing is refused at the radios" 400 '<a href="#do">Select what you want to do with the flag</a>'
FORM_PAGE="/monitoring/flag/$XA" post "$MM" "/monitoring/flag/$XA" do=act
h "choosing 'act' goes to its page" 303
hdr "…/monitoring/flag/$XA/act" "^location: /monitoring/flag/$XA/act"

# --- an action from a flag: the lead is someone in the people list
before=$(q "SELECT count(*) FROM action; SELECT state FROM mon_flag WHERE id = $XA" | md5sum)
req "$MM" GET "/monitoring/flag/$XA/act"
h "the action page offers the plan's active people as the lead" 200 '<option value="MD">MD – Mohammed Darr</option>'
c "…the duties as checkboxes" grep -q 'name="duty" type="checkbox" value="1"' "$T/body"
c "…the due date as day, month and year" sh -c "grep -q 'name=\"due-day\"' '$T/body' && grep -q 'name=\"due-month\"' '$T/body' && grep -q 'name=\"due-year\"' '$T/body'"
FORM_PAGE="/monitoring/flag/$XA/act" post "$MM" "/monitoring/flag/$XA/act" 'text=Review breach decisions' lead=ZZ due-day=31 due-month=3 due-year=2027 duty=1 confirm=yes
h "a lead who is not in the people list (ZZ) is refused" 400 '<a href="#act-lead">Select the lead from the list of people</a>'
c "…at the field" grep -q 'id="act-lead-error"' "$T/body"
FORM_PAGE="/monitoring/flag/$XA/act" post "$MM" "/monitoring/flag/$XA/act" 'text=Review breach decisions' lead=MD due-day=31 due-month=3 due-year=2027 confirm=yes
h "an action needs the duties it serves" 400 '<a href="#act-duties">Select the duties this action serves</a>'
FORM_PAGE="/monitoring/flag/$XA/act" post "$MM" "/monitoring/flag/$XA/act" 'text=Review breach decisions' lead=MD due-day=31 due-month=3 due-year=2027 duty=99 confirm=yes
h "…from the plan's duties" 400 'Select duties from the list'
c "…and nothing was created" test "$before" = "$(q "SELECT count(*) FROM action; SELECT state FROM mon_flag WHERE id = $XA" | md5sum)"
"$P" --db "$DB" flags act "$XA" --lead ZZ --due 2027-03-31 --text 'Review breach decisions' >"$T/act.out" 2>"$T/act.err"; rc=$?
c "parity flags act --lead ZZ is refused (exit $rc)" sh -c "[ $rc = 1 ] && grep -q \"lead 'ZZ' is not the initials of anyone active in the list of people\" '$T/act.err'"
c "…and nothing was created" test "$before" = "$(q "SELECT count(*) FROM action; SELECT state FROM mon_flag WHERE id = $XA" | md5sum)"

# --- check your answers, then confirm
FORM_PAGE="/monitoring/flag/$XA/act" post "$MM" "/monitoring/flag/$XA/act" 'text=Review breach decisions & <b>referrals</b>' lead=md due-day=31 due-month=3 due-year=2027 duty=1 duty=2
h "the answers are shown to check" 200 'Check your answers before creating the action'
c "…the lead by name" grep -q 'MD – Mohammed Darr' "$T/body"
c "…the due date in words" grep -q '31 March 2027' "$T/body"
c "…the text escaped" grep -q 'Review breach decisions &amp; &lt;b&gt;referrals&lt;/b&gt;' "$T/body"
c "…each with a Change link back to its field" grep -q "href=\"/monitoring/flag/$XA/act?text=Review%20breach%20decisions%20%26%20%3Cb%3Ereferrals%3C/b%3E&amp;lead=md&amp;due-day=31&amp;due-month=3&amp;due-year=2027&amp;duty=1&amp;duty=2#act-lead\"" "$T/body"
c "…and nothing is created yet" test "$before" = "$(q "SELECT count(*) FROM action; SELECT state FROM mon_flag WHERE id = $XA" | md5sum)"
chg=$(sed -n 's/.*href="\([^"]*#act-due\)".*/\1/p' "$T/body" | head -1 | sed 's/&amp;/\&/g; s/#.*//')
req "$MM" GET "$chg"
h "a Change link brings the answers back" 200 'value="2027"'
c "…the lead chosen" grep -q '<option value="MD" selected>' "$T/body"
c "…the duties ticked" sh -c "grep -q 'value=\"1\" checked' '$T/body' && grep -q 'value=\"2\" checked' '$T/body'"
FORM_PAGE="/monitoring/flag/$XA/act" post "$MM" "/monitoring/flag/$XA/act" 'text=Review breach decisions & <b>referrals</b>' lead=md due-day=31 due-month=3 due-year=2027 duty=1 duty=2 confirm=yes
h "confirming creates the action" 303
hdr "…and goes back to the flag" "^location: /monitoring/flag/$XA[[:space:]]*\$"
c "…the lead stored as the person's initials" test "$(q "SELECT a.lead_text || '|' || p.initials FROM action a JOIN action_lead l ON l.action_id = a.id JOIN person p ON p.id = l.person_id WHERE a.code = 'F$XA'")" = "MD|MD"
c "…in the area for responses to flags" test "$(q "SELECT ar.title FROM action a JOIN area ar ON ar.id = a.area_id WHERE a.code = 'F$XA'")" = 'Responses to diversity monitoring flags'
c "…in a section of its own" test "$(q "SELECT s.no || '|' || s.title FROM action a JOIN area ar ON ar.id = a.area_id JOIN section s ON s.id = ar.section_id WHERE a.code = 'F$XA'")" = '0|Responses to diversity monitoring flags'
c "…serving duties 1 and 2" test "$(q "SELECT group_concat(duty) FROM (SELECT d.duty FROM action_duty d JOIN action a ON a.id = d.action_id WHERE a.code = 'F$XA' ORDER BY d.duty)")" = "1,2"
c "…its history: created from the flag by mo, not imported" test "$(q "SELECT kind || '|' || author || '|' || substr(note, 1, 40) FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = 'F$XA'")" = "flag|mo|$(printf 'Created from flag #%s by mo: service-users' "$XA" | cut -c1-40)"
c "…one audit entry" test "$(q "SELECT count(*) FROM audit_log WHERE what = 'flag.act' AND target = 'flag $XA'")" = 1
req "$MV" GET "/plan/action/F$XA"
h "the action page links to the flag" 200 "href=\"/monitoring/flag/$XA\">Flag #$XA</a>"
c "…its history says who created it from which flag" grep -q "Created from flag #$XA by mo" "$T/body"
c "…not that it was imported" sh -c "! grep -q '>Imported<' '$T/body'"
c "…its duties are shown" sh -c "grep -q 'href=\"/plan?duty=1\"' '$T/body' && grep -q 'href=\"/plan?duty=2\"' '$T/body'"
c "…its area" grep -q 'Responses to diversity monitoring flags' "$T/body"
req "$MV" GET "/plan?duty=2"
h "the action is listed under its duty" 200 "href=\"/plan/action/F$XA\""
req "$MV" GET "/monitoring/flag/$XA"
h "the flag page links to the action" 200 "href=\"/plan/action/F$XA\""
c "…and no longer offers to create one" sh -c "! grep -q 'value=\"act\"' '$T/body'"

# --- linking a flag to an existing action
XB=$(q "SELECT min(id) FROM mon_flag WHERE state = 'open' AND action_id IS NULL AND id <> $XA")
XAID=$(q "SELECT id FROM action WHERE code = 'F$XA'")
req "$MM" GET "/monitoring/flag/$XB/link"
h "the link page offers the live actions by id and text" 200 "<option value=\"$XAID\">F$XA: Review breach decisions &amp; &lt;b&gt;referrals&lt;/b&gt;</option>"
FORM_PAGE="/monitoring/flag/$XB/link" post "$MM" "/monitoring/flag/$XB/link" action=
h "linking needs an action" 400 '<a href="#link-action">Select the action</a>'
done_id=$(q "SELECT a.id FROM action a JOIN plan p ON p.id = a.plan_id WHERE p.name = 'main' AND a.status IN ('done', 'dropped') LIMIT 1")
[ -z "$done_id" ] && done_id=999999
FORM_PAGE="/monitoring/flag/$XB/link" post "$MM" "/monitoring/flag/$XB/link" "action=$done_id"
h "…one from the list of live actions" 400 'Select an action from the list'
FORM_PAGE="/monitoring/flag/$XB/link" post "$MM" "/monitoring/flag/$XB/link" "action=$XAID"
h "linking flag #$XB to action F$XA" 303
c "…the flag is actioned, with that action" test "$(q "SELECT state || '|' || action_id FROM mon_flag WHERE id = $XB")" = "actioned|$XAID"
c "…one audit entry" test "$(q "SELECT count(*) FROM audit_log WHERE what = 'flag.link' AND target = 'flag $XB'")" = 1
req "$MV" GET "/monitoring/flag/$XB"
h "the flag links to the action" 200 "href=\"/plan/action/F$XA\""
req "$MV" GET "/plan/action/F$XA"
h "the action links to both flags" 200 "href=\"/monitoring/flag/$XB\">Flag #$XB</a>"
c "…and its history says who linked it" grep -q "Linked to flag #$XB by mo" "$T/body"

# --- flags of one finding, together: the same finding in two units and
# two quarters (made here: the demo extracts flag too few findings again)
q "INSERT INTO mon_flag(dataset, unit, characteristic, grp, reference, outcome, period, rr, rr_low, rr_high, p_adj, numerator, denominator, created_at)
   VALUES ('service-users', 'North', 'sex', 'Male', 'Female', 'breached', '2011Q2', 1.6, 1.3, 1.9, 0.001, 90, 300, '2026-01-01T00:00:00Z'),
          ('service-users', 'North', 'sex', 'Male', 'Female', 'breached', '2011Q3', 1.7, 1.4, 2.0, 0.001, 95, 310, '2026-01-02T00:00:00Z'),
          ('service-users', 'South', 'sex', 'Male', 'Female', 'breached', '2011Q3', 1.5, 1.2, 1.8, 0.002, 80, 290, '2026-01-02T00:00:00Z')"
IFS='|' read -r XGD XGC XGG XGO <<<"$(q "SELECT dataset, characteristic, grp, outcome FROM mon_flag WHERE state = 'open' AND action_id IS NULL GROUP BY dataset, characteristic, grp, outcome HAVING count(*) >= 2 ORDER BY count(*) DESC LIMIT 1")"
XG=$(q "SELECT min(id) FROM mon_flag WHERE dataset = '$XGD' AND characteristic = '$XGC' AND grp = '$XGG' AND outcome = '$XGO' AND state = 'open'")
XNG=$(q "SELECT count(*) FROM mon_flag WHERE dataset = '$XGD' AND characteristic = '$XGC' AND grp = '$XGG' AND outcome = '$XGO' AND state <> 'closed'")
c "a finding flagged $XNG times (#$XG: $XGC $XGG, $XGO)" test "${XNG:-0}" -ge 2
req "$MV" GET "/monitoring/flags"
h "the flags list groups the finding" 200 "scope=\"rowgroup\""
req "$MM" GET "/monitoring/flags"
c "…and offers to deal with its flags together" grep -q "href=\"/monitoring/flag/[0-9]*?group=1\">Deal with its $XNG flags that are not closed together</a>" "$T/body"
req "$MM" GET "/monitoring/flag/$XG"
h "the flag page lists the same finding elsewhere" 200 'The same finding elsewhere'
c "…with a way to deal with them together" grep -q "href=\"/monitoring/flag/$XG?group=1\">Deal with all $XNG flags" "$T/body"
req "$MM" GET "/monitoring/flag/$XG?group=1"
h "the group's page asks what to do with them" 200 "What do you want to do with these $XNG flags\\?"
c "…naming them" grep -q 'id="group-flags"' "$T/body"
FORM_PAGE="/monitoring/flag/$XG?group=1" post "$MM" "/monitoring/flag/$XG" do=explain group=1
hdr "choosing keeps the group" "^location: /monitoring/flag/$XG/explain\\?group=1"
n0=$(q "SELECT count(*) FROM audit_log WHERE what = 'flag.explain'")
FORM_PAGE="/monitoring/flag/$XG/explain?group=1" post "$MM" "/monitoring/flag/$XG/explain" group=1 'note=Court closures in the area this year'
h "explaining the group" 303
c "…every flag of the finding is explained" test "$(q "SELECT count(*) FROM mon_flag WHERE dataset = '$XGD' AND characteristic = '$XGC' AND grp = '$XGG' AND outcome = '$XGO' AND state = 'explained'")" = "$XNG"
c "…one audit entry per flag" test "$(( $(q "SELECT count(*) FROM audit_log WHERE what = 'flag.explain'") - n0 ))" = "$XNG"
FORM_PAGE="/monitoring/flag/$XG/act?group=1" post "$MM" "/monitoring/flag/$XG/act" group=1 'text=Work with the courts' lead=TA due-day=1 due-month=12 due-year=2027 duty=3
h "acting on the group: the answers to check name every flag" 200 "$XNG flags \\(#$XG"
FORM_PAGE="/monitoring/flag/$XG/act?group=1" post "$MM" "/monitoring/flag/$XG/act" group=1 'text=Work with the courts' lead=TA due-day=1 due-month=12 due-year=2027 duty=3 confirm=yes
h "…confirmed" 303
c "…every flag of the finding has action F$XG" test "$(q "SELECT count(*) FROM mon_flag f JOIN action a ON a.id = f.action_id WHERE a.code = 'F$XG' AND f.state = 'actioned'")" = "$XNG"
c "…the action responds to each" test "$(q "SELECT count(*) FROM action_flag x JOIN action a ON a.id = x.action_id WHERE a.code = 'F$XG'")" = "$XNG"
c "…one audit entry per flag" test "$(q "SELECT count(*) FROM audit_log WHERE what = 'flag.act' AND after LIKE '%\"action\":\"F$XG\"%'")" = "$XNG"

# --- closing: check your answers, then confirm
XC=$(q "SELECT min(id) FROM mon_flag WHERE state = 'open'")
FORM_PAGE="/monitoring/flag/$XC/close" post "$MM" "/monitoring/flag/$XC/close" 'note=Not seen again'
h "closing shows the answers to check" 200 'Check your answers before closing'
c "…with a Change link" grep -q "href=\"/monitoring/flag/$XC/close?note=Not%20seen%20again#close-note\"" "$T/body"
c "…and the flag is still open" test "$(q "SELECT state FROM mon_flag WHERE id = $XC")" = open
FORM_PAGE="/monitoring/flag/$XC/close" post "$MM" "/monitoring/flag/$XC/close" 'note=Not seen again' confirm=yes
h "…confirmed, it is closed" 303
c "…closed" test "$(q "SELECT state FROM mon_flag WHERE id = $XC")" = closed

# --- the list in pages of 50, keeping its filters
q "INSERT INTO mon_flag(dataset, unit, characteristic, grp, reference, outcome, period, rr, numerator, denominator, created_at)
   WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 61)
   SELECT 'paging-test', 'Unit ' || i, 'sex', 'Female', 'Male', 'appointed', '2012', 1.5, 40, 100, '2026-01-01T00:00:00Z' FROM n"
req "$MV" GET "/monitoring/flags?dataset=paging-test"
h "a page of the list holds 50 flags" 200 'flags 1 to 50 of 61'
c "…50 rows" test "$(grep -o '<th scope="row" class="govuk-table__header"><a class="govuk-link" href="/monitoring/flag/' "$T/body" | wc -l)" = 50
c "…and the GOV.UK pagination" grep -q '<nav class="govuk-pagination"' "$T/body"
c "…its next link keeps the filter" grep -q 'href="/monitoring/flags?dataset=paging-test&amp;page=2" rel="next"' "$T/body"
req "$MV" GET "/monitoring/flags?state=all&dataset=paging-test&page=2"
h "page 2 holds the rest" 200 'flags 51 to 61 of 61'
c "…11 rows" test "$(grep -o '<th scope="row" class="govuk-table__header"><a class="govuk-link" href="/monitoring/flag/' "$T/body" | wc -l)" = 11
c "…and links back to page 1 with both filters" grep -q 'href="/monitoring/flags?state=all&amp;dataset=paging-test&amp;page=1" rel="prev"' "$T/body"
c "…the current page marked" grep -q 'aria-current="page">2</a>' "$T/body"
req "$MV" GET "/monitoring/flags?dataset=paging-test&page=3"
h "a page past the last is 404" 404 'There is no page 3 of these flags'
req "$MV" GET "/monitoring/flags?page=two"
h "a page that is not a number is 400" 400 'whole number'
q "DELETE FROM mon_flag WHERE dataset = 'paging-test'"
