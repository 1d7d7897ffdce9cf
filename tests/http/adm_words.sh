# tests/http/adm_words.sh: the account pages speak people's words (issue 15
# review): capability labels, not the command line's names, on the 403
# page, the users page, an account's access page and its banner; one form
# of role names; the access page offers only what a page uses; the audit
# log says who and what changed in words; the account page's sections;
# the sign-in error. Sourced by tests/http/run.sh after caps.sh: $P, $DB,
# $T, $PW, $BASE, $A (admin2), $V (vi) and the helpers of lib.sh.

SLUGS='read-plan|update-own-actions|update-any-action|import-data|handle-flags|manage-users|read-audit'
# visible: the last body's text without its tags (attribute values, such as
# a checkbox's value="read-plan", are not shown to anyone), and without the
# names of caps.sh's accounts (cap-read-plan ...), which are user names
visible() { sed -e 's/<[^>]*>//g' -e 's/cap-[a-z-]*//g' "$T/body"; }
no_slugs() { ! visible | grep -qE "$SLUGS"; }
AW="$T/adm-words.jar"
printf '%s\n' "$PW" | "$P" --db "$DB" user add adm-vi --role viewer --password-stdin >/dev/null
printf '%s\n' "$PW" | "$P" --db "$DB" user add adm-nor --role viewer --revoke read-plan --grant import-data --password-stdin >/dev/null
AVID=$(sqlite3 "$DB" "SELECT id FROM web_user WHERE name = 'adm-vi'")

# --- 1. capability labels
login "$AW" adm-vi "$PW"
req "$AW" GET /admin/users
h "403 says what the page needs in words" 403 'You do not have permission to manage user accounts\.'
c "…naming no capability by its command-line name" no_slugs
c "…and its link goes to the dashboard, saying so" grep -q '<a class="govuk-link" href="/">Go to the dashboard</a>' "$T/body"
login "$AW" adm-nor "$PW"
req "$AW" GET /plan
h "403 without read-plan: the permission in words" 403 'You do not have permission to read the action plan and the monitoring reports\.'
c "…and the link does not promise a dashboard" sh -c "grep -q 'Go to the home page' '$T/body' && ! grep -q 'Go to the dashboard' '$T/body'"
req "$A" GET /admin/users
h "the users page lists what each account may do in words" 200 '<li>Manage user accounts</li>'
c "…with no capability names" no_slugs
c "…a grant in words too" sh -c "grep -q 'Granted beyond the role:' '$T/body' && grep -q '<li>Import monitoring data</li>' '$T/body'"
req "$A" GET "/admin/users/$AVID"
h "the access page labels each checkbox in words" 200 'for="cap-import-data">Import monitoring data</label>'
c "…says what the role gives in words" grep -q 'The role gives</dt><dd class="govuk-summary-list__value">Read the plan and monitoring reports</dd>' "$T/body"
c "…and its hints name no capability" no_slugs
FORM_PAGE="/admin/users/$AVID" post "$A" "/admin/users/$AVID" do=access cap=read-plan cap=import-data initials=
h "saving access (303)" 303
req "$A" GET "/admin/users/$AVID"
h "…the banner says what the account may do in words" 200 'Access for adm-vi saved\. What they may do: Read the plan and monitoring reports and import monitoring data\.'
c "…with no capability names" no_slugs
FORM_PAGE="/admin/users/$AVID" post "$A" "/admin/users/$AVID" do=access cap=read-plan cap=update-own-actions initials=
h "missing initials: the message names no capability" 400 'Enter the lead initials: they say which actions this account leads'
c "…anywhere on the page" no_slugs

# --- 2. one form of role names, on every page
printf '%s\n' "$PW" | "$P" --db "$DB" user add adm-role --role viewer --password-stdin >/dev/null
ARID=$(sqlite3 "$DB" "SELECT id FROM web_user WHERE name = 'adm-role'")
req "$A" GET /admin/users
h "users table: roles capitalised" 200 '<td class="govuk-table__cell">Viewer</td>' '<td class="govuk-table__cell">(viewer|lead|monitor|admin)</td>'
c "…the role selects too (the values stay)" sh -c "grep -q '<option value=\"monitor\">Monitor</option>' '$T/body' && ! grep -qE '>(viewer|lead|monitor|admin)</option>' '$T/body'"
c "…and the add-user radios as before" grep -q 'for="new-role-2">Lead</label>\|>Lead</label>' "$T/body"
c "…and beside Signed in as" grep -q 'Signed in as <strong>admin2</strong> (Admin)' "$T/body"
req "$A" GET "/admin/users/$ARID"
h "access page: the role capitalised" 200 'Role</dt><dd class="govuk-summary-list__value">Viewer</dd>'
FORM_PAGE=/admin/users post "$A" /admin/users do=disable "id=$ARID"
h "disable page: the role capitalised" 200 'Role</dt><dd class="govuk-summary-list__value">Viewer</dd>'
c "…its warning starts with a capital, not a user name" grep -q '<span class="govuk-visually-hidden">Warning</span>The account adm-role is signed out at once' "$T/body"
FORM_PAGE=/admin/users post "$A" /admin/users do=role "id=$ARID" role=monitor
h "set role (303)" 303
req "$A" GET /admin/users
h "…the banner names the role as the pages do" 200 'The role of adm-role is now Monitor'

# --- 3. every capability is offered on the access page (casework since issue 18)
printf '%s\n' "$PW" | "$P" --db "$DB" user add adm-cw --role viewer --grant casework --password-stdin >/dev/null
ACID=$(sqlite3 "$DB" "SELECT id FROM web_user WHERE name = 'adm-cw'")
req "$A" GET "/admin/users/$AVID"
h "the access page offers the casework checkbox (its pages came with issue 18)" 200 'id="cap-casework"' 'No page uses it yet'
c "…twelve checkboxes: publish since 16, members and mailing since 17, casework since 18, adjustments since 19" test "$(grep -c 'class="govuk-checkboxes__input"' "$T/body")" = 12
c "…publish among them" grep -q 'id="cap-publish"' "$T/body"
req "$A" GET "/admin/users/$ACID"
h "casework granted on the command line is ticked" 200 'value="casework" checked' 'pages still to come'
FORM_PAGE="/admin/users/$ACID" post "$A" "/admin/users/$ACID" do=access cap=read-plan cap=casework cap=mailing initials=
h "saving that account's access (303)" 303
c "…keeps its casework grant (still ticked), and mailing ticked is granted" test "$(sqlite3 "$DB" "SELECT group_concat(cap || granted) FROM web_user_cap WHERE user_id = $ACID")" = casework1,mailing1
"$P" --db "$DB" user list >"$T/adm-users"
c "the command line still lists casework" grep -qE '^adm-cw .*read-plan,casework,mailing$' "$T/adm-users"

# --- 4. the audit log: who in words, and only what changed
req "$A" GET '/admin/audit?who=tester&what=user.add'
h "audit: a command-line entry says the name, on the command line" 200 'adm-cw' 
c "…as 'tester, on the command line', not 'cli:tester'" sh -c "grep -q 'tester, on the command line' '$T/body' && ! grep -q 'cli:tester' '$T/body'"
c "…an account added says its role and nothing empty" sh -c "grep -q '<li>Role: Viewer</li>' '$T/body' && ! grep -qE 'Grants|Revokes|: none<' '$T/body'"
c "…and the grant it was added with, in words" grep -q '<li>Granted beyond the role: Handle casework</li>' "$T/body"
login "$AW" adm-nobody-here wrong-password-here
req "$A" GET '/admin/audit?what=user.signin-failed'
h "audit: a failed sign-in is by someone not signed in, with the address" 200 'Someone not signed in<br><span class="govuk-body-s">\(from 127\.0\.0\.1\)</span>'
c "…never a bare dash" sh -c "! grep -qE '<td class=\"govuk-table__cell\">-<br>' '$T/body'"
req "$A" GET '/admin/audit?who=admin2&what=user.access'
h "audit: an access change lists only what changed, in words" 200 '<li>Granted beyond the role: Import monitoring data</li>' 'Revokes: none|Grants: none|Lead initials: none|Grants:'
c "…and a grant taken back says so" grep -q '<li>No longer granted: Import monitoring data</li>' "$T/body"
c "…with no capability names" no_slugs
req "$A" GET '/admin/audit?who=admin2&what=user.role'
h "audit: a role change in the pages' words" 200 '<li>Role: from Viewer to Monitor</li>'

# --- 5. the account page: the password and the calendar address, each a
# section with its own heading, and the first address is "created"
login "$AW" adm-vi "$PW"
req "$AW" GET /account/password
h "account page: its own title and heading" 200 '<h1 class="govuk-heading-l">Your account</h1>'
c "…the password form under its own h2" grep -q '<h2 class="govuk-heading-m" id="change-password">Change your password</h2>' "$T/body"
c "…a section break between the password button and the calendar address" sh -c "tr -d '\n' <'$T/body' | grep -q 'Change password</button></form><hr class=\"govuk-section-break govuk-section-break--l govuk-section-break--visible\"><h2 class=\"govuk-heading-m\" id=\"calendar-feed\">Subscribe to the calendar</h2>'"
c "…with no address yet, the button creates one" sh -c "grep -q '>Create a calendar address</button>' '$T/body' && ! grep -q 'Make a new key' '$T/body'"
FORM_PAGE=/account/password post "$AW" /account/feed-key make=1 back=/account/password
h "creating the address (200)" 200 'Your new calendar address'
req "$AW" GET /account/password
h "…then the button makes a new key" 200 '>Make a new key</button>' 'Create a calendar address'

# --- 6. a failed sign-in blames neither field alone: the message is at
# the first field (the summary links to it) and names both
login "$AW" adm-vi wrong-password-here
h "sign-in error: one message naming both fields" 401 '<a href="#name">Enter a correct user name and password</a>' 'not right'
c "…at the user name field" grep -q '<p id="name-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Enter a correct user name and password</p>' "$T/body"
