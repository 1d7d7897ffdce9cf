# End-to-end cases for flags another room raises (issue 20;
# src/monitor/flag_raise.c, sourced by run.sh): an objective's measure off
# track is a flag the flags commands list in its own words (text, and JSON
# with source, finding and href beside the members every flag has),
# explain, act on (plan action F<id> with the finding) and close exactly as
# the report's flags; the report's open flags and the flag notices mail say
# it in its words; re-importing its period deletes it while still open,
# its external row with it, and it can be raised again. No command raises
# such a flag by itself, so test_flag_raise's fixture (a unit test linking
# the library) raises it on this database with monitor_flag_raise.
FR="$T/flagraise.db"
FRU="$ROOT/build/tests/test_flag_raise"
[ -x "$FRU" ] || make -C "$ROOT" --no-print-directory -s build/tests/test_flag_raise >/dev/null 2>&1
# fr_raise PERIOD [REF]: raise objective REF (default "measure 4") of staff
# for PERIOD; its output ("flag N raised" / "flag N there already") in $T/fr.out
fr_raise() {
  PARITY_FLAG_RAISE_DB="$FR" PARITY_FLAG_RAISE_DATASET=staff PARITY_FLAG_RAISE_PERIOD="$1" \
    PARITY_FLAG_RAISE_REF="${2:-measure 4}" "$FRU" --filter 'flag_raise/fixture' >"$T/fr.out" 2>&1
}
frq() { sqlite3 "$FR" "$1"; }
F() { "$P" --db "$FR" "$@"; }

cat >"$T/fr-counts.csv" <<'EOF'
unit,period,characteristic,group,outcome,numerator,denominator
All,2024Q1,ethnicity,White,promoted,40,400
All,2024Q1,ethnicity,Black,promoted,20,50
All,2024Q2,ethnicity,White,promoted,42,400
All,2024Q2,ethnicity,Black,promoted,24,60
EOF
F plan import "$ROOT/data/demo/action-plan.md" >/dev/null 2>&1
t fr-import 0 'imported' '' -- F data import-counts "$T/fr-counts.csv" --dataset staff
c fr-fixture-built test -x "$FRU"

# --- raised once a period; the next period's recurs
t fr-raise-q1 0 '' '' -- fr_raise 2024Q1
c fr-raise-q1-new grep -q 'raised$' "$T/fr.out"
Q1=$(frq "SELECT flag_id FROM mon_flag_external WHERE ref = 'measure 4'")
t fr-raise-q1-again 0 '' '' -- fr_raise 2024Q1
c fr-raise-q1-again-none grep -q "flag $Q1 there already" "$T/fr.out"
t fr-raise-q2 0 '' '' -- fr_raise 2024Q2
Q2=$(frq "SELECT f.id FROM mon_flag f JOIN mon_flag_external x ON x.flag_id = f.id WHERE f.period = '2024Q2'")
c "fr-q2-previous-is-q1 (#$Q2 from #$Q1)" test "$(frq "SELECT previous_id FROM mon_flag WHERE id = $Q2")" = "$Q1"

# --- the list in its own words
t fr-list-text 0 "^#$Q2 +open +staff 2024Q2 All: Objective 3 \(More <b>Black</b> staff & managers\) is off track: the share of Black staff was 6.0% in 2024Q2 against a target of at least 15% \[recurs\]$" '' -- F flags list
t fr-list-not-a-comparison 0 '' '' -- F flags list
c fr-list-no-rr-for-it sh -c "! grep -E '^#$Q2 .*(RR|vs the target)' '$T/out'"
t fr-list-report-flags-unchanged 0 'ethnicity Black vs White, promoted: RR' '' -- F flags list
F flags list --format json >"$T/fr.json"
c fr-list-json python3 - "$T/fr.json" "$Q1" "$Q2" <<'PY'
import json, sys
flags = json.load(open(sys.argv[1])); q1, q2 = int(sys.argv[2]), int(sys.argv[3])
ext = {f['id']: f for f in flags if 'source' in f}
assert set(ext) == {q1, q2}, ext.keys()
x = ext[q2]
common = {'id', 'dataset', 'period', 'unit', 'characteristic', 'group', 'reference', 'outcome',
          'state', 'rr', 'rr_low', 'rr_high', 'p_adj', 'action', 'previous', 'note'}
assert set(x) == common | {'source', 'finding', 'href'}, set(x)
assert x['source'] == 'objective' and x['href'] == '/objectives/3', x
assert x['finding'].startswith('Objective 3 (More <b>Black</b> staff & managers) is off track'), x
assert x['outcome'] == 'objective measure 4' and x['reference'] == 'the target', x
assert x['rr'] == 6.0 and x['rr_low'] is None and x['rr_high'] is None and x['p_adj'] is None, x
assert x['previous'] == q1 and x['unit'] == 'All' and x['dataset'] == 'staff', x
others = [f for f in flags if 'source' not in f]
assert others and all(set(f) == common for f in others), others
PY

# --- the report's open flags
t fr-report-json 0 '' '' -- F report diversity --period 2024Q2 --dataset staff --format json
c fr-report-json-words python3 -c "
import json; d = json.load(open('$T/out'))
x = [f for f in d['open_flags'] if f['id'] == $Q2][0]
assert x['source'] == 'objective' and x['href'] == '/objectives/3' and 'is off track' in x['finding'], x
assert all('source' not in f for f in d['open_flags'] if f['id'] not in ($Q1, $Q2))"
t fr-report-html 0 '' '' -- F report diversity --period 2024Q2 --dataset staff --format html -o "$T/fr.html"
c fr-report-html-finding grep -q 'Objective 3 (More &lt;b&gt;Black&lt;/b&gt; staff &amp; managers) is off track' "$T/fr.html"
c fr-report-html-no-comparison sh -c "! grep -q 'vs the target' '$T/fr.html'"

# --- explained, acted on and closed as any flag
t fr-explain 0 "flag #$Q1 explained" '' -- F flags explain "$Q1" --note 'Recruitment paused this quarter' --as 'Equality lead'
t fr-explain-shown 0 "note: Recruitment paused this quarter" '' -- F flags list --state explained
t fr-act 0 "flag #$Q2 actioned: action F$Q2 added to plan 'main'" '' -- F flags act "$Q2" --lead MD --due 2025-03-31 --duties 1 --text 'Mentoring scheme for Black staff'
t fr-act-plan 0 "Created from flag #$Q2" '' -- F plan show "F$Q2"
c fr-act-finding-in-plan sh -c "'$P' --db '$FR' plan show 'F$Q2' --format json | grep -q 'staff 2024Q2: Objective 3'"
t fr-act-listed 0 "^#$Q2 +actioned .* action F$Q2$" '' -- F flags list --state actioned
t fr-act-again 1 '' 'already has an action' -- F flags act "$Q2" --lead MD --due 2025-03-31 --text again
t fr-close 0 "flag #$Q1 closed" '' -- F flags close "$Q1" --note 'Recruitment resumed'
t fr-closed-listed 0 "^#$Q1 +closed +staff 2024Q1" '' -- F flags list --state closed
c fr-history sh -c "test \"\$(sqlite3 '$FR' \"SELECT group_concat(kind, ',') FROM (SELECT kind FROM mon_flag_event WHERE flag_id = $Q1 ORDER BY id)\")\" = raised,explained,closed"

# --- the notices mail says it in its words, with the objective's page
printf '%s\n' correct-horse-battery | F user add mona --role monitor --password-stdin >/dev/null 2>&1
frq "UPDATE web_user SET email = 'mona@example.org', reminders = 1 WHERE name = 'mona'"
F mail setup --smtp smtp://127.0.0.1:9 --from parity@example.org --site-url https://p.example.org --starttls off >/dev/null 2>&1
t fr-raise-other 0 '' '' -- fr_raise 2024Q2 'measure 5'
t fr-mail-run 0 '' '' -- F mail run --max 5
frq "SELECT quote(body) FROM mail_outbox WHERE kind = 'flag-notice'" >"$T/fr-mail.hex"
c fr-notice python3 - "$T/fr-mail.hex" "$(frq "SELECT flag_id FROM mon_flag_external WHERE ref = 'measure 5'")" <<'PY'
import email, sys, re
raw = open(sys.argv[1]).read().strip()
m = re.fullmatch(r"X'([0-9A-Fa-f]*)'", raw)
body = bytes.fromhex(m.group(1)) if m else raw.strip("'").encode()
msg = email.message_from_bytes(body)
part = next(p for p in msg.walk() if p.get_content_type() == 'text/plain')
text = part.get_payload(decode=True).decode()
assert 'Flags have been raised that need explaining or acting on' in text, text
assert re.search(r'Staff, .*: White compared with|compared with White', text), text
assert 'Staff, April to June 2024: Objective 3 (More <b>Black</b> staff & managers) is off track' in text, text
assert 'https://p.example.org/monitoring/flag/%s' % sys.argv[2] in text, text
assert 'See the objective: https://p.example.org/objectives/3' in text, text
assert 'compared with the target' not in text, text
PY

# --- re-importing the period deletes the open one with its external row;
# raised again, it works
M5=$(frq "SELECT flag_id FROM mon_flag_external WHERE ref = 'measure 5'")
t fr-reimport 0 'imported' '' -- F data import-counts "$T/fr-counts.csv" --dataset staff
c "fr-reimport-deleted-open (#$M5)" test "$(frq "SELECT count(*) FROM mon_flag WHERE outcome = 'objective measure 5'")" = 0
c fr-reimport-external-row-gone test "$(frq "SELECT count(*) FROM mon_flag_external WHERE ref = 'measure 5'")" = 0
c fr-reimport-no-stray-external test "$(frq "SELECT count(*) FROM mon_flag_external x LEFT JOIN mon_flag f ON f.id = x.flag_id WHERE f.id IS NULL OR f.outcome <> 'objective ' || x.ref")" = 0
c fr-reimport-actioned-kept test "$(frq "SELECT state FROM mon_flag WHERE id = $Q2")" = actioned
t fr-raise-after-reimport 0 '' '' -- fr_raise 2024Q2 'measure 5'
c fr-raise-after-reimport-new grep -q 'raised$' "$T/fr.out"
t fr-listed-after-reimport 0 'staff 2024Q2 All: Objective 3 .* is off track' '' -- F flags list --state open
