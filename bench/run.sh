#!/usr/bin/env bash
# make bench: measured figures for parity, printed and written to
# bench/results/. For the action plan register: a synthetic plan far
# larger than any real one (AREAS areas x 10 actions, default 500 -> 5,000
# actions) is imported, re-imported, listed and reported; wall time is the
# median of RUNS runs (default 5) after a warm-up, peak RSS from GNU time
# when installed. Never a pass/fail test: figures to read and compare.
set -euo pipefail
cd "$(dirname "$0")/.."
AREAS=${AREAS:-500}
RUNS=${RUNS:-5}
P=./parity
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p bench/results

{
  echo "# Benchmark plan"
  echo
  echo "| Area of work | Actions | Lead | Year |"
  echo "|---|---|---|---|"
  for ((a = 1; a <= AREAS; a++)); do
    if (( a % 50 == 1 )); then echo "| $(( a / 50 + 1 )). SECTION $(( a / 50 + 1 )) | | | |"; fi
    acts="" leads="" years=""
    for l in a b c d e f g h i j; do
      acts+="<p>($l) Review the outcome of step $l for area $a and report to the group</p> "
      leads+="<p>AB/CD</p> "
      years+="<p>Dec 2012</p> "
    done
    echo "| <p>Area number $a</p> <p>Duties 1-3, 5</p> | $acts | $leads | $years |"
  done
} >"$W/plan.md"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label, command...
  local label=$1; shift
  "$@" >/dev/null 2>&1 # warm-up
  local times=() t0 t1 i
  for ((i = 0; i < RUNS; i++)); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  local med; med=$(printf '%s\n' "${times[@]}" | median)
  local rss="n/a"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$W/rss" "$@" >/dev/null 2>&1 || true
    rss="$(( $(tail -1 "$W/rss") / 1024 )) MB"
  fi
  printf '| %-34s | %8s ms | %8s |\n' "$label" "$med" "$rss"
}

out=bench/results/plan.md
{
  echo "Plan register, $((AREAS * 10)) actions in $AREAS areas ($(du -h "$W/plan.md" | cut -f1) of Markdown)."
  echo "Machine: $(nproc) cores, $(uname -m). Command: make bench (AREAS=$AREAS RUNS=$RUNS)."
  echo
  echo "| step | median wall | peak RSS |"
  echo "|---|---:|---:|"
  rm -f "$W/a.db"*
  measure "plan import (first, fresh db)" sh -c "rm -f $W/a.db*; $P --db $W/a.db plan import $W/plan.md"
  $P --db "$W/b.db" plan import "$W/plan.md" >/dev/null 2>&1
  measure "plan import (re-import, no change)" $P --db "$W/b.db" plan import "$W/plan.md"
  measure "plan list --format json" $P --db "$W/b.db" plan list --format json
  measure "plan report (text)" $P --db "$W/b.db" plan report --as-of 2012-06-01
  measure "plan report --format ics" $P --db "$W/b.db" plan report --format ics
} | tee "$out"
echo "written to $out"

# The web application under load (wrk): see bench/web.sh.
echo
bash bench/web.sh
[ "${BENCH_ANALYZE:-1}" = 0 ] || { echo; bash bench/analyze.sh; } # parity analyze vs DuckDB, data.table, pandas, sqlite3 (~20 min; BENCH_ANALYZE=0 skips)
