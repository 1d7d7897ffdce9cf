# tests/http/mentoring.sh: mentoring on the web (issue 18) — the members
# capability walked (a viewer gets 403 on every page and form, and no
# Mentoring in the navigation), the overview with suggestions and their
# explanation, adding a profile (errors at the fields; consent needed),
# confirming a suggested pairing through its check page, logging a
# meeting and ending the pairing with feedback, each audited. Sourced by
# tests/http/run.sh; uses $P, $T, $PW, lib.sh. It makes its own database.

NDB="$T/mentorweb.db"
nq() { sqlite3 "$NDB" "$1"; }
for u in "mem --role viewer --grant members" "plain --role viewer"; do
  set -- $u
  printf '%s\n' "$PW" | "$P" --db "$NDB" user add "$@" --password-stdin >/dev/null
done
for x in "amy London" "bo London" "xia London" "yan London"; do
  set -- $x
  "$P" --db "$NDB" member add "$1@example.org" --name "${1^} Test" --region "$2" --consent mentoring --how paper >/dev/null
done
"$P" --db "$NDB" member add gus@example.org --name 'Gus Test' --region Wales >/dev/null
"$P" --db "$NDB" mentor seek amy@example.org --areas promotion,interview-skills,confidence >/dev/null
"$P" --db "$NDB" mentor seek bo@example.org --areas confidence >/dev/null
"$P" --db "$NDB" mentor offer xia@example.org --areas promotion,interview-skills,confidence --capacity 1 >/dev/null
start_server mentorweb "$NDB" || { fail=$((fail+1)); echo "FAIL mentoring web server did not start"; return 0; }
NM="$T/nw-mem.jar" NV="$T/nw-plain.jar" NN="$T/nw-anon.jar"
rm -f "$NN"
login "$NM" mem "$PW"
login "$NV" plain "$PW"

# --- the capability
bad=""
for path in /network/mentoring /network/mentoring/new /network/mentoring/pairs/1 /network/mentoring/pairs/1/end; do
  req "$NV" GET "$path"
  [ "$STATUS" = 403 ] || bad="$bad GET $path: $STATUS;"
  req "$NN" GET "$path"
  { [ "$STATUS" = 303 ] && grep -qi '^location: /login' "$T/headers"; } || bad="$bad anon GET $path: $STATUS;"
done
for path in /network/mentoring/new /network/mentoring/confirm /network/mentoring/pairs/1/meeting /network/mentoring/pairs/1/end; do
  FORM_PAGE=/account/password post "$NV" "$path" mentee=1
  [ "$STATUS" = 403 ] || bad="$bad POST $path: $STATUS;"
done
c "mentoring web: a viewer gets 403 on every page and form${bad:+:$bad}" test -z "$bad"
req "$NV" GET /
c "mentoring web: no Mentoring in a viewer's navigation" sh -c "! grep -q 'href=\"/network/mentoring\"' '$T/body'"
req "$NM" GET /
c "mentoring web: Mentoring in the navigation with the members capability" grep -q 'href="/network/mentoring"' "$T/body"

# --- the overview: a suggestion explained
req "$NM" GET /network/mentoring
h "mentoring web: the overview proposes a mentor, explained" 200 'Proposed mentor: Xia Test'
h "mentoring web: ...with the score in words" 200 '3 areas in common \(applying for promotion, interview skills, confidence at work\): \+30'
h "mentoring web: ...and a Confirm this pairing form" 200 'Confirm this pairing'

# --- adding a profile: errors at the fields, consent needed, then added
FORM_PAGE=/network/mentoring/new post "$NM" /network/mentoring/new email= capacity=
h "mentoring web: a profile with nothing: errors at the fields" 400 'govuk-error-summary'
c "mentoring web: ...each field's message" sh -c "grep -q 'Enter the member' '$T/body' && grep -q 'Select mentor or mentee' '$T/body' && grep -q 'Select at least one area' '$T/body' && grep -q 'id=\"areas-error\"' '$T/body'"
FORM_PAGE=/network/mentoring/new post "$NM" /network/mentoring/new email=gus@example.org role=mentor areas=confidence remote=no capacity=2
h "mentoring web: a member without mentoring consent is refused at the field" 400 'has not agreed to mentoring'
FORM_PAGE=/network/mentoring/new post "$NM" /network/mentoring/new email=yan@example.org role=mentor areas=promotion areas=interview-skills remote=yes capacity=11
h "mentoring web: a capacity over 10 is refused" 400 'from 1 to 10'
FORM_PAGE=/network/mentoring/new post "$NM" /network/mentoring/new email=yan@example.org role=mentor areas=promotion remote=yes capacity=2 line-manager=nobody
h "mentoring web: a bad line manager is refused at its field" 400 'id="line-manager-error"'
c "mentoring web: nothing refused was saved" test "$(nq "SELECT COUNT(*) FROM net_mentor_profile")" = 3
FORM_PAGE=/network/mentoring/new post "$NM" /network/mentoring/new email=yan@example.org role=mentor areas=promotion areas=interview-skills remote=yes capacity=1
h "mentoring web: a mentor profile added" 303
c "mentoring web: ...stored as given" test "$(nq "SELECT p.areas || '|' || p.remote || '|' || p.capacity FROM net_mentor_profile p JOIN net_member m ON m.id = p.member_id WHERE m.email = 'yan@example.org'")" = 'promotion,interview-skills|1|1'
c "mentoring web: ...audited without the email" test "$(nq "SELECT COUNT(*) FROM audit_log WHERE what = 'mentor.profile' AND who = 'mem' AND target NOT LIKE '%@%'")" = 1

# --- the global allocation on the page: amy with yan, bo with xia
req "$NM" GET /network/mentoring
c "mentoring web: the allocation gives amy yan and bo xia (total 42)" sh -c "grep -q 'total score within mentors.* places: 42' '$T/body'"
AMY=$(nq "SELECT id FROM net_member WHERE email = 'amy@example.org'")
YAN=$(nq "SELECT id FROM net_member WHERE email = 'yan@example.org'")
FORM_PAGE=/network/mentoring post "$NM" /network/mentoring/confirm "mentee=$AMY" "mentor=$YAN"
h "mentoring web: Confirm this pairing opens a check page" 200 'Check the pairing before you confirm it'
c "mentoring web: ...nothing paired yet" test "$(nq "SELECT COUNT(*) FROM net_mentor_pair")" = 0
FORM_PAGE=/network/mentoring post "$NM" /network/mentoring/confirm "mentee=$AMY" "mentor=$YAN" confirm=1
h "mentoring web: confirmed" 303
hdr "mentoring web: ...to the pairing's page" '^location: /network/mentoring/pairs/1'
c "mentoring web: ...agreed by the account and audited" test "$(nq "SELECT status || agreed_by FROM net_mentor_pair WHERE id = 1")|$(nq "SELECT COUNT(*) FROM audit_log WHERE what = 'mentor.pair' AND who = 'mem'")" = 'agreedmem|1'
FORM_PAGE=/network/mentoring post "$NM" /network/mentoring/confirm "mentee=$AMY" "mentor=$YAN" confirm=1
h "mentoring web: confirming again is refused, saying why" 303
c "mentoring web: ...still one pairing" test "$(nq "SELECT COUNT(*) FROM net_mentor_pair")" = 1
req "$NM" GET /network/mentoring
h "mentoring web: ...the reason shown once" 200 'has a mentor already'

# --- the pairing: a meeting logged, then ended with feedback
req "$NM" GET /network/mentoring/pairs/1
h "mentoring web: the pairing page" 200 'Amy Test and Yan Test'
req "$NM" GET /network/mentoring/pairs/99
h "mentoring web: an unknown pairing is 404" 404
y=$(date +%Y) m=$(date +%-m) d=$(date +%-d)
FORM_PAGE=/network/mentoring/pairs/1 post "$NM" /network/mentoring/pairs/1/meeting date-day=31 date-month=2 "date-year=$y"
h "mentoring web: a date that is not real is refused at the field" 400 'id="date-error"'
FORM_PAGE=/network/mentoring/pairs/1 post "$NM" /network/mentoring/pairs/1/meeting date-day=1 date-month=1 date-year=2099
h "mentoring web: a future meeting is refused" 400 'must be today or in the past'
FORM_PAGE=/network/mentoring/pairs/1 post "$NM" /network/mentoring/pairs/1/meeting "date-day=$d" "date-month=$m" "date-year=$y" 'note=CV review <b>'
h "mentoring web: a meeting logged" 303
req "$NM" GET /network/mentoring/pairs/1
h "mentoring web: ...shown escaped" 200 'CV review &lt;b&gt;'
c "mentoring web: ...audited" test "$(nq "SELECT COUNT(*) FROM audit_log WHERE what = 'mentor.meeting' AND who = 'mem'")" = 1
req "$NM" GET /network/mentoring/pairs/1/end
h "mentoring web: the end page warns first" 200 'An ended pairing cannot be restarted'
FORM_PAGE=/network/mentoring/pairs/1/end post "$NM" /network/mentoring/pairs/1/end feedback=Great
h "mentoring web: ending without a rating choice is refused at the field" 400 'id="rating-error"'
FORM_PAGE=/network/mentoring/pairs/1/end post "$NM" /network/mentoring/pairs/1/end feedback=Great rating=4
h "mentoring web: the pairing ended" 303
c "mentoring web: ...with its feedback and rating, audited" test "$(nq "SELECT status || feedback || rating FROM net_mentor_pair WHERE id = 1")|$(nq "SELECT COUNT(*) FROM audit_log WHERE what = 'mentor.end' AND after = 'rating 4'")" = 'endedGreat4|1'
req "$NM" GET /network/mentoring/pairs/1/end
h "mentoring web: an ended pairing has no end page" 404
# --- outcomes: the page, recording (a mistake refused, nothing stored), sending to monitoring
bad=""
for path in /network/mentoring/outcomes "/network/mentoring/outcomes/sent?year=2026"; do
  req "$NV" GET "$path"
  [ "$STATUS" = 403 ] || bad="$bad GET $path: $STATUS;"
done
for path in /network/mentoring/outcomes /network/mentoring/outcomes/send /network/mentoring/withdraw; do
  FORM_PAGE=/account/password post "$NV" "$path" mentee=1 member=1 role=mentor year=2026 send-year=2026 characteristic=ethnicity applied=yes promoted=no confirm=1
  [ "$STATUS" = 403 ] || bad="$bad POST $path: $STATUS;"
done
c "mentoring web: a viewer gets 403 on the outcomes and withdraw pages and forms${bad:+:$bad}" test -z "$bad"
req "$NM" GET /network/mentoring
h "mentoring web: the overview links to the outcomes page" 200 'href="/network/mentoring/outcomes"'
req "$NM" GET /network/mentoring/outcomes
h "mentoring web: the outcomes page, none recorded yet" 200 'No outcomes recorded yet'
c "mentoring web: ...the mentees to choose from, not the mentors" sh -c "grep -q '>Amy Test</option>' '$T/body' && grep -q '>Bo Test</option>' '$T/body' && ! grep -q '>Xia Test</option>' '$T/body'"
GUS=$(nq "SELECT id FROM net_member WHERE email = 'gus@example.org'")
BO=$(nq "SELECT id FROM net_member WHERE email = 'bo@example.org'")
FORM_PAGE=/network/mentoring/outcomes post "$NM" /network/mentoring/outcomes "mentee=$AMY" year=26 applied=yes
h "mentoring web: an outcome with a mistake is refused at the fields" 400 'govuk-error-summary'
c "mentoring web: ...the year and promoted fields' messages" sh -c "grep -q 'id=\"year-error\"' '$T/body' && grep -q 'id=\"promoted-error\"' '$T/body' && grep -q 'Year must be 4 digits' '$T/body'"
FORM_PAGE=/network/mentoring/outcomes post "$NM" /network/mentoring/outcomes "mentee=$GUS" year=2026 applied=yes promoted=no
h "mentoring web: an outcome for a member never a mentee is refused" 400 'id="mentee-error"'
c "mentoring web: ...nothing stored" test "$(nq "SELECT COUNT(*) FROM net_mentor_outcome")" = 0
FORM_PAGE=/network/mentoring/outcomes post "$NM" /network/mentoring/outcomes/send send-year=2026 characteristic=ethnicity
h "mentoring web: sending a year with no outcome is refused at the field" 400 'id="send-year-error"'
FORM_PAGE=/network/mentoring/outcomes post "$NM" /network/mentoring/outcomes "mentee=$AMY" year=2026 applied=yes promoted=yes
h "mentoring web: an outcome recorded" 303
FORM_PAGE=/network/mentoring/outcomes post "$NM" /network/mentoring/outcomes "mentee=$BO" year=2026 applied=yes promoted=no
h "mentoring web: a second outcome recorded" 303
c "mentoring web: ...stored as given and audited" test "$(nq "SELECT applied || promoted || recorded_by FROM net_mentor_outcome WHERE member_id = $AMY AND period = '2026'")|$(nq "SELECT COUNT(*) FROM audit_log WHERE what = 'mentor.outcome' AND who = 'mem'")" = '11mem|2'
req "$NM" GET /network/mentoring/outcomes
h "mentoring web: ...shown in the year's table" 200 'Outcomes in 2026'
FORM_PAGE=/network/mentoring/outcomes post "$NM" /network/mentoring/outcomes/send send-year=2026 characteristic=sex
h "mentoring web: sending opens a check page" 200 'Check before you send the outcomes to monitoring'
c "mentoring web: ...saying what will happen, without counts by group" sh -c "grep -q 'Mentoring outcomes' '$T/body' && grep -q 'withheld when they are published' '$T/body' && ! grep -q 'Female' '$T/body'"
c "mentoring web: ...nothing imported yet" test "$(nq "SELECT COUNT(*) FROM mon_import WHERE dataset = 'mentoring'")" = 0
FORM_PAGE=/network/mentoring/outcomes post "$NM" /network/mentoring/outcomes/send send-year=2026 characteristic=sex confirm=1
h "mentoring web: sent to monitoring" 303
hdr "mentoring web: ...to the confirmation" '^location: /network/mentoring/outcomes/sent\?year=2026'
c "mentoring web: ...a monitoring import of dataset mentoring, audited" test "$(nq "SELECT COUNT(*) FROM mon_import WHERE dataset = 'mentoring'")|$(nq "SELECT COUNT(*) FROM audit_log WHERE what = 'mentor.outcomes' AND who = 'mem' AND target = 'dataset mentoring, 2026'")" = '1|1'
req "$NM" GET "/network/mentoring/outcomes/sent?year=2026"
h "mentoring web: the confirmation links to the monitoring report" 200 'href="/monitoring/report\?dataset=mentoring&amp;period=2026"'

# --- withdrawing a profile: a check page, then withdrawn and audited
req "$NM" GET /network/mentoring
h "mentoring web: a Withdraw button per profile" 200 'Withdraw<span class="govuk-visually-hidden"> the mentor profile of Xia Test'
XIA=$(nq "SELECT id FROM net_member WHERE email = 'xia@example.org'")
FORM_PAGE=/network/mentoring post "$NM" /network/mentoring/withdraw "member=$XIA" role=mentor
h "mentoring web: Withdraw opens an are-you-sure page" 200 'Are you sure you want to withdraw this profile'
c "mentoring web: ...nothing withdrawn yet" test "$(nq "SELECT COUNT(*) FROM net_mentor_profile WHERE member_id = $XIA")" = 1
FORM_PAGE=/network/mentoring post "$NM" /network/mentoring/withdraw "member=$XIA" role=mentee
h "mentoring web: withdrawing a profile the member does not have is 404" 404
FORM_PAGE=/network/mentoring post "$NM" /network/mentoring/withdraw "member=$XIA" role=mentor confirm=1
h "mentoring web: withdrawn" 303
c "mentoring web: ...the profile gone, audited" test "$(nq "SELECT COUNT(*) FROM net_mentor_profile WHERE member_id = $XIA")|$(nq "SELECT COUNT(*) FROM audit_log WHERE what = 'mentor.withdraw' AND who = 'mem' AND target = 'mentor profile of member $XIA'")" = '0|1'
stop_server
