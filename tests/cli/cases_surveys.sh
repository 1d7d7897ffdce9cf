# End-to-end cases for consultations and surveys (issue 18; sourced by
# run.sh): every 'parity survey' command; refusals that save nothing;
# answers files and spreadsheets all or nothing, with the question or the
# line and column named; members' personal links (mailed, only the hash
# kept, single use), anonymity (no member, the date only) and a named
# survey in the member's export and erasure; results checked against an
# independent computation (tests/cli/survey_stats.py: shares, Newcombe
# intervals, Fisher / z, Holm); the publication threshold at its boundary
# (9 hidden, 10 shown) and free text; CSV (formulas defused) and XLSX
# exports; feeding a strong difference into monitoring raises a flag.
SB="$T/surveys.db"
SF="$T/surveys"
mkdir -p "$SF"
S() { "$P" --db "$SB" survey "$@"; }
sjson() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"; }

t sv-help 0 'survey results' '' -- "$P" help
t sv-help-create 0 'exit-interview' '' -- "$P" help survey create
t sv-list-empty 0 'no surveys yet' '' -- S list
sqlite3 "$SB" "
INSERT INTO mail_setting (id, smtp, from_addr, site_url, tls, updated_at, updated_by)
  VALUES (1, 'smtp://127.0.0.1:9', 'network@example.org', 'https://parity.example.org', 'off', '2026-12-01T00:00:00Z', 'test');
INSERT INTO net_region (name) VALUES ('South');
INSERT INTO net_member (email, name, region_id, manager, status, joined, last_active, created_at, updated_at) VALUES
 ('ada@example.org', 'Ada Okafor', 1, 0, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x'),
 ('ben@example.org', 'Ben Mensah', 1, 0, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x'),
 ('cal@example.org', 'Cal Boateng', 1, 0, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x'),
 ('dee@example.org', 'Dee Asante', 1, 0, 'left', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x');
INSERT INTO net_consent (member_id, purpose, wording_id, given_at, given_how, recorded_by)
  SELECT m.id, 'consultations', w.id, '2026-01-01T00:00:00Z', 'cli', 'test' FROM net_member m, net_consent_wording w
  WHERE w.purpose = 'consultations' AND m.email IN ('ada@example.org', 'ben@example.org', 'dee@example.org');
"

# ---- making a survey; refusals change nothing
before=$(dump "$SB")
t sv-create-no-kind 2 '' 'give a title and --kind' -- S create "Views"
t sv-create-bad-kind 2 '' "'poll' is not a kind of survey" -- S create "Views" --kind poll
t sv-create-named-public 1 '' 'a named survey needs --access members' -- S create "Views" --kind consultation
t sv-create-bad-access 2 '' "'intranet' is not an access" -- S create "Views" --kind consultation --anonymous --access intranet
t sv-create-bad-ask 2 '' "'shoe_size' is not a protected characteristic" -- S create "Views" --kind consultation --anonymous --ask ethnicity,shoe_size
t sv-create-ask-twice 2 '' 'ethnicity is asked twice' -- S create "Views" --kind consultation --anonymous --ask ethnicity,Ethnicity
t sv-create-dates 2 '' 'is before --opens' -- S create "Views" --kind consultation --anonymous --opens 2026-05-01 --closes 2026-04-01
t sv-create-empty-title 2 '' 'the title is empty' -- S create "  " --kind consultation --anonymous
t sv-create-unknown-opt 2 '' '' -- S create "Views" --kind consultation --colour red
t sv-show-missing 1 '' "no survey 9 \(see 'parity survey list'\)" -- S show 9
t sv-show-bad-id 2 '' "'x' is not a survey number" -- S show x
c sv-refusals-unchanged test "$before" = "$(dump "$SB")"

# survey 1: anonymous public staff survey, the independent check's
t sv-create 0 '^\{"id": 1\}$' '' -- S create "Staff survey 2026" --kind staff-survey --anonymous --ask ethnicity,sex --format json
t sv-q-single 0 'added question 1 to survey 1 \(single\)' '' -- S question 1 --type single --text "Do you feel valued at work?" --choice Yes --choice No
t sv-q-multiple 0 'added question 2 to survey 1 \(multiple, optional\)' '' -- S question 1 --type multiple --text "Which support have you used?" --choice Mentoring --choice "=Coaching" --choice Training --optional
t sv-q-scale 0 'added question 3 to survey 1 \(scale\)' '' -- S question 1 --type scale --text "I would recommend working here" --scale 1-5 --low "Strongly disagree" --high "Strongly agree"
t sv-q-text 0 'added question 4 to survey 1 \(text, optional\)' '' -- S question 1 --type text --text "Anything else?" --optional
before=$(dump "$SB")
t sv-q-one-choice 2 '' 'needs at least 2 choices' -- S question 1 --type single --text "Q" --choice Yes
t sv-q-dup-choice 2 '' "choice 'yes' is given twice" -- S question 1 --type single --text "Q" --choice Yes --choice yes
t sv-q-bad-scale 2 '' "--scale: '5-1' is not a scale" -- S question 1 --type scale --text "Q" --scale 5-1
t sv-q-text-choices 2 '' 'a text question has no choices' -- S question 1 --type text --text "Q" --choice A
t sv-q-bad-type 2 '' "'grid' is not a type of question" -- S question 1 --type grid --text "Q"
t sv-q-missing-survey 1 '' 'no survey 7' -- S question 7 --type text --text "Q"
t sv-open-missing 1 '' 'no survey 7' -- S open 7
t sv-close-draft 1 '' 'survey 1 is not open' -- S close 1
printf '%s' '{"answers": {"1": "Yes", "3": 4}}' >"$SF/ok.json"
t sv-respond-draft 1 '' 'still a draft' -- S respond 1 --answers "$SF/ok.json"
c sv-q-refusals-unchanged test "$before" = "$(dump "$SB")"
t sv-open 0 'opened survey 1; its public link: /public/surveys/[0-9a-f]{64}$' '' -- S open 1
t sv-open-again 1 '' 'survey 1 is open already' -- S open 1
t sv-q-after-open 1 '' 'questions are added only while it is a draft' -- S question 1 --type text --text "Late"
t sv-show 0 '3\. I would recommend working here \(scale\)' '' -- S show 1
t sv-show-scale 0 '1 \(Strongly disagree\) to 5 \(Strongly agree\)' '' -- S show 1
S show 1 --format json >"$SF/s1.json"
c sv-show-json sjson "$SF/s1.json" "d['status']=='open' and d['anonymous'] and len(d['questions'])==4 and d['questions'][1]['choices'][1]=='=Coaching' and d['link'].startswith('/public/surveys/')"
t sv-list 0 '^1	open	staff-survey	public	Staff survey 2026	4 questions	0 responses$' '' -- S list
t sv-list-json 0 '"questions": 4' '' -- S list --format json
t sv-list-bad-format 2 '' "unknown format 'xml'" -- S list --format xml

# ---- answers files: clear errors naming the response and question, all or nothing
printf '%s' '[{"answers": {"1": "Yes", "3": 4}}, {"answers": {"1": "Maybe", "3": 4}}]' >"$SF/bad-choice.json"
printf '%s' '{"answers": {"3": 4}}' >"$SF/missing.json"
printf '%s' '{"answers": {"1": "Yes", "3": 9}}' >"$SF/bad-scale.json"
printf '%s' '{"answers": {"1": "Yes", "3": 4}, "characteristics": {"ethnicity": "Martian"}}' >"$SF/bad-eth.json"
printf '%s' '{"answers": {"1": "Yes", "3": 4}, "member": "ada@example.org"}' >"$SF/member-anon.json"
printf '%s' '{"answers": {"1": "Yes", "3": 4, "9": "x"}}' >"$SF/bad-q.json"
printf '%s' '{"answers": {"1": ["Yes", "No"], "3": 4}}' >"$SF/list-single.json"
printf '%s' '{"answers": {"1": "Yes", "3": 4}' >"$SF/not-json.json"
before=$(dump "$SB")
t sv-respond-bad-choice 1 '' "bad-choice.json: response 2: question 1: 'Maybe' is not one of its choices \(Yes, No\)" -- S respond 1 --answers "$SF/bad-choice.json"
t sv-respond-missing 1 '' 'question 1: answer it \(it is required\)' -- S respond 1 --answers "$SF/missing.json"
t sv-respond-bad-scale 1 '' "question 3: '9' is not a point of its scale \(a whole number from 1 to 5\)" -- S respond 1 --answers "$SF/bad-scale.json"
t sv-respond-bad-eth 1 '' "Ethnicity: 'Martian' is not an answer we understand" -- S respond 1 --answers "$SF/bad-eth.json"
t sv-respond-member-anon 1 '' 'the survey is anonymous: give no "member"' -- S respond 1 --answers "$SF/member-anon.json"
t sv-respond-bad-q 1 '' '"9" is not a question number \(1 to 4\)' -- S respond 1 --answers "$SF/bad-q.json"
t sv-respond-list-single 1 '' 'question 1: a list of answers is for multiple choice questions only' -- S respond 1 --answers "$SF/list-single.json"
t sv-respond-not-json 1 '' 'the answers are not JSON' -- S respond 1 --answers "$SF/not-json.json"
t sv-respond-no-file 1 '' 'cannot open' -- S respond 1 --answers "$SF/none.json"
t sv-respond-token-public 2 '' 'has a public link, not personal ones' -- S respond 1 --answers "$SF/missing.json" --token abc
c sv-respond-refusals-unchanged test "$before" = "$(dump "$SB")"

# ---- the independent check: 110 responses from a spreadsheet
python3 - "$SF/resp.csv" <<'PY'
import random, sys, csv
random.seed(18)
plan = [("White", 40, .75), ("Black", 25, .45), ("Asian", 12, .5), ("Mixed", 10, .6),
        ("Other", 9, .5), ("Prefer not to say", 11, .6)]
w = csv.writer(open(sys.argv[1], "w", newline=""))
w.writerow(["q1", "q2", "q3", "q4", "ethnicity", "sex"])
for g, n, p in plan:
    for i in range(n):
        q1 = "Yes" if random.random() < p else "No"
        q2 = ";".join(c for c in ["Mentoring", "=Coaching", "Training"] if random.random() < .4)
        q3 = str(random.choice([5, 4, 3, 2, 1] if random.random() < p else [3, 2, 1]))
        q4 = random.choice(["", "", "=HYPERLINK(\"x\")", "More training, please"])
        w.writerow([q1, q2, q3, q4, g, random.choice(["F", "M", "Prefer not to say"])])
PY
printf 'q1,q2,q3,ethnicity\nYes,,4,White\nYes,Mentoring;Nope,4,White\nNo,,7,Black\nNo,,3,Zebra\n' >"$SF/bad.csv"
printf 'q1,q3,shoe\nYes,4,9\n' >"$SF/bad-col.csv"
before=$(dump "$SB")
t sv-import-bad 1 '' 'bad.csv: 3 problems; nothing was imported' -- S import 1 "$SF/bad.csv"
t sv-import-bad-where 1 '' "bad.csv: line 3, column 5 \(q2\): question 2: 'Nope' is not one of its choices" -- S import 1 "$SF/bad.csv"
t sv-import-bad-scale 1 '' 'bad.csv: line 4, column 5 \(q3\): question 3' -- S import 1 "$SF/bad.csv"
t sv-import-bad-eth 1 '' 'bad.csv: line 5, column 7 \(ethnicity\): Ethnicity' -- S import 1 "$SF/bad.csv"
t sv-import-bad-col 1 '' "line 1, column 3: 'shoe' is not a column of this survey" -- S import 1 "$SF/bad-col.csv"
c sv-import-bad-unchanged test "$before" = "$(dump "$SB")"
t sv-import 0 'recorded 107 responses to survey 1' '' -- S import 1 "$SF/resp.csv"
c sv-anon-no-member test "$(sqlite3 "$SB" "SELECT COUNT(*) FROM net_survey_response WHERE member_id IS NOT NULL OR length(received_on) <> 10")" = 0
S results 1 --by ethnicity --format json >"$SF/r1.json"
c sv-results-independent python3 "$ROOT/tests/cli/survey_stats.py" "$SF/resp.csv" "$SF/r1.json" "$SF/s1.json" 10
c sv-results-fisher-and-z grep -q "Fisher's exact test" "$SF/r1.json"
S results 1 --by ethnicity --threshold 12 --format json >"$SF/r12.json"
c sv-results-independent-12 python3 "$ROOT/tests/cli/survey_stats.py" "$SF/resp.csv" "$SF/r12.json" "$SF/s1.json" 12
t sv-results-text 0 'Black +[0-9]+ of 25 .*points \(95% CI' '' -- S results 1 --by ethnicity
t sv-results-text-hidden 0 'Other +fewer than 10 responses' '' -- S results 1 --by ethnicity
t sv-results-text-secondary 0 'Mixed: not shown \(so that a smaller group cannot be worked out\)' '' -- S results 1 --by ethnicity
c sv-results-secondary-checked sh -c "python3 '$ROOT/tests/cli/survey_stats.py' '$SF/resp.csv' '$SF/r1.json' '$SF/s1.json' 10 | grep -q '[1-9][0-9]* cells hidden by secondary suppression'"
t sv-results-text-ref 0 'White +[0-9]+ of 40 .*reference group' '' -- S results 1 --by ethnicity
t sv-results-text-scale 0 'Agreeing \(4 or 5\)' '' -- S results 1
t sv-results-free-text 0 '  - More training, please' '' -- S results 1
t sv-results-by-sex 0 'reference group: Female|reference group: Male' '' -- S results 1 --by sex
t sv-results-low-threshold 2 '' '--threshold: 5 is below the publication threshold of 10; it may be raised, never lowered' -- S results 1 --threshold 5
t sv-results-not-asked 2 '' '--by: survey 1 does not ask disability \(it asks ethnicity, sex\)' -- S results 1 --by disability
t sv-results-bad-format 2 '' "unknown format 'pdf'" -- S results 1 --format pdf
t sv-results-xlsx-no-output 2 '' 'needs --output FILE.xlsx' -- S results 1 --format xlsx

# CSV: RFC 4180, formulas defused, hidden groups say so, free text only for All
t sv-results-csv 0 'wrote .*r1.csv' '' -- S results 1 --by ethnicity --format csv --output "$SF/r1.csv"
c sv-csv-check python3 - "$SF/r1.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert rows[0]["group"] == "All"
assert any(r["answer"] == "'=Coaching" for r in rows), "formula not defused"
assert not any(r["answer"].startswith("=") or r["text"].startswith("=") for r in rows)
assert any(r["text"] == "'=HYPERLINK(\"x\")" for r in rows)
other = [r for r in rows if r["group"] == "Other"]
assert other and all(r["count"] == "" and r["share"] == "" and r["note"] == "fewer than 10 responses" for r in other)
assert all(r["group"] == "All" for r in rows if r["text"])
# Other (9) alone would be the total less the shown groups: Mixed (10) is hidden too
mixed = [r for r in rows if r["group"] == "Mixed"]
assert mixed and all(r["count"] == "" for r in mixed) and any(r["note"] == "not shown, so that a smaller group cannot be worked out" for r in mixed)
PY
t sv-results-xlsx 0 'wrote .*r1.xlsx' '' -- S results 1 --by ethnicity --format xlsx --output "$SF/r1.xlsx"
c sv-xlsx-check python3 - "$SF/r1.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = z.read("xl/sharedStrings.xml").decode()
assert "fewer than 10 responses" in strings and "More training, please" in strings
assert "Free text" in z.read("xl/workbook.xml").decode()
assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()
PY

# ---- the threshold at its boundary: 9 hidden, 10 shown; free text too
t sv-create-2 0 'created survey 2' '' -- S create "Exit interviews" --kind exit-interview --anonymous --ask ethnicity
t sv-q2-single 0 'added question 1' '' -- S question 2 --type single --text "Would you come back?" --choice Yes --choice No
t sv-q2-text 0 'added question 2' '' -- S question 2 --type text --text "Why are you leaving?" --optional
t sv-open-2 0 'opened survey 2' '' -- S open 2
python3 - "$SF/nine.json" "$SF/one.json" <<'PY'
import json, sys
r = [{"answers": {"1": "Yes" if i % 2 else "No", "2": "Reason %d" % i}, "characteristics": {"ethnicity": "White" if i < 10 else "B1"}} for i in range(19)]
json.dump(r[:9], open(sys.argv[1] + ".a", "w"))
json.dump(r[9:], open(sys.argv[1], "w"))
json.dump({"answers": {"1": 1}, "characteristics": {"ethnicity": "Black African"}}, open(sys.argv[2], "w"))
PY
t sv-respond-nine 0 'recorded 9 responses to survey 2' '' -- S respond 2 --answers "$SF/nine.json.a"
t sv-results-under 0 'Responses: fewer than 10' '' -- S results 2
t sv-results-under-text 0 'not shown: the survey has fewer than 10 responses' '' -- S results 2
c sv-results-under-no-text sh -c "! '$P' --db '$SB' survey results 2 | grep -q 'Reason'"
c sv-results-under-csv sh -c "'$P' --db '$SB' survey results 2 --format csv | grep -q 'survey has fewer than 10 responses' && ! '$P' --db '$SB' survey results 2 --format csv | grep -q 'Reason'"
t sv-respond-ten 0 'recorded 10 responses to survey 2' '' -- S respond 2 --answers "$SF/nine.json"
S results 2 --by ethnicity --format json >"$SF/b9.json"
c sv-boundary-9-hidden sjson "$SF/b9.json" "d['responses'] is None and d['questions'][0]['rows'][0]['all'].get('hidden') and d['groups'][0]=={'group':'White','responses':10} and [g for g in d['groups'] if g['group']=='Black'][0].get('hidden') and d['questions'][0]['rows'][0]['groups']['Black'].get('hidden') and 'count' not in d['questions'][0]['rows'][0]['groups']['Black'] and d['questions'][0]['rows'][0]['groups']['White']['responses']==10 and d['texts_shown'] and len(d['texts'])==19"
t sv-respond-one 0 'recorded 1 response to survey 2' '' -- S respond 2 --answers "$SF/one.json"
S results 2 --by ethnicity --format json >"$SF/b10.json"
c sv-boundary-10-shown sjson "$SF/b10.json" "[g for g in d['groups'] if g['group']=='Black'][0]['responses']==10 and d['questions'][0]['rows'][0]['groups']['Black']['count']==5 and 'p' in d['questions'][0]['rows'][0]['groups']['Black']"
S results 2 --by ethnicity --threshold 11 --format json >"$SF/b11.json"
c sv-boundary-raised sjson "$SF/b11.json" "d['questions'][0]['rows'][0]['groups']['White'].get('hidden') and d['questions'][0]['rows'][0]['all']['responses']==20 and d['reference'] is None"
c sv-free-text-never-by-group sh -c "! grep -q 'Reason' '$SF/b10.json' || python3 -c \"import json; d=json.load(open('$SF/b10.json')); assert all(set(t)=={'question','text'} for t in d['texts'])\""
t sv-close 0 'closed survey 2: 20 responses' '' -- S close 2
t sv-close-again 1 '' 'survey 2 is not open \(it is closed\)' -- S close 2
t sv-paper-after-close 0 'recorded 1 response' '' -- S respond 2 --answers "$SF/one.json"
t sv-reopen 0 'opened survey 2' '' -- S open 2

# ---- members only: personal single-use links, only the hash kept
t sv-create-3 0 '"id": 3' '' -- S create "Consultation on the network's priorities" --kind consultation --anonymous --access members --ask ethnicity --closes 2099-12-31 --format json
t sv-q3 0 'added question 1' '' -- S question 3 --type single --text "Agree with the priorities?" --choice Agree --choice Disagree
t sv-invite-draft 1 '' 'survey 3 is draft: open it first' -- S invite 3
t sv-invite-public 1 '' 'survey 1 has a public link' -- S invite 1
t sv-open-3 0 "mail the members their links with 'parity survey invite 3'" '' -- S open 3
t sv-invite 0 'invited 2 members to survey 3' '' -- S invite 3
t sv-invite-once 0 'invited 0 members' '' -- S invite 3
sqlite3 "$SB" "SELECT rcpt, hex(body) FROM mail_outbox WHERE kind = 'survey' ORDER BY id" >"$SF/outbox.txt"
sqlite3 "$SB" "SELECT token_hash FROM net_survey_token WHERE survey_id = 3" >"$SF/hashes.txt"
c sv-invite-mail python3 - "$SF/outbox.txt" "$SF/hashes.txt" "$SF/tokens.txt" <<'PY'
import sys, email, email.policy, re, hashlib
rows = [l.split('|') for l in open(sys.argv[1]).read().splitlines()]
assert [r[0] for r in rows] == ['ada@example.org', 'ben@example.org'], rows
toks = []
for r in rows:
    msg = email.message_from_bytes(bytes.fromhex(r[1]), policy=email.policy.default)
    body = msg.get_body(preferencelist=('plain',)).get_content()
    assert msg['Subject'] == "Consultation: Consultation on the network's priorities", msg['Subject']
    assert 'Please answer by 31 December 2099' in body and 'works once' in body
    toks += re.findall(r'https://parity\.example\.org/public/surveys/([0-9a-f]{64})', body)
assert len(toks) == 2
hashes = open(sys.argv[2]).read()
for t in toks:
    assert hashlib.blake2b(t.encode(), digest_size=32).hexdigest() in hashes and t not in hashes
open(sys.argv[3], 'w').write('\n'.join(toks) + '\n')
PY
TOK1=$(sed -n 1p "$SF/tokens.txt")
printf '%s' '{"answers": {"1": "Agree"}, "characteristics": {"ethnicity": "B1"}}' >"$SF/agree.json"
printf '%s' '[{"answers": {"1": "Agree"}}, {"answers": {"1": "Agree"}}]' >"$SF/two.json"
t sv-token-bad 1 '' 'this link is not valid' -- S respond 3 --answers "$SF/agree.json" --token 0000000000000000000000000000000000000000000000000000000000000000
t sv-token-two 2 '' 'a personal link answers once' -- S respond 3 --answers "$SF/two.json" --token "$TOK1"
t sv-token 0 'recorded 1 response to survey 3' '' -- S respond 3 --answers "$SF/agree.json" --token "$TOK1"
t sv-token-used 1 '' 'this link has already been used' -- S respond 3 --answers "$SF/agree.json" --token "$TOK1"
c sv-token-anon test "$(sqlite3 "$SB" "SELECT COUNT(*) FROM net_survey_response WHERE survey_id = 3 AND member_id IS NULL AND received_on = date('now')")" = 1
c sv-token-used-no-when test "$(sqlite3 "$SB" "SELECT used FROM net_survey_token WHERE survey_id = 3 ORDER BY id")" = "$(printf '1\n0')"
t sv-show-3 0 'Members invited: 2; links used: 1' '' -- S show 3

# a named members survey: the member's export has the response; erasure unlinks it
t sv-create-4 0 'created survey 4 \(consultation, named, members access\)' '' -- S create "Named consultation" --kind consultation --access members
t sv-q4 0 'added question 1' '' -- S question 4 --type text --text "Your view"
t sv-open-4 0 'opened survey 4' '' -- S open 4
t sv-invite-4 0 'invited 2 members' '' -- S invite 4
printf '%s' '{"answers": {"1": "More regional meetings"}, "member": "ben@example.org"}' >"$SF/named.json"
t sv-named-paper 0 'recorded 1 response to survey 4' '' -- S respond 4 --answers "$SF/named.json"
t sv-named-twice 1 '' 'that member has already answered survey 4' -- S respond 4 --answers "$SF/named.json"
c sv-named-link-used test "$(sqlite3 "$SB" "SELECT t.used FROM net_survey_token t JOIN net_member m ON m.id = t.member_id WHERE t.survey_id = 4 AND m.email = 'ben@example.org'")" = 1
"$P" --db "$SB" member export ben@example.org >"$SF/ben.json" 2>/dev/null
c sv-export-member sjson "$SF/ben.json" "d['survey_responses'][0]['survey']=='Named consultation' and d['survey_responses'][0]['answers'][0]['answer']=='More regional meetings'"
t sv-erase-member 0 '' '' -- "$P" --db "$SB" member erase ben@example.org --reason "asked to be erased"
c sv-erase-unlinked test "$(sqlite3 "$SB" "SELECT COUNT(*) FROM net_survey_response WHERE survey_id = 4 AND member_id IS NULL")-$(sqlite3 "$SB" "SELECT COUNT(*) FROM net_survey_token WHERE member_id = (SELECT id FROM net_member WHERE status = 'erased')")" = "1-0"

# ---- into monitoring: a strong difference raises a flag in the Diversity Report
t sv-create-5 0 'created survey 5' '' -- S create "Staff survey, exits" --kind staff-survey --anonymous --ask ethnicity
t sv-q5-single 0 'added question 1' '' -- S question 5 --type single --text "Treated fairly?" --choice Yes --choice No
t sv-q5-scale 0 'added question 2' '' -- S question 5 --type scale --text "I would recommend"
t sv-open-5 0 'opened survey 5' '' -- S open 5
python3 - "$SF/strong.csv" <<'PY'
import sys
rows = ["q1,q2,ethnicity"]
rows += ["%s,%d,White" % ("Yes" if i < 50 else "No", 5 if i < 48 else 2) for i in range(60)]
rows += ["%s,%d,B2" % ("Yes" if i < 15 else "No", 4 if i < 14 else 1) for i in range(60)]
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
t sv-import-5 0 'recorded 120 responses' '' -- S import 5 "$SF/strong.csv"
t sv-feed-bad-dataset 2 '' "--dataset: 'payroll' is not a workforce dataset" -- S feed 5 --period 2026 --question 2 --dataset payroll
t sv-feed-bad-question 2 '' "--question: 'x' is not N" -- S feed 5 --period 2026 --question x
t sv-feed-text 2 '' '--question 1: give the favourable choice as 1:CHOICE' -- S feed 5 --period 2026 --question 1
t sv-feed-no-asks 1 '' 'asks no protected characteristics' -- S feed 4 --period 2026 --question 1
t sv-feed 0 'fed survey 5 into monitoring as staff-survey, period 2026: 2 flags raised' '' -- S feed 5 --period 2026 --question 1:1 --question 2
t sv-feed-flags 0 'staff-survey 2026 All: ethnicity Black vs White, q2 agreeing' '' -- "$P" --db "$SB" flags list
t sv-feed-report 0 'q1 Yes: 25.0% vs 83.3%' '' -- "$P" --db "$SB" report diversity --period 2026 --dataset staff-survey
t sv-feed-exit 0 'as exit-interviews' '' -- S feed 5 --period 2026 --question 2 --dataset exit-interviews
c sv-audit test "$(sqlite3 "$SB" "SELECT COUNT(*) FROM audit_log WHERE what LIKE 'survey.%'")" -gt 20

# each command once more in full ('parity survey X', as test_commands looks for)
t sv-full-create 0 'created survey 6' '' -- "$P" --db "$SB" survey create "Pulse" --kind staff-survey --anonymous
t sv-full-question 0 'added question 1 to survey 6' '' -- "$P" --db "$SB" survey question 6 --type text --text "How are you?"
t sv-full-open 0 'opened survey 6' '' -- "$P" --db "$SB" survey open 6
t sv-full-list 0 '^6	open	staff-survey	public	Pulse' '' -- "$P" --db "$SB" survey list
t sv-full-show 0 '^Survey 6: Pulse$' '' -- "$P" --db "$SB" survey show 6
t sv-full-respond 0 'recorded 1 response to survey 2' '' -- "$P" --db "$SB" survey respond 2 --answers "$SF/one.json"
t sv-full-import 1 '' 'is not a column of this survey' -- "$P" --db "$SB" survey import 1 "$SF/bad-col.csv"
t sv-full-invite 0 'invited 0 members to survey 3' '' -- "$P" --db "$SB" survey invite 3
t sv-full-results 0 'Responses: 22' '' -- "$P" --db "$SB" survey results 2
t sv-full-feed 0 'fed survey 5' '' -- "$P" --db "$SB" survey feed 5 --period 2025 --question 2
t sv-full-close 0 'closed survey 6: 0 responses' '' -- "$P" --db "$SB" survey close 6

# all or none: 10 Black members said Yes, the 6 White and 4 who gave no
# ethnicity all said No. Showing Black's 10 of 10 beside everyone's 10 of
# 20 would tell that every White respondent said No: Black is hidden too.
t sv-alike-create 0 'created survey 7' '' -- S create "Alike" --kind staff-survey --anonymous --ask ethnicity
t sv-alike-q 0 'added question 1' '' -- S question 7 --type single --text "Would you recommend working here?" --choice Yes --choice No
S open 7 >/dev/null
python3 - "$SF/alike.json" <<'PY'
import json, sys
r = [{"answers": {"1": "Yes"}, "characteristics": {"ethnicity": "B1"}} for _ in range(10)]
r += [{"answers": {"1": "No"}, "characteristics": {"ethnicity": "W1"}} for _ in range(6)]
r += [{"answers": {"1": "No"}} for _ in range(4)]
json.dump(r, open(sys.argv[1], "w"))
PY
t sv-alike-respond 0 'recorded 20 responses to survey 7' '' -- S respond 7 --answers "$SF/alike.json"
S results 7 --by ethnicity --format json >"$SF/alike-r.json"
c sv-alike-hidden sjson "$SF/alike-r.json" "[r['all']['count']==10 and r['all']['responses']==20 and r['groups']['Black'].get('hidden') and 'count' not in r['groups']['Black'] and r['groups']['White'].get('hidden') for r in [d['questions'][0]['rows'][0]]][0]"
t sv-alike-text 0 'Black +(fewer than 10|not shown)' '' -- S results 7 --by ethnicity
