# tests/http/plan_edit.sh: keeping the plan on the web (issue 15) —
# changing an action (text, due date, lead, status), adding an action with
# "Check your answers", naming the duties, people (add, change, hand over)
# and My actions. Each change: who may make it, GOV.UK error messages at
# the field, one transaction with the action's history and the audit
# entry. Sourced by tests/http/run.sh after caps.sh: $P, $DB, $T, $PW,
# $BASE and the helpers of lib.sh. The lead `lea` leads as TA, `leb` as MD;
# `mo` is a monitor (update-any-action) without lead initials.

EM="$T/edit-mo.jar" EL="$T/edit-lea.jar" EL2="$T/edit-leb.jar" EV="$T/edit-vi.jar"
login "$EM" mo "$PW"
login "$EL" lea "$PW"
login "$EL2" leb "$PW"
login "$EV" vi "$PW"
q() { sqlite3 "$DB" "$1"; }
audits() { q "SELECT count(*) FROM audit_log WHERE what = '$1'"; }
events() { q "SELECT count(*) FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = '$1'"; }

# --- changing an action: /plan/action/ID/edit
req "$EV" GET /plan/action/2a/edit
h "edit: a viewer gets 403" 403 'do not have access'
req "$EL" GET /plan/action/2a/edit
h "edit: a lead cannot change the wording of their own action (update-any-action only)" 403 'permission to update any action in the plan'
before=$(q "SELECT text || '|' || status FROM action WHERE code = '2a'")
post "$EL" /plan/action/2a/edit 'text=Lead rewrote it' due-day=1 due-month=1 due-year=2030 lead=TA status=done
h "edit: a lead's POST is refused with 403" 403
c "…and changes nothing" test "$(q "SELECT text || '|' || status FROM action WHERE code = '2a'")" = "$before"
req "$EM" GET /plan/action/2a
c "action page links to the edit page for update-any-action" grep -q 'href="/plan/action/2a/edit"' "$T/body"
req "$EL" GET /plan/action/2a
c "…and not for a lead" sh -c "! grep -q '/plan/action/2a/edit' '$T/body'"
req "$EM" GET /plan/action/2a/edit
h "edit page for a monitor" 200 'Change the action' 'Update this action'
c "…with the text, due date, lead and status fields" sh -c "grep -q 'id=\"text\" name=\"text\"' '$T/body' && grep -q 'name=\"due-day\"' '$T/body' && grep -q 'name=\"lead\" type=\"checkbox\" value=\"TA\" checked' '$T/body' && grep -q 'name=\"status\" type=\"radio\" value=\"done\" checked' '$T/body'"
c "…leads offered from the people list, not typed" sh -c "grep -q 'type=\"checkbox\" value=\"MD\"' '$T/body' && ! grep -q 'name=\"lead\" type=\"text\"' '$T/body'"
c "…the due date shown as it is (day, month, year)" grep -q 'name="due-year" type="text" inputmode="numeric" value="2026"' "$T/body"
c "…a CSRF token in the form" grep -q 'name="csrf"' "$T/body"
n_audit=$(audits plan.edit)
post "$EM" /plan/action/2a/edit text= due-day=31 due-month=2 due-year=2027 status=finished
h "edit: bad input is a 400 with an error summary" 400 'govuk-error-summary'
c "…linking to each field" sh -c "grep -q 'href=\"#text\"' '$T/body' && grep -q 'href=\"#due\"' '$T/body' && grep -q 'href=\"#lead\"' '$T/body' && grep -q 'href=\"#status\"' '$T/body'"
c "…with GOV.UK messages at the fields" sh -c "grep -q 'Enter what will be done' '$T/body' && grep -q 'Due date must be a real date' '$T/body' && grep -q 'Choose at least one lead' '$T/body'"
c "…and the title starts with Error:" grep -q '<title>Error: Change action 2a' "$T/body"
post "$EM" /plan/action/2a/edit 'text=Agree terms' due-day=1 due-month=1 due-year=2027 lead=ZZ status=done
h "edit: a lead not in the people list is refused" 400 'Choose the lead from the list'
c "…and nothing was written" test "$(audits plan.edit)" = "$n_audit"
ev=$(events 2a)
post "$EM" /plan/action/2a/edit 'text=Agree terms of reference with every staff network' due-day=31 due-month=3 due-year=2027 lead=TA lead=MD status=in-progress
h "edit: a good change is sent back to the action" 303
hdr "…at its page" '^location: /plan/action/2a'
c "…text, due date, leads and status written" test "$(q "SELECT text || '|' || ts_due || '|' || lead_text || '|' || status FROM action WHERE code = '2a'")" = 'Agree terms of reference with every staff network|2027-03-31|TA/MD|in-progress'
c "…one history event per field, by the signed-in user" test "$(q "SELECT count(*) FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = '2a' AND e.author = 'mo' AND e.kind IN ('reword','due','lead','status')")" = 4
c "…saying what each was before" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT note FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = '2a' AND e.kind = 'lead' ORDER BY e.id DESC LIMIT 1\")\" = 'Lead changed from TA to TA/MD' ]"
c "…one audit entry plan.edit, before and after as JSON (dates in words, as the audit log shows them)" test "$(q "SELECT before || ' ' || after FROM audit_log WHERE what = 'plan.edit' AND target = 'action 2a' ORDER BY id DESC LIMIT 1")" = '{"due":"30 September 2026","lead":"TA","status":"done","text":"Agree terms of reference with the Black Staff Network and the Disability Network"} {"due":"31 March 2027","lead":"TA/MD","status":"in-progress","text":"Agree terms of reference with every staff network"}'
c "parity plan list agrees: MD now leads 2a" sh -c "'$P' --db '$DB' plan list --lead MD | grep -q '^2a '"
req "$EM" GET /plan/action/2a
h "the action page says so once, and shows the history in words" 200 'Action 2a changed'
c "…due date change in words" grep -q 'Due date changed from 30 September 2026 to 31 March 2027' "$T/body"
c "…no ISO date in the history" sh -c "! grep -q '>2027-03-31<' '$T/body'"
n_audit=$(audits plan.edit)
post "$EM" /plan/action/2a/edit 'text=Agree terms of reference with every staff network' due-day=31 due-month=3 due-year=2027 lead=MD lead=TA status=in-progress
h "edit: the same values again change nothing" 303
c "…no audit entry" test "$(audits plan.edit)" = "$n_audit"
req "$EM" GET /plan/action/99z/edit
h "edit: an unknown action is 404" 404

# --- adding an action: /plan/add
req "$EV" GET /plan/add
h "add: a viewer gets 403" 403 'permission to update any action in the plan'
req "$EL" GET /plan/add
h "add: a lead gets 403" 403
req "$EM" GET /plan
c "the plan page links to Add an action for update-any-action" grep -q 'href="/plan/add">Add an action' "$T/body"
req "$EM" GET /plan/add
h "add: the question page" 200 'Add an action'
c "…areas grouped by section" sh -c "grep -q '<optgroup label=\"1. Leadership and governance\">' '$T/body' && grep -q '<option value=\"2\">2. Give staff networks a formal voice</option>' '$T/body'"
c "…leads and duties as checkboxes" sh -c "grep -q 'name=\"lead\" type=\"checkbox\" value=\"PK\"' '$T/body' && grep -q 'name=\"duty\" type=\"checkbox\" value=\"12\"' '$T/body'"
c "…the due date as day, month and year" grep -q 'name="due-month"' "$T/body"
n_actions=$(q "SELECT count(*) FROM action")
post "$EM" /plan/add step=check
h "add: nothing entered is a 400 naming each field" 400 'href="#area"'
c "…what to do at each" sh -c "grep -q 'Choose the area of work' '$T/body' && grep -q 'Enter what will be done' '$T/body' && grep -q 'Choose at least one lead' '$T/body'"
FORM_PAGE=/plan/add post "$EM" /plan/add step=check area=2 'text=Run a <b>listening</b> session with each network' lead=MD lead=ZZ due-day=30 due-month=6 due-year=2027
h "add: a lead not in the list is refused" 400 'Choose the lead from the list'
c "…and what was typed is kept, escaped" grep -q 'Run a &lt;b&gt;listening&lt;/b&gt; session' "$T/body"
FORM_PAGE=/plan/add post "$EM" /plan/add step=check area=2 'text=Run a listening session with each network' lead=MD due-day=30 due-month=6 due-year=2027 duty=5
h "add: good answers show Check your answers" 200 'Check your answers before adding the action'
c "…with the id the action will get (the plan's numbering: area 2, next letter)" grep -q 'It will be action <strong>2c</strong>' "$T/body"
c "…the due date in words" grep -q '30 June 2027' "$T/body"
c "…a Change link per answer" test "$(grep -o 'class="govuk-link" href="/plan/add?area=2&amp;text=Run' "$T/body" | wc -l)" = 5
c "…and nothing added yet" test "$(q "SELECT count(*) FROM action")" = "$n_actions"
link=$(grep -o 'href="/plan/add?[^"#]*#lead"' "$T/body" | head -1 | sed 's/^href="//; s/#lead"$//; s/&amp;/\&/g')
req "$EM" GET "$link"
h "add: a Change link opens the form with the answers" 200 'value="Run a listening session with each network"|>Run a listening session with each network<'
c "…MD still ticked, duty 5 too" sh -c "grep -q 'value=\"MD\" checked' '$T/body' && grep -q 'value=\"5\" checked' '$T/body'"
n_audit=$(audits plan.add)
FORM_PAGE=/plan/add post "$EM" /plan/add step=confirm area=2 'text=Run a listening session with each network' lead=MD due-day=30 due-month=6 due-year=2027 duty=5
h "add: Confirm adds the action" 303
hdr "…and goes to it" '^location: /plan/action/2c'
c "…as not started, in area 2, led by MD, due 30 June 2027, origin web" test "$(q "SELECT a.status || '|' || ar.no || '|' || a.lead_text || '|' || a.ts_due || '|' || a.origin FROM action a JOIN area ar ON ar.id = a.area_id WHERE a.code = '2c'")" = 'not-started|2|MD|2027-06-30|web'
c "…its history says who added it on the web" test "$(q "SELECT e.kind || '|' || e.author || '|' || e.note FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = '2c'")" = 'added|mo|Added on the web by mo'
c "…with the extra duty and the area's" sh -c "'$P' --db '$DB' plan show 2c | grep -q '^Duties: *1, 2, 3, 5'"
c "…audited as plan.add" test "$(audits plan.add)" = $((n_audit + 1))
req "$EM" GET /plan/action/2c
h "the new action's page" 200 'Action 2c added'
c "…history: Added, by mo" grep -q 'Added on the web by mo' "$T/body"
FORM_PAGE=/plan/add post "$EM" /plan/add step=confirm area=2 'text=A second one' lead=PK
h "add: the next action in the area is 2d" 303
hdr "…" '^location: /plan/action/2d'
"$P" --db "$DB" plan import "$ROOT/data/demo/action-plan.md" >/dev/null 2>&1
c "a re-import of the document keeps the actions added on the web" test "$(q "SELECT count(*) FROM action WHERE code IN ('2c','2d') AND removed = 0")" = 2

# --- naming the duties: /plan/duties/names
req "$EV" GET /plan/duties
h "duty coverage speaks no command line" 200 'Duty coverage' 'parity plan duties'
c "…and offers no naming to a viewer" sh -c "! grep -q 'href=\"/plan/duties/names\"' '$T/body'"
req "$EM" GET /plan/duties
c "duty coverage links to Name the duties for update-any-action" grep -q 'href="/plan/duties/names">Name the duties' "$T/body"
req "$EV" GET /plan/duties/names
h "duty names: a viewer gets 403" 403
req "$EM" GET /plan/duties/names
h "duty names: a form per duty" 200 'Name the duties'
c "…12 forms, each with its token" test "$(grep -c 'name="csrf"' "$T/body")" = 13
FORM_PAGE=/plan/duties/names post "$EM" /plan/duties/names no=4 name=
h "duty names: a blank name is a 400 at its field" 400 'href="#name-4"'
c "…saying what to do" grep -q 'Enter a name for duty 4' "$T/body"
FORM_PAGE=/plan/duties/names post "$EM" /plan/duties/names no=998 name=Nothing
h "duty names: a duty the plan does not have is refused" 400
FORM_PAGE=/plan/duties/names post "$EM" /plan/duties/names no=4 'name=Advance equality of opportunity'
h "duty names: saved" 303
c "…in the duty table" test "$(q "SELECT name FROM duty WHERE no = 4")" = 'Advance equality of opportunity'
c "…audited as plan.duty" test "$(q "SELECT before || ' ' || after FROM audit_log WHERE what = 'plan.duty' AND target = 'duty 4'")" = '{"name":null} {"name":"Advance equality of opportunity"}'
req "$EV" GET /plan/duties
c "…and shown on duty coverage" grep -q 'Advance equality of opportunity' "$T/body"
req "$EV" GET /plan/action/3a
h "…and on the page of an action serving it, each duty by name" 200 'Duty 4: Advance equality of opportunity</a>'
c "…a duty with no name still by number" grep -q 'href="/plan?duty=1">Duty 1</a>' "$T/body"

# --- people: /people, /people/add, /people/ID/edit, /people/ID/reassign
req "$EV" GET /people
h "people page speaks no command line" 200 'People and terms' 'parity people'
c "…and offers a viewer no changes" sh -c "! grep -qE 'href=\"/people/(add|[A-Za-z]+/edit)\"' '$T/body'"
req "$EM" GET /people
c "people page: Add a person, and Change and Hand over per person" sh -c "grep -q 'href=\"/people/add\"' '$T/body' && grep -q 'href=\"/people/MD/edit\"' '$T/body' && grep -q 'href=\"/people/MD/reassign\"' '$T/body'"
req "$EV" GET /people/add
h "add a person: a viewer gets 403" 403
req "$EL" GET /people/MD/edit
h "change a person: a lead gets 403" 403
req "$EM" GET /people/add
h "add a person: the form" 200 'Add a person'
FORM_PAGE=/people/add post "$EM" /people/add initials=x/y name=
h "add a person: bad initials and no name are a 400 at the fields" 400 'href="#initials"'
c "…saying what is wanted" sh -c "grep -q 'Initials must be 1 to 8 letters' '$T/body' && grep -q 'Enter the person&#39;s name' '$T/body'"
FORM_PAGE=/people/add post "$EM" /people/add initials=MD 'name=Someone Else'
h "add a person: initials already taken are refused" 400 'Someone already has the initials MD'
# A lead written in the plan before the person is known: adding them links it.
q "INSERT INTO action_lead(action_id, pos, token) SELECT id, 9, 'QB' FROM action WHERE code = '3a'"
n_audit=$(audits people.add)
FORM_PAGE=/people/add post "$EM" /people/add initials=QB 'name=Quinn Baptiste' 'role=Equality Officer'
h "add a person: saved" 303
hdr "…back to the people page" '^location: /people'
c "…in the people list" sh -c "'$P' --db '$DB' people | grep -q '^QB *Quinn Baptiste'"
c "…the lead already written as QB now resolves to them, with history" test "$(q "SELECT count(*) FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = '3a' AND e.kind = 'lead' AND e.author = 'mo' AND e.note LIKE 'Lead QB is now Quinn Baptiste%'")" = 1
c "…audited as people.add" test "$(audits people.add)" = $((n_audit + 1))
req "$EM" GET /people
h "…the page says so" 200 'QB \(Quinn Baptiste\) added; the plan already named them as the lead of 1 action'
req "$EM" GET /people/QB/edit
h "change a person: the form with their details" 200 'value="Quinn Baptiste"'
FORM_PAGE=/people/QB/edit post "$EM" /people/QB/edit initials=MD 'name=Quinn Baptiste'
h "change a person: someone else's initials are refused" 400 'Someone else already has the initials MD'
FORM_PAGE=/people/QB/edit post "$EM" /people/QB/edit initials=QBa 'name=Quinn Baptiste-Ade' 'role=Equality Officer'
h "change a person: saved" 303
c "…initials and name changed" test "$(q "SELECT initials || '|' || name FROM person WHERE name LIKE 'Quinn%'")" = 'QBa|Quinn Baptiste-Ade'
c "…history on the action they lead" test "$(q "SELECT count(*) FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = '3a' AND e.note = 'Lead QB (Quinn Baptiste) changed: initials QB → QBa; name Quinn Baptiste → Quinn Baptiste-Ade'")" = 1
c "…audited as people.rename" test "$(q "SELECT count(*) FROM audit_log WHERE what = 'people.rename' AND target = 'person QB'")" = 1
req "$EM" GET /people/QBa/reassign
h "hand over: asks who takes over" 200 'Who takes over Quinn Baptiste-Ade&#39;s actions'
c "…radios, as there are few people" grep -q 'type="radio" value="MD"' "$T/body"
FORM_PAGE=/people/QBa/reassign post "$EM" /people/QBa/reassign step=check
h "hand over: nobody chosen is a 400 at the field" 400 'href="#to"'
FORM_PAGE=/people/QBa/reassign post "$EM" /people/QBa/reassign step=check to=MD
h "hand over: an are-you-sure page first" 200 'Are you sure you want to hand over'
c "…naming the actions" grep -q '3a' "$T/body"
c "…and nothing changed yet" test "$(q "SELECT active FROM person WHERE initials = 'QBa'")" = 1
FORM_PAGE=/people/QBa/reassign post "$EM" /people/QBa/reassign step=confirm to=MD
h "hand over: done" 303
c "…QBa has left, replaced by MD" test "$(q "SELECT p.active || '|' || r.initials FROM person p JOIN person r ON r.id = p.replaced_by WHERE p.initials = 'QBa'")" = '0|MD'
c "…3a now led by MD, with history" test "$(q "SELECT count(*) FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = '3a' AND e.note = 'lead QBa (Quinn Baptiste-Ade) handed over to MD (Mohammed Darr)'")" = 1
c "…audited as people.reassign" test "$(q "SELECT count(*) FROM audit_log WHERE what = 'people.reassign' AND target = 'person QBa'")" = 1
req "$EM" GET /people/QBa/reassign
h "hand over: someone who has left has nothing to hand over" 200 'has left'
req "$EM" GET /people/NOBODY/edit
h "a person who is not there is 404" 404
req "$EM" GET /people/MD/nothing
h "…and an unknown page about a person too" 404

# --- My actions: /plan/mine
req "$EV" GET /plan/mine
h "my actions: a viewer gets 403" 403
c "…and has no My actions link" sh -c "! grep -q '>My actions<' '$T/body'"
req "$EM" GET /plan/mine
h "my actions: an account without lead initials is told why" 200 'no lead initials'
c "…and has no My actions link" sh -c "! grep -q 'href=\"/plan/mine\"' '$T/body'"
req "$EL" GET /plan/mine
h "my actions: a lead sees theirs" 200 'My actions'
c "…the navigation has My actions" grep -q 'href="/plan/mine"' "$T/body"
live=$("$P" --db "$DB" plan list --lead TA --format json | python3 -c 'import json,sys; print(sorted(a["id"] for a in json.load(sys.stdin) if a["status"] in ("not-started","in-progress")))')
shown=$(grep -o 'id="action-[^"]*"><a class="govuk-link" href="/plan/action/[^"]*"' "$T/body" | sed 's|.*/plan/action/||; s|"$||' | python3 -c 'import sys; print(sorted(l.strip() for l in sys.stdin))')
c "…exactly their live actions ($live)" test "$live" = "$shown"
c "…overdue ones first" sh -c "grep -o 'No due date\|[0-9]* [A-Z][a-z]* 20[0-9][0-9]\( <strong>(overdue)</strong>\)\?</dd>' '$T/body' | awk '/overdue/ { if (seen) exit 1; next } { seen = 1 }'"
c "…each with its RAG tag and a form with a token" test "$(grep -c 'class="govuk-tag' "$T/body")" = "$(grep -c 'name="action" value=' "$T/body")"
c "…dates in words" sh -c "! grep -qE '>20[0-9]{2}-[0-9]{2}-[0-9]{2}<' '$T/body'"
mine=$(grep -o 'name="action" value="[^"]*"' "$T/body" | head -1 | sed 's/.*value="//; s/"$//')
cur=$(q "SELECT status FROM action WHERE code = '$mine'")
sid="status-$(echo "$mine" | sed 's/[^A-Za-z0-9]/-/g')"
FORM_PAGE=/plan/mine post "$EL" /plan/mine "action=$mine" "status=$cur"
h "my actions: nothing new is a 400 naming the action, at its form" 400 "href=\"#$sid\""
c "…saying what to do" grep -q "Action $mine: Choose a new status or write a note" "$T/body"
n_audit=$(audits plan.update)
FORM_PAGE=/plan/mine post "$EL" /plan/mine "action=$mine" status=done 'note=Finished from My actions'
h "my actions: an update goes back to My actions" 303
hdr "…" '^location: /plan/mine'
c "…status written, note in the history by lea" test "$(q "SELECT a.status || '|' || e.author || '|' || e.note FROM action a JOIN action_event e ON e.action_id = a.id WHERE a.code = '$mine' ORDER BY e.id DESC LIMIT 1")" = 'done|lea|Finished from My actions'
c "…audited as plan.update" test "$(audits plan.update)" = $((n_audit + 1))
req "$EL" GET /plan/mine
h "…with a success banner, and the done action gone from the list" 200 "Action $mine updated"
c "…(no longer live)" sh -c "! grep -q 'name=\"action\" value=\"$mine\"' '$T/body'"
before=$(q "SELECT status FROM action WHERE code = '4a'")
FORM_PAGE=/plan/mine post "$EL" /plan/mine action=4a status=dropped
h "my actions: another lead's action is refused" 403
c "…and unchanged" test "$(q "SELECT status FROM action WHERE code = '4a'")" = "$before"
FORM_PAGE=/plan/mine post "$EL" /plan/mine action=99z status=done
h "my actions: an unknown action is a 400" 400

# --- the same hand-over sent eight times at once is made once: who has
# left is judged inside each request's transaction
"$P" --db "$DB" people add RZ 'Rae Zhou' >/dev/null
req "$EM" GET /people/RZ/reassign
tok=$(csrf_from_body)
pids=()
for i in 1 2 3 4 5 6 7 8; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$EM" -X POST --data-urlencode "csrf=$tok" \
    --data-urlencode step=confirm --data-urlencode to=MD "$BASE/people/RZ/reassign" >"$T/race.$i" &
  pids+=($!)
done
wait "${pids[@]}" # not the server
c "eight hand-overs at once: one is made ($(sort "$T"/race.* | uniq -c | tr -s ' \n' ' '))" test "$(cat "$T"/race.* | grep -c '^303$')" = 1
c "…the others are told at the page (400), none fails" test "$(cat "$T"/race.* | grep -c '^400$')" = 7
c "…one audit entry" test "$(q "SELECT count(*) FROM audit_log WHERE what = 'people.reassign' AND target = 'person RZ'")" = 1

# --- the audit log says these changes in words
EA="$T/edit-admin.jar"
login "$EA" admin2 "$PW"
req "$EA" GET '/admin/audit?what=plan.edit'
h "audit log: a change to an action in words" 200 "Changed an action&#39;s wording, due date, leads or status"
c "…what changed, dates in words" grep -q 'Due: from 30 September 2026 to 31 March 2027' "$T/body"
req "$EA" GET /admin/audit
c "…and the other kinds of change in words" sh -c "for w in 'Added an action' 'Named a duty' 'Added a person who leads actions' 'Changed a person&#39;s initials, name or role' 'Handed a person&#39;s actions over to someone else'; do grep -q \"\$w\" '$T/body' || { echo \"no \$w\"; exit 1; }; done"
