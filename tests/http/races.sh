# tests/http/races.sh: writers at the same time (issue 13, findings 9 and
# 11) — a sign-in must not hold the write lock while it hashes, and a
# check that decides a change is made inside the change's transaction.
# Sourced by tests/http/run.sh after the main server stopped: a server of
# its own on the same database, with enough threads to run requests
# really in parallel. $P, $DB, $T, $PW and the helpers of lib.sh.

start_server races "$DB" --threads 16 || return

# writer_ok MS: a separate connection takes the write lock (BEGIN
# IMMEDIATE), waiting at most MS milliseconds for it.
writer_ok() {
  sqlite3 -cmd ".timeout $1" "$DB" "BEGIN IMMEDIATE; DELETE FROM web_login_fail WHERE name = 'no-such-probe'; COMMIT;" >/dev/null 2>&1
}

# --- finding 9: argon2id outside the write transaction. The account's
# stored hash is made 50 times as costly (t=100 instead of 2: well over a
# second), so that a sign-in is surely hashing when another writer comes.
printf '%s\n' "$PW" | "$P" --db "$DB" user add slow --role viewer --password-stdin >/dev/null
sqlite3 "$DB" "UPDATE web_user SET pw_hash = replace(pw_hash, ',t=2,', ',t=100,') WHERE name = 'slow'"
SJ="$T/slow.jar"
start=$(date +%s%N)
( login "$SJ" slow "$PW"; echo "$STATUS" >"$T/slow.status" ) &
bg=$!
sleep 0.6
writer_ok 400; wrc=$?
wait "$bg"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
c "a sign-in hashing for ${ms} ms ($(cat "$T/slow.status")) does not hold up another writer" sh -c "[ $wrc = 0 ] && [ $ms -ge 1000 ]"

# The same for the current password checked by the change-password form.
printf '%s\n' "$PW" | "$P" --db "$DB" user add slow2 --role viewer --password-stdin >/dev/null
S2="$T/slow2.jar"
login "$S2" slow2 "$PW"
sqlite3 "$DB" "UPDATE web_user SET pw_hash = replace(pw_hash, ',t=2,', ',t=100,') WHERE name = 'slow2'"
req "$S2" GET /account/password
tok=$(csrf_from_body)
start=$(date +%s%N)
( req "$S2" POST /account/password --data-urlencode "csrf=$tok" --data-urlencode "current=$PW" \
    --data-urlencode new=another-long-password --data-urlencode confirm=another-long-password
  echo "$STATUS" >"$T/slow2.status" ) &
bg=$!
sleep 0.6
writer_ok 400; wrc=$?
wait "$bg"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
c "a password change checking the current one for ${ms} ms ($(cat "$T/slow2.status")) does not hold up another writer" sh -c "[ $wrc = 0 ] && [ $ms -ge 1000 ]"
sqlite3 "$DB" "DELETE FROM web_login_fail"

# together CODES PATH FIELD=VALUE...: 20 POSTs of the fields to PATH at
# once (one curl, 20 connections opened together), as mo; the status codes
# into CODES.
together() {
  local codes=$1 path=$2 args=() f i; shift 2
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  for i in $(seq 1 20); do args+=(-o /dev/null "$BASE$path"); done
  curl -s -Z --parallel-immediate --parallel-max 20 -w '%{http_code}\n' -b "$RJ" \
    --data-urlencode "csrf=$tok" "${args[@]}" >"$codes" 2>/dev/null
}

# --- finding 11: 20 requests at once closing one flag close it once.
RJ="$T/race.jar"
login "$RJ" mo "$PW"
F=$(sqlite3 "$DB" "SELECT min(id) FROM mon_flag WHERE state <> 'closed'")
req "$RJ" GET "/monitoring/flag/$F"
tok=$(csrf_from_body)
together "$T/close.codes" "/monitoring/flag/$F/close" note=closed-in-parallel confirm=yes
c "20 parallel closes of flag #$F: one succeeds ($(sort "$T/close.codes" | uniq -c | tr -s ' \n' ' '))" test "$(grep -c '^303$' "$T/close.codes")" = 1
c "…one flag.close in the audit log" test "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE what = 'flag.close' AND target = 'flag $F'")" = 1
c "…one closed event in the flag's history" test "$(sqlite3 "$DB" "SELECT count(*) FROM mon_flag_event WHERE flag_id = $F AND kind = 'closed'")" = 1

# --- finding 11: 20 requests at once setting one action's status change
# it once: "the same status again is no change" is judged on the action as
# it is inside the transaction, not as it was when the request began.
# (an action of the plan the pages show, 'main': other plans imported by
# plan_import.sh have ids of their own, such as 1)
ACT=$(sqlite3 "$DB" "SELECT a.code FROM action a JOIN plan p ON p.id = a.plan_id WHERE p.name = 'main' AND a.removed = 0 AND a.status = 'not-started' ORDER BY a.code LIMIT 1")
n0=$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE what = 'plan.update' AND target = 'action $ACT'")
together "$T/act.codes" "/plan/action/$ACT" status=in-progress
c "20 parallel status changes of action $ACT: one succeeds ($(sort "$T/act.codes" | uniq -c | tr -s ' \n' ' '))" test "$(grep -c '^303$' "$T/act.codes")" = 1
c "…one plan.update in the audit log" test "$(sqlite3 "$DB" "SELECT count(*) - $n0 FROM audit_log WHERE what = 'plan.update' AND target = 'action $ACT'")" = 1
stop_server
