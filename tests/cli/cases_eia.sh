# End-to-end cases for equality impact assessments (issue 19; sourced by
# run.sh): every eia command, refusals leaving the database unchanged,
# and a mitigation visible both in 'parity plan list' and in 'eia show'.
EB="$T/eia.db"
E() { "$P" --db "$EB" "$@"; }
"$P" --db "$EB" people add JW 'Jo Whitfield' >/dev/null
"$P" --db "$EB" data import "$ROOT/tests/fixtures/monitor/us-people.csv" --dataset service-users --period 2024Q1 --config "$ROOT/tests/fixtures/monitor/us-people.conf" >/dev/null

t eia-list-empty 0 'no impact assessments yet' '' -- E eia list
t eia-new 0 '^\{"id": 1\}$' '' -- E eia new 'Hybrid working policy' --owner jw --format json
t eia-evidence 0 'added evidence on ethnicity to impact assessment 1 from service-users:2024Q1' '' -- E eia evidence 1 --characteristic ethnicity --text 'Fewer Black staff work from home' --report service-users:2024Q1
t eia-assess 0 'recorded the impact on ethnicity \(advance equality of opportunity\)' '' -- E eia assess 1 --characteristic ethnicity --impact negative --aim 2 --text 'May widen the gap'
t eia-assess-again 0 'replaced the impact on ethnicity' '' -- E eia assess 1 --characteristic ethnicity --impact negative --aim 2 --text 'Likely to widen the gap'
t eia-mitigate 0 'action E1.1 in the plan' '' -- E eia mitigate 1 --text 'Offer home-working kit to all grades' --lead JW --due 2027-03-31

before=$(dump "$EB")
t eia-new-no-owner 2 '' 'give --owner INITIALS' -- E eia new 'X'
t eia-new-bad-owner 1 '' "--owner: 'ZZ' is not the initials of anyone active" -- E eia new 'X' --owner ZZ
t eia-evidence-bad-chr 1 '' "--characteristic: 'height' is not a protected characteristic" -- E eia evidence 1 --characteristic height --text x
t eia-evidence-bad-report 1 '' "--report: dataset 'service-users' has no imported period '1999'" -- E eia evidence 1 --characteristic sex --text x --report service-users:1999
t eia-evidence-missing 1 '' 'no impact assessment 9' -- E eia evidence 9 --characteristic sex --text x
t eia-assess-bad-impact 2 '' '--impact takes positive, negative, neutral or unknown' -- E eia assess 1 --characteristic sex --impact awful --text x
t eia-assess-bad-aim 2 '' '--aim takes 1, 2 or 3' -- E eia assess 1 --characteristic sex --impact neutral --aim 4 --text x
t eia-mitigate-bad-lead 1 '' "--lead: 'ZZ' is not the initials" -- E eia mitigate 1 --text x --lead ZZ --due 2027-03-31
t eia-mitigate-bad-due 1 '' 'due' -- E eia mitigate 1 --text x --lead JW --due 2027-02-30
t eia-decide-no-as 2 '' 'give --as NAME' -- E eia decide 1 --outcome adjust --text x
t eia-decide-bad-outcome 2 '' '--outcome takes proceed, adjust, justify or stop' -- E eia decide 1 --outcome maybe --text x --as 'Jo'
t eia-publish-undecided 1 '' 'has no decision yet' -- E eia publish 1
t eia-unknown-opt 2 '' 'see .parity help eia list.' -- E eia list --colour blue
c eia-refusals-unchanged test "$before" = "$(dump "$EB")"

t eia-plan-list 0 'E1\.1.*Offer home-working kit' '' -- E plan list
c eia-show-json python3 -c "
import json,subprocess
o=json.loads(subprocess.run(['$P','--db','$EB','eia','show','1','--format','json'],capture_output=True).stdout)
assert o['mitigations']==[{'text':'Offer home-working kit to all grades','action_id':'E1.1','lead':'JW','due':'2027-03-31'}], o
assert o['evidence'][0]['dataset']=='service-users' and o['evidence'][0]['period']=='2024Q1', o
assert len(o['assessments'])==1 and o['assessments'][0]['text']=='Likely to widen the gap', o"
t eia-plan-history 0 'Created from impact assessment 1 by' '' -- E plan show E1.1
t eia-decide 0 'recorded the decision on impact assessment 1: adjust' '' -- E eia decide 1 --outcome adjust --text 'Proceed with the kit offer' --as 'Jo Whitfield'
t eia-publish 0 'published impact assessment 1' '' -- E eia publish 1
before=$(dump "$EB")
t eia-published-frozen 1 '' 'is published: it can no longer be changed' -- E eia assess 1 --characteristic sex --impact neutral --text x
c eia-published-unchanged test "$before" = "$(dump "$EB")"
t eia-show 0 'decision: adjust by Jo Whitfield' '' -- E eia show 1
t eia-list 0 '^1 +published +JW +Hybrid working policy' '' -- E eia list
t eia-list-json 0 '"stage": "published"' '' -- E eia list --format json
t eia-audit 0 'eia.publish' '' -- sqlite3 "$EB" "SELECT what FROM audit_log WHERE what LIKE 'eia.%'"

# --- the stages of migration 029: screening, engagement, sign-off, review
# date, versions (revise opens a draft; each publication is kept).
t eia-new-2 0 '^\{"id": 2\}$' '' -- E eia new 'Uniform policy' --owner JW --format json
before=$(dump "$EB")
t eia-screen-bad 2 '' '--needed takes yes or no' -- E eia screen 2 --needed maybe --text x
t eia-screen-no-text 2 '' 'give --text TEXT' -- E eia screen 2 --needed yes
t eia-engage-no-with 2 '' 'give --with WHO' -- E eia engage 2 --date 2026-11-02 --text x
t eia-engage-bad-date 1 '' '--date' -- E eia engage 2 --with 'Staff network' --date 2026-02-30 --text x
t eia-engage-no-date 2 '' 'give --date DATE' -- E eia engage 2 --with 'Staff network' --text x
t eia-signoff-undecided 1 '' 'has no decision yet; sign-off comes after it' -- E eia signoff 2 --as 'Sam Reid' --role Director
t eia-signoff-no-role 2 '' 'give --role ROLE' -- E eia signoff 2 --as 'Sam Reid'
t eia-review-bad 1 '' '--date' -- E eia review 2 --date tomorrow
t eia-revise-draft 1 '' 'is not published: it is already a draft' -- E eia revise 2
t eia-show-bad-version 2 '' '--version takes' -- E eia show 2 --version x
t eia-show-no-version 1 '' 'has no version 1' -- E eia show 2 --version 1
c eia-stage-refusals-unchanged test "$before" = "$(dump "$EB")"
t eia-screen 0 'screened impact assessment 2: a full assessment is needed' '' -- E eia screen 2 --needed yes --text 'Dress rules touch religion and sex'
t eia-engage 0 'logged engagement with Staff network on 2026-11-02 in impact assessment 2' '' -- E eia engage 2 --with 'Staff network' --date 2026-11-02 --text 'Asked for head coverings to be allowed'
t eia-decide-2 0 'recorded the decision on impact assessment 2: adjust' '' -- E eia decide 2 --outcome adjust --text 'Allow head coverings' --as 'Jo Whitfield'
t eia-signoff 0 'impact assessment 2 signed off by Sam Reid \(Director\)' '' -- E eia signoff 2 --as 'Sam Reid' --role Director
t eia-review 0 'impact assessment 2 is to be reviewed by 2027-06-30' '' -- E eia review 2 --date 2027-06-30
t eia-publish-2 0 '^published impact assessment 2$' '' -- E eia publish 2
t eia-revise 0 'opened version 2 of impact assessment 2 as a draft' '' -- E eia revise 2
t eia-revised-changes 0 'recorded the impact on religion' '' -- E eia assess 2 --characteristic religion --impact positive --text 'Head coverings allowed'
t eia-show-draft 0 'version: 2' '' -- E eia show 2
t eia-list-revised 0 '^2 +decided +JW +Uniform policy' '' -- E eia list
t eia-publish-v2 0 '^published impact assessment 2 \(version 2\)$' '' -- E eia publish 2
t eia-show-v1 0 '"version": 1' '' -- E eia show 2 --version 1 --format json
c eia-show-json-stages python3 -c "
import json,subprocess
run=lambda *a: json.loads(subprocess.run(['$P','--db','$EB','eia','show','2','--format','json',*a],capture_output=True).stdout)
o=run()
assert o['version']==2 and o['stage']=='published', o
assert o['screening']=={'needed':True,'text':'Dress rules touch religion and sex'}, o
assert o['engagement']==[{'with':'Staff network','date':'2026-11-02','text':'Asked for head coverings to be allowed'}], o
assert o['signoff'] is None, o  # cleared by revise, not given again
assert o['review_date']=='2027-06-30', o
assert [v['version'] for v in o['versions']]==[1,2], o
v1=run('--version','1')
assert v1['signoff']['name']=='Sam Reid' and v1['signoff']['role']=='Director', v1
assert v1['assessments']==[], v1
o1=json.loads(subprocess.run(['$P','--db','$EB','eia','show','1','--format','json'],capture_output=True).stdout)
assert o1['screening'] is None and o1['engagement']==[] and o1['signoff'] is None and o1['version']==1, o1"
# screened out: straight to the decision and publication; the review date
# a year after publication when none is set
t eia-new-3 0 '^\{"id": 3\}$' '' -- E eia new 'Car park lighting' --owner JW --format json
t eia-screen-out 0 'no full assessment is needed' '' -- E eia screen 3 --needed no --text 'No effect on anyone in particular'
t eia-decide-3 0 'recorded the decision' '' -- E eia decide 3 --outcome proceed --text 'Go ahead' --as 'Jo Whitfield'
t eia-publish-3 0 '^published impact assessment 3$' '' -- env PARITY_NOW=1772323200 "$P" --db "$EB" eia publish 3
t eia-review-default 0 'review by: 2027-03-01' '' -- E eia show 3
t eia-screen-published 1 '' 'is published: it can no longer be changed' -- E eia screen 3 --needed yes --text x
t eia-audit-stages 0 '^5$' '' -- sqlite3 "$EB" "SELECT COUNT(DISTINCT what) FROM audit_log WHERE what IN ('eia.screen','eia.engage','eia.signoff','eia.review','eia.revise')"
