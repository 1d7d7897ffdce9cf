# tests/http/eia.sh: equality impact assessments on the web (issue 19;
# docs/assess.md) — every route and refusal: signed out (the staff pages
# send to sign-in, the public ones open), a viewer reads but cannot
# change (no start button, no forms, 403 on every POST), a form without
# its token is refused; a monitor starts an assessment, walks the task
# list (errors at the fields, each task's status), publishes through the
# check page, opens a new version and publishes it; the public pages show
# the latest published version, list the earlier one, and leave out the
# leads and authors. Sourced by tests/http/run.sh; its own database.

EDB="$T/eiaweb.db"
eq() { sqlite3 "$EDB" "$1"; }
printf '%s\n' "$PW" | "$P" --db "$EDB" user add mon --role monitor --password-stdin >/dev/null
printf '%s\n' "$PW" | "$P" --db "$EDB" user add vie --role viewer --password-stdin >/dev/null
"$P" --db "$EDB" people add JW 'Jo Whitfield' >/dev/null
"$P" --db "$EDB" data import "$ROOT/tests/fixtures/monitor/us-people.csv" --dataset service-users --period 2024Q1 --config "$ROOT/tests/fixtures/monitor/us-people.conf" >/dev/null
start_server eiaweb "$EDB" || { fail=$((fail+1)); echo "FAIL eia web server did not start"; return 0; }
EM="$T/eia-mon.jar" EV="$T/eia-vie.jar" EN="$T/eia-anon.jar"
rm -f "$EN"
login "$EM" mon "$PW"
login "$EV" vie "$PW"

# --- starting one: errors at the fields, then started
req "$EM" GET /
h "eia web: Impact assessments in the navigation" 200 'href="/eia"[^>]*>Impact assessments'
req "$EM" GET /eia
h "eia web: the list, empty, with Start an assessment" 200 'Start an assessment' 
FORM_PAGE=/eia/new post "$EM" /eia/new title= owner=
h "eia web: start with nothing: errors at the fields" 400 'govuk-error-summary'
c "eia web: ...each field's message" sh -c "grep -q 'Enter what is being assessed' '$T/body' && grep -q 'Choose who owns the assessment' '$T/body'"
FORM_PAGE=/eia/new post "$EM" /eia/new 'title=Hybrid <working> policy' owner=JW
h "eia web: started, to its task list" 303
hdr "eia web: ...redirected to /eia/1" '^location: /eia/1'
req "$EM" GET /eia/1
h "eia web: the task list, escaped" 200 'Hybrid &lt;working&gt; policy'
c "eia web: ...a GOV.UK task list with statuses" sh -c "grep -q 'govuk-task-list__item' '$T/body' && grep -q 'Not started' '$T/body' && grep -q 'Cannot start yet' '$T/body'"
c "eia web: ...the owner by name" grep -q 'Owner: Jo Whitfield' "$T/body"

# --- the capability
bad=""
for path in /eia /eia/1 /eia/1/screening /eia/1/publish /eia/new; do
  req "$EN" GET "$path"
  { [ "$STATUS" = 303 ] && grep -qi '^location: /login' "$T/headers"; } || bad="$bad anon GET $path: $STATUS;"
done
for path in /eia/1 /eia/1/evidence /eia/1/decision; do
  req "$EV" GET "$path"
  [ "$STATUS" = 200 ] || bad="$bad viewer GET $path: $STATUS;"
  grep -q '<form method="post" action="/eia' "$T/body" && bad="$bad viewer offered a form on $path;"
done
req "$EV" GET /eia/new
[ "$STATUS" = 403 ] || bad="$bad viewer GET /eia/new: $STATUS;"
req "$EV" GET /eia
grep -q 'Start an assessment' "$T/body" && bad="$bad viewer offered Start;"
for path in /eia/new /eia/1/screening /eia/1/evidence /eia/1/decision /eia/1/publish /eia/1/revise; do
  FORM_PAGE=/account/password post "$EV" "$path" title=x needed=yes text=x
  [ "$STATUS" = 403 ] || bad="$bad viewer POST $path: $STATUS;"
done
c "eia web: signed out goes to sign-in; a viewer reads, gets no forms and 403 on changes${bad:+:$bad}" test -z "$bad"
FORM_PAGE=/public post "$EN" /eia/1/screening needed=yes text=x
h "eia web: a form sent signed out is refused" 403
before=$(eq "SELECT COUNT(*) FROM eia_screening")
req "$EM" POST /eia/1/screening --data-urlencode needed=yes --data-urlencode text=x
h "eia web: a form without its token is refused" 403
c "eia web: ...and changes nothing" test "$before" = "$(eq "SELECT COUNT(*) FROM eia_screening")"

# --- the tasks
req "$EM" GET /eia/1/nonsense
h "eia web: an unknown task is 404" 404
req "$EM" GET /eia/99
h "eia web: an unknown assessment is 404" 404
FORM_PAGE=/eia/1/screening post "$EM" /eia/1/screening text=
h "eia web: screening with nothing: errors at the fields" 400 'Select yes if a full assessment is needed'
FORM_PAGE=/eia/1/screening post "$EM" /eia/1/screening needed=yes 'text=Home working differs by grade'
h "eia web: screened" 303
FORM_PAGE=/eia/1/evidence post "$EM" /eia/1/evidence characteristic=height text=x
h "eia web: evidence on no characteristic is refused at the field" 400 'Choose a protected characteristic'
FORM_PAGE=/eia/1/evidence post "$EM" /eia/1/evidence characteristic=ethnicity 'text=Fewer Black staff work from home' report=service-users:1999
h "eia web: a report that is not imported is refused at the field" 400 'Choose a Diversity Report from the list'
FORM_PAGE=/eia/1/evidence post "$EM" /eia/1/evidence characteristic=ethnicity 'text=Fewer Black staff work from home' report=service-users:2024Q1
h "eia web: evidence added" 303
req "$EM" GET /eia/1/evidence
h "eia web: ...linking its Diversity Report" 200 'href="/monitoring/report\?dataset=service-users&amp;period=2024Q1"'
FORM_PAGE=/eia/1/engagement post "$EM" /eia/1/engagement with= date-day=31 date-month=2 date-year=2026 text=
h "eia web: engagement: errors at the fields, a date that is not real" 400 'must be a real date'
FORM_PAGE=/eia/1/engagement post "$EM" /eia/1/engagement 'with=Black staff network' date-day=2 date-month=11 date-year=2026 'text=Asked for kit for all grades'
h "eia web: engagement logged" 303
FORM_PAGE=/eia/1/assessment post "$EM" /eia/1/assessment characteristic=ethnicity aim=2 text=x
h "eia web: assessment without an impact: error at the field" 400 'Select the impact'
FORM_PAGE=/eia/1/assessment post "$EM" /eia/1/assessment characteristic=ethnicity aim=2 impact=negative 'text=May widen the gap'
h "eia web: impact recorded" 303
FORM_PAGE=/eia/1/mitigations post "$EM" /eia/1/mitigations 'text=Offer kit to all grades' lead= due-day= due-month= due-year=
h "eia web: mitigation without lead or date: errors at the fields" 400 'Choose who leads the action'
FORM_PAGE=/eia/1/mitigations post "$EM" /eia/1/mitigations 'text=Offer kit to all grades' lead=JW due-day=31 due-month=3 due-year=2027
h "eia web: mitigation added" 303
req "$EM" GET /eia/1/mitigations
h "eia web: ...linking its plan action" 200 'href="/plan/action/E1.1"'
req "$EM" GET /eia/1
c "eia web: task statuses: screening completed, the rest in progress" sh -c "grep -q 'id=\"screening-status\">Completed' '$T/body' && grep -q 'id=\"evidence-status\"><strong class=\"govuk-tag govuk-tag--light-blue\">In progress' '$T/body' && grep -q 'id=\"signoff-status\">Cannot start yet' '$T/body'"
FORM_PAGE=/eia/1/publish post "$EM" /eia/1/publish
h "eia web: publishing before the decision is refused" 400 'Record the decision first'
FORM_PAGE=/eia/1/signoff post "$EM" /eia/1/signoff name=x role=y
h "eia web: signing off before the decision is refused" 400 'Record the decision first'
FORM_PAGE=/eia/1/decision post "$EM" /eia/1/decision outcome=adjust 'text=Offer the kit' 'by=Jo Whitfield'
h "eia web: decided" 303
FORM_PAGE=/eia/1/signoff post "$EM" /eia/1/signoff name= role=
h "eia web: sign-off with nothing: errors at the fields" 400 'Enter their role'
FORM_PAGE=/eia/1/signoff post "$EM" /eia/1/signoff 'name=Sam Reid' 'role=Director'
h "eia web: signed off" 303
FORM_PAGE=/eia/1/review post "$EM" /eia/1/review review-day=30 review-month=6 review-year=2027
h "eia web: review date set" 303
req "$EM" GET /eia/1/publish
h "eia web: the check page shows every answer with Change links" 200 'Change<span class="govuk-visually-hidden"> the decision'
c "eia web: ...and the publish button" grep -q 'Publish the assessment' "$T/body"
FORM_PAGE=/eia/1/publish post "$EM" /eia/1/publish
h "eia web: published" 303
req "$EM" GET /eia/1
h "eia web: published: no change, a new version offered" 200 'Open a new version'
FORM_PAGE=/eia/1/evidence post "$EM" /eia/1/evidence characteristic=sex text=x
h "eia web: a published version cannot change" 400 'is published and cannot be changed'
c "eia web: every change audited" test "$(eq "SELECT COUNT(DISTINCT what) FROM audit_log WHERE what IN ('eia.new','eia.screen','eia.evidence','eia.engage','eia.assess','eia.mitigate','eia.decide','eia.signoff','eia.review','eia.publish') AND who = 'mon'")" = 10

# --- public pages
req "$EN" GET /public
h "eia web: the public home links the assessments" 200 'href="/public/eia"'
req "$EN" GET /public/eia
h "eia web: public list, signed out" 200 'Hybrid &lt;working&gt; policy'
req "$EN" GET /public/eia/1
h "eia web: the public page, signed out, names owner, decision maker and sign-off" 200 'Jo Whitfield'
c "eia web: ...sign-off and review date" sh -c "grep -q 'Sam Reid' '$T/body' && grep -q '30 June 2027' '$T/body'"
c "eia web: ...no lead, no report link, no author" sh -c "! grep -qE 'Lead JW|/monitoring/report|>mon<' '$T/body'"
FORM_PAGE=/eia/1 post "$EM" /eia/1/revise
h "eia web: a new version opened" 303
FORM_PAGE=/eia/1/assessment post "$EM" /eia/1/assessment characteristic=sex aim=0 impact=neutral 'text=No difference by sex'
h "eia web: the draft changes" 303
req "$EN" GET /public/eia/1
h "eia web: the public page keeps the published version meanwhile" 200 'Jo Whitfield' 'No difference by sex'
FORM_PAGE=/eia/1/publish post "$EM" /eia/1/publish
req "$EN" GET /public/eia/1
h "eia web: version 2 published, the earlier one listed" 200 'href="/public/eia/1/versions/1"'
c "eia web: ...with its change" grep -q 'No difference by sex' "$T/body"
req "$EN" GET /public/eia/1/versions/1
h "eia web: version 1 viewable, marked as replaced" 200 'It has been replaced by a later version' 'No difference by sex'
req "$EN" GET /public/eia/1/versions/3
h "eia web: a version that does not exist is 404" 404
req "$EN" GET /public/eia/2
h "eia web: an assessment never published is 404" 404

# --- the duties it serves (counted in the plan's duty coverage)
req "$EM" GET /eia/1/duties
h "eia web: duties page with no duties named says so" 200 'The plan names no duties yet'
"$P" --db "$EDB" plan duties set 4 'Assess the effect of policies' >/dev/null
"$P" --db "$EDB" plan duties set 7 'Publish <results>' >/dev/null
req "$EM" GET /eia/1
c "eia web: the task list offers Duties it serves, not started" sh -c "grep -q 'href=\"/eia/1/duties\"' '$T/body' && grep -A2 'duties-hint' '$T/body' | grep -q 'Not started'"
req "$EM" GET /eia/1/duties
h "eia web: duties as checkboxes, escaped" 200 'Duty 7: Publish &lt;results&gt;'
FORM_PAGE=/eia/1/duties post "$EM" /eia/1/duties sent=1 duty=4 duty=7
h "eia web: duties saved, to the task list" 303
hdr "eia web: ...redirected to /eia/1" '^location: /eia/1.$'
c "eia web: ...kept by the plan" test "$("$P" --db "$EDB" eia duties 1 --format json)" = '{"id": 1, "duties": [4, 7]}'
c "eia web: ...audited in words" sh -c "sqlite3 '$EDB' \"SELECT after FROM audit_log WHERE what = 'eia.duties'\" | grep -q 'duty 4, duty 7'"
FORM_PAGE=/eia/1/duties post "$EM" /eia/1/duties sent=1 duty=99
h "eia web: a duty not in the list is refused at the field" 400 'Select duties from the list'
c "eia web: ...nothing changed" test "$("$P" --db "$EDB" eia duties 1 --format json)" = '{"id": 1, "duties": [4, 7]}'
req "$EV" GET /eia/1/duties
h "eia web: a viewer sees the duties, no form" 200 'Duty 4: Assess the effect of policies' '<form method="post" action="/eia/1/duties"'
FORM_PAGE=/eia/1 post "$EV" /eia/1/duties sent=1
h "eia web: a viewer cannot change them" 403
FORM_PAGE=/eia/1/duties post "$EM" /eia/1/duties sent=1
h "eia web: none ticked takes it out of the coverage" 303
c "eia web: ...none kept" test "$("$P" --db "$EDB" eia duties 1 --format json)" = '{"id": 1, "duties": []}'

# --- a reorganisation's selection pool (assessment 2, a draft)
"$P" --db "$EDB" eia new 'Estates restructure' --owner JW >/dev/null
req "$EM" GET /eia/2/pool
h "eia web: the pool page explains the columns and offers an upload" 200 'type="file"'
tok=$(csrf_from_body)
pool_up() { # FILE [FIELD=VALUE]...: post FILE to /eia/2/pool as a monitor
  local f=$1; shift
  local args=(-F "csrf=$tok" -F "file=@$f") x
  for x in "$@"; do args+=(-F "$x"); done
  req "$EM" POST "/eia/2/pool?csrf=$tok" "${args[@]}"
}
before=$(sqlite3 "$EDB" "SELECT COUNT(*) FROM eia_evidence; SELECT COUNT(*) FROM eia_pool")
pool_up "$ROOT/tests/fixtures/pool/selected-not-at-risk.csv"
h "eia web: a broken pool is refused at the file field, naming the line" 400 'govuk-error-summary.*|line [0-9]'
c "eia web: ...its message names the line" grep -q 'line [0-9]' "$T/body"
pool_up "$ROOT/tests/fixtures/pool/pool.csv" sheet=Staff
h "eia web: a sheet for a CSV file is refused in the web's words" 400 'the Sheet box'
c "eia web: ...no option named" sh -c "! grep -q -- '--sheet' '$T/body'"
pool_up "$ROOT/tests/fixtures/pool/pool.csv" min=many
h "eia web: a smallest group that is not a number is refused" 400 'Enter the smallest group as a whole number'
c "eia web: refused pools wrote nothing" test "$before" = "$(sqlite3 "$EDB" "SELECT COUNT(*) FROM eia_evidence; SELECT COUNT(*) FROM eia_pool")"
pool_up "$ROOT/tests/fixtures/pool/pool.csv"
h "eia web: the pool analysed and attached" 303
hdr "eia web: ...to its page" '^location: /eia/2/pool/1'
req "$EM" GET /eia/2/pool/1
h "eia web: the analysis by characteristic" 200 'The pool by Ethnicity'
c "eia web: ...the evidence sentence beside it" grep -q 'govuk-inset-text' "$T/body"
c "eia web: ...as the command would attach it" test "$(sqlite3 "$EDB" "SELECT COUNT(*) FROM eia_evidence WHERE eia_id = 2")" -ge 1
c "eia web: ...audited with the address" sh -c "sqlite3 '$EDB' \"SELECT who, address FROM audit_log WHERE what = 'eia.evidence' AND target = 'eia 2'\" | grep -q '^mon|127.0.0.1'"
req "$EM" GET /eia/2
c "eia web: the pool task is completed" sh -c "grep -A2 'pool-hint' '$T/body' | grep -q 'Completed'"
req "$EV" GET /eia/2/pool/1
h "eia web: a viewer reads the analysis" 200 'The pool by Ethnicity'
req "$EV" GET /eia/2/pool
h "eia web: ...and the pools, without an upload form" 200 'Pools analysed' 'type="file"'
req "$EM" GET /eia/2/pool/9
h "eia web: an analysis that does not exist is 404" 404
req "$EM" GET /eia/9/pool
h "eia web: nor for an assessment that does not exist" 404
req "$EM" GET /eia/1/pool
h "eia web: a published assessment takes no pool" 200 'This assessment is published' 'type="file"'
stop_server
