# tests/http/objectives.sh: equality objectives on the web (issue 20;
# docs/objectives.md, "On the web") — the list, an objective's page with
# each measure's chart (interval band, dashed target) and its table of
# values, the dashboard panel; every form's success and each of its
# errors at its field (add, change, measure, remove a measure, link and
# unlink, retire); a form without its token refused; signed out sent to
# sign-in; a viewer and a lead (no update-any-action) read but are
# refused every change; each change audited in words. Its own database:
# the demo plan and three quarters of the staff extract of
# tests/fixtures/objectives, objectives and measures added by the
# command line as the issue's contract gives them. Sourced by
# tests/http/run.sh.

ODB="$T/objweb.db"
oq() { sqlite3 "$ODB" "$1"; }
OP() { "$P" --db "$ODB" "$@"; }
for u in "omon monitor" "ovie viewer" "oadm admin"; do
  set -- $u
  printf '%s\n' "$PW" | OP user add "$1" --role "$2" --password-stdin >/dev/null
done
printf '%s\n' "$PW" | OP user add olea --role lead --lead-initials TA --password-stdin >/dev/null
OP plan import "$ROOT/data/demo/action-plan.md" >/dev/null
OP plan duties set 1 'Eliminate <discrimination>' >/dev/null
OP plan duties set 3 'Foster good relations' >/dev/null
OP people add JW 'Jo Whitfield' >/dev/null
for y in 2011Q1 2011Q2 2011Q3; do
  OP data import "$ROOT/tests/fixtures/objectives/staff-$y.csv" --dataset staff --period $y >/dev/null
done
OP eia new 'Hybrid <working> policy' --owner JW >/dev/null
OID=$(OP objective add 'A senior workforce that reflects the community' --by 2028-03-31 --duty 1 --area 2 --format json | tr -dc 0-9)
OP objective measure "$OID" --dataset staff --share ethnicity=Black --at-least 12 --format json >/dev/null
OP objective measure "$OID" --dataset staff --ratio promoted --of ethnicity=Black --at-least 0.8 --format json >/dev/null
start_server objweb "$ODB" || { fail=$((fail+1)); echo "FAIL objectives web server did not start"; return 0; }
OM="$T/obj-mon.jar" OV="$T/obj-vie.jar" OL="$T/obj-lea.jar" OA="$T/obj-adm.jar" ON="$T/obj-anon.jar"
rm -f "$ON"
login "$OM" omon "$PW"
login "$OV" ovie "$PW"
login "$OL" olea "$PW"
login "$OA" oadm "$PW"

# --- reading: navigation, dashboard, list, an objective's page
req "$OM" GET /
h "objectives web: Objectives in the navigation" 200 'href="/objectives"[^>]*>Objectives'
c "objectives web: the dashboard's panel counts them by status" sh -c "grep -q '<h2 class=\"govuk-heading-m\">Equality objectives</h2>' '$T/body' && grep -q 'Met</dt><dd class=\"govuk-summary-list__value\">1 objective<' '$T/body'"
req "$OM" GET /objectives
h "objectives web: the list with deadline in words" 200 'by 31 March 2028'
c "objectives web: ...each measure and the objective with a GOV.UK status tag" sh -c "[ \$(grep -o 'govuk-tag govuk-tag--green\">Met' '$T/body' | wc -l) -eq 3 ]"
c "objectives web: ...and Add an objective" grep -q 'href="/objectives/new"' "$T/body"
req "$OM" GET "/objectives/$OID"
h "objectives web: an objective's page" 200 'A senior workforce that reflects the community'
c "objectives web: ...a chart per measure, accessible, with its band and target line" sh -c "[ \$(grep -c '<svg [^>]*role=\"img\"' '$T/body') -eq 2 ] && grep -q '<polygon fill=\"#1d70b8\" fill-opacity=\"0.18\"' '$T/body' && grep -q 'stroke-dasharray=\"6 4\"' '$T/body'"
c "objectives web: ...each point's value and interval in its title" grep -q '<title>July to September 2011: 28.2% (95% interval 19.0% to 39.5%)</title>' "$T/body"
c "objectives web: ...a table of the values with counts with commas" sh -c "grep -q 'Values of Share of Black' '$T/body' && grep -q '<th scope=\"row\" class=\"govuk-table__header\">July to September 2011</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">28.2%</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">19.0% to 39.5%</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">20 of 71</td>' '$T/body'"
c "objectives web: ...the ratio's reference group" grep -q 'Reference group, White: with the outcome' "$T/body"
c "objectives web: ...why, in a sentence" grep -q 'The latest figure, 28.2% for July to September 2011, meets the target of at least 12%.' "$T/body"
c "objectives web: ...duties and areas in words, escaped" sh -c "grep -q 'Duty 1: Eliminate &lt;discrimination&gt;' '$T/body' && grep -q 'Area 2: ' '$T/body'"
c "objectives web: ...and the links to change it" sh -c "grep -q 'href=\"/objectives/$OID/edit\"' '$T/body' && grep -q 'href=\"/objectives/$OID/measure\"' '$T/body' && grep -q 'href=\"/objectives/$OID/link#action\"' '$T/body' && grep -q 'href=\"/objectives/$OID/link#eia\"' '$T/body' && grep -q 'href=\"/objectives/$OID/retire\"' '$T/body' && grep -q 'href=\"/objectives/$OID/measure/1/remove\"' '$T/body'"
c "objectives web: ...no command-line words" sh -c "! sed 's/<[^>]*>//g' '$T/body' | grep -qE -- '--[a-z]|parity objective'"
for p in /objectives/99 /objectives/abc "/objectives/$OID/nonsense" "/objectives/$OID/measure/9/remove"; do
  req "$OM" GET "$p"
  h "objectives web: $p is 404" 404
done

# --- who may do what
bad=""
for path in /objectives "/objectives/$OID" /objectives/new "/objectives/$OID/edit"; do
  req "$ON" GET "$path"
  { [ "$STATUS" = 303 ] && grep -qi '^location: /login' "$T/headers"; } || bad="$bad anon GET $path: $STATUS;"
done
for J in "$OV" "$OL"; do
  req "$J" GET /objectives
  [ "$STATUS" = 200 ] || bad="$bad GET /objectives: $STATUS;"
  grep -q 'href="/objectives/new"' "$T/body" && bad="$bad offered Add;"
  req "$J" GET "/objectives/$OID"
  [ "$STATUS" = 200 ] || bad="$bad GET the page: $STATUS;"
  grep -qE "href=\"/objectives/$OID/(edit|measure|link|retire)" "$T/body" && bad="$bad offered a change on the page;"
  for path in /objectives/new "/objectives/$OID/edit" "/objectives/$OID/measure" "/objectives/$OID/link" "/objectives/$OID/retire" "/objectives/$OID/measure/1/remove"; do
    req "$J" GET "$path"
    [ "$STATUS" = 403 ] || bad="$bad GET $path: $STATUS;"
  done
  for path in /objectives/new "/objectives/$OID/edit" "/objectives/$OID/measure" "/objectives/$OID/link" "/objectives/$OID/unlink" "/objectives/$OID/retire" "/objectives/$OID/measure/1/remove"; do
    FORM_PAGE=/account/password post "$J" "$path" title=x by-day=1 by-month=1 by-year=2030 reason=x
    [ "$STATUS" = 403 ] || bad="$bad POST $path: $STATUS;"
  done
done
c "objectives web: signed out to sign-in; a viewer and a lead read, get no forms and 403 on every change${bad:+:$bad}" test -z "$bad"
before=$(oq "SELECT COUNT(*) FROM objective; SELECT COUNT(*) FROM objective_measure")
req "$OM" POST /objectives/new --data-urlencode title=x --data-urlencode by-day=1 --data-urlencode by-month=1 --data-urlencode by-year=2030
h "objectives web: a form without its token is refused" 403
FORM_PAGE=/public post "$ON" "/objectives/$OID/retire" reason=x
h "objectives web: a form sent signed out is refused" 403
c "objectives web: ...refusals changed nothing" test "$before" = "$(oq "SELECT COUNT(*) FROM objective; SELECT COUNT(*) FROM objective_measure")"

# --- adding an objective: errors at the fields, then added
FORM_PAGE=/objectives/new post "$OM" /objectives/new title= by-day= by-month= by-year=
h "objectives web: add with nothing: errors at the fields" 400 'govuk-error-summary'
c "objectives web: ...each field's message" sh -c "grep -q 'Enter the objective<' '$T/body' && grep -q 'Enter when the objective is to be met' '$T/body' && grep -q '^<title>Error: ' '$T/body'"
FORM_PAGE=/objectives/new post "$OM" /objectives/new title=x by-day=31 by-month=2 by-year=2030 owner=ZZ review-day=1 review-month=13 review-year=2027 duty=99 area=99
h "objectives web: a date that is not real, an owner, duty and area not in the lists" 400 'The deadline must be a real date'
c "objectives web: ...each at its field" sh -c "grep -q 'Choose the owner from the list' '$T/body' && grep -q 'The review date must be a real date' '$T/body' && grep -q 'Select duties from the list' '$T/body' && grep -q 'Select areas from the list' '$T/body'"
c "objectives web: ...what was typed is kept" grep -q 'name="by-day" type="text" inputmode="numeric" value="31"' "$T/body"
long=$(printf 'x%.0s' $(seq 1 301))
FORM_PAGE=/objectives/new post "$OM" /objectives/new "title=$long" by-day=1 by-month=1 by-year=2030
h "objectives web: a title over 300 characters" 400 'The objective must be 300 characters or fewer'
c "objectives web: refused forms added nothing" test "$before" = "$(oq "SELECT COUNT(*) FROM objective; SELECT COUNT(*) FROM objective_measure")"
FORM_PAGE=/objectives/new post "$OM" /objectives/new 'title=Fair <promotion>' by-day=31 by-month=1 by-year=2012 'description=Why it matters' owner=JW review-day=30 review-month=6 review-year=2027 duty=1 duty=3 area=4
h "objectives web: added" 303
N=$(oq "SELECT MAX(id) FROM objective")
hdr "objectives web: ...to its page" "^location: /objectives/$N"
c "objectives web: ...kept as the command line shows it" sh -c "OP() { '$P' --db '$ODB' \"\$@\"; }; OP objective show $N --format json | python3 -c 'import json,sys; o=json.load(sys.stdin); assert o[\"by\"]==\"2012-01-31\" and o[\"owner\"]==\"JW\" and o[\"review_date\"]==\"2027-06-30\" and o[\"duties\"]==[1,3] and [a[\"no\"] for a in o[\"areas\"]]==[4] and o[\"description\"]==\"Why it matters\"'"
req "$OM" GET "/objectives/$N"
h "objectives web: its page, escaped, with no measure yet" 200 'Fair &lt;promotion&gt;'
c "objectives web: ...owner by name, review date in words" sh -c "grep -q 'Jo Whitfield' '$T/body' && grep -q '30 June 2027' '$T/body' && grep -q 'No measures yet' '$T/body'"

# --- changing it
req "$OM" GET "/objectives/$N/edit"
h "objectives web: the change form, filled in" 200 'value="Fair &lt;promotion&gt;"'
c "objectives web: ...its duties ticked" grep -q 'value="3" checked' "$T/body"
FORM_PAGE="/objectives/$N/edit" post "$OM" "/objectives/$N/edit" title= by-day=31 by-month=1 by-year=2012
h "objectives web: changing it with no title: error at the field" 400 'Enter the objective<'
FORM_PAGE="/objectives/$N/edit" post "$OM" "/objectives/$N/edit" 'title=Fair promotion for all' by-day=31 by-month=1 by-year=2012 owner= review-day= review-month= review-year= duty=3
h "objectives web: changed" 303
c "objectives web: ...owner and review cleared, one duty, no area" test "$(oq "SELECT title, COALESCE(owner, '-'), COALESCE(review_date, '-'), (SELECT COUNT(*) FROM objective_duty WHERE objective_id = $N), (SELECT COUNT(*) FROM objective_area WHERE objective_id = $N) FROM objective WHERE id = $N")" = 'Fair promotion for all|-|-|1|0'

# --- a measure: the page's own checks, the model's in the page's words
req "$OM" GET "/objectives/$N/measure"
h "objectives web: the measure form offers the data imported" 200 '<option value="staff">'
FORM_PAGE="/objectives/$N/measure" post "$OM" "/objectives/$N/measure" dataset= target=
h "objectives web: a measure with nothing: errors at the fields" 400 'Choose the monitoring data'
c "objectives web: ...kind, direction and target" sh -c "grep -q 'Select the kind of measure' '$T/body' && grep -q 'Select at least or at most' '$T/body' && grep -q 'Enter the target<' '$T/body'"
FORM_PAGE="/objectives/$N/measure" post "$OM" "/objectives/$N/measure" dataset=staff kind=share characteristic=ethnicity group=Martian direction=at-least target=150
h "objectives web: an unknown group is refused, naming the groups" 400 'Enter a group of Ethnicity: White, Mixed, Asian, Black or Other'
c "objectives web: ...and a percentage above 100" grep -q 'The target must be a percentage from 0 to 100' "$T/body"
FORM_PAGE="/objectives/$N/measure" post "$OM" "/objectives/$N/measure" dataset=staff kind=ratio characteristic=sex group=Female outcome= direction=at-least target=0
h "objectives web: a ratio without outcome, target 0" 400 'Enter the outcome<'
c "objectives web: ...its target above 0" grep -q 'The target of a ratio must be above 0' "$T/body"
FORM_PAGE="/objectives/$N/measure" post "$OM" "/objectives/$N/measure" dataset=staff kind=pay-gap characteristic=age direction=at-most target=5
h "objectives web: a pay gap of age, without mean or median" 400 'A pay gap is of sex or of ethnicity'
c "objectives web: ...mean or median" grep -q 'Select the mean or the median' "$T/body"
FORM_PAGE="/objectives/$N/measure" post "$OM" "/objectives/$N/measure" dataset=staff kind=rate characteristic=sex group=female outcome=flown direction=at-least target=5
h "objectives web: an outcome the data lacks: the model's words at the field" 400 'id="outcome-error"'
c "objectives web: ...naming the outcomes, no option or command" sh -c "grep -q 'is not an outcome of staff; its outcomes are: promoted' '$T/body' && ! sed 's/<[^>]*>//g' '$T/body' | grep -qE -- '--[a-z]|parity (objective|data) '"
FORM_PAGE="/objectives/$N/measure" post "$OM" "/objectives/$N/measure" dataset=staff kind=share characteristic=sex group=Female where_column=shoe_size where_values=9 direction=at-least target=60
h "objectives web: a filter column the data lacks, at its field" 400 'id="where_column-error"'
FORM_PAGE="/objectives/$N/measure" post "$OM" "/objectives/$N/measure" dataset=staff kind=share characteristic=sex group=Female where_column=grade where_values=Astronaut direction=at-least target=60
h "objectives web: a filter value no row has, at its field" 400 'id="where_values-error"'
FORM_PAGE="/objectives/$N/measure" post "$OM" "/objectives/$N/measure" dataset=staff kind=share characteristic=sex group=Female where_column=grade direction=at-least target=60
h "objectives web: a filter column without values" 400 'Enter the values of the column to count'
c "objectives web: refused measures added nothing" test "$(oq "SELECT COUNT(*) FROM objective_measure WHERE objective_id = $N")" = 0
flags=$(oq "SELECT COUNT(*) FROM mon_flag")
FORM_PAGE="/objectives/$N/measure" post "$OM" "/objectives/$N/measure" dataset=staff kind=share characteristic=sex group=female where_column=grade 'where_values=SPO, ACO' direction=at-least target=60%
h "objectives web: a measure added" 303
M=$(oq "SELECT MAX(id) FROM objective_measure")
hdr "objectives web: ...to it on the page" "^location: /objectives/$N#measure-$M"
c "objectives web: ...as the command line would store it" test "$(oq "SELECT kind, characteristic, grp, where_column, where_values, target, direction FROM objective_measure WHERE id = $M")" = 'share|sex|Female|grade|["SPO","ACO"]|60.0|at-least'
c "objectives web: ...past its deadline and short of the target, it raised a flag at once" sh -c "[ \$(sqlite3 '$ODB' 'SELECT COUNT(*) FROM mon_flag') -eq \$(($flags + 1)) ] && [ \$(sqlite3 '$ODB' \"SELECT COUNT(*) FROM mon_flag_external WHERE source = 'objective' AND href = '/objectives/$N'\") -eq 1 ]"
req "$OM" GET "/objectives/$N"
h "objectives web: the measure off track, why in words" 200 'The latest figure, 58.1% for July to September 2011, does not yet meet the target of at least 60%, and the deadline, 31 January 2012, has passed.'
c "objectives web: ...a red tag, its chart and table" sh -c "grep -q 'govuk-tag--red\">Off track' '$T/body' && grep -q '<svg ' '$T/body' && grep -q '>12 of 32<' '$T/body'"
FORM_PAGE="/objectives/$N/measure" post "$OM" "/objectives/$N/measure" dataset=staff kind=pay-gap characteristic=sex statistic=mean direction=at-most target=5 'label=Gender <pay> gap'
h "objectives web: a pay gap measure with its own name" 303
req "$OM" GET /dashboard
c "objectives web: the dashboard lists the off-track objective" grep -q "<li><a class=\"govuk-link\" href=\"/objectives/$N\">Fair promotion for all</a></li>" "$T/body"

# --- removing a measure
req "$OM" GET "/objectives/$N/measure/$M/remove"
h "objectives web: are you sure, naming the measure" 200 'Are you sure you want to remove this measure'
FORM_PAGE="/objectives/$N/measure/$M/remove" post "$OM" "/objectives/$N/measure/$M/remove"
h "objectives web: measure removed" 303
c "objectives web: ...gone" test "$(oq "SELECT COUNT(*) FROM objective_measure WHERE id = $M")" = 0
FORM_PAGE="/objectives/$N" post "$OM" "/objectives/$N/measure/$M/remove"
h "objectives web: removing it again is 404" 404

# --- links
ACT=$(oq "SELECT a.id FROM action a JOIN plan p ON p.id = a.plan_id WHERE p.name = 'main' AND a.status IN ('not-started', 'in-progress') AND a.removed = 0 ORDER BY a.id LIMIT 1")
CODE=$(oq "SELECT code FROM action WHERE id = $ACT")
req "$OM" GET "/objectives/$N/link"
h "objectives web: the link page offers the plan's actions" 200 "<option value=\"$ACT\">"
c "objectives web: ...and the impact assessments, escaped" grep -q '<option value="1">Hybrid &lt;working&gt; policy</option>' "$T/body"
FORM_PAGE="/objectives/$N/link" post "$OM" "/objectives/$N/link" action=
h "objectives web: linking no action: error at the field" 400 'Choose an action to link'
FORM_PAGE="/objectives/$N/link" post "$OM" "/objectives/$N/link" action=999999
h "objectives web: an action not in the list" 400 'Choose an action from the list'
FORM_PAGE="/objectives/$N/link" post "$OM" "/objectives/$N/link" eia=
h "objectives web: linking no assessment: error at the field" 400 'Choose an assessment to link'
FORM_PAGE="/objectives/$N/link" post "$OM" "/objectives/$N/link" eia=9
h "objectives web: an assessment that does not exist" 400 'Choose one from the list'
FORM_PAGE="/objectives/$N/link" post "$OM" "/objectives/$N/link" "action=$ACT"
h "objectives web: action linked" 303
FORM_PAGE="/objectives/$N/link" post "$OM" "/objectives/$N/link" eia=1
h "objectives web: assessment linked" 303
req "$OM" GET "/objectives/$N"
h "objectives web: the page links the action in the plan" 200 "href=\"/plan/action/$CODE\""
c "objectives web: ...and the assessment" grep -q 'href="/eia/1">Hybrid &lt;working&gt; policy</a> (not published yet)' "$T/body"
req "$OM" GET "/objectives/$N/link"
c "objectives web: the link page lists them with Remove the link" grep -q "Remove the link<span class=\"govuk-visually-hidden\"> to action $CODE" "$T/body"
FORM_PAGE="/objectives/$N/link" post "$OM" "/objectives/$N/unlink" "action=$ACT"
h "objectives web: action unlinked" 303
c "objectives web: ...gone, the assessment kept" test "$(oq "SELECT COUNT(*) FROM objective_action WHERE objective_id = $N; SELECT COUNT(*) FROM objective_eia WHERE objective_id = $N")" = "0
1"
FORM_PAGE="/objectives/$N/link" post "$OM" "/objectives/$N/unlink" "action=$ACT"
h "objectives web: unlinking what is not linked" 400 'There is no such link'

# --- retiring
req "$OM" GET "/objectives/$N/retire"
h "objectives web: retire asks are you sure, with a warning" 200 'govuk-warning-text'
FORM_PAGE="/objectives/$N/retire" post "$OM" "/objectives/$N/retire" reason=
h "objectives web: retiring without a reason: error at the field" 400 'Enter why the objective is being retired'
FORM_PAGE="/objectives/$N/retire" post "$OM" "/objectives/$N/retire" 'reason=Replaced by <objective 1>'
h "objectives web: retired" 303
req "$OM" GET "/objectives/$N"
h "objectives web: its page says so, escaped, and offers no change" 200 'Replaced by &lt;objective 1&gt;' "href=\"/objectives/$N/(edit|retire|measure)"
req "$OM" GET /objectives
h "objectives web: it left the list" 200 'href="/objectives\?retired=1"' "href=\"/objectives/$N\""
req "$OM" GET '/objectives?retired=1'
h "objectives web: the retired list has it" 200 "href=\"/objectives/$N\">Fair promotion for all"
req "$OM" GET "/objectives/$N/edit"
h "objectives web: a retired objective's forms are closed" 400 'retired and can no longer be changed'
FORM_PAGE="/objectives/$OID" post "$OM" "/objectives/$N/edit" title=x by-day=1 by-month=1 by-year=2030
h "objectives web: ...and its changes refused" 400 'retired and can no longer be changed'

# --- the audit log, in words
c "objectives web: every change audited as omon" test "$(oq "SELECT COUNT(DISTINCT what) FROM audit_log WHERE who = 'omon' AND what IN ('objective.add', 'objective.update', 'objective.measure', 'objective.measure.remove', 'objective.link', 'objective.unlink', 'objective.retire') AND target = 'objective $N'")" = 7
req "$OA" GET /admin/audit
h "objectives web: the audit log says them in words" 200 'Set an equality objective'
c "objectives web: ...each of them" sh -c "grep -q 'Retired an equality objective' '$T/body' && grep -q 'Removed a measure from an equality objective' '$T/body' && grep -q 'Took a link to an action or impact assessment off an equality objective' '$T/body'"
stop_server
