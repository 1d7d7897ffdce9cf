# tests/http/services.sh: the public directory of services (issue 19;
# docs/directories.md) — /public/services opens signed out, lists each
# service with its kind in words, contact, place and web address, escapes
# what was typed, and says so when there are none. Sourced by
# tests/http/run.sh after the main server has stopped: serves a copy of
# $DB. Uses $P, $DB, $T and lib.sh.

SDB="$T/services.db"
sqlite3 "$DB" ".backup '$SDB'"
[ -f "$DB.key" ] && cp "$DB.key" "$SDB.key"
start_server services "$SDB" || { fail=$((fail+1)); echo "FAIL services server did not start"; return 0; }
SN="$T/svc-anon.jar"
rm -f "$SN"
req "$SN" GET /public/services
h "services: with none listed, the page says so" 200 'No services are listed yet'
"$P" --db "$SDB" service add 'Quiet room' --kind faith-room --contact 'Facilities, ext 4000' --where 'Floor 2, room 2.14' >/dev/null
"$P" --db "$SDB" service add 'Race equality network' --kind network --contact 'ren@example.org' --url 'https://example.org/ren?a=1&b=2' >/dev/null
"$P" --db "$SDB" service add '<script>alert(1)</script>' --kind other --contact '"quoted" & <b>' >/dev/null
req "$SN" GET /public/services
h "services: signed out, the page lists them" 200 'Quiet room' 'No services are listed yet'
h "services: …with the kind in words" 200 'Faith room'
h "services: …contact and where" 200 'Floor 2, room 2.14'
h "services: …and the web address as a link, escaped" 200 'href="https://example.org/ren\?a=1&amp;b=2"'
h "services: what was typed is escaped" 200 '&lt;script&gt;alert\(1\)&lt;/script&gt;' '<script>alert'
h "services: …contact too" 200 '&quot;quoted&quot; &amp; &lt;b&gt;'
"$P" --db "$SDB" service remove 'Quiet room' >/dev/null
req "$SN" GET /public/services
h "services: a removed service is gone from the page" 200 'Race equality network' 'Quiet room'
stop_server
