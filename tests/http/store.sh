# tests/http/store.sh: pages beside a busy database (issue 13, finding 8).
# A page view wrote the session's last-seen time (every 15 s), waiting up
# to 5 s for the write lock: during a long import pages stalled. Now the
# touch is made at most once a minute and never waits.
start_server store "$DB" || return
S="$T/store.jar"
sqlite3 "$DB" "DELETE FROM web_session"
login "$S" vi "$PW"
req "$S" GET /plan
h "signed in for the busy-database checks" 200
seen() { sqlite3 "$DB" "SELECT MAX(seen_at) FROM web_session"; }
# Within a minute of the last touch a page view writes nothing (before: a
# touch every 15 s).
sqlite3 "$DB" "UPDATE web_session SET seen_at = seen_at - 30"
s30=$(seen)
req "$S" GET /plan
c "a page view 30 s after the last touch writes nothing" test "$(seen)" = "$s30"
# Due for a touch while another process holds the write lock for 4 s: the
# page is answered at once, without the touch (before: it waited for the
# lock, 4 s).
sqlite3 "$DB" "UPDATE web_session SET seen_at = seen_at - 300"
s300=$(seen)
( printf 'BEGIN IMMEDIATE;\nCREATE TABLE IF NOT EXISTS lock_probe (x);\n'; sleep 4; printf 'COMMIT;\n' ) | sqlite3 "$DB" &
lpid=$!
sleep 0.5
t0=$(date +%s%N)
req "$S" GET /plan
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
h "a page view while another process holds the write lock is answered" 200 'Signed in as'
c "…at once, not after the lock (${ms} ms, under 1500)" test "$ms" -lt 1500
wait "$lpid"
c "…and the touch waited for a later view" test "$(seen)" = "$s300"
req "$S" GET /plan
c "the next view, the lock free, touches the session" test "$(seen)" -gt "$s300"
stop_server
