# tests/http/surveys_web.sh: consultations and surveys on the web (issue
# 18) — the members capability walked over every staff route (without it
# 403, signed out the sign-in page, with it 200), creating a survey with
# errors at the fields and then right, adding questions a step at a time,
# opening it after an "are you sure" page, answering on its public link
# (a bad answer first: 400 and nothing stored), a members survey's
# personal link used twice (the second refused), the results hiding a
# group below the threshold of 10 (on the page and in the CSV), the CSV
# and XLSX downloads (attachments, nosniff), an anonymous survey storing
# no member, closing, feeding monitoring, and the audit log (never a
# response). Sourced by tests/http/run.sh after the main server has
# stopped: serves a copy of $DB (its accounts). Uses $P, $DB, $T, $PW and
# lib.sh.

SDB="$T/surveys.db"
sqlite3 "$DB" ".backup '$SDB'"
[ -f "$DB.key" ] && cp "$DB.key" "$SDB.key"
SF="$T/survweb"
mkdir -p "$SF"
sq() { sqlite3 "$SDB" "$1"; }
A0=$(sq "SELECT COALESCE(MAX(id), 0) FROM audit_log")
printf '%s\n' "$PW" | "$P" --db "$SDB" user add sur --role viewer --grant members --password-stdin >/dev/null
# survey 1, made on the command line, open: the pages the walk opens
"$P" --db "$SDB" survey create "Walk" --kind consultation --anonymous --ask ethnicity >/dev/null
"$P" --db "$SDB" survey question 1 --type single --text "Walk?" --choice Yes --choice No >/dev/null
"$P" --db "$SDB" survey open 1 >/dev/null
# survey 2, a draft: the question pages
"$P" --db "$SDB" survey create "Walk draft" --kind exit-interview --anonymous >/dev/null

start_server surveys "$SDB" || { fail=$((fail+1)); echo "FAIL surveys server did not start"; return 0; }
SJ="$T/sur.jar" SV="$T/sur-vi.jar" SN="$T/sur-anon.jar" SN2="$T/sur-anon2.jar"
rm -f "$SN" "$SN2"
login "$SJ" sur "$PW"
login "$SV" vi "$PW"

# --- the capability, route by route
bad="" good=""
for path in /network/surveys /network/surveys/new /network/surveys/1 /network/surveys/2/question \
  '/network/surveys/2/question?type=scale' /network/surveys/1/open /network/surveys/1/close \
  /network/surveys/1/invite /network/surveys/1/results '/network/surveys/1/results?by=ethnicity' \
  /network/surveys/1/results.csv /network/surveys/1/results.xlsx /network/surveys/1/feed; do
  req "$SV" GET "$path"
  [ "$STATUS" = 403 ] || bad="$bad GET $path: $STATUS;"
  req "$SN" GET "$path"
  { [ "$STATUS" = 303 ] && grep -qi '^location: /login' "$T/headers"; } || bad="$bad anon GET $path: $STATUS;"
  req "$SJ" GET "$path"
  [ "$STATUS" = 200 ] || good="$good GET $path: $STATUS;"
done
for path in /network/surveys/new /network/surveys/2/question /network/surveys/1/open /network/surveys/1/close /network/surveys/1/invite /network/surveys/1/feed; do
  FORM_PAGE=/account/password post "$SV" "$path" title=x confirm=yes
  [ "$STATUS" = 403 ] || bad="$bad POST $path: $STATUS;"
done
c "surveys: without the members capability every staff page is refused, signed out each asks to sign in${bad:+:$bad}" test -z "$bad"
c "surveys: with it every staff page opens${good:+:$good}" test -z "$good"
c "surveys: nothing changed by the refused requests" test "$(sq "SELECT COUNT(*) FROM net_survey")/$(sq "SELECT status FROM net_survey WHERE id = 1")/$(sq "SELECT COUNT(*) FROM net_survey_question")" = 2/open/1
req "$SV" GET /
c "surveys: the navigation has no Surveys entry without the capability" sh -c "! grep -q 'href=\"/network/surveys\"' '$T/body'"
req "$SJ" GET /network/surveys
h "surveys: the list shows title, kind, status and responses" 200 'Walk</a></td><td class="govuk-table__cell">Consultation</td><td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--green">Open</strong></td><td class="govuk-table__cell govuk-table__cell--numeric">0</td>'
c "surveys: …and the navigation has Surveys, current" grep -q 'href="/network/surveys"' "$T/body"

# --- creating: errors at the fields, then right
FORM_PAGE=/network/surveys/new post "$SJ" /network/surveys/new title=
h "surveys: create with nothing: errors summarised" 400 'govuk-error-summary.*|Enter a title'
c "surveys: …and at each field" sh -c "grep -q 'Select the kind of survey' '$T/body' && grep -q 'Select whether the survey is anonymous' '$T/body' && grep -q 'Select who can answer it' '$T/body' && grep -q 'govuk-error-message' '$T/body'"
FORM_PAGE=/network/surveys/new post "$SJ" /network/surveys/new 'title=Named public' kind=consultation anonymous=no access=public
h "surveys: a named survey on a public link is refused" 400 'must be anonymous'
FORM_PAGE=/network/surveys/new post "$SJ" /network/surveys/new 'title=Dates' kind=consultation anonymous=yes access=public \
  opens-day=10 opens-month=3 opens-year=2027 closes-day=1 closes-month=3 closes-year=2027
h "surveys: closing before opening is refused at the field" 400 'The closing date must be on or after the opening date'
FORM_PAGE=/network/surveys/new post "$SJ" /network/surveys/new 'title=Dates' kind=consultation anonymous=yes access=public opens-day=31 opens-month=2 opens-year=2027
h "surveys: a date that is not real is refused" 400 'The opening date must be a real date'
c "surveys: …nothing was created" test "$(sq "SELECT COUNT(*) FROM net_survey")" = 2
FORM_PAGE=/network/surveys/new post "$SJ" /network/surveys/new 'title=Staff survey 2026' kind=staff-survey anonymous=yes access=public ask=ethnicity ask=sex
h "surveys: a survey created" 303
c "surveys: …the page of survey 3 next" grep -qi '^location: /network/surveys/3' "$T/headers"
c "surveys: …a public anonymous draft asking ethnicity and sex" test "$(sq "SELECT kind || anonymous || access || status || asks || created_by FROM net_survey WHERE id = 3")" = "staff-survey1publicdraftethnicity,sexsur"
c "surveys: …audited" test "$(sq "SELECT COUNT(*) FROM audit_log WHERE what = 'survey.create' AND target = 'survey 3' AND who = 'sur'")" = 1

# --- questions, a step at a time
req "$SJ" GET /network/surveys/3
h "surveys: a draft offers Add a question" 200 'href="/network/surveys/3/question"'
req "$SJ" GET /network/surveys/3/question
h "surveys: step one asks what kind of question" 200 'What kind of question is it'
req "$SJ" GET '/network/surveys/3/question?step=2'
h "surveys: …continuing without a choice says so" 400 'Select the kind of question'
req "$SJ" GET '/network/surveys/3/question?step=2&type=single'
h "surveys: step two asks the question and its choices" 200 'The choices'
FORM_PAGE='/network/surveys/3/question?type=single' post "$SJ" /network/surveys/3/question type=single 'text=Would you recommend working here?' 'choices=Yes' required=yes
h "surveys: one choice is refused at the field" 400 'Give at least 2 choices'
FORM_PAGE='/network/surveys/3/question?type=single' post "$SJ" /network/surveys/3/question type=single 'text=' "$(printf 'choices=Yes\nYes')" required=yes
h "surveys: no text and a repeated choice are refused" 400 'Enter the question.*|Give each choice once'
FORM_PAGE='/network/surveys/3/question?type=single' post "$SJ" /network/surveys/3/question type=single 'text=Would you recommend working here?' "$(printf 'choices=Yes\r\nNo\r\n')" required=yes
h "surveys: a single choice question added" 303
FORM_PAGE='/network/surveys/3/question?type=scale' post "$SJ" /network/surveys/3/question type=scale 'text=I feel valued at work' lo=1 hi=2 required=yes
h "surveys: a scale of two points is refused" 400 'at least 2 more than the lowest'
FORM_PAGE='/network/surveys/3/question?type=scale' post "$SJ" /network/surveys/3/question type=scale 'text=I feel valued at work' lo=1 hi=5 'lo_label=Strongly disagree' 'hi_label=Strongly agree' required=yes
h "surveys: a scale question added" 303
FORM_PAGE='/network/surveys/3/question?type=text' post "$SJ" /network/surveys/3/question type=text 'text=Anything else?' required=no
h "surveys: a free text question added" 303
c "surveys: …three questions, as given" test "$(sq "SELECT group_concat(number || type || required || scale_lo || scale_hi, ' ') FROM (SELECT * FROM net_survey_question WHERE survey_id = 3 ORDER BY number)")" = "1single100 2scale115 3text000"
c "surveys: …with the choices" test "$(sq "SELECT group_concat(c.text, '/') FROM net_survey_choice c JOIN net_survey_question q ON q.id = c.question_id WHERE q.survey_id = 3")" = "Yes/No"
c "surveys: …each audited" test "$(sq "SELECT COUNT(*) FROM audit_log WHERE what = 'survey.question' AND target = 'survey 3'")" = 3
req "$SJ" GET /network/surveys/3
h "surveys: the survey's page lists its questions" 200 'I feel valued at work'
c "surveys: …with the scale's ends" grep -q 'From 1 (Strongly disagree) to 5 (Strongly agree)' "$T/body"

# --- opening
req "$SJ" GET /network/surveys/3/open
h "surveys: opening asks first" 200 'Are you sure you want to open the survey'
c "surveys: …and changes nothing" test "$(sq "SELECT status FROM net_survey WHERE id = 3")" = draft
FORM_PAGE=/network/surveys/3/open post "$SJ" /network/surveys/3/open confirm=yes
h "surveys: opened" 303
c "surveys: …open, with its link's token, audited" test "$(sq "SELECT status || length(public_token) FROM net_survey WHERE id = 3")/$(sq "SELECT COUNT(*) FROM audit_log WHERE what = 'survey.open' AND target = 'survey 3'")" = open64/1
TOK=$(sq "SELECT public_token FROM net_survey WHERE id = 3")
req "$SJ" GET /network/surveys/3
h "surveys: the open survey shows its link" 200 "value=\"http://127.0.0.1:[0-9]+/public/surveys/$TOK\""
FORM_PAGE='/network/surveys/3' post "$SJ" /network/surveys/3/question type=text 'text=Late?' required=no
h "surveys: no question is added once open" 409 'no longer be added'
c "surveys: …still three" test "$(sq "SELECT COUNT(*) FROM net_survey_question WHERE survey_id = 3")" = 3

# --- answering on the public link
req "$SN" GET "/public/surveys/$TOK"
h "surveys: signed out, the link opens the form" 200 'Staff survey 2026' 'href="/network/surveys"'
c "surveys: …saying it is anonymous" grep -q 'This survey is anonymous' "$T/body"
c "surveys: …the characteristics optional, saying why, each with Prefer not to say" sh -c "grep -q 'About you (optional)' '$T/body' && grep -q 'You do not have to answer these questions' '$T/body' && [ \$(grep -c 'value=\"Prefer not to say\"' '$T/body') = 2 ]"
c "surveys: …the scale as radios with its end labels" sh -c "grep -q 'name=\"q2\" type=\"radio\" value=\"5\"' '$T/body' && grep -q '5: Strongly agree' '$T/body'"
req "$SN" GET "/public/surveys/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
h "surveys: an unknown link answers 404" 404 'This link does not work'
req "$SN" GET "/public/surveys/nonsense"
h "surveys: …and so does nonsense" 404
FORM_PAGE="/public/surveys/$TOK" post "$SN" "/public/surveys/$TOK" q1=Maybe q2=4
h "surveys: a bad answer is refused at the question" 400 'govuk-error-summary'
c "surveys: …naming the choices" grep -q 'not one of its choices' "$T/body"
c "surveys: …and keeps what was answered" grep -q 'name="q2" type="radio" value="4" checked' "$T/body"
FORM_PAGE="/public/surveys/$TOK" post "$SN" "/public/surveys/$TOK" q2=4 'q3=Some words'
h "surveys: a required question unanswered is refused" 400 'Answer question 1'
c "surveys: …nothing stored" test "$(sq "SELECT COUNT(*) FROM net_survey_response WHERE survey_id = 3")/$(sq "SELECT COUNT(*) FROM net_survey_answer")" = 0/0
FORM_PAGE="/public/surveys/$TOK" post "$SN" "/public/surveys/$TOK" q1=1 q2=5 'q3=A good place to work' c-ethnicity=Black c-sex=Female
h "surveys: a right answer is taken" 303
c "surveys: …then the thank-you page" grep -qi '^location: /public/surveys/thanks' "$T/headers"
c "surveys: …stored with no member, from the web" test "$(sq "SELECT COUNT(*) || coalesce(member_id, 'none') || channel FROM net_survey_response WHERE survey_id = 3")" = 1noneweb
c "surveys: …its groups" test "$(sq "SELECT group_concat(grp, '/') FROM (SELECT grp FROM net_survey_char ORDER BY characteristic)")" = Black/Female
req "$SN" GET /public/surveys/thanks
h "surveys: the thank-you page" 200 'Your answers have been sent'

# --- results: 10 Black and 9 White; by sex 10 and 10
{
  echo '['
  for i in 1 2 3 4 5 6 7 8 9; do echo '{"answers": {"1": "Yes", "2": 5, "3": "Fine"}, "characteristics": {"ethnicity": "B1", "sex": "F"}},'; done
  # the White answers differ among themselves: hidden groups that all
  # answered alike would hide Black's too (all or none, docs/network.md)
  for i in 1 2 3; do echo '{"answers": {"1": "Yes", "2": 4}, "characteristics": {"ethnicity": "W1", "sex": "M"}},'; done
  for i in 1 2 3 4 5 6; do echo '{"answers": {"1": "No", "2": 2}, "characteristics": {"ethnicity": "W1", "sex": "M"}},'; done
  echo '{"answers": {"1": "No", "2": 1}, "characteristics": {"sex": "M"}}'
  echo ']'
} >"$SF/returns.json"
"$P" --db "$SDB" survey respond 3 --answers "$SF/returns.json" >/dev/null
req "$SJ" GET '/network/surveys/3/results?by=ethnicity'
h "surveys: results by ethnicity" 200 '20 responses'
c "surveys: …the 10 Black responses shown" grep -q 'Black: 10' "$T/body"
c "surveys: …the 9 White ones hidden, also in the table" sh -c "grep -q 'White: fewer than 10' '$T/body' && grep -q 'Fewer than 10 responses' '$T/body' && ! grep -q 'of 9)' '$T/body'"
c "surveys: …free text overall only, when there are enough responses" grep -q '<li>A good place to work</li>' "$T/body"
c "surveys: …a select to choose the characteristic" grep -q '<option value="sex">' "$T/body"
req "$SJ" GET '/network/surveys/3/results?by=sex'
h "surveys: by sex, each group compared in words" 200 'points (lower|higher) than (Female|Male) \(between [0-9]+ and [0-9]+ (lower|higher)\)'
c "surveys: …saying whether it stands after Holm's adjustment" grep -qE '(A significant difference|Not significant) after adjusting for [0-9]+ comparison' "$T/body"
req "$SJ" GET '/network/surveys/3/results.csv?by=ethnicity'
h "surveys: the CSV download" 200 '^question,question_text,answer,group'
hdr "surveys: …an attachment" '^content-disposition: attachment; filename="survey-3-results-by-ethnicity.csv"'
hdr "surveys: …nosniff" '^x-content-type-options: nosniff'
hdr "surveys: …text/csv" '^content-type: text/csv'
c "surveys: …the hidden group without its counts" sh -c "grep -q ',White,,,,,,,,,fewer than 10 responses' '$T/body' && ! grep -qE ',White,[0-9]' '$T/body' && grep -qE ',Black,10,' '$T/body'"
req "$SJ" GET '/network/surveys/3/results.xlsx?by=ethnicity'
h "surveys: the XLSX download" 200
hdr "surveys: …an attachment" '^content-disposition: attachment; filename="survey-3-results-by-ethnicity.xlsx"'
hdr "surveys: …nosniff" '^x-content-type-options: nosniff'
hdr "surveys: …a spreadsheet" '^content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
c "surveys: …a workbook (zip)" sh -c "head -c 2 '$T/body' | grep -q PK"
c "surveys: downloads audited" test "$(sq "SELECT COUNT(*) FROM audit_log WHERE what = 'survey.results' AND target = 'survey 3'")" = 2

# --- feeding monitoring
FORM_PAGE=/network/surveys/3/feed post "$SJ" /network/surveys/3/feed period=
h "surveys: feed with nothing: errors at the fields" 400 'Enter the period'
c "surveys: …each one" sh -c "grep -q 'Select where the results go' '$T/body' && grep -q 'Choose at least one question' '$T/body'"
FORM_PAGE=/network/surveys/3/feed post "$SJ" /network/surveys/3/feed period=2026 dataset=staff-survey fav-1=1 fav-2=agree
h "surveys: fed into monitoring" 303
c "surveys: …a monitoring dataset of counts, audited" test "$(sq "SELECT kind FROM mon_import WHERE dataset = 'staff-survey' AND period = '2026'")/$(sq "SELECT COUNT(*) FROM audit_log WHERE what = 'survey.feed' AND target = 'survey 3' AND after = 'staff-survey 2026'")" = counts/1

# --- closing
FORM_PAGE=/network/surveys/3/close post "$SJ" /network/surveys/3/close confirm=yes
h "surveys: closed" 303
c "surveys: …closed, audited" test "$(sq "SELECT status FROM net_survey WHERE id = 3")/$(sq "SELECT COUNT(*) FROM audit_log WHERE what = 'survey.close' AND target = 'survey 3'")" = closed/1
req "$SN2" GET "/public/surveys/$TOK"
h "surveys: a closed survey's link says so" 200 'This survey has closed'
n0=$(sq "SELECT COUNT(*) FROM net_survey_response WHERE survey_id = 3")
FORM_PAGE=/login post "$SN2" "/public/surveys/$TOK" q1=1 q2=5
h "surveys: …and takes no answer" 200 'This survey has closed'
c "surveys: …nothing stored" test "$(sq "SELECT COUNT(*) FROM net_survey_response WHERE survey_id = 3")" = "$n0"

# --- a members survey: personal links, each used once, anonymous
sq "INSERT INTO mail_setting (id, smtp, from_addr, site_url, tls, updated_at, updated_by) VALUES (1, 'smtp://127.0.0.1:2525', 'network@example.org', 'https://parity.example.org', 'off', '2026-01-01T00:00:00Z', 'test')"
"$P" --db "$SDB" member add ada@example.org --name 'Ada Obi' --region 'South West' --consent consultations --how paper >/dev/null
"$P" --db "$SDB" member add ben@example.org --name 'Ben Ade' --region London --consent consultations --how paper >/dev/null
"$P" --db "$SDB" member add cy@example.org --name 'Cy Eze' --region London >/dev/null
FORM_PAGE=/network/surveys/new post "$SJ" /network/surveys/new 'title=Members consultation' kind=consultation anonymous=yes access=members
h "surveys: a members survey created" 303
FORM_PAGE='/network/surveys/4/question?type=single' post "$SJ" /network/surveys/4/question type=single 'text=Should the network meet online?' "$(printf 'choices=Yes\nNo')" required=yes
FORM_PAGE=/network/surveys/4/open post "$SJ" /network/surveys/4/open confirm=yes
req "$SJ" GET /network/surveys/4
h "surveys: an open members survey offers Invite members" 200 'href="/network/surveys/4/invite"'
req "$SJ" GET /network/surveys/4/invite
h "surveys: the invitation says how many will be mailed" 200 '2 members will be emailed a personal link'
c "surveys: …and mails nobody yet" test "$(sq "SELECT COUNT(*) FROM net_survey_token")" = 0
FORM_PAGE=/network/surveys/4/invite post "$SJ" /network/surveys/4/invite confirm=yes
h "surveys: members invited" 303
c "surveys: …two links, two mails, audited" test "$(sq "SELECT COUNT(*) FROM net_survey_token WHERE survey_id = 4")/$(sq "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'survey'")/$(sq "SELECT after FROM audit_log WHERE what = 'survey.invite' AND target = 'survey 4'")" = "2/2/2 members"
sq "SELECT writefile('$SF/invite.eml', body) FROM mail_outbox WHERE kind = 'survey' ORDER BY id LIMIT 1" >/dev/null
PT=$(python3 - "$SF/invite.eml" <<'PY'
import email, re, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'))
parts = [p for p in m.walk() if p.get_content_type() == 'text/plain']
text = parts[0].get_payload(decode=True).decode()
print(re.search(r'/public/surveys/([0-9a-f]{64})', text).group(1))
PY
)
c "surveys: the mail carries a personal link" test "${#PT}" = 64
req "$SN" GET "/public/surveys/$PT"
h "surveys: the personal link opens the form" 200 'Should the network meet online'
FORM_PAGE="/public/surveys/$PT" post "$SN" "/public/surveys/$PT" q1=2
h "surveys: the member's answer is taken" 303
c "surveys: …anonymous: no member stored, the link marked used" test "$(sq "SELECT COUNT(*) || coalesce(max(member_id), 'none') FROM net_survey_response WHERE survey_id = 4")/$(sq "SELECT SUM(used) FROM net_survey_token WHERE survey_id = 4")" = 1none/1
req "$SN" GET "/public/surveys/$PT"
h "surveys: the used link says it has been used" 410 'This link has already been used'
FORM_PAGE=/login post "$SN" "/public/surveys/$PT" q1=1
h "surveys: a second answer on it is refused" 410 'already been used'
c "surveys: …still one response" test "$(sq "SELECT COUNT(*) FROM net_survey_response WHERE survey_id = 4")" = 1
# --- the rate limit: 200 answers an hour from one address
now=$(date +%s)
sq "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO net_rate (bucket, address, at) SELECT 'survey', '127.0.0.1', $now FROM n"
n0=$(sq "SELECT COUNT(*) FROM net_survey_response")
FORM_PAGE=/login post "$SN2" "/public/surveys/$TOK" q1=1 q2=5
h "surveys: over 200 answers an hour from one address: 429" 429 'Too many answers'
c "surveys: …nothing stored" test "$(sq "SELECT COUNT(*) FROM net_survey_response")" = "$n0"
sq "DELETE FROM net_rate WHERE bucket = 'survey'"
c "surveys: no response was audited: survey 3's entries are its changes and downloads" test "$(sq "SELECT group_concat(what || '=' || n, ' ') FROM (SELECT what, COUNT(*) AS n FROM audit_log WHERE target = 'survey 3' AND who = 'sur' GROUP BY what ORDER BY what)")" = "survey.close=1 survey.create=1 survey.feed=1 survey.open=1 survey.question=3 survey.results=2"
c "surveys: …and nothing was audited for the visitors" test "$(sq "SELECT COUNT(*) FROM audit_log WHERE id > $A0 AND who NOT IN ('sur', 'vi') AND who NOT LIKE 'cli:%'")" = 0
stop_server
