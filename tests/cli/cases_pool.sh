# End-to-end cases for reorganisation and redundancy impact (issue 19;
# sourced by run.sh): 'parity eia pool' on a selection pool of our own
# invention (tests/fixtures/pool/pool.csv: 200 staff), its numbers checked
# by an independent computation (pool_stats.py), the same pool from .xlsx,
# the evidence it adds (no count from 1 to 9), and broken extracts and
# refusals that name file, line and column and leave the database as it was.
PB="$T/pool.db"
PF="$ROOT/tests/fixtures/pool"
MKX="$ROOT/tests/fixtures/sheet/make_fixtures.py"
PL() { "$P" --db "$PB" "$@"; }
"$P" --db "$PB" people add JW 'Jo Whitfield' >/dev/null
"$P" --db "$PB" eia new 'Restructure of the admin teams' --owner JW >/dev/null
"$P" --db "$PB" eia new 'Closing the east office' --owner JW >/dev/null

# the example of docs/assess.md
t pool-text 0 'selection pool pool.csv: 200 staff, 116 at risk, 34 selected, 9 redeployed' '' -- PL eia pool 1 "$PF/pool.csv" --characteristic ethnicity
t pool-text-table 0 '^Black +60 +40 +18 +3 +0.45 +0.69 .*adverse impact' '' -- PL eia pool 1 "$PF/pool.csv" --characteristic ethnicity
t pool-text-unrecorded 0 '^Not stated +3 +2 +0 +0 .*shown, not compared' '' -- PL eia pool 1 "$PF/pool.csv" --characteristic ethnicity
t pool-evidence-words 0 'Selection rate for Black staff 0.45 against 0.20 for White staff; retention ratio 0.69, below four-fifths: adverse impact' '' -- PL eia show 1
t pool-evidence-small 0 'Not stated: fewer than 10 at risk' '' -- PL eia show 1
c pool-evidence-rows python3 -c "
import json,subprocess
o=json.loads(subprocess.run(['$P','--db','$PB','eia','show','1','--format','json'],capture_output=True).stdout)
ev=o['evidence']
assert len(ev)==3 and {e['characteristic'] for e in ev}=={'ethnicity'}, ev
assert all('Selection rates and ratios are not given for Mixed and Asian staff' in e['text'] for e in ev), ev"
c pool-stored sh -c "test \"\$(sqlite3 '$PB' 'SELECT COUNT(*), MIN(file) FROM eia_pool')\" = '3|pool.csv'"
c pool-no-rows-kept sh -c "! sqlite3 '$PB' .dump | grep -q 'P0116'"
c pool-audit sh -c "test \"\$(sqlite3 '$PB' \"SELECT COUNT(*) FROM audit_log WHERE what = 'eia.evidence' AND target = 'eia 1'\")\" = 3"

# the numbers, against an independent computation
t pool-json 0 '"adjustment": "holm"' '' -- PL eia pool 2 "$PF/pool.csv" --format json
cp "$T/out" "$T/pool30.json"
c pool-stats-30 python3 "$ROOT/tests/cli/pool_stats.py" "$PF/pool.csv" "$T/pool30.json" 30
t pool-json-min5 0 '"min_count": 5' '' -- PL eia pool 2 "$PF/pool.csv" --format json --min-count 5
cp "$T/out" "$T/pool5.json"
c pool-stats-5 python3 "$ROOT/tests/cli/pool_stats.py" "$PF/pool.csv" "$T/pool5.json" 5
c pool-json-hand python3 -c "
import json
d=json.load(open('$T/pool30.json'))
assert d['assessment']==2 and d['pool']>0 and d['comparisons']==15, d
eth=d['characteristics'][0]
assert eth['characteristic']=='ethnicity' and [g['group'] for g in eth['groups']]==['White','Mixed','Asian','Black','Not stated','Missing'], eth
assert eth['retention_highest']=={'group':'White','rate':0.8}, eth['retention_highest']
assert eth['redeployment_highest'] is None
black=[g for g in eth['groups'] if g['group']=='Black'][0]
assert abs(black['retention']['impact_ratio']-0.6875)<1e-12 and black['retention']['adverse_impact'], black
asian=[g for g in eth['groups'] if g['group']=='Asian'][0]
assert asian['retention']['too_few'] and abs(asian['retention']['impact_ratio']-0.9375)<1e-12, asian
assert eth['adverse_impact']==[{'group':'Black','outcome':'retention','impact_ratio':0.6875}], eth['adverse_impact']
assert 'Redeployment ratio below four-fifths' not in eth['evidence']
d=json.load(open('$T/pool5.json'))
ev=d['characteristics'][0]['evidence']
assert 'Redeployment rates and ratios are not given for White, Mixed, Asian and Black staff: a count behind them is below 10' in ev, ev"

# a second pool (yes/no written every way), redeployment held to the rule
t pool-reorg 0 '"min_count": 10' '' -- PL eia pool 2 "$PF/reorg.csv" --format json --min-count 10
cp "$T/out" "$T/reorg.json"
c pool-stats-reorg python3 "$ROOT/tests/cli/pool_stats.py" "$PF/reorg.csv" "$T/reorg.json" 10
c pool-reorg-words grep -q 'Redeployment rate for Black staff 0.00 against 1.00 for Asian staff; redeployment ratio 0.00, below four-fifths: adverse impact (against all other staff recorded, adjusted p below 0.001)' "$T/reorg.json"
c pool-reorg-ns grep -q 'Not stated: 10 at risk (shown, not compared)' "$T/reorg.json"

# the same pool from a spreadsheet
python3 "$MKX" csv2xlsx "$PF/pool.csv" "$T/pool.xlsx" Pool
t pool-xlsx 0 '"file": "pool.xlsx"' '' -- PL eia pool 2 "$T/pool.xlsx" --sheet pool --format json
c pool-xlsx-same python3 -c "
import json
a=json.load(open('$T/out')); b=json.load(open('$T/pool30.json'))
for d in (a,b):
    d.pop('file'); d.pop('pool')
    for c in d['characteristics']: c['evidence']=c['evidence'].replace('pool.xlsx','pool.csv')
assert a==b"

# broken extracts and refusals: a clear error, nothing written
before=$(dump "$PB")
t pool-bad-flag 1 '' "pool/bad-flag.csv:3:12 \(column 'selected'\): 'maybe' is not yes or no; write yes or no" -- PL eia pool 2 "$PF/bad-flag.csv"
python3 "$MKX" csv2xlsx "$PF/bad-flag.csv" "$T/bad-flag.xlsx"
t pool-bad-flag-xlsx 1 '' "bad-flag.xlsx, sheet Data, cell E3 \(column 'selected'\): 'maybe' is not yes or no" -- PL eia pool 2 "$T/bad-flag.xlsx"
t pool-bad-group 1 '' "bad-group.csv:3:3 \(column 'ethnicity'\): ethnicity: 'Z7' is not a known value.*use a code such as W1" -- PL eia pool 2 "$PF/bad-group.csv"
t pool-selected-not-at-risk 1 '' 'selected-not-at-risk.csv, line 4: selected but not at risk' -- PL eia pool 2 "$PF/selected-not-at-risk.csv"
t pool-redeployed-not-selected 1 '' 'redeployed-not-selected.csv, line 3: redeployed but not selected' -- PL eia pool 2 "$PF/redeployed-not-selected.csv"
t pool-no-redeployed 1 '' "no-redeployed.csv: no column 'redeployed'; a selection pool needs columns at_risk, selected and redeployed" -- PL eia pool 2 "$PF/no-redeployed.csv"
t pool-ragged 1 '' "ragged.csv, line 3 has 4 fields but the header has 6" -- PL eia pool 2 "$PF/ragged.csv"
t pool-unclosed 1 '' 'unclosed.csv:3:3: a quoted field starts here but its closing quote is missing' -- PL eia pool 2 "$PF/unclosed.csv"
t pool-two-columns 1 '' "columns 'ethnicity' and 'Ethnic group' both hold ethnicity; keep one" -- PL eia pool 2 "$PF/two-ethnicity.csv"
t pool-nobody-at-risk 1 '' 'nobody is at risk' -- PL eia pool 2 "$PF/nobody-at-risk.csv"
t pool-no-characteristic 1 '' 'no column of a protected characteristic' -- PL eia pool 2 "$PF/no-characteristic.csv"
t pool-absent-characteristic 1 '' 'no column holds religion; add one, or leave out --characteristic religion' -- PL eia pool 2 "$PF/pool.csv" --characteristic religion
t pool-unknown-characteristic 1 '' "--characteristic: 'height' is not a protected characteristic" -- PL eia pool 2 "$PF/pool.csv" --characteristic height
t pool-missing-file 1 '' 'cannot open .*nothere.csv' -- PL eia pool 2 "$T/nothere.csv"
t pool-sheet-on-csv 2 '' '--sheet is for spreadsheets' -- PL eia pool 2 "$PF/pool.csv" --sheet Data
t pool-sheet-unknown 1 '' "has no sheet named 'nope'" -- PL eia pool 2 "$T/pool.xlsx" --sheet nope
t pool-no-assessment 1 '' 'no impact assessment 9' -- PL eia pool 9 "$PF/pool.csv"
t pool-bad-id 2 '' "'x' is not an assessment number" -- PL eia pool x "$PF/pool.csv"
t pool-no-file 2 '' 'give the assessment.s number and the staff extract' -- PL eia pool 2
t pool-bad-format 2 '' '--format takes text or json' -- PL eia pool 2 "$PF/pool.csv" --format xml
t pool-bad-min 2 '' '--min-count takes a whole number' -- PL eia pool 2 "$PF/pool.csv" --min-count 0
t pool-unknown-opt 2 '' "see .parity help eia pool." -- PL eia pool 2 "$PF/pool.csv" --colour blue
c pool-refusals-unchanged test "$before" = "$(dump "$PB")"

# a published assessment takes no more evidence
PL eia decide 1 --outcome adjust --text 'Review the selection criteria' --as 'Jo Whitfield' >/dev/null
PL eia publish 1 >/dev/null
before=$(dump "$PB")
t pool-published 1 '' 'impact assessment 1 is published: it can no longer be changed' -- PL eia pool 1 "$PF/pool.csv"
c pool-published-unchanged test "$before" = "$(dump "$PB")"
