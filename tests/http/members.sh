# tests/http/members.sh: the staff network's members on the web (issue 17)
# — the members capability walked (without it every members page answers
# 403; signed out, only the public page opens), the list with its filters,
# search and pages, adding with errors at the fields, consent given and
# withdrawn, the data download, the import (nothing saved on any error),
# erasure after a check-your-answers page, and joining from the public
# page: the confirmation mail's link opens a page whose button confirms
# (the GET changes nothing), expired links, and the rate limit's 429.
# Sourced by tests/http/run.sh after the main server has stopped: serves a
# copy of $DB (its accounts). Uses $P, $DB, $T, $PW and lib.sh.

MDB="$T/members.db"
sqlite3 "$DB" ".backup '$MDB'"
[ -f "$DB.key" ] && cp "$DB.key" "$MDB.key"
MF="$T/memweb"
mkdir -p "$MF"
mq() { sqlite3 "$MDB" "$1"; }
printf '%s\n' "$PW" | "$P" --db "$MDB" user add mem --role viewer --grant members --password-stdin >/dev/null
"$P" --db "$MDB" member add ada@example.org --name 'Ada Obi' --region 'South West' --consent mailing --how paper >/dev/null
"$P" --db "$MDB" member add ben@example.org --name 'Ben Ade' --region London >/dev/null
{ echo "email,name,region"; for i in $(seq 10 69); do echo "m$i@example.org,Member $i,Wales"; done; } >"$MF/sixty.csv"
"$P" --db "$MDB" member import "$MF/sixty.csv" >/dev/null

start_server members "$MDB" || { fail=$((fail+1)); echo "FAIL members server did not start"; return 0; }
MJ="$T/mem.jar" MV="$T/mem-vi.jar" MN="$T/mem-anon.jar"
rm -f "$MN"
login "$MJ" mem "$PW"
login "$MV" vi "$PW"

# --- the capability: none of the members pages without it
bad=""
for path in /network/members /network/members/new /network/members/import /network/members/1 /network/members/1/export /network/members/1/erase /network/members/1/equality; do
  req "$MV" GET "$path"
  [ "$STATUS" = 403 ] || bad="$bad GET $path: $STATUS;"
  req "$MN" GET "$path"
  { [ "$STATUS" = 303 ] && grep -qi '^location: /login' "$T/headers"; } || bad="$bad anon GET $path: $STATUS;"
done
for path in /network/members/new /network/members/import /network/members/1/consent /network/members/1/update /network/members/1/erase /network/members/1/equality; do
  FORM_PAGE=/account/password post "$MV" "$path" name=x
  [ "$STATUS" = 403 ] || bad="$bad POST $path: $STATUS;"
done
c "without the members capability every members page is refused${bad:+:$bad}" test -z "$bad"
req "$MV" GET /
c "…and the navigation has no Members entry" sh -c "! grep -q 'href=\"/network/members\"' '$T/body'"
req "$MJ" GET /
c "with it, the navigation has Members" grep -q 'href="/network/members"' "$T/body"
req "$MN" GET /public/network
h "signed out, the public page opens" 200 'The staff network' 'Ada Obi'
h "…and says joining is not open while mail is not set up" 200 'Joining is not open yet'
h "…with links to the meetings calendar and the lists" 200 'href="/public/meetings".*|href="/lists"'

# --- the list: filters, search, pages
req "$MJ" GET /network/members
h "the list shows members, 50 a page" 200 '62 members found' 'Member 69'
h "…with the pagination" 200 'govuk-pagination'
req "$MJ" GET '/network/members?page=2'
h "…page 2 has the rest" 200 'Member 69'
req "$MJ" GET '/network/members?q=ada'
h "search by name or email" 200 'Ada Obi' 'Ben Ade'
req "$MJ" GET '/network/members?region=London'
h "filter by region" 200 'Ben Ade' 'Ada Obi'
req "$MJ" GET '/network/members?status=left'
h "filter by status" 200 '0 members found'

# --- adding: errors at the fields, then added
before=$(mq "SELECT COUNT(*) FROM net_member")
FORM_PAGE=/network/members/new post "$MJ" /network/members/new name= email= region=
h "add with nothing: errors at the fields" 400 'govuk-error-summary.*|Enter the member&#39;s full name|Enter the member.s full name'
c "…each field's own message" sh -c "grep -q 'Enter the member.*email address' '$T/body' && grep -q 'Enter the member.*region' '$T/body' && grep -q 'govuk-error-message' '$T/body'"
FORM_PAGE=/network/members/new post "$MJ" /network/members/new 'name=Cy' 'email=cy@' 'region=Wales'
h "a bad email is refused at the field" 400 'is not an email address'
FORM_PAGE=/network/members/new post "$MJ" /network/members/new 'name=Ada' 'email=ADA@example.org' 'region=Wales'
h "a member's email twice is refused" 400 'already a member'
c "…nothing was added" test "$before" = "$(mq "SELECT COUNT(*) FROM net_member")"
FORM_PAGE=/network/members/new post "$MJ" /network/members/new 'name=Cy Eze' 'email=cy@example.org' 'region=North East' 'grade=PO' 'manager=yes' 'consent=meetings' 'how=email'
h "a member added" 303
CY=$(mq "SELECT id FROM net_member WHERE email = 'cy@example.org'")
c "…with consent given by email by the account" test "$(mq "SELECT purpose || given_how || recorded_by FROM net_consent WHERE member_id = $CY")" = meetingsemailmem
c "…and the audit entry names no email" test "$(mq "SELECT COUNT(*) FROM audit_log WHERE what = 'member.add' AND target = 'member $CY' AND COALESCE(after, '') NOT LIKE '%@%'")" = 1

# --- one member: consent, change, download
req "$MJ" GET /network/members/1
h "a member's page shows their consents with the wording version and how" 200 'Version 1: I agree that the staff network may send me'
h "…given on paper" 200 'on paper'
FORM_PAGE=/network/members/1 post "$MJ" /network/members/1/consent change=withdraw:mailing
h "withdrawing without saying how: error at the field" 400 'Select how the member told us'
FORM_PAGE=/network/members/1 post "$MJ" /network/members/1/consent change=withdraw:mailing how=email
h "consent withdrawn" 303
c "…the row kept, withdrawn by email" test "$(mq "SELECT withdrawn_how FROM net_consent WHERE member_id = 1 AND purpose = 'mailing'")" = email
FORM_PAGE=/network/members/1 post "$MJ" /network/members/1/consent change=give:mentoring how=paper
h "consent given" 303
c "…as easy as withdrawing" test "$(mq "SELECT given_how FROM net_consent WHERE member_id = 1 AND purpose = 'mentoring'")" = paper
FORM_PAGE=/network/members/1 post "$MJ" /network/members/1/update 'name=Ada Obi-Ola' 'email=ada@example.org' 'region=South West' 'manager=no'
h "details changed" 303
c "…stored" test "$(mq "SELECT name FROM net_member WHERE id = 1")" = 'Ada Obi-Ola'
FORM_PAGE=/network/members/1 post "$MJ" /network/members/1/update 'name=Ada' 'email=ben@example.org' 'region=South West'
h "another member's email refused" 400 'Another member has this email address'
req "$MJ" GET /network/members/1/export
h "download their data: JSON with the consent wording" 200 '"wording": "I agree that the staff network may send me'
hdr "…as an attachment" 'content-disposition: attachment; filename="member-1.json"'

# --- import: nothing saved on any error
printf 'email,name,region,manager\nzed@example.org,Zed,Wales,no\nbad@,Bad,Wales,perhaps\n' >"$MF/bad.csv"
printf 'email,name,region\nyan@example.org,Yan,Wales\n' >"$MF/good.csv"
req "$MJ" GET /network/members/import
tok=$(csrf_from_body)
before=$(mq "SELECT COUNT(*) FROM net_member")
req "$MJ" POST "/network/members/import?csrf=$tok" -F "csrf=$tok" -F "file=@$MF/bad.csv;type=text/csv"
h "an import with problems: each listed by line and column" 400 'bad.csv line 3, column manager: write yes or no'
h "…and the email" 400 "bad.csv line 3, column email: &#39;bad@&#39; is not an email address|bad.csv line 3, column email: 'bad@' is not an email address"
c "…nothing saved, not even the good row" test "$before" = "$(mq "SELECT COUNT(*) FROM net_member")"
req "$MJ" POST "/network/members/import?csrf=$tok" -F "csrf=$tok" -F "file=@$MF/good.csv;type=text/csv"
h "a good import" 303
c "…saved" test "$(mq "SELECT COUNT(*) FROM net_member WHERE email = 'yan@example.org'")" = 1

# --- equality details: optional, one page, each a select
req "$MJ" GET /network/members/1
h "the member page says no equality details were given" 200 'Equality details.*|None given'
req "$MJ" GET /network/members/1/equality
h "the equality details page offers the groups and Prefer not to say" 200 '<option value="Black">Black</option>'
FORM_PAGE=/network/members/1/equality post "$MJ" /network/members/1/equality ethnicity=BME sex=Female
h "a value that is not a group is refused at its field" 400 'govuk-error-summary.*|href="#ethnicity"'
c "…and nothing is saved" test "$(mq "SELECT COUNT(*) FROM net_member_char WHERE member_id = 1")" = 0
FORM_PAGE=/network/members/1/equality post "$MJ" /network/members/1/equality ethnicity=Black sex=NS age=
h "equality details saved" 303
c "…with their groups (Prefer not to say is Not stated)" test "$(mq "SELECT characteristic || '=' || grp FROM net_member_char WHERE member_id = 1 ORDER BY characteristic" | tr '\n' ' ')" = "ethnicity=Black sex=Not stated "
c "…and audited" test "$(mq "SELECT COUNT(*) FROM audit_log WHERE what = 'member.update' AND after = 'equality details'")" = 1
req "$MJ" GET /network/members/1
h "…and shown on the member page" 200 'Ethnicity.*|Black'
req "$MJ" GET /network/members/1/equality
h "…and chosen in the form" 200 '<option value="Black" selected'

# --- erase: check your answers, then gone
req "$MJ" GET /network/members/2/erase
h "erase asks first" 200 'Check before you erase this member.*|Ben Ade'
c "…nothing erased by looking" test "$(mq "SELECT status FROM net_member WHERE id = 2")" = active
FORM_PAGE=/network/members/2/erase post "$MJ" /network/members/2/erase 'reason=request by the member'
h "erased" 303
c "…email, name gone; status erased; region kept" test "$(mq "SELECT COALESCE(email, '-') || COALESCE(name, '-') || status || region_id FROM net_member WHERE id = 2")" = "--erased$(mq "SELECT id FROM net_region WHERE name = 'London'")"
c "…logged without the data" test "$(mq "SELECT COUNT(*) FROM audit_log WHERE what = 'member.erase' AND target = 'member 2' AND COALESCE(after, '') NOT LIKE '%ben%'")" = 1
FORM_PAGE=/network/members/1 post "$MJ" /network/members/2/erase 'reason=again'
h "erasing twice: a clear error" 400 'erased already'
req "$MJ" GET /network/members/2
h "an erased member's page says so and shows nothing of them" 200 'This member was erased' 'ben@example'

# --- joining from the public page (double opt-in)
mq "INSERT INTO mail_setting (id, smtp, from_addr, site_url, tls, updated_at, updated_by) VALUES (1, 'smtp://127.0.0.1:2525', 'network@example.org', 'https://parity.example.org', 'off', '2026-01-01T00:00:00Z', 'test')"
req "$MN" GET /public/network
h "with mail set up the public page has the joining form" 200 'Join the network'
WORDING=$(mq "SELECT text FROM net_consent_wording WHERE purpose = 'meetings' ORDER BY version DESC LIMIT 1")
c "…each purpose's box shows the exact current wording" grep -qF "$(printf '%s' "$WORDING" | sed "s/'/\&#39;/g")" "$T/body"
c "…the regions to choose from" grep -q '<option value="South West"' "$T/body"
FORM_PAGE=/public/network post "$MN" /public/network name= email=x region=
h "joining with mistakes: errors at the fields" 400 'Enter your full name'
h "…email format" 400 'Enter an email address in the correct format'
h "…region" 400 'Choose your region'
FORM_PAGE=/public/network post "$MN" /public/network 'name=Dee Ola' 'email=dee@example.org' 'region=Wales' consent=mailing consent=meetings
h "a join is accepted" 303
hdr "…to the check-your-email page" '^location: /public/network/sent'
req "$MN" GET /public/network/sent
h "…which says to check the email" 200 'Check your email'
DEE=$(mq "SELECT id FROM net_member WHERE email = 'dee@example.org'")
c "…a pending member" test "$(mq "SELECT status FROM net_member WHERE id = $DEE")" = pending
c "…a confirmation mail queued (kind join, ref the member)" test "$(mq "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'join' AND ref = $DEE AND rcpt = 'dee@example.org'")" = 1
mq "SELECT writefile('$MF/join.eml', body) FROM mail_outbox WHERE kind = 'join' AND ref = $DEE" >/dev/null
TOKEN=$(python3 - "$MF/join.eml" <<'PY'
import email, re, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'))
parts = [p for p in m.walk() if p.get_content_type() == 'text/plain']
text = parts[0].get_payload(decode=True).decode()
print(re.search(r'https://parity\.example\.org/network/join/confirm\?t=([0-9a-f]{64})', text).group(1))
PY
)
c "…its link carries a token" test ${#TOKEN} = 64
c "…only the token's hash is stored" sh -c "! sqlite3 '$MDB' .dump | grep -q '$TOKEN'"
before=$(sqlite3 "$MDB" .dump | grep -v audit_log | md5sum)
req "$MN" GET "/network/join/confirm?t=$TOKEN"
h "opening the link shows a page with a button" 200 'Confirm and join'
req "$MN" GET "/network/join/confirm?t=$TOKEN"
c "…the GET confirms nothing (a mail scanner following it changes nothing)" test "$before" = "$(sqlite3 "$MDB" .dump | grep -v audit_log | md5sum)"
FORM_PAGE="/network/join/confirm?t=$TOKEN" post "$MN" /network/join/confirm "t=$TOKEN"
h "the button confirms" 200 'You have joined the staff network'
c "…the member is active" test "$(mq "SELECT status FROM net_member WHERE id = $DEE")" = active
c "…with the consents ticked, given on the web in the wording shown" test "$(mq "SELECT group_concat(purpose || ':' || given_how || ':' || wording_id, ' ') FROM (SELECT * FROM net_consent WHERE member_id = $DEE ORDER BY purpose)")" = "mailing:web:1 meetings:web:2"
FORM_PAGE="/public/network" post "$MN" /network/join/confirm "t=$TOKEN"
h "the link works once" 404 'This link does not work'
FORM_PAGE=/public/network post "$MN" /public/network 'name=Eve' 'email=eve@example.org' 'region=Wales'
EVE=$(mq "SELECT id FROM net_member WHERE email = 'eve@example.org'")
mq "UPDATE net_join SET expires_at = 1 WHERE member_id = $EVE"
mq "SELECT writefile('$MF/eve.eml', body) FROM mail_outbox WHERE kind = 'join' AND ref = $EVE" >/dev/null
ETOK=$(python3 -c "
import email,re,sys
m=email.message_from_binary_file(open('$MF/eve.eml','rb'))
t=[p for p in m.walk() if p.get_content_type()=='text/plain'][0].get_payload(decode=True).decode()
print(re.search(r't=([0-9a-f]{64})',t).group(1))")
req "$MN" GET "/network/join/confirm?t=$ETOK"
h "a link older than 7 days does not work" 404 'This link does not work'
FORM_PAGE=/public/network post "$MN" /public/network 'name=Fay' 'email=fay@example.org' 'region=Wales'
c "…and the next join clears the expired one with its pending member" test "$(mq "SELECT COUNT(*) FROM net_member WHERE email = 'eve@example.org'")" = 0
FORM_PAGE=/public/network post "$MN" /public/network 'name=Ada' 'email=ada@example.org' 'region=Wales'
hdr "joining with a member's email says the same as any join (tells no one who is a member)" '^location: /public/network/sent'
c "…and changes nothing of theirs" test "$(mq "SELECT status || name FROM net_member WHERE id = 1")" = 'activeAda Obi-Ola'
# rate limit: 5 joins an hour from one address
FORM_PAGE=/public/network post "$MN" /public/network 'name=Gus' 'email=gus@example.org' 'region=Wales'
h "the rate limit answers 429" 429 'Too many requests'
h "…saying when to try again" 429 'Try again after [0-9]+ [A-Z][a-z]+ [0-9]{4}, [0-9]+:[0-9]{2}(am|pm)'
c "…and records nothing" test "$(mq "SELECT COUNT(*) FROM net_member WHERE email = 'gus@example.org'")" = 0
stop_server
