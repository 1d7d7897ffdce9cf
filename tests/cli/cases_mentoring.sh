# End-to-end cases for mentoring (issue 18; sourced by run.sh): profiles
# only with mentoring consent, matches scored and explained, the
# allocation checked on cases whose best answer is known — one where each
# mentee taking their own best mentor (greedy) is worse than the global
# allocation, and line-manager exclusions — a pairing's life, withdrawn
# consent, outcomes imported into monitoring and published with small
# counts suppressed, subject access and erasure.
NB="$T/mentoring.db"
N() { "$P" --db "$NB" "$@"; }
today=$(date +%F)
for x in "amy London" "bo London" "xia London" "yan London" "cal Wales" "dee Wales" "eve Wales" "fay Scotland"; do
  set -- $x
  N member add "$1@example.org" --name "${1^} Test" --region "$2" --consent mentoring --how paper >/dev/null
done
N member add gus@example.org --name 'Gus Test' --region Wales >/dev/null

t men-help 0 'mentor suggest' '' -- "$P" help
t men-help-offer 0 'parity mentor offer ben@example.org' '' -- "$P" help mentor offer
t men-areas 0 '^interview-skills	Interview skills' '' -- N mentor areas
t men-profiles-empty 0 'no mentoring profiles yet' '' -- N mentor profiles
t men-list-empty 0 'no mentoring pairings yet' '' -- N mentor list

# bad input: a clear message, the database unchanged
before=$(dump "$NB")
t men-no-consent 1 '' 'gus@example.org has not agreed to mentoring; record their consent first: parity consent give gus@example.org mentoring' -- N mentor offer gus@example.org --areas promotion
t men-bad-area 2 '' "--areas: 'golf' is not an area of mentoring; the areas are promotion, " -- N mentor seek amy@example.org --areas promotion,golf
t men-no-areas 2 '' 'usage: parity mentor seek EMAIL --areas' -- N mentor seek amy@example.org
t men-capacity-mentee 2 '' '--capacity is for mentors' -- N mentor seek amy@example.org --areas promotion --capacity 2
t men-bad-capacity 2 '' '--capacity takes a number of mentees from 1 to 10' -- N mentor offer xia@example.org --areas promotion --capacity 11
t men-bad-lm 1 '' "the line manager 'dee' is not an email address" -- N mentor seek cal@example.org --areas promotion --line-manager dee
t men-own-lm 1 '' 'not their own line manager' -- N mentor seek cal@example.org --areas promotion --line-manager cal@example.org
t men-unknown-member 1 '' 'no member with email zz@example.org' -- N mentor seek zz@example.org --areas promotion
t men-unknown-opt 2 '' '' -- N mentor seek amy@example.org --areas promotion --colour blue
t men-withdraw-none 1 '' 'has no mentor profile; nothing to withdraw' -- N mentor withdraw amy@example.org --role mentor
c men-bad-input-unchanged test "$before" = "$(dump "$NB")"

# A known best answer. amy seeks 3 areas, bo 1; xia offers all 3, yan 2;
# each mentor takes 1. amy's own best is xia (36 against yan's 26), but
# bo can only have xia: greedy gives 36, the best allocation amy-yan and
# bo-xia 26 + 16 = 42. cal's line manager is dee: dee (her line manager)
# and eve (same line manager) are never suggested; fay (another region,
# not both remote) is.
t men-seek 0 '^recorded mentee profile of amy@example.org: promotion,interview-skills,confidence$' '' -- N mentor seek amy@example.org --areas 'promotion, interview-skills,confidence'
N mentor seek bo@example.org --areas confidence >/dev/null
t men-offer 0 'recorded mentor profile of xia@example.org: promotion,interview-skills,confidence; 1 mentee at once' '' -- N mentor offer xia@example.org --areas promotion,interview-skills,confidence --capacity 1
N mentor offer yan@example.org --areas promotion,interview-skills --capacity 1 >/dev/null
t men-seek-lm 0 'recorded mentee profile of cal@example.org' '' -- N mentor seek cal@example.org --areas first-management-post --line-manager DEE@example.org
N mentor offer dee@example.org --areas first-management-post >/dev/null
N mentor offer eve@example.org --areas first-management-post --line-manager dee@example.org >/dev/null
t men-offer-remote 0 'willing to meet remotely' '' -- N mentor offer fay@example.org --areas first-management-post --remote
t men-offer-again 0 'replaced mentor profile of fay@example.org' '' -- N mentor offer fay@example.org --areas first-management-post --remote
t men-profiles 0 'mentor	xia@example.org	Xia Test	London	promotion,interview-skills,confidence	0 of 1 places taken' '' -- N mentor profiles
t men-profiles-json 0 '"line_manager": "dee@example.org"' '' -- N mentor profiles --format json
t men-suggest 0 '36  xia@example.org: 3 areas in common \(applying for promotion, interview skills, confidence at work\): \+30; same region \(London\): \+4; the mentor has no mentees now \(1 place\): \+2; score 36$' '' -- N mentor suggest
t men-suggest-total 0 'total 54' '' -- N mentor suggest
t men-suggest-lm 0 "dee@example.org: not suggested: the mentor is the mentee's line manager" '' -- N mentor suggest cal@example.org
t men-suggest-same-lm 0 'eve@example.org: not suggested: they have the same line manager' '' -- N mentor suggest cal@example.org
t men-suggest-not-mentee 1 '' 'xia@example.org has no mentee profile' -- N mentor suggest xia@example.org
c men-allocation-best python3 -c "
import json,subprocess
d=json.loads(subprocess.run(['$P','--db','$NB','mentor','suggest','--format','json'],capture_output=True).stdout)
a={x['mentee']:(x['mentor'],x['score']) for x in d['allocation']}
assert a=={'amy@example.org':('yan@example.org',26),'bo@example.org':('xia@example.org',16),'cal@example.org':('fay@example.org',12)}, a
assert d['total']==54, d['total']
amy=[m for m in d['mentees'] if m['email']=='amy@example.org'][0]
best=max((c for c in amy['candidates'] if not c['excluded']), key=lambda c:c['score'])
assert best['mentor']=='xia@example.org' and best['score']==36, best  # greedy's choice: worse overall
cal=[m for m in d['mentees'] if m['email']=='cal@example.org'][0]
ex={c['mentor'] for c in cal['candidates'] if c['excluded']}
assert {'dee@example.org','eve@example.org'} <= ex, ex"
# the mentor's own line manager being the mentee (reverse) is excluded too
N consent give gus@example.org mentoring --how paper >/dev/null
N mentor offer gus@example.org --areas confidence --line-manager bo@example.org >/dev/null
t men-pair-lm-reverse 1 '' "bo@example.org and gus@example.org cannot be paired: the mentee is the mentor's line manager" -- N mentor pair bo@example.org gus@example.org
t men-pair-lm 1 '' "cal@example.org and dee@example.org cannot be paired: the mentor is the mentee's line manager" -- N mentor pair cal@example.org dee@example.org
t men-pair-same-lm 1 '' 'cannot be paired: they have the same line manager' -- N mentor pair cal@example.org eve@example.org
t men-pair-self 1 '' 'has no mentee profile' -- N mentor pair xia@example.org xia@example.org
t men-pair-no-area 1 '' 'cannot be paired: no area in common' -- N mentor pair bo@example.org yan@example.org

# withdrawn consent: the profile stops being suggested
N consent withdraw bo@example.org mentoring --how email >/dev/null
c men-consent-withdrawn-not-suggested sh -c "! '$P' --db '$NB' mentor suggest | grep -q '^bo@'"
t men-consent-withdrawn-profiles 0 'bo@example.org.*consent withdrawn: not suggested' '' -- N mentor profiles
t men-consent-withdrawn-pair 1 '' 'the mentee has withdrawn consent to mentoring' -- N mentor pair bo@example.org xia@example.org
t men-consent-withdrawn-alloc 0 'amy@example.org -> xia@example.org \(score 36\)' '' -- N mentor suggest
N consent give bo@example.org mentoring --how email >/dev/null

# a pairing's life
t men-pair 0 '^pairing 1 agreed: amy@example.org mentored by yan@example.org \(score 26\)$' '' -- N mentor pair amy@example.org yan@example.org --as coordinator
t men-pair-again 1 '' 'amy@example.org has a mentor already \(pairing 1\); end that pairing first' -- N mentor pair amy@example.org xia@example.org
t men-pair-full 1 '' 'the mentor is full \(1 of 1 places taken\)|no area in common' -- N mentor pair bo@example.org yan@example.org
t men-suggest-after 0 'bo@example.org -> xia@example.org' '' -- N mentor suggest
c men-suggest-after-no-amy sh -c "! '$P' --db '$NB' mentor suggest | grep -q '^amy@'"
t men-meeting 0 "logged a meeting of pairing 1 on $today" '' -- N mentor meeting 1 --date "$today" --note 'CV review'
t men-meeting-future 1 '' 'in the future' -- N mentor meeting 1 --date 2099-01-01
t men-meeting-before 1 '' 'before the pairing was agreed' -- N mentor meeting 1 --date 2001-01-01
t men-meeting-no-date 2 '' 'usage: parity mentor meeting PAIR_ID --date DATE' -- N mentor meeting 1
t men-meeting-bad-id 2 '' "'x' is not a pairing number" -- N mentor meeting x --date "$today"
t men-meeting-missing 1 '' 'no mentoring pairing number 9' -- N mentor meeting 9 --date "$today"
t men-show 0 'mentor: Yan Test \(yan@example.org\)' '' -- N mentor show 1
t men-show-json 0 '"note": "CV review"' '' -- N mentor show 1 --format json
t men-list 0 "^1	agreed	amy@example.org -> yan@example.org	agreed $today	1 meeting$" '' -- N mentor list
t men-end-bad-rating 2 '' '--rating takes a number from 1 \(poor\) to 5' -- N mentor end 1 --rating 6
t men-end 0 'ended pairing 1' '' -- N mentor end 1 --feedback 'Very helpful' --rating 5
t men-end-again 1 '' 'pairing 1 ended on .* already' -- N mentor end 1
t men-meeting-ended 1 '' 'meetings are logged only while a pairing goes on' -- N mentor meeting 1 --date "$today"
c men-list-json python3 -c "
import json,subprocess
a=json.loads(subprocess.run(['$P','--db','$NB','mentor','list','--format','json'],capture_output=True).stdout)
assert len(a)==1 and a[0]['status']=='ended' and a[0]['rating']==5 and a[0]['feedback']=='Very helpful' and a[0]['meetings']==1, a"
c men-audit test "$(sqlite3 "$NB" "SELECT COUNT(*) FROM audit_log WHERE what LIKE 'mentor.%' AND COALESCE(target,'') || COALESCE(after,'') NOT LIKE '%@%'")" -gt 10
t men-withdraw 0 'withdrew the mentor profile of gus@example.org' '' -- N mentor withdraw gus@example.org --role mentor

# outcomes by group: imported into monitoring, published with small counts suppressed
N member update amy@example.org --equality ethnicity=B1 >/dev/null
N member update bo@example.org --equality ethnicity=W1 >/dev/null
t men-outcome 0 'recorded the 2026 outcome of amy@example.org' '' -- N mentor outcome amy@example.org --period 2026 --applied yes --promoted no
N mentor outcome bo@example.org --period 2026 --applied no >/dev/null
N mentor outcome cal@example.org --period 2026 --applied yes --promoted yes >/dev/null
t men-outcome-not-mentee 1 '' 'has never been a mentee' -- N mentor outcome xia@example.org --period 2026 --applied yes
t men-outcome-bad-period 2 '' '--period takes a year such as 2026' -- N mentor outcome amy@example.org --period 2026Q1 --applied yes
t men-outcome-nothing 2 '' 'give --applied yes\|no, --promoted yes\|no or both' -- N mentor outcome amy@example.org --period 2026
t men-outcome-bad-yes 2 '' '--applied takes yes or no' -- N mentor outcome amy@example.org --period 2026 --applied maybe
t men-outcomes-none 1 '' 'no mentee.s outcome is recorded for 2025' -- N mentor outcomes --period 2025
t men-outcomes-bad-char 2 '' "'shoe' is not a protected characteristic" -- N mentor outcomes --period 2026 --characteristic shoe
t men-outcomes 0 'imported the 2026 outcomes of 3 mentees by ethnicity as dataset mentoring' '' -- N mentor outcomes --period 2026 --characteristic ethnicity --dataset mentoring
c men-outcomes-no-counts sh -c "! '$P' --db '$NB' mentor outcomes --period 2026 | grep -qiE 'Black|White'"
t men-report 0 'Diversity report: mentoring, 2026' '' -- N report diversity --dataset mentoring --period 2026
t men-release 0 'released mentoring, 2026' '' -- N publish release --dataset mentoring --period 2026 --as analyst
c men-release-suppressed python3 -c "
import json,subprocess
d=json.loads(subprocess.run(['$P','--db','$NB','publish','tables','--dataset','mentoring','--period','2026','--format','json'],capture_output=True).stdout)
assert d['released'] is True
for c in d['cells']:
    assert c['value'] is None or c['value']==0 or c['value']>=10, c   # no count from 1 to 9
assert any(c['status']=='primary' for c in d['cells'])"

# subject access and erasure
c men-export python3 -c "
import json,subprocess
d=json.loads(subprocess.run(['$P','--db','$NB','member','export','amy@example.org'],capture_output=True).stdout)
m=d['mentoring']
assert m['profiles'][0]['role']=='mentee' and m['pairings'][0]['with']=='Yan Test' and m['pairings'][0]['meetings'][0]['note']=='CV review', m
assert m['outcomes'][0]=={'period':'2026','applied':True,'promoted':False}, m"
t men-erase 0 '' '' -- N member erase dee@example.org --reason 'request by the member'
c men-erase-lm-gone test "$(sqlite3 "$NB" "SELECT COUNT(*) FROM net_mentor_profile WHERE line_manager LIKE '%dee%'")" = 0
t men-erase-lm-kept 0 'eve@example.org: not suggested: they have the same line manager' '' -- N mentor suggest cal@example.org
N member erase amy@example.org --reason 'request by the member' >/dev/null
c men-erase-gone test "$(sqlite3 "$NB" "SELECT (SELECT COUNT(*) FROM net_mentor_profile p JOIN net_member m ON m.id = p.member_id WHERE m.status = 'erased') + (SELECT COUNT(*) FROM net_mentor_outcome o JOIN net_member m ON m.id = o.member_id WHERE m.status = 'erased') + (SELECT COUNT(*) FROM net_mentor_pair WHERE feedback <> '' OR mentee_id IN (SELECT id FROM net_member WHERE status = 'erased'))")" = 0
c men-erase-no-email sh -c "sqlite3 '$NB' 'PRAGMA wal_checkpoint(TRUNCATE); VACUUM;' >/dev/null; ! grep -qa 'amy@example.org' '$NB'"
t men-show-erased 0 'mentee: an erased member' '' -- N mentor show 1
