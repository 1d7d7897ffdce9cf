# tests/cli/cases_lists.sh: the staff network's mailing lists (issue 17)
# from the command line — making lists, subscribing (double opt-in, or
# --confirmed), the members JSON contract, sending to subscribed members
# only (each queued message parsed with python3's email module: List-Id,
# List-Unsubscribe with an https URL and a mailto, List-Unsubscribe-Post,
# and the footer), bad input refused with nothing saved, and pending
# requests expiring after 7 days (PARITY_NOW moves the network's clock).
LDB="$T/lists.db"
L() { "$P" --db "$LDB" "$@"; }
L list all >/dev/null
sqlite3 "$LDB" "INSERT INTO mail_setting (id, smtp, from_addr, from_name, site_url, tls, updated_at, updated_by) VALUES (1, 'smtp://127.0.0.1:2525', 'network@example.org', 'Staff network', 'https://parity.example.org', 'off', '2026-01-01T00:00:00Z', 'test')"

t "lists: no lists yet" 0 'no mailing lists yet' '' -- L list all
t "lists: list create" 0 'created the mailing list news' '' -- L list create news --name "Staff network news" --owner chair@example.org --description "News and briefings"
t "lists: list show" 0 'name: +Staff network news' '' -- L list show news
t "lists: list all names it" 0 '^news +Staff network news \(0 subscribed, 0 pending\)' '' -- L list all
t "lists: a taken short name is refused" 1 '' "already a list called 'news'" -- L list create news --name Other
t "lists: a bad short name is a usage error" 2 '' "lowercase letters" -- L list create "News!" --name X
t "lists: a bad owner is refused" 1 '' "owner" -- L list create other --name X --owner nobody
t "lists: a name is needed" 2 '' "--name" -- L list create other
c "…and nothing was saved" test "$(sqlite3 "$LDB" "SELECT COUNT(*) FROM net_list")" = 1
t "lists: an unknown list" 1 '' "no mailing list called 'nope'" -- L list show nope

t "lists: list subscribe asks to confirm" 0 'asked ada@example.org to confirm' '' -- L list subscribe news ada@example.org --name "Ada Obi"
t "lists: list subscribe --confirmed subscribes at once" 0 'subscribed bob@example.org to news' '' -- L list subscribe news bob@example.org --name "Bob Ng" --confirmed
L list subscribe news cy@example.org --confirmed >/dev/null
L list subscribe news dee@example.org --confirmed >/dev/null
t "lists: subscribing again says so" 0 'already subscribed' '' -- L list subscribe news bob@example.org
t "lists: a bad address is refused" 1 '' "not an email address" -- L list subscribe news "not an address"
c "…and nothing was saved" test "$(sqlite3 "$LDB" "SELECT COUNT(*) FROM net_sub")" = 4
t "lists: list unsubscribe" 0 'unsubscribed cy@example.org from news' '' -- L list unsubscribe news cy@example.org
t "lists: unsubscribing an address not on the list" 1 '' 'has no subscription' -- L list unsubscribe news zed@example.org
sqlite3 "$LDB" "UPDATE net_sub SET status = 'disabled', bounce_score = 5 WHERE email = 'dee@example.org'"

L list members news --format json >"$T/members.json"
c "lists: list members --format json is exactly the contract" python3 - "$T/members.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
want = [
    {"email": "ada@example.org", "name": "Ada Obi", "status": "pending", "bounce_score": 0},
    {"email": "bob@example.org", "name": "Bob Ng", "status": "subscribed", "bounce_score": 0},
    {"email": "cy@example.org", "name": "", "status": "unsubscribed", "bounce_score": 0},
    {"email": "dee@example.org", "name": "", "status": "disabled", "bounce_score": 5},
]
assert m == want, m
for r in m:
    assert set(r) == {"email", "name", "status", "bounce_score"}
    assert isinstance(r["bounce_score"], (int, float)) and not isinstance(r["bounce_score"], bool)
PY
t "lists: list members as text" 0 'bob@example.org +subscribed' '' -- L list members news

# The confirmation message: kind confirm, ref the subscription, a link
# to /lists/news/confirm?t=TOKEN whose hash alone is stored.
c "lists: the confirmation mail is queued for ada" test "$(sqlite3 "$LDB" "SELECT COUNT(*) FROM mail_outbox o JOIN net_sub s ON s.id = o.ref WHERE o.kind = 'confirm' AND s.email = 'ada@example.org'")" = 1
sqlite3 "$LDB" "SELECT body FROM mail_outbox WHERE kind = 'confirm'" >"$T/confirm.eml"
c "…linking to the confirm page with a token whose hash alone is kept" python3 - "$T/confirm.eml" "$LDB" <<'PY'
import email, re, sqlite3, sys, hashlib
m = email.message_from_string(open(sys.argv[1]).read())
body = m.get_payload(decode=True).decode()
tok = re.search(r'https://parity\.example\.org/lists/news/confirm\?t=([0-9a-f]{64})', body).group(1)
db = sqlite3.connect(sys.argv[2])
stored = db.execute("SELECT confirm_hash FROM net_sub WHERE email = 'ada@example.org'").fetchone()[0]
assert stored and stored != tok and hashlib.blake2b(tok.encode(), digest_size=32).hexdigest() == stored
assert not db.execute("SELECT COUNT(*) FROM net_sub WHERE confirm_hash = ?", (tok,)).fetchone()[0]
PY

printf 'The AGM is on 3 March.\n' >"$T/post.txt"
printf '<p>The AGM is on <b>3 March</b>.</p>\n' >"$T/post.html"
t "lists: list send --dry-run counts the subscribed only" 0 'would send to 1 subscriber of news' '' -- L list send news --subject "AGM" --body-file "$T/post.txt" --dry-run
c "…and queues nothing" test "$(sqlite3 "$LDB" "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'list'")" = 0
t "lists: list send without a subject" 2 '' 'subject' -- L list send news --body-file "$T/post.txt"
: >"$T/empty.txt"
t "lists: list send with an empty body" 1 '' 'text body' -- L list send news --subject S --body-file "$T/empty.txt"
t "lists: list send with a missing file" 1 '' 'cannot read' -- L list send news --subject S --body-file "$T/nope.txt"
c "…and nothing was queued" test "$(sqlite3 "$LDB" "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'list'")" = 0
t "lists: list send" 0 'queued 1 message to the subscribers of news' '' -- L list send news --subject "AGM: 3 March" --body-file "$T/post.txt" --html-file "$T/post.html"
sqlite3 "$LDB" "SELECT o.rcpt || ' ' || o.ref FROM mail_outbox o WHERE o.kind = 'list'" >"$T/sent"
c "lists: send goes to subscribed members only" test "$(cut -d' ' -f1 "$T/sent")" = "bob@example.org"
c "…with ref the subscription" test "$(cut -d' ' -f2 "$T/sent")" = "$(sqlite3 "$LDB" "SELECT id FROM net_sub WHERE email = 'bob@example.org'")"
sqlite3 "$LDB" "SELECT body FROM mail_outbox WHERE kind = 'list'" >"$T/post.eml"
c "lists: the post has List-Id, List-Unsubscribe (https and mailto), List-Unsubscribe-Post and a footer" python3 - "$T/post.eml" <<'PY'
import email, email.policy, re, sys
raw = open(sys.argv[1], 'rb').read()
m = email.message_from_bytes(raw, policy=email.policy.default)
assert m['List-Id'] == 'Staff network news <news.parity.example.org>', m['List-Id']
lu = str(m['List-Unsubscribe'])
g = re.fullmatch(r'<(https://parity\.example\.org/lists/news/unsubscribe\?t=(\d+-[0-9a-f]{32}))>,\s*<mailto:network\+u-(\d+-[0-9a-f]{32})@example\.org\?subject=unsubscribe>', lu)
assert g, lu
assert g.group(2) == g.group(3), 'the URL and the mailto carry the same token'
assert '=?' not in raw.decode(), 'no RFC 2047 words'
assert m['List-Unsubscribe-Post'] == 'List-Unsubscribe=One-Click'
assert m['Subject'] == 'AGM: 3 March'
text = m.get_body(('plain',)).get_content()
html = m.get_body(('html',)).get_content()
assert 'The AGM is on 3 March.' in text
assert 'To unsubscribe, open this link: ' + g.group(1) in text, text
assert '<b>3 March</b>' in html and 'href="' + g.group(1) + '"' in html
PY

# Expiry: a pending request older than 7 days is deleted by the
# network's periodic work ('parity mail run' runs it; here through
# subscribe's own clock and the jobs via SQL-free means: list_jobs runs
# in 'parity mail run' once mail lands, so the unit test covers it too).
now=$(date +%s)
PARITY_NOW=$((now + 7 * 86400 + 60)) L list subscribe news eve@example.org >/dev/null
c "lists: PARITY_NOW sets when a request is made" test "$(sqlite3 "$LDB" "SELECT requested_at FROM net_sub WHERE email = 'eve@example.org'")" = "$((now + 7 * 86400 + 60))"
