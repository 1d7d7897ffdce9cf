# End-to-end cases for the staff network's meetings (issue 17; sourced by
# run.sh): the issue's series and its rota, skip and swap, changes and
# cancellations, refusals that save nothing, invitations only to the
# consenting active members of the region (the outbox read with Python's
# email module), RSVP tokens stored only as their hash, attendance,
# papers and minutes. Members are made with sqlite3, as the members' own
# commands are another part's.
MB="$T/meetings.db"
MF="$T/meetings"
mkdir -p "$MF"
"$P" --db "$MB" meeting series list >/dev/null 2>&1   # makes the database
sqlite3 "$MB" "
INSERT INTO mail_setting (id, smtp, from_addr, site_url, tls, updated_at, updated_by)
  VALUES (1, 'smtp://127.0.0.1:9', 'network@example.org', 'https://parity.example.org', 'off', '2026-12-01T00:00:00Z', 'test');
INSERT INTO net_region (name) VALUES ('South'), ('North');
INSERT INTO net_member (email, name, region_id, manager, status, joined, last_active, created_at, updated_at) VALUES
 ('ada@example.org', 'Ada Okafor', 1, 0, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x'),
 ('ben@example.org', 'Ben Mensah', 1, 0, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x'),
 ('cal@example.org', 'Cal Boateng', 2, 1, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x'),
 ('dee@example.org', 'Dee Asante', 1, 0, 'left', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x'),
 ('eve@example.org', 'Eve Owusu', 1, 0, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x');
INSERT INTO net_consent (member_id, purpose, wording_id, given_at, given_how, recorded_by)
  SELECT m.id, 'meetings', w.id, '2026-01-01T00:00:00Z', 'cli', 'test' FROM net_member m, net_consent_wording w
  WHERE w.purpose = 'meetings' AND m.email IN ('ada@example.org', 'cal@example.org', 'dee@example.org', 'eve@example.org');
UPDATE net_consent SET withdrawn_at = '2026-02-01T00:00:00Z', withdrawn_how = 'web'
  WHERE member_id = (SELECT id FROM net_member WHERE email = 'eve@example.org');
"
M() { "$P" --db "$MB" meeting "$@"; }

t meet-help 0 'meeting series' '' -- "$P" help
t meet-help-series 0 '2-months' '' -- "$P" help meeting series
# the issue's exact command (the region comes from the name regional-south)
t meet-series-add 0 'added series regional-south.*FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU' '' -- \
  "$P" --db "$MB" meeting series add regional-south --every 2-months --on "2nd Tuesday" --venues "Reading;Oxford;Aylesbury" --from 2026-01-01
t meet-rota 0 '2026-01-13	Reading' '' -- "$P" --db "$MB" meeting rota regional-south
c meet-rota-dates python3 - "$T/out" <<'PY'
import sys
rows = [l.split('\t') for l in open(sys.argv[1]).read().splitlines() if l[:2] == '20']
want = [('2026-01-13', 'Reading'), ('2026-03-10', 'Oxford'), ('2026-05-12', 'Aylesbury'),
        ('2026-07-14', 'Reading'), ('2026-09-08', 'Oxford'), ('2026-11-10', 'Aylesbury'),
        ('2027-01-12', 'Reading'), ('2027-03-09', 'Oxford')]
assert [tuple(r[:2]) for r in rows[:8]] == want, rows[:8]
import datetime
for r in rows:   # every one a 2nd Tuesday, two months apart
    d = datetime.date.fromisoformat(r[0])
    assert d.weekday() == 1 and 8 <= d.day <= 14, r
assert len(rows) >= 12
PY
t meet-series-list 0 'regional-south.*every 2-months on the 2nd Tuesday' '' -- "$P" --db "$MB" meeting series list

# refusals: a clear message, nothing saved
before=$(dump "$MB")
t meet-bad-on 2 '' "--on: '9th Tuesday' is not a day" -- M series add x1 --every month --on "9th Tuesday" --venues A --from 2026-01-01 --region South
t meet-bad-every 2 '' "--every: 'fortnightly' is not a period" -- M series add x1 --every fortnightly --on "1st Monday" --venues A --from 2026-01-01 --region South
t meet-bad-venue 2 '' '--venues: venue 2 is empty' -- M series add x1 --every month --on "1st Monday" --venues "A;;B" --from 2026-01-01 --region South
t meet-bad-venue-end 2 '' '--venues: venue 3 is empty' -- M series add x1 --every month --on "1st Monday" --venues "A;B; " --from 2026-01-01 --region South
t meet-bad-time 2 '' '--time: the meeting must end after it starts' -- M series add x1 --every month --on "1st Monday" --venues A --from 2026-01-01 --region South --time 20:00-18:00
t meet-bad-kind 2 '' "--kind: 'party'" -- M series add x1 --every month --on "1st Monday" --venues A --from 2026-01-01 --kind party
t meet-no-region 2 '' 'needs --region' -- M series add x1 --every month --on "1st Monday" --venues A --from 2026-01-01
t meet-bad-region 1 '' "no region called 'West'" -- M series add x1 --every month --on "1st Monday" --venues A --from 2026-01-01 --region West
t meet-bad-slug 2 '' 'lowercase letters' -- M series add "Bad Slug" --every month --on "1st Monday" --venues A --from 2026-01-01 --region South
t meet-dup 1 '' "already exists" -- M series add regional-south --every month --on "1st Monday" --venues A --from 2026-01-01
t meet-bad-from 2 '' '--from' -- M series add x1 --every month --on "1st Monday" --venues A --from 2026-13-45 --region South
c meet-refusals-saved-nothing test "$before" = "$(dump "$MB")"

# skip and swap
t meet-skip 0 'passes over Oxford from 2027-01-01' '' -- M rota skip regional-south Oxford --from 2027-01-01
t meet-skip-unknown 1 '' "no venue 'Swindon'" -- M rota skip regional-south Swindon
t meet-rota-skipped 0 '2027-03-09	Aylesbury' '' -- M rota regional-south
c meet-rota-after-skip python3 - "$T/out" <<'PY'
import sys
rows = dict(l.split('\t')[:2] for l in open(sys.argv[1]).read().splitlines() if l[:2] == '20')
assert rows['2026-09-08'] == 'Oxford'            # before the skip: as it was
assert rows['2027-01-12'] == 'Reading' and rows['2027-03-09'] == 'Aylesbury'
assert rows['2027-05-11'] == 'Reading' and rows['2027-07-13'] == 'Aylesbury'
assert 'Oxford' not in [v for k, v in rows.items() if k >= '2027']
PY
t meet-swap 0 'swapped: 2026-03-10 now at Aylesbury, 2026-05-12 now at Oxford' '' -- M rota swap regional-south 2026-03-10 2026-05-12
t meet-swap-same 2 '' 'two different meetings' -- M rota swap regional-south 2026-03-10 2026-03-10
t meet-swap-none 1 '' 'no meeting on 2026-03-11' -- M rota swap regional-south 2026-03-10 2026-03-11

# one-off changes and cancellations
t meet-change 0 '2026-09-08	regional-south	18:30-20:30	Oxford Town Hall	scheduled	Room 2' '' -- \
  M change regional-south 2026-09-08 --venue "Oxford Town Hall" --time 18:30-20:30 --note "Room 2"
t meet-change-date 0 '2026-09-15	regional-south' '' -- M change regional-south 2026-09-08 --date 2026-09-15
t meet-change-nothing 2 '' 'say what changes' -- M change regional-south 2026-09-15
t meet-change-bad-time 2 '' "--time: '7pm'" -- M change regional-south 2026-09-15 --time 7pm
t meet-cancel-no-reason 2 '' 'give --reason' -- M cancel regional-south 2026-11-10
t meet-cancel 0 'cancelled the regional-south meeting on 2026-11-10' '' -- M cancel regional-south 2026-11-10 --reason "Venue closed"
t meet-cancel-again 1 '' 'already cancelled' -- M cancel regional-south 2026-11-10 --reason again
t meet-list-json 0 '' '' -- M list --series regional-south --from 2026-01-01 --format json
c meet-list-json-ok python3 - "$T/out" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
by = {m['date']: m for m in a}
assert by['2026-11-10']['status'] == 'cancelled' and by['2026-11-10']['reason'] == 'Venue closed'
assert by['2026-09-15']['venue'] == 'Oxford Town Hall' and by['2026-09-15']['start'] == '18:30'
assert '2026-09-08' not in by
assert set(a[0]) >= {'series', 'date', 'start', 'end', 'venue', 'status', 'invited', 'yes', 'no', 'attended'}
PY

# invitations: the next meeting from today; only ada is an active, consenting member of South
NEXT=$(M list --series regional-south --format json | python3 -c 'import json,sys; print([m["date"] for m in json.load(sys.stdin) if m["status"]=="scheduled"][0])')
t meet-invite 0 'invited 1 member' '' -- M invite regional-south "$NEXT"
t meet-invite-once 0 'invited 0 members' '' -- M invite regional-south "$NEXT"
t meet-invite-past 1 '' 'already taken place' -- M invite regional-south 2026-01-13
t meet-invite-cancelled 1 '' 'is cancelled' -- M invite regional-south 2026-11-10
sqlite3 "$MB" "SELECT rcpt, hex(body) FROM mail_outbox WHERE kind = 'invite' ORDER BY id" > "$MF/outbox.txt"
sqlite3 "$MB" "SELECT token_hash FROM net_invite" > "$MF/hashes.txt"
c meet-invite-mail python3 - "$MF/outbox.txt" "$MF/hashes.txt" "$NEXT" <<'PY'
import sys, email, email.policy, re, hashlib, datetime
rows = [l.split('|') for l in open(sys.argv[1]).read().splitlines()]
assert [r[0] for r in rows] == ['ada@example.org'], rows
msg = email.message_from_bytes(bytes.fromhex(rows[0][1]), policy=email.policy.default)
body = msg.get_body(preferencelist=('plain',)).get_content()
d = datetime.date.fromisoformat(sys.argv[3])
words = '%s %d %s %d' % (d.strftime('%A'), d.day, d.strftime('%B'), d.year)
assert words in body and words in msg['Subject'], (words, msg['Subject'])
assert '6pm to 8pm' in body and 'Venue: ' in body
links = re.findall(r'https://parity\.example\.org/meetings/rsvp\?t=([0-9a-f]{64})&a=(yes|no|maybe)', body)
assert [a for _, a in links] == ['yes', 'no', 'maybe'], links
tok = links[0][0]
assert all(t == tok for t, _ in links)
hashes = open(sys.argv[2]).read().split()
assert hashlib.blake2b(tok.encode(), digest_size=32).hexdigest() in hashes
assert tok not in open(sys.argv[2]).read()      # only the hash is stored
PY
t meet-attend 0 '1 invited, 0 yes, 0 no, 2 attended' '' -- M attend regional-south "$NEXT" ada@example.org ben@example.org
t meet-attend-unknown 1 '' 'no member with email zed@example.org' -- "$P" --db "$MB" meeting attend regional-south "$NEXT" zed@example.org
t meet-change-mails 0 '1 invited member mailed' '' -- M change regional-south "$NEXT" --note "Bring your ID"
t meet-cancel-mails 0 '1 invited member mailed' '' -- M cancel regional-south "$NEXT" --reason "Strike action"
c meet-cancel-mail-sent test "$(sqlite3 "$MB" "SELECT COUNT(*) FROM mail_outbox WHERE rcpt = 'ada@example.org' AND subject LIKE 'Cancelled:%'")" = 1

# a managers' series invites managers; an AGM everyone consenting and active
t meet-managers 0 'added series managers' '' -- M series add managers --kind managers --every quarter --on "last Thursday" --venues "Birmingham" --from "$NEXT" --name "Managers' group"
NEXTM=$(M list --series managers --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["date"])')
t meet-managers-invite 0 'invited 1 member' '' -- M invite managers "$NEXTM"
c meet-managers-cal test "$(sqlite3 "$MB" "SELECT rcpt FROM mail_outbox WHERE subject LIKE 'Invitation: Managers%'")" = cal@example.org
t meet-agm 0 'added series agm' '' -- M series add agm --kind agm --every year --on "2nd Saturday" --venues "London" --from "$NEXT" --time 10:00-16:00 --count 2
t meet-agm-count 0 '' '' -- M list --series agm --format json
c meet-agm-two python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert len(a)==2, a' "$T/out"
NEXTA=$(M list --series agm --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["date"])')
t meet-agm-invite 0 'invited 2 members' '' -- M invite agm "$NEXTA"

# papers and minutes
printf 'Annual report\n' > "$MF/report.txt"
printf '\x00\x01binary' > "$MF/bin.dat"
head -c 9000000 /dev/zero | tr '\0' 'a' > "$MF/big.txt"
t meet-paper 0 'kept report.txt \(paper\)' '' -- M paper agm "$NEXTA" --title "Annual report" --file "$MF/report.txt"
t meet-paper-no-title 2 '' "give the paper's --title" -- M paper agm "$NEXTA" --file "$MF/report.txt"
t meet-paper-binary 1 '' 'neither a PDF nor a text file' -- M paper agm "$NEXTA" --title X --file "$MF/bin.dat"
t meet-paper-big 1 '' 'larger than 8 MiB' -- M paper agm "$NEXTA" --title X --file "$MF/big.txt"
t meet-minutes 0 'shown on the public calendar' '' -- M minutes regional-south 2026-01-13 --file "$MF/report.txt" --public
c meet-docs test "$(sqlite3 "$MB" "SELECT COUNT(*) FROM net_meeting_doc")" = 2
# every change on the command line is in the audit log, as cli:NAME
c meet-audit-cli test "$(sqlite3 "$MB" "SELECT COUNT(DISTINCT what) FROM audit_log WHERE who = 'cli:tester' AND what LIKE 'meeting.%'")" = 9
# the audit log page shows targets as they are: dates in words, never ISO
c meet-audit-words test "$(sqlite3 "$MB" "SELECT COUNT(*) FROM audit_log WHERE what LIKE 'meeting.%' AND (target GLOB '*[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' OR COALESCE(after, '') GLOB '*[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*')")" = 0
