# tests/http/caps.sh: capabilities (issue 13) — every route answered for
# every capability as the route declares, the navigation each capability
# allows, the users page and an account's access page, and the rules for
# lead initials. Sourced by tests/http/run.sh after monitor.sh (so that
# there are flags): $P, $DB, $T, $PW, $BASE, $A (admin2), $V (vi) and the
# helpers of lib.sh.

CAPS="read-plan update-own-actions update-any-action import-data handle-flags manage-users read-audit casework mailing publish members adjustments"

# One account per capability holding exactly that one, and one with none.
# The lead initials (TA) matter only to update-own-actions.
for cap in $CAPS none; do
  args=(--role viewer --lead-initials TA)
  [ "$cap" != read-plan ] && args+=(--revoke read-plan)
  [ "$cap" != read-plan ] && [ "$cap" != none ] && args+=(--grant "$cap")
  printf '%s\n' "$PW" | "$P" --db "$DB" user add "cap-$cap" "${args[@]}" --password-stdin >/dev/null 2>"$T/caps.err" ||
    { echo "  could not add cap-$cap: $(cat "$T/caps.err")"; }
done
"$P" --db "$DB" user list >"$T/users"
c "user list shows each account's one capability" sh -c "for c in $CAPS; do grep -qE \"^cap-\$c +viewer +TA +active +\$c\\\$\" '$T/users' || exit 1; done"
c "…and none for the account without any" grep -qE '^cap-none +viewer +TA +active +none$' "$T/users"
c "user list: admin has manage-users, read-audit and publish, not casework" sh -c "grep -E '^admin2 ' '$T/users' | grep -q 'manage-users,read-audit,publish\$'"

# The route table, as the server has it.
"$P" --db "$DB" serve --list-routes >"$T/routes"
c "serve --list-routes lists every page ($(wc -l <"$T/routes") routes)" sh -c "[ \$(wc -l <'$T/routes') -ge 30 ] && grep -qx 'POST /monitoring/upload import-data' '$T/routes' && grep -qx 'GET /admin/audit read-audit' '$T/routes' && grep -qx 'GET /public public' '$T/routes' && grep -qx 'POST /logout signed-in' '$T/routes'"
c "every route's capability is a known one" sh -c "! awk '{print \$3}' '$T/routes' | tr '|' '\n' | grep -qvxE 'public|signed-in|read-plan|update-own-actions|update-any-action|import-data|handle-flags|manage-users|read-audit|publish|members|mailing|adjustments'"

# What a route's trailing * stands for in the walk.
FLAG=$(sqlite3 "$DB" "SELECT min(id) FROM mon_flag")
VIID=$(sqlite3 "$DB" "SELECT id FROM web_user WHERE name = 'vi'")
route_path() {
  case "$1" in
    /plan/action/\*) echo /plan/action/2b ;;
    /monitoring/flag/\*) echo "/monitoring/flag/$FLAG" ;;
    /admin/users/\*) echo "/admin/users/$VIID" ;;
    *) echo "$1" ;;
  esac
}

# walk CAP: sign in as cap-CAP and request every route (POSTs with only the
# CSRF token: the handlers refuse them with 400, changing nothing; sign-out
# last). A route lets the account in when it is public, needs only
# sign-in, or names CAP; otherwise the answer must be the server's 403.
walk() {
  local cap=$1 jar="$T/walk.jar" method path need want got bad="" n=0 tok
  login "$jar" "cap-$cap" "$PW"
  [ "$STATUS" = 303 ] || { fail=$((fail+1)); echo "FAIL cap-$cap cannot sign in ($STATUS)"; return; }
  req "$jar" GET /account/password
  tok=$(csrf_from_body)
  while read -r method path need; do
    [ "$path" = /logout ] && continue
    case "|$need|" in
      "|public|"|"|signed-in|"|*"|$cap|"*) want=in ;;
      *) want=403 ;;
    esac
    if [ "$method" = POST ]; then
      req "$jar" POST "$(route_path "$path")" --data-urlencode "csrf=$tok"
    else
      req "$jar" GET "$(route_path "$path")"
    fi
    if [ "$STATUS" = 403 ] && grep -q 'do not have access' "$T/body"; then got=403
    elif [ "$STATUS" -ge 500 ] || grep -qi '^location: /login' "$T/headers"; then got="broken"
    else got=in; fi
    n=$((n+1))
    [ "$got" = "$want" ] || bad="$bad $method $path: $STATUS (wanted $want);"
  done <"$T/routes"
  FORM_PAGE=/account/password post "$jar" /logout
  [ "$STATUS" = 303 ] || bad="$bad POST /logout: $STATUS;"
  if [ -z "$bad" ]; then pass=$((pass+1)); echo "ok cap-$cap: $n routes and sign-out answer as declared"
  else fail=$((fail+1)); echo "FAIL cap-$cap:$bad"; fi
}
for cap in $CAPS none; do walk "$cap"; done
c "the walk changed no account, action or flag" sh -c "[ \$(sqlite3 '$DB' \"SELECT count(*) FROM audit_log WHERE who LIKE 'cap-%' AND what NOT IN ('user.signin', 'user.signout')\") = 0 ]"

# --- what each account sees
CJ="$T/caps.jar"
login "$CJ" cap-none "$PW"
req "$CJ" GET /
h "signed in with no capability, / is not the dashboard" 200 'You are signed in' 'Overdue|Open flags'
c "…and the navigation offers no private page" sh -c "! grep -qE 'href=\"/(plan|monitoring|people|admin/users|admin/audit)\"' '$T/body'"
login "$CJ" cap-read-audit "$PW"
req "$CJ" GET /admin/audit
h "read-audit alone opens the audit log" 200 'Audit log'
c "…its navigation has Audit log and not Users" sh -c "grep -q 'navigation__link\" href=\"/admin/audit\"' '$T/body' && ! grep -q 'href=\"/admin/users\"' '$T/body'"
login "$CJ" cap-manage-users "$PW"
req "$CJ" GET /admin/users
h "manage-users alone opens the users page, without the audit link" 200 'Accounts' 'href="/admin/audit"'
login "$CJ" cap-import-data "$PW"
req "$CJ" GET /monitoring
h "import-data without read-plan cannot read the monitoring page" 403 'You do not have permission to read the action plan and the monitoring reports'
login "$CJ" cap-update-any-action "$PW"
FORM_PAGE=/account/password post "$CJ" /plan/action/6a 'note=Edited with update-any-action alone'
h "update-any-action alone updates any action" 303
login "$CJ" cap-update-own-actions "$PW"
FORM_PAGE=/account/password post "$CJ" /plan/action/4a 'note=not mine'
h "update-own-actions alone may not update another lead's action" 403 'You cannot update action 4a'
FORM_PAGE=/account/password post "$CJ" /plan/action/2b 'note=Mine, as TA'
h "…but updates their own" 303

# --- an account's access page
req "$A" GET "/admin/users/$VIID"
h "the access page shows a checkbox per capability" 200 'govuk-checkboxes'
c "…all twelve, with read-plan ticked for a viewer" sh -c "[ \$(grep -c 'class=\"govuk-checkboxes__input\"' '$T/body') = 12 ] && grep -q 'value=\"read-plan\" checked' '$T/body' && ! grep -q 'value=\"import-data\" checked' '$T/body'"
c "…casework among them, not ticked: no role gives it" sh -c "grep -q 'id=\"cap-casework\"' '$T/body' && ! grep -q 'value=\"casework\" checked' '$T/body'"
FORM_PAGE="/admin/users/$VIID" post "$A" "/admin/users/$VIID" do=access cap=read-plan cap=import-data initials=
h "the admin grants import-data to the viewer" 303
c "…stored as a grant" test "$(sqlite3 "$DB" "SELECT cap || granted FROM web_user_cap WHERE user_id = $VIID")" = import-data1
c "…audited as user.access, before and after as JSON" test "$(sqlite3 "$DB" "SELECT before || ' ' || after FROM audit_log WHERE what = 'user.access' AND target = 'vi' ORDER BY id DESC LIMIT 1")" = '{"role":"viewer","grants":[],"revokes":[],"lead_initials":""} {"role":"viewer","grants":["import-data"],"revokes":[],"lead_initials":""}'
req "$A" GET "/admin/users/$VIID"
h "…and the page says so" 200 'Access for vi saved\. What they may do: Read the plan and monitoring reports and import monitoring data\.'
c "…import-data now ticked and marked granted" grep -q 'Import monitoring extracts and the action plan&#39;s document. Granted beyond the role.' "$T/body"
req "$A" GET /admin/users
c "the users page lists the grant" grep -q 'Granted beyond the role:</p><ul class="govuk-list govuk-body-s"><li>Import monitoring data</li>' "$T/body"
login "$CJ" vi "$PW"
req "$CJ" GET /monitoring
h "the viewer now has the upload form" 200 'action="/monitoring/upload[?"]'
FORM_PAGE="/admin/users/$VIID" post "$A" "/admin/users/$VIID" do=access cap=import-data initials=
h "the admin takes read-plan away from the viewer" 303
c "…stored as a revoke" test "$(sqlite3 "$DB" "SELECT group_concat(cap || granted, ' ') FROM (SELECT cap, granted FROM web_user_cap WHERE user_id = $VIID ORDER BY cap)")" = "import-data1 read-plan0"
req "$CJ" GET /plan
h "…whose next request is refused" 403 'You do not have permission to read the action plan and the monitoring reports'
FORM_PAGE="/admin/users/$VIID" post "$A" "/admin/users/$VIID" do=access cap=read-plan cap=boss initials=
h "an unknown capability is refused, naming the valid ones" 400 'unknown capability &#39;boss&#39;; the capabilities are read-plan, update-own-actions'
FORM_PAGE="/admin/users/$VIID" post "$A" "/admin/users/$VIID" do=access cap=read-plan cap=update-own-actions initials=
h "update-own-actions without initials is an error on the field" 400 '<a href="#initials">Enter the lead initials'
FORM_PAGE="/admin/users/$VIID" post "$A" "/admin/users/$VIID" do=access cap=read-plan 'initials=J"S'
h "initials with a quote are an error on the field" 400 '<a href="#initials">Enter the lead initials as letters only'
c "…the form keeps what was ticked" grep -q 'value="read-plan" checked' "$T/body"
FORM_PAGE="/admin/users/$VIID" post "$A" "/admin/users/$VIID" do=access cap=read-plan initials=
h "the viewer is given back exactly the viewer's capabilities" 303
c "…no grant or revoke left" test "$(sqlite3 "$DB" "SELECT count(*) FROM web_user_cap WHERE user_id = $VIID")" = 0
A2ID=$(sqlite3 "$DB" "SELECT id FROM web_user WHERE name = 'admin2'")
req "$A" GET "/admin/users/$A2ID"
h "an admin's own access page has no form" 200 'You cannot change your own access' 'Save access'
FORM_PAGE=/admin/users post "$A" "/admin/users/$A2ID" do=access cap=read-plan initials=
h "…and a POST to it changes nothing" 400 'cannot change your own access'
c "…the admin keeps manage-users" sh -c "'$P' --db '$DB' user list | grep -E '^admin2 ' | grep -q manage-users"

# --- changing a role keeps the grants and revokes that still differ
"$P" --db "$DB" user set cap-import-data --role lead >/dev/null
c "role lead: import-data still granted, read-plan still revoked" sh -c "'$P' --db '$DB' user list | grep -qE '^cap-import-data +lead +TA +active +update-own-actions,import-data\$'"
"$P" --db "$DB" user set cap-import-data --role monitor >/dev/null
c "role monitor: the grant of import-data is dropped (the role has it)" test "$(sqlite3 "$DB" "SELECT group_concat(cap || granted) FROM web_user_cap c JOIN web_user u ON u.id = c.user_id WHERE u.name = 'cap-import-data'")" = read-plan0

# --- user names: 2 to 32 lowercase letters, digits, . _ - (issue 15): a
# bad name is refused at the field, with a message in the summary's link
for bad in 'a b' Admin "$(printf 'x%.0s' $(seq 80))" 'x/y' a; do
  FORM_PAGE=/admin/users post "$A" /admin/users do=add "name=$bad" role=viewer
  h "adding a user called '${bad:0:12}' is refused on the field (400)" 400 'id="name-error"'
  c "…the error summary's link says what is wrong ('${bad:0:12}')" grep -qE '<a href="#name">[^<]+</a>' "$T/body"
done
c "…no such account was made" test "$(sqlite3 "$DB" "SELECT count(*) FROM web_user WHERE name IN ('a b', 'Admin', 'x/y', 'a') OR length(name) > 32")" = 0
FORM_PAGE=/admin/users post "$A" /admin/users do=add name=vi role=viewer
h "a name already taken is refused on the field (400)" 400 '<a href="#name">There is already a user called vi'

# --- an administrator's own row offers no Set role or Disable (issue 15),
# and a form sent anyway gets the users page with the reason, not a bare 400
ADID=$(sqlite3 "$DB" "SELECT id FROM web_user WHERE name = 'admin2'")
req "$A" GET /admin/users
c "the admin's own row has no role or disable form" sh -c "! grep -q 'name=\"id\" value=\"$ADID\"' '$T/body'"
c "…and says why, with a link to change the password" grep -q 'This is you. Another administrator can change your role or account' "$T/body"
FORM_PAGE=/admin/users post "$A" /admin/users do=disable "id=$ADID"
h "disabling oneself is refused on the users page (400)" 400 '<a href="#accounts">You cannot change your own role or disable your own account'
c "…and the account is still enabled" test "$(sqlite3 "$DB" "SELECT disabled FROM web_user WHERE id = $ADID")" = 0

# --- the audit log records failed sign-ins and sign-outs (issue 15)
before_fail=$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE what = 'user.signin-failed' AND target = 'vi'")
login "$T/aud.jar" vi not-the-password
h "a wrong password is refused (401)" 401
c "…and the failed sign-in is in the audit log" test "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE what = 'user.signin-failed' AND target = 'vi' AND who = '-'")" = $((before_fail + 1))
login "$T/aud.jar" vi "$PW"
FORM_PAGE=/ post "$T/aud.jar" /logout
h "signing out redirects (303)" 303
c "…and the sign-out is in the audit log" test "$(sqlite3 "$DB" "SELECT who || '|' || target FROM audit_log WHERE what = 'user.signout' ORDER BY id DESC LIMIT 1")" = 'vi|vi'

# --- lead initials: letters only, 1 to 8 (issue 13, finding 12)
FORM_PAGE=/admin/users post "$A" /admin/users do=add name=quoted role=lead 'initials=J"S'
h "adding a lead with initials J\"S is refused on the field" 400 '<a href="#initials">Enter the lead initials as letters only'
FORM_PAGE=/admin/users post "$A" /admin/users do=add name=forged role=lead 'initials=x","role":"admin'
h "…and so are initials that would forge a JSON field" 400 'id="initials-error"'
c "…neither account was made" test "$(sqlite3 "$DB" "SELECT count(*) FROM web_user WHERE name IN ('quoted', 'forged')")" = 0
c "every audit entry's before and after is valid JSON or plain text" test "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE (before LIKE '{%' AND NOT json_valid(before)) OR (after LIKE '{%' AND NOT json_valid(after))")" = 0
# Regression: the account's initials were cut to 15 characters before the
# lead check, so 'ABCDEFGHIJKL,TAX' (not TA) could update TA's actions.
sqlite3 "$DB" "UPDATE web_user SET lead_initials = 'ABCDEFGHIJKL,TAX' WHERE name = 'leb'"
LJ="$T/leb.jar"
login "$LJ" leb "$PW"
FORM_PAGE=/plan/action/4b post "$LJ" /plan/action/4b 'note=as TA, by a cut'
h "initials longer than the rules allow lead nothing (no cut to 15)" 403 'You cannot update action 4b'
sqlite3 "$DB" "UPDATE web_user SET lead_initials = 'MD' WHERE name = 'leb'"

# --- disabling an account asks first (issue 15: "are you sure" pages)
LBID=$(sqlite3 "$DB" "SELECT id FROM web_user WHERE name = 'leb'")
FORM_PAGE=/admin/users post "$A" /admin/users do=disable "id=$LBID"
h "Disable asks 'are you sure' first, saying what it does" 200 'Are you sure you want to disable leb\?'
c "…with a Yes button that confirms, and a way back" sh -c "grep -q 'name=\"confirm\" value=\"yes\"' '$T/body' && grep -q 'No, keep the account' '$T/body'"
c "…and the account is not disabled yet" test "$(sqlite3 "$DB" "SELECT disabled FROM web_user WHERE id = $LBID")" = 0
FORM_PAGE=/admin/users post "$A" /admin/users do=disable "id=$LBID" confirm=yes
h "…Yes disables it" 303
c "…and it is disabled, with its audit entry" sh -c "[ \$(sqlite3 '$DB' 'SELECT disabled FROM web_user WHERE id = $LBID') = 1 ] && [ \$(sqlite3 '$DB' \"SELECT count(*) FROM audit_log WHERE what = 'user.disable' AND target = 'leb'\") = 1 ]"
