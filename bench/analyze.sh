#!/usr/bin/env bash
# bench/analyze.sh: `parity analyze` on large service-user extracts against
# the tools an analyst would otherwise use (part of make bench; issue 5).
#
# Data: `parity demo generate --dataset service-users --seed 1` at each size
# of ANALYZE_SIZES (default 1,000,000 and 10,000,000 rows), kept in
# bench/results/tmp/ (gitignored) and reused while its row count is right.
# The core table every tool computes: for each characteristic (ethnicity in
# its five high-level groups plus Not stated and Missing, as parity's
# codebook puts them; sex; disability; religion; sexual orientation) and
# for each ldu and all ldus together: rows, and the sums of referred,
# started, completed and breached. parity computes it as part of its full
# report (`analyze --format json`: every statistic); bench/peers/
# parity_table.py takes the counts out of that JSON, and every peer prints
# the same tab-separated table, which must be byte-identical once sorted.
#
# Peers (installed here when missing): DuckDB (npm @duckdb/node-api, its
# own bench/peers/package.json and lock file, run by node), R data.table (fread), pandas
# (Debian python3-pandas, /usr/bin/python3), the sqlite3 shell (.import,
# GROUP BY), and the floor: `cat FILE >/dev/null` and `wc -l FILE`, the
# file in the page cache. Each tool keeps its own defaults (threads too).
#
# Method: the file is read once into the page cache; then one warm-up round
# (its outputs are the ones checked) and ANALYZE_RUNS timed rounds, each
# round running parity and then every peer in turn, so a change in load
# hits all of them. Reported: median wall time (nanosecond clock), the
# largest peak RSS (GNU time %M), MB/s (10^6 bytes of CSV per second), and
# parity's median divided by the tool's. Then `parity data import` of the
# same file into a fresh database (ANALYZE_IMPORT_RUNS, default 1) and
# `parity report diversity` over the imported period (warm-up + runs; its
# numbers are checked too). Last, with both sizes, parity analyze of a
# 1,000-row file (5 runs): the fixed cost of a run (start, report, JSON),
# so that linearity can also be given net of it. Targets (issue 5) get a
# pass/fail line each.
#
# Issue 12: parity also reads, in every round, the same extract written
# with local codes (ethnicity W9 written W4, sex Female written Fem; kept
# beside the data) through a config file of map lines and rows = events
# (bench/peers/maps.conf); its table must equal the plain file's, and at
# 10M rows it has the same target against DuckDB.
#
# Usage: bench/analyze.sh
#   ANALYZE_SIZES="1000000 10000000"  rows per size
#   ANALYZE_RUNS=5                    timed rounds; a list ("5 3") pairs with the sizes
#   ANALYZE_IMPORT_RUNS=1             fresh-database imports per size
#   ANALYZE_PEERS="duckdb data.table pandas sqlite3 cat wc"
#   ANALYZE_STRICT=1                  exit 1 when a target is missed
#   ANALYZE_OUT=FILE                  the results file (default below)
#   PARITY=./parity
# Quick check: ANALYZE_SIZES=1000000 ANALYZE_RUNS=1 ANALYZE_OUT=/tmp/a.md bash bench/analyze.sh
# Writes bench/results/analyze-YYYY-MM-DD.md. Exit 1 when a tool fails or
# any numbers differ from parity's.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${ANALYZE_SIZES:-1000000 10000000}
read -r -a RUNS_LIST <<<"${ANALYZE_RUNS:-5}"
IMPORT_RUNS=${ANALYZE_IMPORT_RUNS:-1}
PEERS=${ANALYZE_PEERS:-duckdb data.table pandas sqlite3 cat wc}
P=${PARITY:-./parity}
SEED=1
PERIOD=2011Q3
DATA=bench/results/tmp
PY=/usr/bin/python3

log() { echo "bench/analyze.sh: $*" >&2; }
[ -x "$P" ] || { log "no $P; run make first"; exit 1; }

# --- peers ------------------------------------------------------------------
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
missing=""
for p in r-cran-data.table python3-pandas sqlite3 wrk time; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=" $p"
done
if [ -n "$missing" ]; then
  log "installing$missing"
  $SUDO apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing >&2
fi
if ! command -v node >/dev/null; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q nodejs npm >&2
fi
if [ ! -f bench/peers/node_modules/.package-lock.json ] ||
   [ bench/peers/package-lock.json -nt bench/peers/node_modules/.package-lock.json ]; then
  # The versions are pinned by bench/peers/package-lock.json. Not `npm ci`:
  # the registry reachable here serves only the linux-x64 builds of DuckDB's
  # platform packages, so the lock file cannot list the other platforms'
  # and npm ci calls it out of sync; install --no-save follows the lock
  # and leaves it as committed.
  log "npm install --no-save --prefix bench/peers"
  npm install --no-save --prefix bench/peers --no-audit --no-fund --loglevel=error >&2
fi

PTIME=$(date -r "$P" '+%H:%M:%S')
DIRTY=$(git status --porcelain -- src Makefile 2>/dev/null | head -1)
HEAD0=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$DATA" "$W/out" "$W/t" bench/results
# A copy of the binary, so that a rebuild during the run changes nothing.
PSRC=$P
cp "$P" "$W/parity"
P=$W/parity

# tool_cmd NAME FILE: the command in CMD, its standard output's file in OUT.
tool_cmd() {
  local f=$2
  OUT=$W/out/$1.tsv
  case $1 in
    parity) CMD=("$P" analyze "$f" --dataset service-users --format json -o "$W/out/parity.json"); OUT=/dev/null ;;
    parity-maps) CMD=("$P" analyze "$f" --dataset service-users --config bench/peers/maps.conf
                      --format json -o "$W/out/parity-maps.json"); OUT=/dev/null ;;
    duckdb) CMD=(node bench/peers/duckdb.mjs "$f") ;;
    data.table) CMD=(Rscript bench/peers/datatable.R "$f") ;;
    pandas) CMD=("$PY" bench/peers/pandas_peer.py "$f") ;;
    sqlite3) CMD=(bash bench/peers/sqlite.sh "$f") ;;
    cat) CMD=(cat "$f"); OUT=/dev/null ;;
    wc) CMD=(wc -l "$f") ;;
    *) log "unknown peer $1"; exit 1 ;;
  esac
}
# timed KEY CMD...: run once (stdout to $OUT); append "seconds KB" to $W/t/KEY.
timed() {
  local key=$1; shift
  local t0 t1 rc=0
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$W/rss" "$@" >"$OUT" 2>"$W/err" || rc=$?
  t1=$(date +%s%N)
  if [ "$rc" != 0 ]; then
    log "$key failed (exit $rc): $*"; tail -5 "$W/err" >&2; return 1
  fi
  echo "$(( (t1 - t0) / 1000000 )) $(tail -1 "$W/rss")" >>"$W/t/$key"
}
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
med_s() { awk '{ print $1 }' "$W/t/$1" | median | awk '{ printf "%.3f", $1 / 1000 }'; }
max_mb() { awk '{ if ($2 > m) m = $2 } END { printf "%.0f", m / 1024 }' "$W/t/$1"; }
canon() { head -1 "$1"; tail -n +2 "$1" | LC_ALL=C sort; }
speed() { awk -v m="$mb" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", m / s; else print "-" }'; } # uses $mb
fmt_rows() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }; print s o }'; }

rows_md=() checks=() verdicts=() failed=0 mismatches=0 misses=0
declare -A PMED PRSS DUCK IMPORT REPORT MMED
RUNS_DONE=""
si=0
for n in $SIZES; do
  runs=${RUNS_LIST[$si]:-${RUNS_LIST[-1]}}
  si=$((si + 1))
  f=$DATA/su-$n-s$SEED.csv
  if [ ! -f "$f" ] || [ "$(wc -l <"$f")" != $((n + 1)) ]; then
    log "generating $f"
    "$P" demo generate --dataset service-users --rows "$n" --seed "$SEED" --period "$PERIOD" -o "$f" >&2
  fi
  fm=$DATA/su-$n-s$SEED-local.csv # the same rows in local codes (issue 12)
  if [ ! -f "$fm" ] || [ "$fm" -ot "$f" ]; then
    log "writing $fm"
    sed -e 's/,W9,/,W4,/' -e 's/,Female,/,Fem,/' "$f" >"$fm"
  fi
  bytes=$(stat -c %s "$f")
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  label=$(fmt_rows "$n")
  cat "$f" "$fm" >/dev/null # into the page cache

  # Warm-up round: every tool once; outputs checked against parity's.
  log "$label rows ($mb MB): warm-up and check"
  active=()
  tool_cmd parity "$f"; timed "w-parity-$n" "${CMD[@]}" || { log "parity analyze failed"; exit 1; }
  if ! "$PY" bench/peers/parity_table.py "$W/out/parity.json" >"$W/parity.tsv"; then
    log "parity's JSON does not give a consistent table"; exit 1
  fi
  canon "$W/parity.tsv" >"$W/parity-$n.sorted"
  tool_cmd parity-maps "$fm"; timed "w-parity-maps-$n" "${CMD[@]}" || { log "parity analyze with maps failed"; exit 1; }
  if "$PY" bench/peers/parity_table.py "$W/out/parity-maps.json" >"$W/maps.tsv" &&
     canon "$W/maps.tsv" | cmp -s - "$W/parity-$n.sorted"; then
    checks+=("| parity analyze (local codes, map lines, rows = events) | $label | OK (same table as the plain file) |")
  else
    checks+=("| parity analyze (local codes, map lines, rows = events) | $label | MISMATCH with the plain file |"); mismatches=$((mismatches + 1))
  fi
  for t in $PEERS; do
    tool_cmd "$t" "$f"
    if ! timed "w-$t-$n" "${CMD[@]}"; then
      checks+=("| $t | $label | FAILED (see the log) |"); failed=$((failed + 1)); continue
    fi
    active+=("$t")
    [ "$t" = cat ] && continue
    if [ "$t" = wc ]; then
      lines=$(awk '{ print $1 }' "$OUT")
      if [ "$lines" != $((n + 1)) ]; then
        checks+=("| wc | $label | MISMATCH: $lines lines, not $((n + 1)) |"); mismatches=$((mismatches + 1))
      fi
      continue
    fi
    canon "$OUT" >"$W/$t-$n.sorted"
    if cmp -s "$W/$t-$n.sorted" "$W/parity-$n.sorted"; then
      checks+=("| $t | $label | OK ($(( $(wc -l <"$W/parity-$n.sorted") - 1 )) rows identical) |")
    else
      checks+=("| $t | $label | MISMATCH: $(diff "$W/$t-$n.sorted" "$W/parity-$n.sorted" | grep -c '^[<>]') lines differ |")
      diff "$W/$t-$n.sorted" "$W/parity-$n.sorted" | head -10 >&2 || true
      mismatches=$((mismatches + 1))
    fi
  done

  # Timed rounds: parity, then each peer, RUNS times.
  for ((r = 1; r <= runs; r++)); do
    log "$label rows: round $r of $runs"
    tool_cmd parity "$f"; timed "parity-$n" "${CMD[@]}" || exit 1
    tool_cmd parity-maps "$fm"; timed "parity-maps-$n" "${CMD[@]}" || exit 1
    for t in "${active[@]}"; do
      tool_cmd "$t" "$f"; timed "$t-$n" "${CMD[@]}" || { failed=$((failed + 1)); }
    done
  done
  pm=$(med_s "parity-$n")
  PMED[$n]=$pm
  PRSS[$n]=$(max_mb "parity-$n")
  rows_md+=("| parity analyze (full report, JSON) | $label | $pm | ${PRSS[$n]} | $(speed "$pm") | 1.00 |")
  mm=$(med_s "parity-maps-$n")
  MMED[$n]=$mm
  rows_md+=("| parity analyze, local codes read through map lines, rows = events | $label | $mm | $(max_mb "parity-maps-$n") | $(speed "$mm") | $(awk -v p="$pm" -v t="$mm" 'BEGIN { if (t > 0) printf "%.2f", p / t; else print "-" }') |")
  for t in "${active[@]}"; do
    [ -s "$W/t/$t-$n" ] || continue
    tm=$(med_s "$t-$n")
    ratio=$(awk -v p="$pm" -v t="$tm" 'BEGIN { if (t > 0) printf "%.2f", p / t; else print "-" }')
    case $t in
      cat) name='`cat FILE >/dev/null` (floor)' ;;
      wc) name='`wc -l FILE` (floor)' ;;
      *) name=$t ;;
    esac
    rows_md+=("| $name | $label | $tm | $(max_mb "$t-$n") | $(speed "$tm") | $ratio |")
  done
  if [ -s "$W/t/duckdb-$n" ]; then DUCK[$n]=$(med_s "duckdb-$n"); fi

  # parity data import into a fresh database, then report diversity.
  for ((r = 1; r <= IMPORT_RUNS; r++)); do
    log "$label rows: parity data import ($r of $IMPORT_RUNS)"
    rm -f "$W"/imp.db*
    OUT=/dev/null
    timed "import-$n" "$P" --db "$W/imp.db" data import "$f" --dataset service-users --period "$PERIOD" --as bench ||
      { log "parity data import failed"; exit 1; }
  done
  im=$(med_s "import-$n")
  IMPORT[$n]=$im
  rps=$(awk -v n="$n" -v s="$im" 'BEGIN { printf "%.0f", n / s }')
  rows_md+=("| parity data import (fresh db) | $label | $im | $(max_mb "import-$n") | $(speed "$im") | $(fmt_rows "$rps") rows/s |")
  log "$label rows: parity report diversity"
  OUT=/dev/null
  rep=("$P" --db "$W/imp.db" report diversity --period "$PERIOD" --dataset service-users --format json -o "$W/out/report.json")
  timed "w-report-$n" "${rep[@]}" || exit 1
  if "$PY" bench/peers/parity_table.py "$W/out/report.json" >"$W/report.tsv" &&
     canon "$W/report.tsv" | cmp -s - "$W/parity-$n.sorted"; then
    checks+=("| parity report diversity (imported) | $label | OK (same table as parity analyze) |")
  else
    checks+=("| parity report diversity (imported) | $label | MISMATCH with parity analyze |"); mismatches=$((mismatches + 1))
  fi
  for ((r = 1; r <= runs; r++)); do timed "report-$n" "${rep[@]}" || exit 1; done
  rm -f "$W"/imp.db*
  rm_=$(med_s "report-$n")
  REPORT[$n]=$rm_
  rows_md+=("| parity report diversity (JSON, imported period) | $label | $rm_ | $(max_mb "report-$n") | - | - |")
  RUNS_DONE+="$label: $runs; "
done

# --- the fixed cost of a run -----------------------------------------------------
# parity analyze of a 1,000-row file: starting the program (35 shared
# libraries), building the report and writing its JSON, with next to no
# rows. Linearity is also given net of it, as it weighs ~15% at 1M rows.
FIXED=""
if [ -n "${PMED[1000000]:-}" ] && [ -n "${PMED[10000000]:-}" ]; then
  f=$DATA/su-1000-s$SEED.csv
  if [ ! -f "$f" ] || [ "$(wc -l <"$f")" != 1001 ]; then
    "$P" demo generate --dataset service-users --rows 1000 --seed "$SEED" --period "$PERIOD" -o "$f" >&2
  fi
  log "1,000 rows: the fixed cost of a run"
  tool_cmd parity "$f"; timed "w-parity-1000" "${CMD[@]}" || exit 1
  for ((r = 1; r <= 5; r++)); do
    tool_cmd parity "$f"; timed "parity-1000" "${CMD[@]}" || exit 1
  done
  FIXED=$(med_s "parity-1000")
  rows_md+=("| parity analyze (full report, JSON): the fixed cost of a run | 1,000 | $FIXED | $(max_mb "parity-1000") | - | - |")
fi

# --- targets (issue 5) --------------------------------------------------------
verdict() { # ok(0/1) text
  if [ "$1" = 1 ]; then verdicts+=("- PASS: $2"); else verdicts+=("- FAIL: $2"); misses=$((misses + 1)); fi
}
T=10000000
if [ -n "${PMED[$T]:-}" ] && [ -n "${DUCK[$T]:-}" ]; then
  d=${DUCK[$T]}
  ratio=$(awk -v p="${PMED[$T]}" -v d="$d" 'BEGIN { printf "%.2f", p / d }')
  verdict "$(awk -v r="$ratio" 'BEGIN { print (r <= 0.25) ? 1 : 0 }')" \
    "parity analyze of 10M at most 0.25x DuckDB's time: ${PMED[$T]} s vs $d s = ${ratio}x"
  ratio=$(awk -v p="${MMED[$T]}" -v d="$d" 'BEGIN { printf "%.2f", p / d }')
  verdict "$(awk -v r="$ratio" 'BEGIN { print (r <= 0.25) ? 1 : 0 }')" \
    "parity analyze of 10M in local codes, with map lines and rows = events, at most 0.25x DuckDB's time: ${MMED[$T]} s vs $d s = ${ratio}x"
else
  verdicts+=("- not measured: parity analyze of 10M at most 0.25x DuckDB's time (needs 10000000 in ANALYZE_SIZES and the duckdb peer)")
fi
for n in $SIZES; do
  verdict "$(awk -v m="${PRSS[$n]}" 'BEGIN { print (m <= 64) ? 1 : 0 }')" \
    "parity analyze peak RSS at most 64 MB at $(fmt_rows "$n") rows: ${PRSS[$n]} MB"
done
if [ -n "${PMED[1000000]:-}" ] && [ -n "${PMED[$T]:-}" ]; then
  lin=$(awk -v a="${PMED[1000000]}" -v b="${PMED[$T]}" 'BEGIN { printf "%.1f", b / a }')
  verdict "$(awk -v l="$lin" 'BEGIN { print (l >= 8 && l <= 12) ? 1 : 0 }')" \
    "linear: 10M takes 8-12x the 1M time: ${PMED[$T]} s / ${PMED[1000000]} s = ${lin}x"
  if [ -n "$FIXED" ]; then
    net=$(awk -v a="${PMED[1000000]}" -v b="${PMED[$T]}" -v f="$FIXED" \
      'BEGIN { if (a > f) printf "%.1f", (b - f) / (a - f); else print "-" }')
    verdicts+=("- note: net of the fixed cost of a run ($FIXED s, a 1,000-row file), 10M takes ${net}x the 1M time")
  fi
else
  verdicts+=("- not measured: linear, 10M takes 8-12x the 1M time (needs both sizes)")
fi
if [ -n "${IMPORT[$T]:-}" ]; then
  im=${IMPORT[$T]}; rm_=${REPORT[$T]}
  rps=$(awk -v s="$im" 'BEGIN { printf "%.0f", 10000000 / s }')
  verdict "$(awk -v r="$rps" 'BEGIN { print (r >= 1000000) ? 1 : 0 }')" \
    "parity data import of 10M at least 1M rows/s: $im s = $(fmt_rows "$rps") rows/s"
  verdict "$(awk -v s="$rm_" 'BEGIN { print (s < 1) ? 1 : 0 }')" \
    "parity report diversity over the imported 10M period under 1 s: $rm_ s"
else
  verdicts+=("- not measured: import of 10M at 1M rows/s and report diversity under 1 s (needs 10000000 in ANALYZE_SIZES)")
fi

# --- the results file -------------------------------------------------------------
date_tag=$(date +%Y-%m-%d)
out=${ANALYZE_OUT:-bench/results/analyze-$date_tag.md}
ver_duck=$(node -p "require('./bench/peers/node_modules/@duckdb/node-api/package.json').version" 2>/dev/null || echo '?')
ver_dt=$(Rscript -e 'cat(format(packageVersion("data.table")), data.table::getDTthreads())' 2>/dev/null || echo '?')
ver_pd=$("$PY" -c 'import pandas; print(pandas.__version__)' 2>/dev/null || echo '?')
ver_sq=$(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?')
{
  echo "# parity analyze against its peers, $date_tag"
  echo
  echo "Command: \`ANALYZE_SIZES=\"$SIZES\" ANALYZE_RUNS=\"${RUNS_LIST[*]}\" ANALYZE_IMPORT_RUNS=$IMPORT_RUNS bash bench/analyze.sh\`"
  echo "(timed rounds per size: ${RUNS_DONE%; }; each after one warm-up round)."
  echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(free -g | awk '/^Mem:/ { print $2 }') GiB of memory."
  echo "Load average: $LOAD0 before the runs, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "parity $HEAD0$([ -n "$DIRTY" ] && echo ' with uncommitted changes in src/') ($PSRC as built at $PTIME, optimised build)."
  echo "Peers: DuckDB $ver_duck (@duckdb/node-api, node $(node --version 2>/dev/null)), R data.table $ver_dt thread(s), pandas $ver_pd, sqlite3 $ver_sq; each with its defaults."
  echo "Data: \`parity demo generate --dataset service-users --seed $SEED\`; the file in the page cache. MB = 10^6 bytes of CSV."
  echo "Wall: median of the timed rounds; each round runs parity then every peer. Peak RSS: the largest of the runs."
  echo
  echo "| tool | rows | median s | peak RSS MB | MB/s | parity ÷ tool |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows_md[@]}"
  echo
  echo "## Same numbers"
  echo
  echo "Each tool's table (rows, referred, started, completed, breached per unit, characteristic and group) against the one taken from parity's JSON:"
  echo
  echo "| tool | rows | result |"
  echo "|---|---:|---|"
  printf '%s\n' "${checks[@]}"
  echo
  echo "## Targets (issue 5)"
  echo
  printf '%s\n' "${verdicts[@]}"
} | tee "$out"
log "written to $out"
[ "$failed" = 0 ] && [ "$mismatches" = 0 ] || exit 1
[ -z "${ANALYZE_STRICT:-}" ] || [ "$misses" = 0 ]
