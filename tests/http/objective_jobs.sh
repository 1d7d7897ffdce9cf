# tests/http/objective_jobs.sh (sourced by run.sh): `parity serve` raises
# the flag of an objective that goes off track by itself, whether or not
# mail is set up — its periodic jobs ran only with mail before (issue 20).
OJ="$T/objective_jobs.db"
OJD="$T/objective_jobs"
mkdir -p "$OJD"
"$P" demo generate --dataset staff --rows 800 --seed 4 --period 2023 -o "$OJD/staff.csv" >/dev/null 2>&1
"$P" --db "$OJ" data import "$OJD/staff.csv" --dataset staff --period 2023 >/dev/null 2>&1
"$P" --db "$OJ" objective add 'Know who our staff are' --by 2030-03-31 >/dev/null
"$P" --db "$OJ" objective measure 1 --dataset staff --completeness ethnicity --at-least 100 >/dev/null
oj_flags() { sqlite3 "$OJ" "SELECT COUNT(*) FROM mon_flag_external WHERE source = 'objective'"; }
c "objective jobs: the measure off track raised its flag at once ($(oj_flags))" test "$(oj_flags)" = 1
# the period imported again: the flag nobody dealt with goes with the old data
"$P" --db "$OJ" data import "$OJD/staff.csv" --dataset staff --period 2023 >/dev/null 2>&1
c "objective jobs: importing the period again removed the open flag" test "$(oj_flags)" = 0
c "objective jobs: mail is not set up" test "$(sqlite3 "$OJ" "SELECT COUNT(*) FROM mail_setting" 2>/dev/null || echo 0)" = 0
start_server objective_jobs "$OJ" --mail-every 1 || fail=$((fail+1))
for i in $(seq 1 100); do [ "$(oj_flags)" = 1 ] && break; sleep 0.1; done
c "objective jobs: serve raised the flag again by itself, without mail" test "$(oj_flags)" = 1
stop_server
