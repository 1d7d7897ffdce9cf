# End-to-end cases for the staff network's members and consent (issue 17;
# sourced by run.sh): every member, consent and region command, bad input
# refused with the database unchanged, the import's all-or-nothing, the
# subject access export with the consent wording, erasure leaving no trace
# of the email anywhere in the database file, and the retention review.
MB="$T/members.db"
MF="$T/members"
mkdir -p "$MF"
M() { "$P" --db "$MB" "$@"; }

t mem-help 0 'member add' '' -- "$P" help
t mem-help-add 0 'consent PURPOSE' '' -- "$P" help member add
t mem-list-empty 0 'no members yet' '' -- M member list
t mem-region-empty 0 'no regions yet' '' -- M region list
t mem-add 0 '^added member 1$' '' -- M member add Ada@Example.ORG --name 'Ada Obi' --region 'South West' --grade PO --consent mailing --consent meetings --how paper
t mem-add-json 0 '"manager": true' '' -- M member add ben@example.org --name 'Ben Ade' --region London --manager --joined 2024-03-01 --format json
t mem-add-third 0 'added member 3' '' -- M member add cy@example.org --name 'Cy Eze' --region 'south west'

# bad input: a clear message, exit 2 or 1, the database unchanged
before=$(dump "$MB")
t mem-add-dup 1 '' 'ada@example.org is already a member' -- M member add ada@example.org --name Ada --region London
t mem-add-bad-email 1 '' "'x@' is not an email address" -- M member add x@ --name X --region London
t mem-add-no-name 2 '' 'give --name NAME' -- M member add d@example.org --region London
t mem-add-no-region 2 '' 'give --region REGION' -- M member add d@example.org --name D
t mem-add-bad-purpose 2 '' "unknown purpose 'spam'" -- M member add d@example.org --name D --region London --consent spam
t mem-add-bad-how 2 '' '--how takes web, paper, email or cli' -- M member add d@example.org --name D --region London --how fax
t mem-add-bad-date 1 '' 'joining date' -- M member add d@example.org --name D --region London --joined 2024-02-30
t mem-add-unknown-opt 2 '' 'see .parity help member add.' -- M member add d@example.org --name D --region London --colour blue
t mem-list-bad-status 2 '' '--status takes active, left, pending or erased' -- M member list --status gone
t mem-list-bad-region 1 '' "no region called 'Mars'; the regions are London, South West" -- M member list --region Mars
t mem-list-bad-format 2 '' '--format takes text|json|csv' -- M member list --format xml
t mem-show-missing 1 '' 'no member with email zz@example.org' -- M member show zz@example.org
t mem-update-nothing 2 '' 'give what to change' -- M member update ada@example.org
t mem-update-bad-manager 2 '' '--manager takes yes or no' -- M member update ada@example.org --manager maybe
t mem-update-taken-email 1 '' 'already another member' -- M member update ada@example.org --email ben@example.org
t mem-consent-no-how 2 '' 'give --how' -- M consent give ada@example.org mailing
t mem-consent-held 1 '' 'already given; nothing changed' -- M consent give ada@example.org mailing --how email
t mem-consent-not-held 1 '' 'not held; nothing to withdraw' -- M consent withdraw ada@example.org mentoring --how email
t mem-consent-bad-purpose 2 '' "unknown purpose 'x'" -- M consent give ada@example.org x --how email
t mem-wording-empty 2 '' '--text needs the new wording' -- M consent wording mailing --text ' '
t mem-stale-bad 2 '' '--inactive takes a period such as 24m' -- M member stale --inactive 24w
t mem-stale-missing 2 '' 'give --inactive PERIOD' -- M member stale
t mem-erase-reason-email 2 '' 'no personal data' -- M member erase ada@example.org --reason 'asked by ada@example.org'
c mem-bad-input-unchanged test "$before" = "$(dump "$MB")"

t mem-list 0 'Ada Obi +South West +active' '' -- M member list
t mem-list-region 0 'cy@example.org' '' -- M member list --region 'SOUTH WEST'
c mem-list-region-only sh -c "! '$P' --db '$MB' member list --region London | grep -q cy@"
t mem-list-csv 0 '^id,email,name,region,grade,manager,status,joined,left_on,last_active' '' -- M member list --format csv
c mem-list-json python3 -c "
import json,subprocess,sys
a=json.loads(subprocess.run(['$P','--db','$MB','member','list','--format','json'],capture_output=True).stdout)
assert len(a)==3 and {m['email'] for m in a}=={'Ada@example.org','ben@example.org','cy@example.org'}, a
assert [m for m in a if m['email']=='ben@example.org'][0]['joined']=='2024-03-01'"
t mem-show 0 'the mailing list: given .* by paper \(wording version 1\)' '' -- M member show ada@example.org
t mem-show-json 0 '"wording_version": 1' '' -- M member show ada@example.org --format json
t mem-region-list 0 'South West +2 active' '' -- M region list
t mem-update 0 'updated member 2: name region grade manager' '' -- M member update ben@example.org --name 'Ben Adeyemi' --region Midlands --grade SPO --manager no
t mem-update-show 0 'region: Midlands' '' -- M member show ben@example.org
t mem-update-email 0 'updated member 3: email' '' -- M member update cy@example.org --email cy.eze@example.org
t mem-update-left 0 'updated member 3: left' '' -- M member update cy.eze@example.org --left 2026-01-31
t mem-list-left 0 'cy.eze@example.org .* left' '' -- M member list --status left

# consent: give, withdraw, a new wording version recorded from then on
t mem-consent-withdraw 0 'consent for the mailing list withdrawn' '' -- M consent withdraw ada@example.org mailing --how email
t mem-consent-list-withdrawn 0 'withdrawn .* by email' '' -- M consent list ada@example.org
t mem-wording-show 0 'wording version 1:' '' -- M consent wording mailing
t mem-wording-add 0 'wording version 2 for the mailing list saved' '' -- M consent wording mailing --text 'Version two: the network may email me its news.'
t mem-consent-give 0 'consent for the mailing list given' '' -- M consent give ada@example.org mailing --how web
t mem-consent-list 0 'the mailing list: given .* by web \(wording version 2\)' '' -- M consent list ada@example.org

# the subject access export: the member, the consents with the exact wording, the mail
sqlite3 "$MB" "INSERT INTO mail_outbox (kind, ref, rcpt, subject, message_id, body, queued_at, due_at) VALUES ('test', 1, 'Ada@example.org', 'Hello Ada', 'm1@x', 'secret body', 1780000000, 1780000000)"
t mem-export 0 'wrote' '' -- M member export ada@example.org --output "$MF/ada.json"
c mem-export-contract python3 - "$MF/ada.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["member"]
assert m["email"] == "Ada@example.org" and m["name"] == "Ada Obi" and m["region"] == "South West"
words = {(c["purpose"], c["wording_version"]): c["wording"] for c in d["consents"]}
assert words[("mailing", 2)] == "Version two: the network may email me its news."
assert words[("mailing", 1)].startswith("I agree that the staff network may send me")
assert d["mail"] == [{"queued_at": "2026-05-28T20:26:40Z", "sent_at": None, "subject": "Hello Ada", "status": "queued", "kind": "test"}], d["mail"]
assert "secret body" not in open(sys.argv[1]).read()
PY
t mem-export-stdout 0 '"exported_at"' '' -- M member export ada@example.org

# stale: ben made inactive long ago; oldest first
sqlite3 "$MB" "UPDATE net_member SET last_active = '2020-01-01T00:00:00Z' WHERE email = 'ben@example.org'; UPDATE net_member SET last_active = '2023-06-01T00:00:00Z' WHERE email = 'cy.eze@example.org'"
t mem-stale 0 'ben@example.org' '' -- M member stale --inactive 24m
c mem-stale-order sh -c "'$P' --db '$MB' member stale --inactive 2y --format json | python3 -c 'import json,sys; a=json.load(sys.stdin); assert [m[\"email\"] for m in a]==[\"ben@example.org\",\"cy.eze@example.org\"], a'"
t mem-stale-days 0 'no member has been inactive for 9000d' '' -- M member stale --inactive 9000d
c mem-stale-not-ada sh -c "! '$P' --db '$MB' member stale --inactive 24m | grep -q Ada"

# equality details: optional, checked against the codebooks, kept with
# their group, in the export, gone with an erasure
t mem-eq-set 0 'updated member 1: equality details' '' -- M member update ada@example.org --equality ethnicity=B1 --equality sex=Female
c mem-eq-group test "$(sqlite3 "$MB" "SELECT grp FROM net_member_char WHERE member_id = 1 AND characteristic = 'ethnicity'")" = Black
t mem-eq-bme 1 '' "--equality: ethnicity: 'BME' is not an ethnic group" -- M member update ada@example.org --equality ethnicity=BME
t mem-eq-not-char 1 '' "--equality: 'shoe' is not a protected characteristic" -- M member update ada@example.org --equality shoe=9
t mem-eq-no-equals 2 '' '--equality takes CHARACTERISTIC=VALUE' -- M member update ada@example.org --equality ethnicity
t mem-eq-export 0 '"ethnicity": "B1"' '' -- M member export ada@example.org
t mem-eq-remove 0 'equality details' '' -- M member update ada@example.org --equality sex=
c mem-eq-removed test "$(sqlite3 "$MB" "SELECT COUNT(*) FROM net_member_char WHERE member_id = 1")" = 1
# erase: no trace of the email or name anywhere in the file; counts kept
t mem-erase 0 'erased member 1' '' -- M member erase ada@example.org --reason 'request by the member'
t mem-erase-twice 1 '' 'no member with email ada@example.org .*erased is not kept' -- M member erase ada@example.org
t mem-erased-region 0 'South West +0 active \(2 ever\)' '' -- M region list
t mem-erased-listed 0 '\(erased\)' '' -- M member list --status erased
c mem-erase-equality-gone test "$(sqlite3 "$MB" "SELECT COUNT(*) FROM net_member_char WHERE member_id = 1")" = 0
c mem-erase-logged test "$(sqlite3 "$MB" "SELECT member_id || ':' || reason FROM net_erasure")" = "1:request by the member"
c mem-erase-consents-kept test "$(sqlite3 "$MB" "SELECT COUNT(*) FROM net_consent WHERE member_id = 1")" = 3
c mem-erase-audit test "$(sqlite3 "$MB" "SELECT COUNT(*) FROM audit_log WHERE what = 'member.erase' AND target = 'member 1'")" = 1
sqlite3 "$MB" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;" >/dev/null
c mem-erase-no-trace sh -c "! grep -aiqE 'ada@example|Ada Obi' '$MB' '$MB-wal' 2>/dev/null"
c mem-erase-no-trace-dump sh -c "! sqlite3 '$MB' .dump | grep -aiqE 'ada@example|Ada Obi'"

# import: all or nothing, every problem by line and column
cat >"$MF/good.csv" <<'CSV'
email,name,region,grade,manager,joined,consent_mailing,consent_meetings
dee@example.org,Dee Ola,North East,PO,no,2025-01-10,yes,no
eve@example.org,"Eve, Ama",North East,,yes,,no,yes
CSV
cat >"$MF/members.csv" <<'CSV'
email,name,region,grade,manager,joined,consent_mailing
fay@example.org,Fay Bo,Wales,PO,no,2025-01-10,yes
gus@example.org,Gus,Wales,PO,perhaps,2025-01-10,yes
x@,Hal,Wales,PO,no,2025-01-10,no
ida@example.org,,Wales,PO,no,2025-01-10,no
jo@example.org,Jo,Wales,PO,no,2025-13-01,no
fay@example.org,Fay again,Wales,PO,no,,maybe
ben@example.org,Ben again,Wales,,no,,
CSV
before=$(dump "$MB")
t mem-import-bad 1 '' 'members.csv: 7 problems, nothing imported' -- M member import "$MF/members.csv"
c mem-import-bad-lines sh -c "grep -q 'members.csv line 3, column manager: write yes or no' '$T/err' &&
  grep -q \"members.csv line 4, column email: 'x@' is not an email address\" '$T/err' &&
  grep -q 'members.csv line 5, column name: give the member' '$T/err' &&
  grep -q 'members.csv line 6, column joined:' '$T/err' &&
  grep -q 'members.csv line 7, column consent_mailing: write yes or no' '$T/err' &&
  grep -q 'members.csv line 7, column email: fay@example.org is already a member' '$T/err' &&
  grep -q 'members.csv line 8, column email: ben@example.org is already a member' '$T/err'"
c mem-import-bad-unchanged test "$before" = "$(dump "$MB")"
printf 'name,region\nX,Y\n' >"$MF/nohead.csv"
t mem-import-no-email-col 1 '' "nohead.csv line 1, column email: the header has no column 'email'" -- M member import "$MF/nohead.csv"
printf 'email,name,region\n"a@example.org,A,B\n' >"$MF/broken.csv"
t mem-import-broken-csv 1 '' 'broken.csv:2:1' -- M member import "$MF/broken.csv"
printf 'email,name,region\n' >"$MF/empty.csv"
t mem-import-empty 1 '' 'has no members under its header' -- M member import "$MF/empty.csv"
t mem-import-missing 1 '' 'cannot open' -- M member import "$MF/nope.csv"
c mem-import-refused-unchanged test "$before" = "$(dump "$MB")"
t mem-import 0 'imported 2 members from good.csv' '' -- M member import "$MF/good.csv"
t mem-import-consent 0 'the mailing list: given .* by import' '' -- M consent list dee@example.org
printf 'email,name,region,ethnicity,sex\nkai@example.org,Kai,Wales,BME,Male\nlou@example.org,Lou,Wales,B2,\n' >"$MF/eq-bad.csv"
before=$(dump "$MB")
t mem-import-eq-bad 1 '' 'eq-bad.csv: 1 problem, nothing imported' -- M member import "$MF/eq-bad.csv"
c mem-import-eq-bad-line grep -q "eq-bad.csv line 2, column ethnicity: .*'BME' is not an ethnic group" "$T/err"
c mem-import-eq-bad-unchanged test "$before" = "$(dump "$MB")"
printf 'email,name,region,ethnicity,sex\nkai@example.org,Kai,Wales,A1,Male\nlou@example.org,Lou,Wales,B2,\n' >"$MF/eq.csv"
t mem-import-eq 0 'imported 2 members from eq.csv' '' -- M member import "$MF/eq.csv"
c mem-import-eq-groups test "$(sqlite3 "$MB" "SELECT group_concat(grp, ',') FROM (SELECT c.grp FROM net_member_char c JOIN net_member m ON m.id = c.member_id WHERE m.email IN ('kai@example.org', 'lou@example.org') ORDER BY m.email, c.characteristic)")" = "Asian,Male,Black"
t mem-import-quoted 0 'Eve, Ama' '' -- M member show eve@example.org
t mem-import-manager 0 'manager: yes' '' -- M member show eve@example.org
