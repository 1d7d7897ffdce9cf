# tests/http/lists.sh: the mailing lists on the web (issue 17) — the
# public sign-up form with its consent wording, the same "check your
# email" answer for an address already subscribed, the rate limit (429
# saying when to try again), the confirm link (GET changes nothing, only
# the button's POST subscribes; after 7 days it says so), RFC 8058
# one-click unsubscribe exactly as a mail provider sends it (curl with no
# cookie, urlencoded and multipart; a wrong token changes nothing), and
# the staff pages behind the mailing capability.
# Sourced by tests/http/run.sh: its own database and server.
LD="$T/lists-web.db"
"$P" --db "$LD" list create news --name "Staff network news" --owner chair@example.org >/dev/null
"$P" --db "$LD" list create quiet --name "Quiet list" --private >/dev/null
sqlite3 "$LD" "INSERT INTO mail_setting (id, smtp, from_addr, from_name, site_url, tls, updated_at, updated_by) VALUES (1, 'smtp://127.0.0.1:2525', 'network@example.org', 'Staff network', 'https://parity.example.org', 'off', '2026-01-01T00:00:00Z', 'test')"
"$P" --db "$LD" list subscribe news old@example.org --confirmed >/dev/null
printf '%s\n' "$PW" | "$P" --db "$LD" user add mailer --role viewer --grant mailing --password-stdin >/dev/null
printf '%s\n' "$PW" | "$P" --db "$LD" user add plain --role admin --password-stdin >/dev/null
start_server lists "$LD" || return
LA="$T/lists-anon.jar" LM="$T/lists-mailer.jar" LP="$T/lists-plain.jar"
rm -f "$LA"
lcount() { sqlite3 "$LD" "$1"; }

req "$LA" GET /lists
h "lists: /lists shows the public lists" 200 'Subscribe to Staff network news' 'Quiet list'
req "$LA" GET /lists/quiet/subscribe
h "lists: a private list has no sign-up form" 404
req "$LA" GET /lists/news/subscribe
h "lists: the sign-up form needs no sign-in" 200 'Subscribe to Staff network news'
wording=$(sqlite3 "$LD" "SELECT text FROM net_consent_wording WHERE purpose = 'mailing' ORDER BY version DESC LIMIT 1")
c "…and shows the exact consent wording" grep -qF "$wording" "$T/body"
post "$LA" /lists/news/subscribe "email=not an address" "consent=yes"
h "lists: a bad address is an error at the field" 400 'href="#email"'
post "$LA" /lists/news/subscribe "email=ada@example.org"
h "lists: consent must be ticked" 400 'href="#consent"'
c "…and nothing was saved" test "$(lcount "SELECT COUNT(*) FROM net_sub WHERE email = 'ada@example.org'")" = 0
post "$LA" /lists/news/subscribe "email=ada@example.org" "name=Ada Obi" "consent=yes"
h "lists: subscribing answers with a redirect" 303
req "$LA" GET /lists/news/check-email
h "…to check your email" 200 'Check your email'
c "lists: a pending subscription with its consent record (web, wording version)" test "$(lcount "SELECT status || ' ' || consent_how || ' ' || wording_id FROM net_sub WHERE email = 'ada@example.org'")" = "pending web 1"
c "…and one confirmation message" test "$(lcount "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'confirm'")" = 1

# the route takes RFC 8058's one-click POST without a token; the sign-up
# form is not one-click and must carry its token
req "$T/lists-csrf.jar" POST /lists/news/subscribe --data-urlencode "email=forged@example.org" --data-urlencode "consent=yes"
h "lists: the sign-up form without its token is refused" 403 'The form could not be accepted'
c "…and saves nothing" test "$(lcount "SELECT COUNT(*) FROM net_sub WHERE email = 'forged@example.org'")" = 0
# no address enumeration: an address already subscribed gets the same answer
rm -f "$T/lists-anon2.jar"
post "$T/lists-anon2.jar" /lists/news/subscribe "email=old@example.org" "consent=yes"
h "lists: an address already subscribed gets the same answer" 303
c "…to the same page" grep -qi '^location: /lists/news/check-email' "$T/headers"

# the confirm link: GET shows a button and changes nothing
tok=$(sqlite3 "$LD" "SELECT body FROM mail_outbox WHERE kind = 'confirm'" | tr -d '\r' | sed -n 's|.*/lists/news/confirm?t=\([0-9a-f]*\).*|\1|p')
c "lists: the confirmation message has a link" test ${#tok} = 64
req "$LA" GET "/lists/news/confirm?t=$tok"
h "lists: opening the confirm link shows a button" 200 'Confirm subscription</button>'
req "$LA" GET "/lists/news/confirm?t=$tok"
c "…and opening it (twice) changes nothing" test "$(lcount "SELECT status FROM net_sub WHERE email = 'ada@example.org'")" = pending
req "$LA" POST "/lists/news/confirm" --data-urlencode "t=$tok"
h "lists: the confirm POST needs the form's token" 403
FORM_PAGE="/lists/news/confirm?t=$tok" post "$LA" /lists/news/confirm "t=$tok"
h "lists: pressing the button subscribes" 200 'You are subscribed'
c "…subscribed, with when consent was confirmed" test "$(lcount "SELECT status || ' ' || (consent_at IS NOT NULL) FROM net_sub WHERE email = 'ada@example.org'")" = "subscribed 1"
req "$LA" GET "/lists/news/confirm?t=$tok"
h "lists: a used link says it does not work and offers to subscribe again" 404 'Subscribe again'

# expiry: a request older than 7 days
post "$LA" /lists/news/subscribe "email=late@example.org" "consent=yes"
tok2=$(sqlite3 "$LD" "SELECT body FROM mail_outbox WHERE kind = 'confirm' AND rcpt = 'late@example.org'" | tr -d '\r' | sed -n 's|.*confirm?t=\([0-9a-f]*\).*|\1|p')
sqlite3 "$LD" "UPDATE net_sub SET requested_at = requested_at - 7 * 86400 - 60 WHERE email = 'late@example.org'"
req "$LA" GET "/lists/news/confirm?t=$tok2"
h "lists: a confirm link after 7 days says it has expired" 410 'This link has expired'
c "…and offers to subscribe again" grep -q 'href="/lists/news/subscribe"' "$T/body"

# one-click unsubscribe (RFC 8058), as a mail provider sends it
"$P" --db "$LD" list subscribe news one@example.org --confirmed >/dev/null
"$P" --db "$LD" list subscribe news two@example.org --confirmed >/dev/null
printf 'Hello\n' >"$T/lists-post.txt"
"$P" --db "$LD" list send news --subject Hello --body-file "$T/lists-post.txt" >/dev/null
url_of() { "$P" --db "$LD" mail message "$(sqlite3 "$LD" "SELECT id FROM mail_outbox WHERE kind = 'list' AND rcpt = '$1'")" | tr -d '\r' | python3 -c '
import email, re, sys
m = email.message_from_string(sys.stdin.read())
print(re.search(r"<(https://[^>]*)>", m["List-Unsubscribe"]).group(1))'; }
u1=$(url_of one@example.org); u2=$(url_of two@example.org)
p1=${u1#https://parity.example.org}; p2=${u2#https://parity.example.org}
c "lists: the post's List-Unsubscribe URL is on this site" test "${p1#/lists/news/unsubscribe?t=}" != "$p1"
bad="${p1%?}0"; [ "$bad" = "$p1" ] && bad="${p1%?}1"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -X POST -d 'List-Unsubscribe=One-Click' "$BASE$bad")
h "lists: one-click with a wrong token" 404
c "…changes nothing" test "$(lcount "SELECT status FROM net_sub WHERE email = 'one@example.org'")" = subscribed
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -X POST -d 'List-Unsubscribe=One-Click' "$BASE$p1")
h "lists: one-click POST, urlencoded, no cookie" 200 'You are unsubscribed'
c "…unsubscribes" test "$(lcount "SELECT status || ' ' || unsub_how FROM net_sub WHERE email = 'one@example.org'")" = "unsubscribed one-click"
c "…and leaves the other subscriber alone" test "$(lcount "SELECT status FROM net_sub WHERE email = 'two@example.org'")" = subscribed
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -X POST "$BASE$p2")
h "lists: a POST without List-Unsubscribe=One-Click is refused" 400
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -F 'List-Unsubscribe=One-Click' "$BASE$p2")
h "lists: one-click POST, multipart, no cookie" 200 'You are unsubscribed'
c "…unsubscribes" test "$(lcount "SELECT status FROM net_sub WHERE email = 'two@example.org'")" = unsubscribed
req "$LA" GET "$p2"
h "lists: the unsubscribe link opens a page with a button" 200 'Unsubscribe</button>'

# the rate limit on the public form: 5 requests a quarter hour per
# address (every request above came from this one: start afresh)
sqlite3 "$LD" "DELETE FROM net_rate"
rm -f "$T/lists-rate.jar"
for i in 1 2 3 4 5; do post "$T/lists-rate.jar" /lists/news/subscribe "email=r$i@example.org" "consent=yes"; done
h "lists: a fifth request from one address is still taken" 303
post "$T/lists-rate.jar" /lists/news/subscribe "email=r9@example.org" "consent=yes"
h "lists: a sixth is refused with 429" 429 'Try again after'
c "…and saves nothing" test "$(lcount "SELECT COUNT(*) FROM net_sub WHERE email = 'r9@example.org'")" = 0

# staff pages: the mailing capability
login "$LP" plain "$PW"
req "$LP" GET /network/lists
h "lists: an admin without the mailing capability is refused" 403
c "…and not offered the page" sh -c "! grep -q 'href=\"/network/lists\"' '$T/body'"
req "$LA" GET /network/lists
h "lists: signed out, the staff pages ask to sign in" 303
login "$LM" mailer "$PW"
req "$LM" GET /network/lists
h "lists: the mailing capability opens the lists" 200 'Staff network news'
c "…and the navigation offers them" grep -qE 'href="/network/lists"[^>]*>(<[^>]*>)*Mailing lists' "$T/body"
req "$LM" GET /network/lists/news
h "lists: a list's page shows subscribers with status and bounce score" 200 'ada@example.org'
c "…with status tags" grep -q 'govuk-tag--green">Subscribed' "$T/body"
req "$LM" GET '/network/lists/news?q=ADA'
h "lists: search finds by address" 200 'ada@example.org' 'old@example.org'
FORM_PAGE=/network/lists/new post "$LM" /network/lists/new "name=Briefings" "slug=Bad Slug" "public=yes"
h "lists: making a list with a bad short name is an error at the field" 400 'href="#slug"'
FORM_PAGE=/network/lists/new post "$LM" /network/lists/new "name=Briefings" "slug=briefings" "public=yes"
h "lists: making a list" 303
c "…made" test "$(lcount "SELECT name FROM net_list WHERE slug = 'briefings'")" = Briefings
before=$(lcount "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'list'")
FORM_PAGE=/network/lists/news/send post "$LM" /network/lists/news/preview "subject=Papers" "text=The papers are out."
h "lists: the preview shows the message and how many will get it" 200 'Send to 2 subscribers'
c "…with the footer" grep -q 'To unsubscribe, open this link' "$T/body"
c "…and queues nothing" test "$(lcount "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'list'")" = "$before"
FORM_PAGE=/network/lists/news/send post "$LM" /network/lists/news/send "subject=Papers" "text=The papers are out."
h "lists: sending queues one message per subscribed member" 303
c "…2 of them" test "$(lcount "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'list' AND subject = 'Papers'")" = 2
c "…recorded in the audit log" test "$(lcount "SELECT COUNT(*) FROM audit_log WHERE what = 'list.send'")" = 1
stop_server
