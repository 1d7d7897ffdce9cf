# End-to-end cases for the directories (issue 19; sourced by run.sh):
# reasonable adjustments and flexible working recorded per person by an
# account holding the adjustments capability only (refusals leave the database as it
# was), their counts by unit and type with 1 to 9 shown as "fewer than
# 10" and revealing totals withheld, and the directory of services.
DD="$T/dirs.db"
D() { "$P" --db "$DD" "$@"; }
pw() { printf '%s\n' 'a-long-password-1' | D user add "$@" --password-stdin >/dev/null; }
pw hr1 --role viewer --grant adjustments
pw an1 --role viewer --grant import-data --revoke read-plan
pw v1 --role viewer

t dir-help 0 'adjustment add' '' -- "$P" help
t dir-help-adj 0 'support-worker' '' -- "$P" help adjustment add
t dir-help-flex 0 'compressed-hours' '' -- "$P" help flexible add

# adjustments
t dir-adj-add 0 '^recorded reasonable adjustment 1$' '' -- D adjustment add E1001 --unit Finance --type equipment --start 2026-01-05 --as hr1
t dir-adj-add-json 0 '^  "id": 2$' '' -- D adjustment add E1002 --unit HR --type software --start 5/1/2026 --end 2026-02-01 --as hr1 --format json
for i in 03 04 05 06 07 08 09 10 11; do D adjustment add E10$i --unit Finance --type equipment --start 2026-01-05 --as hr1 >/dev/null; done
before=$(dump "$DD")
t dir-adj-no-as 2 '' 'give --as USER' -- D adjustment add E1 --unit Finance --type equipment --start 2026-01-05
t dir-adj-viewer 1 '' 'v1 does not hold the adjustments capability' -- D adjustment add E1 --unit Finance --type equipment --start 2026-01-05 --as v1
t dir-adj-nobody 1 '' 'no account called ghost' -- D adjustment add E1 --unit Finance --type equipment --start 2026-01-05 --as ghost
t dir-adj-bad-type 2 '' 'give --type: equipment, software, working-pattern, workplace, support-worker or other' -- D adjustment add E1 --unit Finance --type desk --start 2026-01-05 --as hr1
t dir-adj-no-unit 2 '' 'give the person.s unit with --unit' -- D adjustment add E1 --type equipment --start 2026-01-05 --as hr1
t dir-adj-no-person 2 '' 'staff number or name' -- D adjustment add --unit Finance --type equipment --start 2026-01-05 --as hr1
t dir-adj-bad-date 1 '' '--start' -- D adjustment add E1 --unit Finance --type equipment --start 2026-13-45 --as hr1
t dir-adj-end-before 1 '' '--end 2025-01-01 is before --start 2026-01-05' -- D adjustment add E1 --unit Finance --type equipment --start 2026-01-05 --end 2025-01-01 --as hr1
t dir-adj-unknown-opt 2 '' '' -- D adjustment add E1 --unit Finance --type equipment --start 2026-01-05 --as hr1 --colour red
t dir-adj-list-viewer 1 '' 'v1 does not hold the adjustments capability' -- D adjustment list --as v1
c "dir-adj refusals leave the database unchanged" test "$before" = "$(dump "$DD")"

t dir-adj-list 0 'E1001	Finance	equipment	from 2026-01-05' '' -- D adjustment list --as hr1
c "dir-adj-list leaves out the ended one" sh -c "! '$P' --db '$DD' adjustment list --as hr1 | grep -q E1002"
t dir-adj-list-all 0 'E1002	HR	software	from 2026-01-05 to 2026-02-01' '' -- D adjustment list --all --as hr1
t dir-adj-list-unit 0 '"person": "E1002"' '' -- D adjustment list --all --unit HR --as hr1 --format json
t dir-adj-end 0 '^reasonable adjustment 11 ends on 2026-06-30$' '' -- D adjustment end 11 --on 2026-06-30 --as hr1
before=$(dump "$DD")
t dir-adj-end-again 1 '' 'reasonable adjustment 11 already ended on 2026-06-30' -- D adjustment end 11 --on 2026-07-01 --as hr1
t dir-adj-end-none 1 '' 'no reasonable adjustment 99' -- D adjustment end 99 --as hr1
t dir-adj-end-bad-id 2 '' "give the arrangement's number" -- D adjustment end x --as hr1
t dir-adj-end-early 1 '' '2025-01-01 is before it started \(2026-01-05\)' -- D adjustment end 3 --on 2025-01-01 --as hr1
t dir-adj-end-viewer 1 '' 'v1 does not hold' -- D adjustment end 3 --as v1
c "dir-adj-end refusals leave the database unchanged" test "$before" = "$(dump "$DD")"
c "dir-adj audit log names the number only" sh -c "sqlite3 '$DD' \"SELECT what||' '||target FROM audit_log WHERE what LIKE 'adjustment.%'\" | grep -q '^adjustment.end adjustment 11$' && ! sqlite3 '$DD' 'SELECT * FROM audit_log' | grep -q E1001"

# flexible working
t dir-flex-add 0 '^recorded flexible working arrangement 12$' '' -- D flexible add E2001 --unit HR --type part-time --start 2026-02-01 --as hr1
t dir-flex-bad-type 2 '' 'part-time, compressed-hours, term-time, remote-hybrid, job-share, flexitime or other' -- D flexible add E2 --unit HR --type nights --start 2026-02-01 --as hr1
t dir-flex-list 0 'E2001	HR	part-time' '' -- D flexible list --as hr1
c "dir-flex-list leaves out adjustments" sh -c "! '$P' --db '$DD' flexible list --as hr1 | grep -q E1001"
t dir-flex-end 0 '^flexible working arrangement 12 ends on 2026-03-01$' '' -- D flexible end 12 --on 2026-03-01 --as hr1
t dir-flex-end-adj 1 '' 'no flexible working arrangement 1' -- D flexible end 1 --as hr1

# counts: Finance has 10 equipment on 2026-03-01 (one more ended in June),
# so on 2026-07-01 nine: "fewer than 10", and the totals withheld
t dir-counts 0 'Finance	equipment	10$' '' -- D directory counts --on 2026-03-01 --as hr1
t dir-counts-small 0 'Finance	equipment	fewer than 10' '' -- D directory counts --on 2026-07-01 --as hr1
t dir-counts-total 0 'Finance	all types	10$' '' -- D directory counts --on 2026-03-01 --as hr1
t dir-counts-withheld 0 'all units	all types	withheld' '' -- D directory counts --on 2026-07-01 --as hr1
c "dir-counts never print a count from 1 to 9" sh -c "! '$P' --db '$DD' directory counts --on 2026-07-01 --as hr1 | grep -qE '	[1-9]$'"
t dir-counts-flex-small 0 'HR	part-time	fewer than 10' '' -- D directory counts --on 2026-02-15 --as hr1
t dir-counts-json 0 '"count": "fewer than 10"' '' -- D directory counts --on 2026-07-01 --as hr1 --format json
c "dir-counts json holds no count from 1 to 9" sh -c "'$P' --db '$DD' directory counts --on 2026-07-01 --as hr1 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); v=[c[\"count\"] for k in (\"adjustment\",\"flexible\") for c in d[k][\"counts\"]]+[t[\"total\"] for k in (\"adjustment\",\"flexible\") for t in d[k][\"unit_totals\"]]+[d[k][\"total\"] for k in (\"adjustment\",\"flexible\")]; sys.exit(any(isinstance(x,int) and 1<=x<=9 for x in v))'"
t dir-counts-viewer 0 'Finance	equipment	fewer than 10' '' -- D directory counts --on 2026-07-01 --as v1
t dir-counts-neither 1 '' 'an1 holds neither the adjustments nor the read-plan capability' -- D directory counts --as an1
t dir-adj-import-data 1 '' 'an1 does not hold the adjustments capability' -- D adjustment list --as an1
t dir-counts-no-as 2 '' 'give --as USER' -- D directory counts
t dir-counts-format 2 '' '--format takes text or json' -- D directory counts --as hr1 --format csv

t dir-doc-list-unit 0 'E1001	Finance' '' -- D adjustment list --unit Finance --as hr1
c "dir-doc-list-unit keeps one unit's" sh -c "! '$P' --db '$DD' adjustment list --unit Finance --all --as hr1 | grep -q HR"
t dir-doc-counts-today 0 '"on": "20[0-9]{2}-' '' -- D directory counts --as hr1 --format json
t dir-doc-flex-list 0 '' '' -- D flexible list --as hr1

# services
t dir-svc-add 0 '^added Quiet room to the directory of services$' '' -- D service add 'Quiet room' --kind faith-room --contact 'Facilities, ext 4000' --where 'Floor 2, room 2.14'
t dir-svc-add-url 0 'added' '' -- D service add 'Race equality network' --kind network --contact 'ren@example.org' --url https://example.org/ren
before=$(dump "$DD")
t dir-svc-dup 1 '' 'already a service called Quiet room' -- D service add 'Quiet room' --kind other --contact x
t dir-svc-bad-kind 2 '' 'give --kind: network, support, interpreter, faith-room or other' -- D service add Y --kind club --contact x
t dir-svc-bad-url 2 '' '--url takes a web address starting https://' -- D service add Y --kind other --contact x --url 'javascript:alert(1)'
t dir-svc-no-contact 2 '' 'give how to reach it with --contact' -- D service add Y --kind other
t dir-svc-remove-none 1 '' 'no service called Nope' -- D service remove Nope
c "dir-svc refusals leave the database unchanged" test "$before" = "$(dump "$DD")"
t dir-svc-list 0 'Quiet room	faith-room	Facilities, ext 4000	-	Floor 2, room 2.14' '' -- D service list
t dir-svc-list-json 0 '"url": "https://example.org/ren"' '' -- D service list --format json
t dir-svc-remove 0 '^removed Quiet room from the directory of services$' '' -- D service remove 'Quiet room'
c "dir-svc-remove took it off" sh -c "! '$P' --db '$DD' service list | grep -q 'Quiet room'"
