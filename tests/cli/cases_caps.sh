# End-to-end cases for capabilities on the command line (issue 13):
# user add --grant/--revoke, user set, user list, serve --list-routes,
# lead initials, and migration 008 keeping every account's rights.
# Sourced by tests/cli/run.sh.
K="$T/caps.db"
addu() { local n=$1; shift; printf 'long-enough-pw\n' | "$P" --db "$K" user add "$n" "$@" --password-stdin; }
t caps-add-grant 0 'added user dana \(viewer\); capabilities: read-plan, import-data$' '' -- addu dana --role viewer --grant import-data
t caps-add-revoke 0 'capabilities: read-plan, update-any-action, import-data, publish$' '' -- addu mona --role monitor --revoke handle-flags --revoke update-own-actions
t caps-add-casework 0 'capabilities: read-plan, casework$' '' -- addu case --role viewer --grant casework
t caps-add-unknown 2 '' "unknown capability 'boss'; the capabilities are read-plan, update-own-actions, update-any-action, import-data, handle-flags, manage-users, read-audit, casework, mailing, publish" -- addu bob --role viewer --grant boss
t caps-add-unknown-revoke 2 '' "unknown capability 'Read-Plan'" -- addu bob --role viewer --revoke Read-Plan
t caps-add-both 2 '' '--grant and --revoke both name import-data' -- addu bob --role viewer --grant import-data --revoke import-data
t caps-add-grant-had 0 'added user ada' 'warning: the role admin already has read-audit' -- addu ada --role admin --grant read-audit
t caps-add-revoke-had-not 0 'added user vic' 'warning: the role viewer does not have import-data; nothing to revoke' -- addu vic --role viewer --revoke import-data
t caps-add-own-needs-initials 2 '' 'needs --lead-initials' -- addu bob --role viewer --grant update-own-actions
t caps-add-own-with-any 0 'update-own-actions, update-any-action' '' -- addu edi --role viewer --grant update-own-actions --grant update-any-action
c caps-admin-has-no-casework sh -c "'$P' --db '$K' user list | grep -E '^ada ' | grep -qv casework"
t caps-list 0 '^dana +viewer +- +active +read-plan,import-data$' '' -- "$P" --db "$K" user list
c caps-list-header sh -c "'$P' --db '$K' user list | head -1 | grep -qE '^NAME +ROLE +LEADS +STATE +CAPABILITIES$'"

# lead initials: letters only, 1 to 8 each (issue 13, finding 12): the
# old code wrote them into the audit JSON with snprintf.
t caps-initials-forge 2 '' "lead initials are letters only \(A to Z\)" -- addu forge --role lead --lead-initials 'x","role":"admin'
t caps-initials-quote 2 '' 'letters only' -- addu quote --role lead --lead-initials 'J"S'
t caps-initials-long 2 '' '1 to 8 letters each' -- addu longi --role lead --lead-initials ABCDEFGHI
t caps-initials-digits 2 '' 'letters only' -- addu digi --role lead --lead-initials J5
t caps-initials-several 0 'added user two' '' -- addu two --role lead --lead-initials 'JS,hr'
c caps-initials-refused-left-nothing sh -c "[ \$(sqlite3 '$K' \"SELECT count(*) FROM web_user WHERE name IN ('forge','quote','longi','digi')\") = 0 ]"
c caps-audit-json-valid sh -c "[ \$(sqlite3 '$K' \"SELECT count(*) FROM audit_log WHERE after IS NOT NULL AND NOT json_valid(after)\") = 0 ]"
c caps-audit-add-json sh -c "sqlite3 '$K' \"SELECT after FROM audit_log WHERE what='user.add' AND target='dana'\" | grep -qx '{\"role\":\"viewer\",\"grants\":\\[\"import-data\"\\],\"revokes\":\\[\\],\"lead_initials\":\"\"}'"

# user set
t caps-set-grant 0 '^dana: role viewer; capabilities: read-plan, import-data, handle-flags$' '' -- "$P" --db "$K" user set dana --grant handle-flags
t caps-set-revoke-grant 0 'capabilities: read-plan, handle-flags$' '' -- "$P" --db "$K" user set dana --revoke import-data
t caps-set-revoke-bundle 0 'capabilities: handle-flags$' '' -- "$P" --db "$K" user set dana --revoke read-plan
t caps-set-grant-back 0 'capabilities: read-plan, handle-flags$' '' -- "$P" --db "$K" user set dana --grant read-plan
c caps-set-stored-as-differences sh -c "[ \"\$(sqlite3 '$K' \"SELECT c.cap || c.granted FROM web_user_cap c JOIN web_user u ON u.id = c.user_id WHERE u.name = 'dana'\")\" = handle-flags1 ]"
t caps-set-role-keeps 0 'dana: role monitor; capabilities: read-plan, update-any-action, import-data, handle-flags, publish$' '' -- "$P" --db "$K" user set dana --role monitor --revoke update-own-actions
c caps-set-role-drops-redundant sh -c "[ \"\$(sqlite3 '$K' \"SELECT c.cap || c.granted FROM web_user_cap c JOIN web_user u ON u.id = c.user_id WHERE u.name = 'dana'\")\" = update-own-actions0 ]"
t caps-set-lead-needs-initials 2 '' 'give --lead-initials' -- "$P" --db "$K" user set vic --role lead
t caps-set-lead 0 'vic: role lead; capabilities: read-plan, update-own-actions$' '' -- "$P" --db "$K" user set vic --role lead --lead-initials VB
t caps-set-nothing 2 '' 'say what to change' -- "$P" --db "$K" user set vic
t caps-set-unknown-user 1 '' 'no user zed' -- "$P" --db "$K" user set zed --grant read-audit
t caps-set-unknown-cap 2 '' "unknown capability 'audit'" -- "$P" --db "$K" user set vic --grant audit
t caps-set-bad-initials 2 '' 'letters only' -- "$P" --db "$K" user set vic --lead-initials 'V"B'
c caps-set-audited sh -c "[ \$(sqlite3 '$K' \"SELECT count(*) FROM audit_log WHERE what = 'user.access' AND who = 'cli:tester' AND json_valid(before) AND json_valid(after)\") = 6 ]"
t caps-set-help 0 'usage: parity user set NAME' '' -- "$P" help user set
t caps-set-unknown-option 2 '' "unknown option '--capability'" -- "$P" --db "$K" user set vic --capability read-plan

t caps-list-routes 0 '^POST /monitoring/upload import-data$' '' -- "$P" --db "$K" serve --list-routes
c caps-list-routes-every-line sh -c "'$P' --db '$K' serve --list-routes | awk 'NF != 3 { exit 1 } \$1 != \"GET\" && \$1 != \"POST\" { exit 1 }'"
t caps-list-routes-plan 0 '^POST /plan/action/\* update-own-actions\|update-any-action$' '' -- "$P" --db "$K" serve --list-routes

# Migration 008 on a database made before it: accounts of every role keep
# exactly their rights (the bundles are the old roles). The database is
# taken back to schema 7 by hand, as an older parity left it (the account
# columns later migrations add dropped too: 017's email and reminders).
M="$T/caps-old.db"
for r in viewer lead monitor admin; do
  printf 'long-enough-pw\n' | "$P" --db "$M" user add "old-$r" --role "$r" --lead-initials OL --password-stdin >/dev/null
done
sqlite3 "$M" "DROP TABLE web_user_cap; ALTER TABLE web_user DROP COLUMN email; ALTER TABLE web_user DROP COLUMN reminders; DELETE FROM schema_version WHERE version >= 8; UPDATE web_user SET lead_initials = 'ABCDEFGHIJKLMNOPQ' WHERE name = 'old-viewer'"
t caps-migrate 0 '^old-admin +admin +OL +active +read-plan,update-own-actions,update-any-action,import-data,handle-flags,manage-users,read-audit,publish$' '' -- "$P" --db "$M" user list
c caps-migrate-lead sh -c "'$P' --db '$M' user list | grep -qE '^old-lead +lead +OL +active +read-plan,update-own-actions\$'"
c caps-migrate-monitor sh -c "'$P' --db '$M' user list | grep -qE '^old-monitor +monitor +OL +active +read-plan,update-own-actions,update-any-action,import-data,handle-flags,publish\$'"
c caps-migrate-viewer-bad-initials-none sh -c "'$P' --db '$M' user list | grep -qE '^old-viewer +viewer +- +active +read-plan\$'"
c caps-migrate-version sh -c "[ \$(sqlite3 '$M' 'SELECT max(version) FROM schema_version') -ge 8 ]"

# Regression: the user commands (and serve) ignored $PARITY_DB and wrote
# the account into a temporary database that vanished.
E="$T/caps-env.db"
t caps-env-db-add 0 'added user envy' '' -- sh -c "printf 'long-enough-pw\n' | PARITY_DB='$E' '$P' user add envy --role viewer --password-stdin"
t caps-env-db-list 0 '^envy +viewer' '' -- env PARITY_DB="$E" "$P" user list
t caps-env-db-set 0 'envy: role viewer; capabilities: read-plan, read-audit' '' -- env PARITY_DB="$E" "$P" user set envy --grant read-audit
