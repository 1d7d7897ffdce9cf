# tests/http/plan.sh: the action plan pages — the list and its filters
# (the same answers as `parity plan list`), one action with its history,
# updates by a lead (own action, someone else's), a viewer and a monitor,
# validation, escaping, the audit entry, duty coverage, the calendar feed
# and people. Sourced by tests/http/run.sh: $P, $DB, $T, $PW, $BASE and the
# helpers of lib.sh. The lead `lea` leads as TA, `leb` as MD.

PL="$T/plan-lea.jar" PL2="$T/plan-leb.jar" PV="$T/plan-vi.jar" PM="$T/plan-mo.jar"
login "$PL" lea "$PW"
login "$PL2" leb "$PW"
login "$PV" vi "$PW"
login "$PM" mo "$PW"
ASOF=2026-12-01
# cli_count ARGS...: "N" of `parity plan list ARGS` ("N of 19 actions").
cli_count() { "$P" --db "$DB" plan list --as-of "$ASOF" "$@" | tail -1 | cut -d' ' -f1; }
# action_state CODE: the action's row and history (for "nothing changed").
action_state() {
  sqlite3 "$DB" "SELECT status, rag_override, rag_reason FROM action WHERE code = '$1';
    SELECT count(*) FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = '$1';
    SELECT count(*) FROM audit_log WHERE what = 'plan.update'" | md5sum
}

# --- the list and its filters
req "$PV" GET "/plan?as_of=$ASOF"
h "plan list for a viewer shows every action" 200 '>19 actions<'
c "plan list has one h1" test "$(grep -o '<h1' "$T/body" | wc -l)" = 1
c "plan list links each action" grep -q 'href="/plan/action/4a">4a</a>' "$T/body"
c "plan list links the calendar subscription (one name for it)" grep -q 'href="#calendar-feed">Subscribe to the calendar' "$T/body"
c "…and says 'Download these actions' only when filtered" grep -q 'Download this plan' "$T/body"
c "filter form: every select has its label" sh -c "for f in section lead duty status rag as_of overdue; do grep -q \"for=\\\"\$f\\\"\" '$T/body' || exit 1; done"
c "filter form: lead options come from the plan" grep -q '<option value="MD">MD – Mohammed Darr</option>' "$T/body"
c "results table has a caption and column headers" sh -c "grep -q '<caption' '$T/body' && grep -q '<th scope=\"col\"' '$T/body'"
c "RAG is written in words, not colour alone" grep -qE 'govuk-tag--red">Red<' "$T/body"
req "$PV" GET "/plan?as_of=$ASOF&lead=MD"
h "lead filter narrows the list" 200 ">$(cli_count --lead MD) actions<" 'href="/plan/action/1a"'
c "…to MD's actions" grep -q 'href="/plan/action/4a"' "$T/body"
req "$PV" GET "/plan?as_of=$ASOF&overdue=1"
h "overdue filter gives what plan list --overdue gives" 200 ">$(cli_count --overdue) actions<"
c "…and ticks the box" grep -q 'id="overdue" name="overdue" type="checkbox" value="1" checked' "$T/body"
req "$PV" GET "/plan?as_of=$ASOF&section=3&status=not-started"
h "section and status filters combine as on the command line" 200 ">$(cli_count --section 3 --status not-started) actions<"
c "…with the chosen options kept" sh -c "grep -q '<option value=\"3\" selected>' '$T/body' && grep -q '<option value=\"not-started\" selected>' '$T/body'"
req "$PV" GET "/plan?as_of=$ASOF&duty=9"
h "duty filter" 200 ">$(cli_count --duty 9) actions<"
req "$PV" GET "/plan?as_of=$ASOF&rag=blue"
h "RAG filter" 200 ">$("$P" --db "$DB" plan list --as-of "$ASOF" --format json | grep -c '"rag": "blue"') actions<"
req "$PV" GET "/plan?status=finished"
h "unknown status in the filter is a 400 with an error summary" 400 'govuk-error-summary.*|href="#status"'
c "…linking to the field" grep -q '<a href="#status">' "$T/body"
req "$PV" GET "/plan?as_of=31/02/2026"
h "impossible as-of date is a 400" 400 'href="#as_of"'

# --- one action
req "$PV" GET /plan/action/2b
h "action page shows its history" 200 'Imported' 'Update this action'
c "action page lists its leads with names" grep -q 'Tomasz Adamski' "$T/body"
c "action page has one h1" test "$(grep -o '<h1' "$T/body" | wc -l)" = 1
req "$PL" GET /dashboard
h "dashboard: a lead's own actions are counted live, as My actions counts them" 200 "Led by you.*$(sqlite3 "$DB" "SELECT count(*) FROM action a JOIN action_lead l ON l.action_id = a.id JOIN person p ON p.id = l.person_id WHERE p.initials = 'TA' AND a.status IN ('not-started','in-progress') AND a.removed = 0") live action"
c "…and open My actions" grep -q 'href="/plan/mine">View' "$T/body"
req "$PV" GET /plan/action/1c
h "a repeating action says in words when it repeats" 200 'Repeats every year in November'
c "…never as a calendar rule (FREQ=)" sh -c "! grep -q 'FREQ=' '$T/body'"
req "$PV" GET /plan/action/2B
h "action ids are case-insensitive" 200 'Action 2b'
req "$PV" GET /plan/action/99z
h "unknown action is 404" 404 'There is no action &#39;99z&#39;' 
req "$PL" GET /plan/action/2b
h "the lead sees the update form on their own action" 200 'Update this action'
c "update form: every input has its label" sh -c "for f in status note evidence rag reason; do grep -q \"for=\\\"\$f\\\"\" '$T/body' || exit 1; done"
c "update form carries a CSRF token" grep -q 'name="csrf" value="[0-9a-f]\{64\}"' "$T/body"
req "$PL" GET /plan/action/4a
h "…but not on someone else's" 200 'You can update the actions you lead' 'Save update'

# --- updating
post "$PL" /plan/action/2b status=done 'note=Chairs funded <script>alert(1)</script>' evidence=https://intranet.example/2b
h "a lead updates their own action (303)" 303
hdr "…and is sent back to the action" '^location: /plan/action/2b'
req "$PL" GET /plan/action/2b
h "the update shows once as a flash message" 200 'Action 2b updated'
c "…and in the history, with the lead's name" grep -qE '<td class="govuk-table__cell">lea</td><td class="govuk-table__cell">Status changed to <strong>Done' "$T/body"
c "the note comes back escaped" sh -c "grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' '$T/body' && ! grep -q '<script>alert' '$T/body'"
c "evidence links are links" grep -q 'href="https://intranet.example/2b"' "$T/body"
c "status saved" test "$(sqlite3 "$DB" "SELECT status FROM action WHERE code = '2b'")" = done
c "history author is the web user" test "$(sqlite3 "$DB" "SELECT author FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = '2b' ORDER BY e.id DESC LIMIT 1")" = lea
c "audit log has the update with before and after" test "$(sqlite3 "$DB" "SELECT who || '|' || target || '|' || before FROM audit_log WHERE what = 'plan.update' ORDER BY id DESC LIMIT 1")" = 'lea|action 2b|{"status":"in-progress"}'
c "…the note in the audit's after" sh -c "sqlite3 '$DB' \"SELECT after FROM audit_log WHERE what = 'plan.update' ORDER BY id DESC LIMIT 1\" | grep -q 'Chairs funded'"
"$P" --db "$DB" plan show 2b >"$T/show"
c "the command line sees the web update" grep -qE 'status +lea +-> done' "$T/show"

before=$(action_state 4a)
post "$PL" /plan/action/4a status=done note=not-mine
h "a lead updating someone else's action gets 403" 403 'You cannot update action 4a'
c "…and nothing changes" test "$before" = "$(action_state 4a)"
post "$PV" /plan/action/4a status=done note=viewer
h "a viewer posting an update gets 403" 403
c "…and nothing changes" test "$before" = "$(action_state 4a)"
post "$PL2" /plan/action/4a status=in-progress note='Data request sent'
h "the other lead (MD) may update 4a" 303
post "$PM" /plan/action/6b note='Survey booked' 'evidence=Estates file 12'
h "a monitor may update any action" 303
c "…a note alone keeps the status" test "$(sqlite3 "$DB" "SELECT status FROM action WHERE code = '6b'")" = in-progress

# --- validation: the rules of `plan update`, shown on the form
before=$(action_state 4b)
post "$PL" /plan/action/4b status=finished 'note=kept <b>text</b>'
h "an invalid status is a 400" 400 'govuk-error-summary'
c "…the summary links to the field" grep -q '<a href="#status">' "$T/body"
c "…the field is marked" grep -q 'id="status-error"' "$T/body"
c "…the note entered is kept (escaped)" grep -q 'kept &lt;b&gt;text&lt;/b&gt;</textarea>' "$T/body"
c "…and nothing changes" test "$before" = "$(action_state 4b)"
post "$PL" /plan/action/4b status=not-started rag=red
h "a RAG override needs a reason" 400 '<a href="#reason">'
post "$PL" /plan/action/4b status=not-started
h "an update with nothing in it is a 400" 400 'Change the status, or enter a note'
c "…nothing changes" test "$before" = "$(action_state 4b)"
post "$PL" /plan/action/4b status=not-started rag=amber 'reason=Waiting for the networks'
h "a RAG override with a reason is saved" 303
req "$PL" GET /plan/action/4b
h "…and shown with its reason" 200 'Set by hand: Waiting for the networks'

# --- duties, calendar, people
req "$PV" GET /plan/duties
h "duty coverage page" 200 'Duty coverage'
c "…one row per duty" test "$(grep -c 'href="/plan?duty=' "$T/body")" -ge "$("$P" --db "$DB" plan duties --format json | grep -c '"no"')"
c "…an Other work column, nothing there yet" sh -c "grep -q '>Other work</th>' '$T/body' && ! grep -q 'Other work serving the duties' '$T/body'"
# an impact assessment serving a duty counts in the coverage (issue 19);
# the assessment is removed again so later files start as before
DW_ID=$("$P" --db "$DB" eia new 'Duty work <check>' --owner TA --format json | tr -dc 0-9)
"$P" --db "$DB" eia duties "$DW_ID" --duty 2 >/dev/null
req "$PV" GET /plan/duties
h "duty coverage lists the assessment serving duty 2, linked and escaped" 200 "<li>Duty 2: <a class=\"govuk-link\" href=\"/eia/$DW_ID\">Impact assessment $DW_ID: Duty work &lt;check&gt;</a></li>"
"$P" --db "$DB" eia duties "$DW_ID" --none >/dev/null
sqlite3 "$DB" "DELETE FROM audit_log WHERE target = 'eia $DW_ID'; DELETE FROM eia WHERE id = $DW_ID"
req "$PV" GET /plan/calendar.ics
h "calendar feed is iCalendar" 200 '^BEGIN:VCALENDAR'
hdr "…served as text/calendar" '^content-type: text/calendar'
hdr "…as a download" '^content-disposition: attachment; filename="parity-plan.ics"'
c "…with the live due dates" grep -q '^BEGIN:VEVENT' "$T/body"
req "$PV" GET /people
h "people page lists people and what they lead" 200 'Tomasz Adamski'
c "…linking to their actions" grep -q 'href="/plan?lead=TA"' "$T/body"
c "…and the glossary" grep -q 'Equality and Inclusion Board' "$T/body"
req "$N" GET /plan
h "signed out, the plan asks for sign-in" 303
req "$A" GET /admin/audit
h "the admin sees plan updates in the audit log" 200 'Updated an action: <strong>'
c "…saying what changed in words (issue 15)" grep -qE '<li>Status: from [a-z-]+ to [a-z-]+</li>' "$T/body"
