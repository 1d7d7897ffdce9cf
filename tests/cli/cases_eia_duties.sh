# Cases for the duties an impact assessment serves and the plan's duty
# coverage counting it (issue 19; sourced by run.sh): 'parity eia duties',
# its refusals leaving the database unchanged, and 'plan report' in text,
# Markdown, HTML and JSON before and after, and after a decision to stop.
ED="$T/eia-duties.db"
EDU() { "$P" --db "$ED" "$@"; }
"$P" --db "$ED" plan import "$ROOT/data/demo/action-plan.md" --as t >/dev/null
"$P" --db "$ED" plan duties set 4 'Assess the effect of policies on equality' >/dev/null
"$P" --db "$ED" plan duties set 13 'Publish equality objectives' >/dev/null
"$P" --db "$ED" eia new 'Hybrid working policy' --owner HRB >/dev/null
"$P" --db "$ED" eia new 'Estates review' --owner MD >/dev/null
cov() { # DUTY FIELD: one field of a duty's row of the report's JSON
  "$P" --db "$ED" plan report --as-of 2026-12-01 --format json |
    python3 -c "import json,sys; d=[x for x in json.load(sys.stdin)['duty_coverage'] if x['duty']==$1][0]; print(json.dumps(d['$2']))"
}

t eiad-none-yet 0 'impact assessment 1 serves none of the plan.s duties' '' -- EDU eia duties 1
c eiad-gap-before test "$(cov 13 covered)" = false
t eiad-text-gap-before 0 'Duty 13 +0 +0 +0 +0 +0  Publish equality objectives  <-- NO LIVE ACTION OR OTHER WORK' '' -- EDU plan report --as-of 2026-12-01
before=$(dump "$ED")
t eiad-bad-duty 1 '' "duty 99 is not one of the plan's duties \(the plan has: 1, 2, .* and 13\)" -- EDU eia duties 1 --duty 99
t eiad-bad-number 2 '' "--duty: 'four' is not a duty's number" -- EDU eia duties 1 --duty four
t eiad-no-eia 1 '' 'no impact assessment 7' -- EDU eia duties 7 --duty 4
t eiad-both 2 '' 'give --duty N or --none, not both' -- EDU eia duties 1 --duty 4 --none
t eiad-no-id 2 '' 'give the assessment.s number' -- EDU eia duties --duty 4
t eiad-one-bad-of-two 1 '' 'duty 14 is not one' -- EDU eia duties 1 --duty 4 --duty 14
c eiad-refusals-unchanged test "$before" = "$(dump "$ED")"

t eiad-set 0 '^impact assessment 1 serves duties 4 and 13$' '' -- EDU eia duties 1 --duty 13 --duty 4
t eiad-json 0 '^\{"id": 1, "duties": \[4, 13\]\}$' '' -- EDU eia duties 1 --format json
t eiad-set-2 0 '^impact assessment 2 serves duty 4$' '' -- EDU eia duties 2 --duty 4
c eiad-covered-by-work test "$(cov 13 covered)" = true
c eiad-still-no-live-action test "$(cov 13 no_live_action)" = true
c eiad-work-json test "$(cov 13 other_work)" = '[{"kind": "Impact assessment", "ref": "1", "title": "Hybrid working policy", "live": true}]'
c eiad-duty4-two test "$(cov 4 other_work | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 2
t eiad-text-covered 0 'Duty 13 +0 +0 +0 +0 +1  Publish equality objectives$' '' -- EDU plan report --as-of 2026-12-01
t eiad-text-list 0 '^  Duty 13: Impact assessment 1: Hybrid working policy$' '' -- EDU plan report --as-of 2026-12-01
t eiad-md 0 '^\| 13 \| Publish equality objectives \| 0 \| 0 \| 0 \| 0 \| 1 \| by other work \|$' '' -- EDU plan report --as-of 2026-12-01 --format md
t eiad-html 0 '<li>Duty 13: Impact assessment 1: Hybrid working policy</li>' '' -- EDU plan report --as-of 2026-12-01 --format html
t eiad-audit 0 'eia.duties' '' -- sqlite3 "$ED" "SELECT what FROM audit_log WHERE target = 'eia 1'"

# a decision to stop the policy ends its place in the coverage
EDU eia decide 1 --outcome stop --text 'Not going ahead' --as 'Helen Rees-Bowen' >/dev/null
c eiad-stopped-gap test "$(cov 13 covered)" = false
t eiad-stopped-listed 0 'Duty 13: Impact assessment 1: Hybrid working policy \(no longer live\)' '' -- EDU plan report --as-of 2026-12-01
t eiad-clear 0 'serves none of the plan.s duties' '' -- EDU eia duties 2 --none
c eiad-cleared test "$(cov 4 other_work | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1
