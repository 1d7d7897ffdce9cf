# tests/http/meetings.sh: the meetings' pages (issue 17) — the calendar
# feed per series without sign-in (parsed: a VEVENT per meeting with a
# stable UID, times in UTC, STATUS:CANCELLED and SEQUENCE), the public
# calendar holding no personal data, RSVP links (opening one records
# nothing; only the button's POST does, and bumps last_active), the staff
# pages walked with and without the members capability, skip, swap,
# change and cancel with their check pages, attendance, papers and
# minutes. Sourced by tests/http/run.sh; uses $P, $T, $PW, $ROOT, lib.sh.
# It makes its own database.

MDB="$T/meet.db"
mq() { sqlite3 "$MDB" "$1"; }
"$P" --db "$MDB" meeting series list >/dev/null 2>&1
mq "INSERT INTO mail_setting (id, smtp, from_addr, site_url, tls, updated_at, updated_by)
  VALUES (1, 'smtp://127.0.0.1:9', 'network@example.org', 'https://parity.example.org', 'off', '2026-12-01T00:00:00Z', 'test');
INSERT INTO net_region (name) VALUES ('South');
INSERT INTO net_member (email, name, region_id, status, joined, last_active, created_at, updated_at) VALUES
 ('ada@example.org', 'Ada Okafor', 1, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x'),
 ('ben@example.org', 'Ben Mensah', 1, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x');
INSERT INTO net_consent (member_id, purpose, wording_id, given_at, given_how, recorded_by)
  SELECT m.id, 'meetings', w.id, '2026-01-01T00:00:00Z', 'cli', 'test' FROM net_member m, net_consent_wording w
  WHERE w.purpose = 'meetings';"
"$P" --db "$MDB" meeting series add regional-south --name "Regional South" --every 2-months --on "2nd Tuesday" \
  --venues "Reading;Oxford;Aylesbury" --from 2026-01-01 >/dev/null
NEXT=$("$P" --db "$MDB" meeting list --series regional-south --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["date"])')
NEXT2=$("$P" --db "$MDB" meeting list --series regional-south --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[1]["date"])')
NEXT3=$("$P" --db "$MDB" meeting list --series regional-south --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[2]["date"])')
NEXT4=$("$P" --db "$MDB" meeting list --series regional-south --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[3]["date"])')
"$P" --db "$MDB" meeting invite regional-south "$NEXT" >/dev/null
"$P" --db "$MDB" meeting cancel regional-south "$NEXT4" --reason "Room booked twice" >/dev/null
"$P" --db "$MDB" meeting change regional-south 2026-03-10 --venue "Oxford Town Hall" >/dev/null
"$P" --db "$MDB" meeting cancel regional-south 2026-05-12 --reason "Venue closed" >/dev/null
printf 'Minutes of the meeting\n' > "$T/minutes.txt"
"$P" --db "$MDB" meeting minutes regional-south 2026-01-13 --file "$T/minutes.txt" --public >/dev/null
"$P" --db "$MDB" meeting paper regional-south "$NEXT" --title "Agenda" --file "$T/minutes.txt" >/dev/null
TOKEN=$(mq "SELECT body FROM mail_outbox WHERE rcpt = 'ada@example.org'" | sed -n 's/.*rsvp?t=\([0-9a-f]\{64\}\)&a=yes.*/\1/p' | head -1)
for u in "mem --role viewer --grant members" "plain --role viewer"; do
  set -- $u
  printf '%s\n' "$PW" | "$P" --db "$MDB" user add "$@" --password-stdin >/dev/null
done
start_server meet "$MDB" || { fail=$((fail+1)); echo "FAIL meetings server did not start"; return 0; }
MN="$T/meet-anon.jar" MM="$T/meet-mem.jar" MV="$T/meet-plain.jar"
rm -f "$MN"
login "$MM" mem "$PW"
login "$MV" plain "$PW"

# the feed, without signing in
req "$MN" GET /meetings/regional-south.ics
h "meetings: the .ics feed opens without sign-in" 200 'BEGIN:VCALENDAR'
hdr "meetings: the feed is text/calendar" '^content-type: text/calendar'
cp "$T/body" "$T/feed.ics"
c "meetings: the feed parses, a VEVENT per meeting, no personal data" python3 - "$T/feed.ics" "$(mq "SELECT COUNT(*) FROM net_meeting")" <<'PY'
import sys, re
text = open(sys.argv[1], newline='').read()
assert '\r\n' in text
lines = text.replace('\r\n ', '').split('\r\n')        # unfold
stack, events, ev = [], [], None
for l in lines:
    if l.startswith('BEGIN:'):
        stack.append(l[6:])
        if l == 'BEGIN:VEVENT': ev = {}
    elif l.startswith('END:'):
        assert stack.pop() == l[4:], l
        if l == 'END:VEVENT': events.append(ev); ev = None
    elif ev is not None and ':' in l:
        k, v = l.split(':', 1); ev[k.split(';')[0]] = v
assert not stack
assert len(events) == int(sys.argv[2]), len(events)
uids = [e['UID'] for e in events]
assert len(set(uids)) == len(uids)
for e in events:
    assert 'RRULE' not in e
    assert re.fullmatch(r'\d{8}T\d{6}Z', e['DTSTART']) and re.fullmatch(r'\d{8}T\d{6}Z', e['DTEND']), e
by = {e['UID']: e for e in events}
jan = by['regional-south-2026-01-13@meetings.parity']
assert jan['DTSTART'] == '20260113T180000Z' and jan['LOCATION'] == 'Reading'   # GMT in January
jul = by['regional-south-2026-07-14@meetings.parity']
assert jul['DTSTART'] == '20260714T170000Z'                                     # BST: 6pm is 17:00 UTC
may = by['regional-south-2026-05-12@meetings.parity']
assert may['STATUS'] == 'CANCELLED' and int(may['SEQUENCE']) >= 1
mar = by['regional-south-2026-03-10@meetings.parity']
assert mar['LOCATION'] == 'Oxford Town Hall' and int(mar['SEQUENCE']) >= 1
for bad in ('Ada', 'Okafor', 'ada@example.org', 'Ben', 'example.org'):
    assert bad not in text, bad
PY
req "$MN" GET /meetings/nothing.ics
h "meetings: an unknown feed is 404" 404
req "$MN" GET /meetings/regional-south
h "meetings: a feed without .ics is 404" 404

# the public calendar: dates, venues, no names, no counts
req "$MN" GET /public/meetings
h "meetings: the public calendar opens without sign-in" 200 'Regional South' 'Ada|Okafor|Ben Mensah|example\.org|Invited|said yes'
c "meetings: the public calendar links to the feed" grep -q 'href="/meetings/regional-south.ics"' "$T/body"
c "meetings: the public calendar shows a cancelled meeting as cancelled" grep -q 'Cancelled' "$T/body"
c "meetings: the public calendar writes dates in words" grep -q 'Tuesday' "$T/body"
c "meetings: the public calendar links to public minutes" grep -q '/public/meetings/minutes/' "$T/body"
MIN=$(sed -n 's|.*href="\(/public/meetings/minutes/[0-9]*\)".*|\1|p' "$T/body" | head -1)
req "$MN" GET "$MIN"
h "meetings: public minutes download" 200 'Minutes of the meeting'
PAPER=$(mq "SELECT id FROM net_meeting_doc WHERE kind = 'paper'")
req "$MN" GET "/public/meetings/minutes/$PAPER"
h "meetings: a paper is not public" 404

# RSVP: the link shows the answer chosen and records nothing
c "meetings: the invitation mail holds a token" test -n "$TOKEN"
req "$MN" GET "/meetings/rsvp?t=$TOKEN&a=no"
h "meetings: the RSVP link opens a page with a button" 200 'Send my answer'
c "meetings: the link's answer is pre-chosen" grep -qE 'value="no"[^>]*checked|checked[^>]*value="no"' "$T/body"
c "meetings: opening the link records nothing" test "$(mq "SELECT COUNT(*) FROM net_invite WHERE rsvp IS NOT NULL")" = 0
c "meetings: opening the link leaves last_active" test "$(mq "SELECT last_active FROM net_member WHERE email = 'ada@example.org'")" = 2026-01-01T00:00:00Z
tok=$(csrf_from_body)
req "$MN" POST /meetings/rsvp --data-urlencode "csrf=$tok" --data-urlencode "t=$TOKEN"
h "meetings: an RSVP without an answer is refused at the field" 400 'Select whether you can come'
req "$MN" POST /meetings/rsvp --data-urlencode "csrf=$tok" --data-urlencode "t=$TOKEN" --data-urlencode "answer=no"
h "meetings: the button records the answer" 200 'Answer sent'
c "meetings: the answer is stored" test "$(mq "SELECT rsvp FROM net_invite WHERE rsvp IS NOT NULL")" = no
c "meetings: the answer bumps last_active" test "$(mq "SELECT last_active FROM net_member WHERE email = 'ada@example.org'")" != 2026-01-01T00:00:00Z
req "$MN" POST /meetings/rsvp --data-urlencode "t=$TOKEN" --data-urlencode "answer=yes"
h "meetings: an RSVP without the form token is refused" 403
req "$MN" GET "/meetings/rsvp?t=0000000000000000000000000000000000000000000000000000000000000000&a=yes"
h "meetings: a wrong token says the link does not work" 404 'This link does not work'

# the staff pages: the members capability opens them
for p in /network/meetings /network/meetings/regional-south "/network/meetings/regional-south/$NEXT"; do
  req "$MN" GET "$p"
  c "meetings: $p needs sign-in" sh -c "[ '$STATUS' = 303 ] || [ '$STATUS' = 302 ] || [ '$STATUS' = 401 ]"
  req "$MV" GET "$p"
  h "meetings: $p is refused without the members capability" 403
  req "$MM" GET "$p"
  h "meetings: $p opens with the members capability" 200
done
req "$MM" GET /network/meetings
h "meetings: the staff list shows the series" 200 'Regional South'
c "meetings: the navigation has Meetings" grep -q 'href="/network/meetings"' "$T/body"
req "$MV" GET /dashboard
c "meetings: no Meetings entry without the capability" sh -c "! grep -q 'href=\"/network/meetings\"' '$T/body'"
req "$MM" GET "/network/meetings/regional-south/$NEXT"
h "meetings: the meeting page lists the invited with their answers" 200 'Ada Okafor \(said no\)'
c "meetings: the meeting page counts" grep -q 'Said no' "$T/body"
req "$MM" GET "/network/meetings/doc/$PAPER"
h "meetings: a paper downloads for staff" 200 'Minutes of the meeting'
req "$MV" GET "/network/meetings/doc/$PAPER"
h "meetings: a paper is refused without the capability" 403

# attendance
ADA=$(mq "SELECT id FROM net_member WHERE email = 'ada@example.org'")
FORM_PAGE="/network/meetings/regional-south/$NEXT" post "$MM" /network/meetings/attend series=regional-south "date=$NEXT" "attended=$ADA"
h "meetings: attendance saved" 303
c "meetings: ada attended" test "$(mq "SELECT attended FROM net_invite WHERE member_id = $ADA")" = 1
FORM_PAGE="/network/meetings/regional-south/$NEXT" post "$MV" /network/meetings/attend series=regional-south "date=$NEXT" "attended=$ADA"
h "meetings: attendance refused without the capability" 403

# skip and swap from the rota page
FORM_PAGE=/network/meetings/regional-south post "$MM" /network/meetings/skip series=regional-south venue=Aylesbury
h "meetings: skip a venue" 303
c "meetings: the skip is kept" test "$(mq "SELECT skipped_from IS NOT NULL FROM net_venue WHERE name = 'Aylesbury'")" = 1
c "meetings: no future meeting at the skipped venue" test "$(mq "SELECT COUNT(*) FROM net_meeting WHERE venue = 'Aylesbury' AND date >= '$(date +%F)' AND venue_fixed = 0")" = 0
c "meetings: the skip is in the audit log" test "$(mq "SELECT COUNT(*) FROM audit_log WHERE what = 'meeting.skip'")" = 1
V2=$(mq "SELECT venue FROM net_meeting WHERE date = '$NEXT2'") V3=$(mq "SELECT venue FROM net_meeting WHERE date = '$NEXT3'")
FORM_PAGE=/network/meetings/regional-south post "$MM" /network/meetings/swap series=regional-south "first=$NEXT2" "second=$NEXT3"
h "meetings: swap two meetings' venues" 303
c "meetings: the venues are swapped" test "$(mq "SELECT venue FROM net_meeting WHERE date = '$NEXT2'")|$(mq "SELECT venue FROM net_meeting WHERE date = '$NEXT3'")" = "$V3|$V2"

# change: the form, the check page, then the change
req "$MM" GET "/network/meetings/regional-south/$NEXT/change"
h "meetings: the change form" 200 'Change the meeting on'
Y=${NEXT%%-*}; MO=$((10#$(echo "$NEXT" | cut -d- -f2))); D=$((10#$(echo "$NEXT" | cut -d- -f3)))
FORM_PAGE="/network/meetings/regional-south/$NEXT/change" post "$MM" /network/meetings/change series=regional-south "date=$NEXT" \
  "new-day=$D" "new-month=$MO" "new-year=$Y" start=18:00 end=17:00 venue=Reading note=
h "meetings: a bad time is refused at the field" 400 'Enter a start and end time'
FORM_PAGE="/network/meetings/regional-south/$NEXT/change" post "$MM" /network/meetings/change series=regional-south "date=$NEXT" \
  "new-day=$D" "new-month=$MO" "new-year=$Y" start=18:30 end=20:30 "venue=Reading Library" "note=Room 4"
h "meetings: the check page" 200 'Check the change before you save it'
c "meetings: the check page changes nothing" test "$(mq "SELECT venue FROM net_meeting WHERE date = '$NEXT'")" != "Reading Library"
SENT=$(mq "SELECT COUNT(*) FROM mail_outbox")
FORM_PAGE="/network/meetings/regional-south/$NEXT/change" post "$MM" /network/meetings/change series=regional-south "date=$NEXT" \
  "new-day=$D" "new-month=$MO" "new-year=$Y" start=18:30 end=20:30 "venue=Reading Library" "note=Room 4" confirm=1
h "meetings: the change is saved" 303
c "meetings: the change is stored" test "$(mq "SELECT venue || '|' || start_time || '|' || note FROM net_meeting WHERE date = '$NEXT'")" = "Reading Library|18:30|Room 4"
c "meetings: the invited are mailed the change" test "$(mq "SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE 'Changed:%'")" -gt 0
# cancel: the reason, the check page, then the cancellation
FORM_PAGE="/network/meetings/regional-south/$NEXT/cancel" post "$MM" /network/meetings/cancel series=regional-south "date=$NEXT" reason=
h "meetings: a cancellation needs a reason" 400 'Enter why the meeting is cancelled'
FORM_PAGE="/network/meetings/regional-south/$NEXT/cancel" post "$MM" /network/meetings/cancel series=regional-south "date=$NEXT" "reason=Snow"
h "meetings: the cancel check page" 200 'Are you sure you want to cancel'
c "meetings: the check page cancels nothing" test "$(mq "SELECT status FROM net_meeting WHERE date = '$NEXT'")" = scheduled
FORM_PAGE="/network/meetings/regional-south/$NEXT/cancel" post "$MM" /network/meetings/cancel series=regional-south "date=$NEXT" "reason=Snow" confirm=1
h "meetings: the meeting is cancelled" 303
c "meetings: cancelled in the database" test "$(mq "SELECT status FROM net_meeting WHERE date = '$NEXT'")" = cancelled
c "meetings: the invited are mailed the cancellation" test "$(mq "SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE 'Cancelled:%'")" -gt 0
req "$MN" GET /meetings/regional-south.ics
c "meetings: the feed shows it cancelled" grep -q 'STATUS:CANCELLED' "$T/body"
stop_server
