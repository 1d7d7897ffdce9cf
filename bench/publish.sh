#!/usr/bin/env bash
# make bench (publication): a year of 20 units x 9 characteristics x 4
# outcomes, protected and audited. Four quarters of a synthetic extract
# (ROWS people each, default 5,000; our own data, seeded) are imported,
# then: the year released on its own (the issue's goal: under 2 s), and
# separately the four quarters released one by one and then the year, the
# hardest case (the year checked against every quarter). Wall time of each
# `parity publish release` and its peak memory (GNU time). Figures to read,
# never a pass/fail test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-5000}
P=./parity
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p bench/results
OUT=bench/results/publish.txt

cat >"$W/bench.conf" <<'CONF'
[dataset bench]
id = person_id
unit = ldu
period = quarter
ethnicity = ethnicity
sex = sex
age = age
disability = disability
religion = religion
sexual_orientation = sexual_orientation
gender_reassignment = gender_reassignment
marital_status = marital_status
pregnancy_maternity = pregnancy_maternity
outcome referred = referred
outcome started = started per referred
outcome completed = completed per started favourable
outcome breached = breached per started unfavourable
CONF

python3 - "$W" "$ROWS" <<'PY'
import random, sys
w, rows = sys.argv[1], int(sys.argv[2])
rnd = random.Random(16)
units = ["Unit %02d" % i for i in range(1, 21)]
unit_w = [rnd.uniform(0.3, 3.0) for _ in units]
eth = (["W1"] * 40 + ["W2", "W9", "W3", "M1", "M2", "M3", "M9", "A1", "A2", "A3", "A4", "A9",
        "B1", "B2", "B9", "O2", "O9", "NS"] * 2)
sex = ["Male"] * 8 + ["Female"] * 3 + ["Not stated"]
rel = ["Christian"] * 5 + ["No religion"] * 4 + ["Muslim", "Hindu", "Sikh", "Jewish", "Buddhist",
                                                  "Any other religion", "Not stated"]
dis = ["No"] * 6 + ["Yes"] * 2 + ["Not stated"]
so = ["Heterosexual"] * 12 + ["Gay or lesbian", "Bisexual", "Other", "Not stated"]
gr = ["Yes"] * 30 + ["No", "Not stated"]
mar = ["Single"] * 5 + ["Married"] * 3 + ["In a civil partnership", "Separated", "Divorced",
                                          "Widowed", "Not stated"]
preg = ["No"] * 20 + ["Yes", "Not stated"]
n = 0
for q in range(1, 5):
    with open("%s/q%d.csv" % (w, q), "w") as f:
        f.write("person_id,ldu,quarter,sex,age,ethnicity,religion,disability,sexual_orientation,"
                "gender_reassignment,marital_status,pregnancy_maternity,referred,started,"
                "completed,breached\n")
        for i in range(rows):
            n += 1
            referred = 1 if rnd.random() < 0.9 else 0
            started = 1 if referred and rnd.random() < 0.8 else 0
            completed = 1 if started and rnd.random() < 0.7 else 0
            breached = 1 if started and not completed and rnd.random() < 0.6 else 0
            f.write("P%08d,%s,2011Q%d,%s,%d,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d,%d\n" % (
                n, rnd.choices(units, unit_w)[0], q, rnd.choice(sex), rnd.randint(18, 80),
                rnd.choice(eth), rnd.choice(rel), rnd.choice(dis), rnd.choice(so), rnd.choice(gr),
                rnd.choice(mar), rnd.choice(preg), referred, started, completed, breached))
PY
for q in 1 2 3 4; do
  $P --db "$W/b.db" data import "$W/q$q.csv" --config "$W/bench.conf" --dataset bench --period 2011Q$q >/dev/null
done
cp "$W/b.db" "$W/alone.db"

run() { # label, db, period
  local t0 t1 mem
  t0=$(date +%s%N)
  if command -v /usr/bin/time >/dev/null; then
    /usr/bin/time -f "%M" -o "$W/mem" $P --db "$2" publish release --dataset bench --period "$3" >"$W/out" 2>&1
    mem="$(cat "$W/mem") KB"
  else
    $P --db "$2" publish release --dataset bench --period "$3" >"$W/out" 2>&1; mem="?"
  fi
  t1=$(date +%s%N)
  printf '| %s | %s | %.2f s | %s | %s |\n' "$1" "$3" "$(echo "($t1 - $t0) / 1000000000" | bc -l)" "$mem" "$(cat "$W/out")"
}
{
  echo "# publication: 20 units x 9 characteristics x 4 outcomes, $ROWS people a quarter ($(date -u +%Y-%m-%d))"
  echo
  echo "| case | period | wall | peak RSS | parity said |"
  echo "|---|---|---|---|---|"
  run "the year alone" "$W/alone.db" 2011
  for q in 1 2 3 4; do run "quarter $q" "$W/b.db" 2011Q$q; done
  run "the year after its quarters" "$W/b.db" 2011
  t0=$(date +%s%N)
  timeout 600 $P --db "$W/b.db" publish audit --dataset bench --period 2011Q1 >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  printf '| every interval (publish audit) | 2011Q1, tied to the year | %.2f s | | |\n' "$(echo "($t1 - $t0) / 1000000000" | bc -l)"
} | tee "$OUT"
