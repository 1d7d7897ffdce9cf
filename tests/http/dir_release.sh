# tests/http/dir_release.sh: the directories' counts on the public pages
# (issue 19; docs/directories.md) — /public/directories opens signed out,
# says when nothing is released, shows the latest release's tables with
# [c] for withheld counts and thousands with commas, never a withheld
# value, links the earlier releases (each its own page) and answers 404
# for a release that does not exist. Sourced by tests/http/run.sh after
# the main server has stopped: serves a copy of $DB. Uses $P, $DB, $T, lib.sh.

RDB="$T/dir-release-web.db"
sqlite3 "$DB" ".backup '$RDB'"
[ -f "$DB.key" ] && cp "$DB.key" "$RDB.key"
start_server dirrel "$RDB" || { fail=$((fail+1)); echo "FAIL dir release server did not start"; return 0; }
RN="$T/dirrel-anon.jar"
rm -f "$RN"
req "$RN" GET /public/directories
h "directories: with nothing released, the page says so" 200 'No counts have been released yet'
printf '%s\n' 'a-long-password-1' | "$P" --db "$RDB" user add drhr --role viewer --grant adjustments --grant publish --password-stdin >/dev/null
# North: equipment 1,204 and software 4 (withheld, with what reveals it)
sqlite3 "$RDB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1204)
  INSERT INTO dir_arrangement (kind, person, unit, type, start_on, recorded_by, recorded_at)
  SELECT 'adjustment', 'E' || i, 'North', 'equipment', '2026-01-05', 'drhr', '2026-01-05T00:00:00Z' FROM n"
for i in 1 2 3 4; do "$P" --db "$RDB" adjustment add "NS$i" --unit North --type software --start 2026-01-05 --as drhr >/dev/null; done
for i in $(seq 1 15); do "$P" --db "$RDB" adjustment add "SS$i" --unit 'South <West>' --type software --start 2026-01-05 --as drhr >/dev/null; done
for i in $(seq 1 12); do "$P" --db "$RDB" adjustment add "SE$i" --unit 'South <West>' --type equipment --start 2026-01-05 --as drhr >/dev/null; done
"$P" --db "$RDB" directory publish --on 2026-03-31 --as drhr >/dev/null
"$P" --db "$RDB" adjustment add LATE1 --unit North --type software --start 2026-05-01 --as drhr >/dev/null
"$P" --db "$RDB" directory publish --on 2026-10-31 --as drhr >/dev/null
req "$RN" GET /public/directories
h "directories: signed out, the latest release is shown" 200 'were in place on 31 October 2026'
h "directories: …a table for each kind" 200 'Reasonable adjustments in place on 31 October 2026, by unit and type'
h "directories: …withheld counts as [c]" 200 '<td class="govuk-table__cell govuk-table__cell--numeric">\[c\]</td>'
h "directories: …the unit total with its comma" 200 '>1,209</td>'
c "directories: …never a small count" sh -c "! grep -Eq '>(4|5)</td>' '$T/body'"
h "directories: …unit names escaped" 200 'South &lt;West&gt;' '<West>'
h "directories: …the types in words" 200 '>Equipment</th>'
h "directories: …with the earlier release linked" 200 'href="/public/directories\?release=1">Counts on 31 March 2026</a>'
h "directories: …and the services" 200 'href="/public/services"'
req "$RN" GET '/public/directories?release=1'
h "directories: an earlier release on its own page" 200 'were in place on 31 March 2026' 'were in place on 31 October 2026'
req "$RN" GET '/public/directories?release=99'
h "directories: a release that does not exist is 404" 404 'There is no such release'
req "$RN" GET '/public/directories?release=x'
h "directories: …as is a number that is not one" 404 'There is no such release'
stop_server
