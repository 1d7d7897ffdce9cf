# Cases for the directories' counts released to the public pages (issue 19;
# sourced by run.sh): 'parity directory publish' through safe publication
# (publish_protect_grid): a small count withheld with the others that
# would reveal it, only shown counts stored, refusals leaving the database
# unchanged (no publish capability, a release too close to another, a
# threshold below 10), --dry-run releasing nothing, and the JSON.
DRB="$T/dir-release.db"
DR() { "$P" --db "$DRB" "$@"; }
drpw() { printf '%s\n' 'a-long-password-1' | DR user add "$@" --password-stdin >/dev/null; }
drpw hr2 --role viewer --grant adjustments
drpw pub2 --role viewer --grant publish
drpw both2 --role viewer --grant adjustments --grant publish
# North: equipment 14, software 3 (small); South: equipment 11, software 12;
# flexible working: South part-time 20 only; one ended before the day
for i in $(seq 1 14); do DR adjustment add "NE$i" --unit North --type equipment --start 2026-01-05 --as hr2 >/dev/null; done
for i in 1 2 3; do DR adjustment add "NS$i" --unit North --type software --start 2026-01-05 --as hr2 >/dev/null; done
for i in $(seq 1 11); do DR adjustment add "SE$i" --unit South --type equipment --start 2026-01-05 --as hr2 >/dev/null; done
for i in $(seq 1 12); do DR adjustment add "SS$i" --unit South --type software --start 2026-01-05 --as hr2 >/dev/null; done
for i in $(seq 1 20); do DR flexible add "SP$i" --unit South --type part-time --start 2026-02-01 --as hr2 >/dev/null; done
DR flexible add OLD1 --unit East --type job-share --start 2025-01-01 --end 2026-01-31 --as hr2 >/dev/null

before=$(dump "$DRB")
t drel-no-as 2 '' 'give --as USER: an account holding the publish capability' -- DR directory publish --on 2026-03-31
t drel-no-cap 1 '' 'hr2 does not hold the publish capability' -- DR directory publish --on 2026-03-31 --as hr2
t drel-low-threshold 2 '' '--threshold is a whole number from 10 to 1000' -- DR directory publish --on 2026-03-31 --as pub2 --threshold 5
t drel-bad-date 1 '' 'on' -- DR directory publish --on 2026-02-30 --as pub2
t drel-dry 0 'Not released \(a dry run\)' '' -- DR directory publish --on 2026-03-31 --as pub2 --dry-run
c drel-refusals-unchanged test "$before" = "$(dump "$DRB")"

t drel-release 0 '^Released 1: counts on 2026-03-31' '' -- DR directory publish --on 2026-03-31 --as pub2
# the 3 takes the whole 2 x 2 with it; the unit and type totals stay
c drel-json python3 -c "
import json,sqlite3
row=sqlite3.connect('$DRB').execute('SELECT on_date, threshold, released_by, tables FROM dir_release').fetchall()
assert len(row)==1 and row[0][:3]==('2026-03-31',10,'pub2'), row
d=json.loads(row[0][3])
a,f=d['tables']
assert a['kind']=='adjustment' and a['units']==['North','South'] and a['types']==['equipment','software'], a
assert a['counts']==[[None,None],[None,None]], a
assert a['unit_totals']==[17,23] and a['type_totals']==[25,15] and a['total']==40, a
assert f['units']==['South'] and f['types']==['part-time'] and f['counts']==[[20]] and f['total']==20, f
"
c drel-no-small-value-stored sh -c "! sqlite3 '$DRB' 'SELECT tables FROM dir_release' | grep -q '\b3\b'"
t drel-text-withheld 0 '^  North +\[c\] +\[c\] +17$' '' -- DR directory publish --on 2026-10-15 --as pub2 --dry-run
t drel-audit 0 'directory.publish\|cli:pub2\|directories 2026-03-31' '' -- sqlite3 "$DRB" "SELECT what, who, target FROM audit_log WHERE what = 'directory.publish'"
before=$(dump "$DRB")
t drel-too-close 1 '' 'the counts on 2026-03-31 were released already; a new release must be at least 183 days from every earlier one' -- DR directory publish --on 2026-06-30 --as pub2
t drel-same-day 1 '' 'released already' -- DR directory publish --on 2026-03-31 --as pub2
c drel-too-close-unchanged test "$before" = "$(dump "$DRB")"
t drel-json-out 0 '"release": 2' '' -- DR directory publish --on 2026-10-15 --as both2 --format json
t drel-threshold 0 '^  South +\[c\] +\[c\] +\[c\]$' '' -- DR directory publish --on 2027-06-30 --as pub2 --threshold 25 --dry-run
