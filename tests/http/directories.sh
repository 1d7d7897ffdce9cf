# tests/http/directories.sh: the directories' staff pages (issue 19;
# docs/directories.md) — every route signed out (sign in first, 403 for a
# POST), for a viewer (403 but the overview and counts), for a publisher
# (services only) and for an account holding the adjustments capability;
# the form token; recording an adjustment and a flexible working
# arrangement (errors at the fields, nothing written), ending one after
# its page (a date before the start refused at the field), the counts
# page showing what 'parity directory counts' shows, services added and
# removed after an "are you sure" page; each change audited by number.
# The navigation entry, and the links to /public/services from /public
# and the footer. Sourced by tests/http/run.sh; uses $P, $T, $PW, lib.sh.
# It makes its own database; its server's today is 15 June 2026.

DW="$T/dirweb.db"
dq() { sqlite3 "$DW" "$1"; }
for u in "dhr --role viewer --grant adjustments" "dvi --role viewer" "dpub --role monitor" "dno --role viewer --revoke read-plan"; do
  set -- $u
  printf '%s\n' "$PW" | "$P" --db "$DW" user add "$@" --password-stdin >/dev/null
done
"$P" --db "$DW" adjustment add E1001 --unit Finance --type equipment --start 2026-01-05 --as dhr >/dev/null
"$P" --db "$DW" flexible add E2001 --unit HR --type part-time --start 2026-02-01 --end 2026-03-01 --as dhr >/dev/null
PARITY_NOW=1781524800 start_server dirweb "$DW" || { fail=$((fail+1)); echo "FAIL directories web server did not start"; return 0; }
DH="$T/dw-hr.jar" DV="$T/dw-vi.jar" DP="$T/dw-pub.jar" DN="$T/dw-anon.jar" DX="$T/dw-no.jar"
rm -f "$DN"
login "$DH" dhr "$PW"
login "$DV" dvi "$PW"
login "$DP" dpub "$PW"
login "$DX" dno "$PW"

# --- who may open what
ADJ_GET="/directories/adjustments /directories/adjustments?all=1 /directories/adjustments/new /directories/adjustments/1/end /directories/flexible /directories/flexible/new"
SVC_GET="/directories/services /directories/services/new"
bad=""
for path in /directories /directories/counts $ADJ_GET $SVC_GET; do
  req "$DN" GET "$path"
  { [ "$STATUS" = 303 ] && grep -qi '^location: /login' "$T/headers"; } || bad="$bad anon GET $path: $STATUS;"
done
c "directories web: signed out, every page sends to sign in${bad:+:$bad}" test -z "$bad"
bad=""
for path in $ADJ_GET $SVC_GET; do
  req "$DV" GET "$path"
  [ "$STATUS" = 403 ] || bad="$bad viewer GET $path: $STATUS;"
done
for path in $ADJ_GET; do
  req "$DP" GET "$path"
  [ "$STATUS" = 403 ] || bad="$bad publisher GET $path: $STATUS;"
done
for path in $SVC_GET; do
  req "$DH" GET "$path"
  [ "$STATUS" = 403 ] || bad="$bad holder GET $path: $STATUS;"
done
for path in /directories /directories/counts; do
  req "$DX" GET "$path"
  [ "$STATUS" = 403 ] || bad="$bad no-read-plan GET $path: $STATUS;"
done
c "directories web: 403 for pages the account may not open${bad:+:$bad}" test -z "$bad"
req "$DV" GET /directories/adjustments
h "directories web: ...saying which capability is needed" 403 'record reasonable adjustments and flexible working'
bad=""
for path in /directories/adjustments/new /directories/adjustments/1/end /directories/flexible/new /directories/flexible/2/end /directories/services/new /directories/services/remove; do
  req "$DN" POST "$path" --data-urlencode "person=x"
  [ "$STATUS" = 403 ] || bad="$bad anon POST $path: $STATUS;"
  FORM_PAGE=/account/password post "$DV" "$path" person=E9 unit=X type=equipment start-day=1 start-month=1 start-year=2026 on-day=1 on-month=6 on-year=2026 name=x kind=other contact=x confirm=1
  [ "$STATUS" = 403 ] || bad="$bad viewer POST $path: $STATUS;"
done
c "directories web: every form refused signed out and to a viewer${bad:+:$bad}" test -z "$bad"
req "$DV" GET /directories
h "directories web: a viewer's overview has the counts only" 200 'href="/directories/counts"' 'href="/directories/adjustments"|href="/directories/services"'
req "$DH" GET /directories
h "directories web: a holder's overview has adjustments, flexible working and counts" 200 'href="/directories/flexible"' 'href="/directories/services"'
req "$DP" GET /directories
h "directories web: a publisher's overview has the services" 200 'href="/directories/services"' 'href="/directories/adjustments"'

# --- navigation and the links to the public directory
req "$DH" GET /directories/counts
NAVRE='govuk-service-navigation__link" href="/directories"( aria-current="page")?>(<strong[^>]*>)?Directories'
c "directories web: Directories in the navigation with adjustments" grep -qE "$NAVRE" "$T/body"
req "$DP" GET /directories/counts
c "directories web: ...and with publish" grep -qE "$NAVRE" "$T/body"
req "$DV" GET /directories/counts
c "directories web: ...not for a viewer" sh -c "! grep -qE '$NAVRE' '$T/body'"
c "directories web: the footer links to the public services" grep -q 'href="/public/services">Services and support' "$T/body"
req "$DN" GET /public
h "directories web: /public links to the services" 200 'href="/public/services"'

# --- the list
req "$DH" GET /directories/adjustments
h "directories web: the adjustments in place, the type in words, the date in words" 200 'E1001</td><td class="govuk-table__cell">Finance</td><td class="govuk-table__cell">Equipment</td><td class="govuk-table__cell">5 January 2026'
req "$DH" GET /directories/flexible
h "directories web: an ended arrangement is left out" 200 'No flexible working arrangements in place' 'E2001'
req "$DH" GET '/directories/flexible?all=1'
h "directories web: ...and shown with the ended ones, with no End link" 200 'E2001.*1 March 2026' 'flexible/2/end'

# --- the form token
n0=$(dq "SELECT COUNT(*) FROM dir_arrangement")
req "$DH" POST /directories/adjustments/new --data-urlencode 'csrf=0000000000000000000000000000000000000000000000000000000000000000' --data-urlencode person=E7 --data-urlencode unit=HR --data-urlencode type=software --data-urlencode start-day=1 --data-urlencode start-month=2 --data-urlencode start-year=2026
h "directories web: a wrong form token is refused" 403
req "$DH" POST /directories/adjustments/new --data-urlencode person=E7 --data-urlencode unit=HR --data-urlencode type=software --data-urlencode start-day=1 --data-urlencode start-month=2 --data-urlencode start-year=2026
h "directories web: ...and a missing one" 403
c "directories web: ...nothing written" test "$(dq "SELECT COUNT(*) FROM dir_arrangement")" = "$n0"

# --- recording: errors at the fields, nothing written, then recorded
FORM_PAGE=/directories/adjustments/new post "$DH" /directories/adjustments/new person= unit= start-day= start-month= start-year=
h "directories web: an empty form is refused with an error summary" 400 'govuk-error-summary'
c "directories web: ...each field's message at the field" sh -c "grep -q 'id=\"person-error\"' '$T/body' && grep -q 'id=\"unit-error\"' '$T/body' && grep -q 'id=\"type-error\"' '$T/body' && grep -q 'id=\"start-error\"' '$T/body' && grep -q 'Select the type of adjustment' '$T/body' && grep -q 'Enter the date it started' '$T/body'"
FORM_PAGE=/directories/adjustments/new post "$DH" /directories/adjustments/new person=E7 unit=HR type=desk start-day=31 start-month=2 start-year=2026
h "directories web: a type not in the list and a date that is not real, at their fields" 400 'Date it started must be a real date'
c "directories web: ...what was typed is kept" sh -c "grep -q 'value=\"E7\"' '$T/body' && grep -q 'value=\"31\"' '$T/body'"
FORM_PAGE=/directories/adjustments/new post "$DH" /directories/adjustments/new "person=$(printf 'x%.0s' $(seq 1 201))" unit=HR type=software start-day=1 start-month=2 start-year=2026
h "directories web: a person over 200 characters is refused" 400 'must be 200 characters or fewer'
FORM_PAGE=/directories/flexible/new post "$DH" /directories/flexible/new person=E8 unit=HR type=equipment start-day=1 start-month=2 start-year=2026
h "directories web: a flexible form takes only flexible types" 400 'Select the type of arrangement'
c "directories web: nothing refused was written" test "$(dq "SELECT COUNT(*) FROM dir_arrangement")" = "$n0"
FORM_PAGE=/directories/adjustments/new post "$DH" /directories/adjustments/new 'person=E7 <b>' unit=HR type=support-worker start-day=1 start-month=2 start-year=2026
h "directories web: an adjustment recorded" 303
hdr "directories web: ...back to the list" '^location: /directories/adjustments'
c "directories web: ...stored as given, by the account" test "$(dq "SELECT person || '|' || unit || '|' || type || '|' || start_on || '|' || recorded_by FROM dir_arrangement WHERE id = 3")" = 'E7 <b>|HR|support-worker|2026-02-01|dhr'
c "directories web: ...audited by number only" test "$(dq "SELECT who || ' ' || what || ' ' || target FROM audit_log WHERE what = 'adjustment.add' AND who = 'dhr'")" = 'dhr adjustment.add adjustment 3'
req "$DH" GET /directories/adjustments
h "directories web: ...shown escaped, with the flash" 200 'E7 &lt;b&gt;' 'E7 <b>'
c "directories web: ...the flash says so" grep -q 'Reasonable adjustment recorded' "$T/body"
FORM_PAGE=/directories/flexible/new post "$DH" /directories/flexible/new person=E8 unit=Finance type=remote-hybrid start-day=10 start-month=3 start-year=2026
h "directories web: a flexible working arrangement recorded" 303
c "directories web: ...as flexible" test "$(dq "SELECT kind || type FROM dir_arrangement WHERE id = 4")" = 'flexibleremote-hybrid'

# --- ending
req "$DH" GET /directories/adjustments/1/end
h "directories web: the end page says what ending means, today filled in" 200 'stays on record as ended'
c "directories web: ...today (15 June 2026) in the date boxes" sh -c "grep -q 'name=\"on-day\"[^>]*value=\"15\"' '$T/body' && grep -q 'name=\"on-year\"[^>]*value=\"2026\"' '$T/body'"
req "$DH" GET /directories/adjustments/99/end
h "directories web: an unknown arrangement is 404" 404
req "$DH" GET /directories/flexible/1/end
h "directories web: an adjustment's number under flexible is 404" 404
req "$DH" GET /directories/flexible/2/end
h "directories web: an ended one has no end page" 404
req "$DH" GET /directories/adjustments/1/stop
h "directories web: an unknown page under a kind is 404" 404
FORM_PAGE=/directories/adjustments/1/end post "$DH" /directories/adjustments/1/end on-day=1 on-month=1 on-year=2025
h "directories web: an end before the start is refused at the field" 400 'id="on-error".*on or after the date it started, 5 January 2026'
FORM_PAGE=/directories/adjustments/1/end post "$DH" /directories/adjustments/1/end on-day= on-month= on-year=
h "directories web: an end with no date is refused" 400 'Enter the date it ends'
c "directories web: ...nothing ended" test "$(dq "SELECT COUNT(*) FROM dir_arrangement WHERE id = 1 AND end_on IS NULL")" = 1
FORM_PAGE=/directories/adjustments/1/end post "$DH" /directories/adjustments/1/end on-day=30 on-month=6 on-year=2026
h "directories web: ended" 303
c "directories web: ...on the date, audited by number" test "$(dq "SELECT end_on FROM dir_arrangement WHERE id = 1")|$(dq "SELECT target || ' ' || after FROM audit_log WHERE what = 'adjustment.end' AND who = 'dhr'")" = '2026-06-30|adjustment 1 2026-06-30'
req "$DH" GET /directories/adjustments
h "directories web: ...the flash in words" 200 'Reasonable adjustment ends on 30 June 2026'
FORM_PAGE=/directories/adjustments/1/end post "$DH" /directories/adjustments/1/end on-day=1 on-month=7 on-year=2026
h "directories web: ending after the end already recorded is refused" 400 'before the end already recorded, 30 June 2026'
FORM_PAGE=/directories/adjustments/1/end post "$DH" /directories/adjustments/1/end on-day=20 on-month=6 on-year=2026
h "directories web: ...an earlier end is recorded" 303
c "directories web: ...as given" test "$(dq "SELECT end_on FROM dir_arrangement WHERE id = 1")" = '2026-06-20'

# --- counts: the same figures as the command
"$P" --db "$DW" adjustment add E1002 --unit Finance --type equipment --start 2026-01-05 --as dhr >/dev/null
for i in 03 04 05 06 07 08 09 10 11 12; do "$P" --db "$DW" adjustment add E10$i --unit Finance --type equipment --start 2026-01-05 --as dhr >/dev/null; done
req "$DV" GET /directories/counts
h "directories web: a viewer reads the counts, on today's date" 200 'in place on 15 June 2026'
c "directories web: ...Finance equipment 12, HR support worker fewer than 10" sh -c "grep -q 'Finance</th><td class=\"govuk-table__cell\">Equipment</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">12<' '$T/body' && grep -q 'HR</th><td class=\"govuk-table__cell\">Support worker</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">Fewer than 10<' '$T/body'"
c "directories web: ...the total withheld" grep -q 'All units</th><td class="govuk-table__cell">All types</td><td class="govuk-table__cell govuk-table__cell--numeric">Withheld<' "$T/body"
c "directories web: ...no count from 1 to 9 on the page" sh -c "! grep -qE 'numeric\">[1-9]<' '$T/body'"
c "directories web: ...the command agrees" sh -c "PARITY_NOW=1781524800 '$P' --db '$DW' directory counts --as dvi | grep -q 'Finance	equipment	12' && PARITY_NOW=1781524800 '$P' --db '$DW' directory counts --as dvi | grep -q 'HR	support-worker	fewer than 10'"

# --- services
req "$DP" GET /directories/services
h "directories web: services, none yet" 200 'No services are listed yet'
FORM_PAGE=/directories/services/new post "$DP" /directories/services/new name= contact= url=javascript:alert%281%29
h "directories web: a service with nothing, errors at the fields" 400 'govuk-error-summary'
c "directories web: ...name, kind, contact and website" sh -c "grep -q 'id=\"name-error\"' '$T/body' && grep -q 'id=\"kind-error\"' '$T/body' && grep -q 'id=\"contact-error\"' '$T/body' && grep -q 'id=\"url-error\"' '$T/body'"
c "directories web: ...nothing written" test "$(dq "SELECT COUNT(*) FROM dir_service")" = 0
FORM_PAGE=/directories/services/new post "$DP" /directories/services/new 'name=Quiet room' kind=faith-room 'contact=Facilities, ext 4000' url= 'where=Floor 2'
h "directories web: a service added" 303
c "directories web: ...audited" test "$(dq "SELECT who || ' ' || target FROM audit_log WHERE what = 'service.add'")" = 'dpub service Quiet room'
req "$DN" GET /public/services
h "directories web: ...on the public page" 200 'Quiet room'
FORM_PAGE=/directories/services/new post "$DP" /directories/services/new 'name=Quiet room' kind=other contact=x
h "directories web: a name taken is refused at the field" 400 'id="name-error".*already a service with this name'
FORM_PAGE=/directories/services post "$DP" /directories/services/remove 'name=Quiet room'
h "directories web: Remove asks first" 200 'Are you sure you want to remove Quiet room'
c "directories web: ...nothing removed yet" test "$(dq "SELECT COUNT(*) FROM dir_service")" = 1
FORM_PAGE=/directories/services post "$DP" /directories/services/remove 'name=No such'
h "directories web: removing an unknown service is 404" 404
FORM_PAGE=/directories/services post "$DP" /directories/services/remove 'name=Quiet room' confirm=1
h "directories web: removed after confirming" 303
c "directories web: ...gone, audited" test "$(dq "SELECT COUNT(*) FROM dir_service")|$(dq "SELECT COUNT(*) FROM audit_log WHERE what = 'service.remove' AND who = 'dpub'")" = '0|1'
FORM_PAGE=/directories/services post "$DP" /directories/services/remove 'name=Quiet room' confirm=1
h "directories web: removing it twice says so" 303
stop_server
