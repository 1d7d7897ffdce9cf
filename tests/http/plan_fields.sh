# tests/http/plan_fields.sh: the plan's own action ids and its other
# columns kept as fields (issue 14) on the web — the action page lists the
# fields (escaped), ids of the 5.1.2 kind open their page, the list's
# search box (/plan?q=) finds words in the fields as `plan list --search`
# does, and a re-import that changes a field shows in the history. The
# Markdown's entities (&lt;script&gt;) are the text <script> once read.
# Sourced by tests/http/run.sh: its own database and server.
FD="$T/fields-web.db"
FM="$T/fields-web.md"
write_fields_plan() { # $1: the indicator of 4b
  cat > "$FM" <<MD
# Trust equality plan

| No. | Actions | Accountable People | Team | Key Performance Indicators | Deadline | Notes &lt;i&gt;x&lt;/i&gt; |
|---|---|---|---|---|---|---|
| 4a | Hold listening circles in every directorate | KM | People and culture | Two circles a year | March 2026 | &lt;script&gt;alert(1)&lt;/script&gt; &amp; more |
| 4b | Publish a plain guide to speaking up | KM/RD | Communications | $1 | June 2026 | |
| 5.1.2 | Check every shortlist for fair representation | RD | Recruitment | Gap narrowed by a third | Quarterly | |

## Who's who

Staff initials used in this plan

KM – Kay Mensah, Director of People
RD – Ravi Desai, Head of Recruitment
MD
}
write_fields_plan 'Guide opened by 300 staff'
"$P" --db "$FD" plan import "$FM" >/dev/null 2>&1
printf '%s\n' "$PW" | "$P" --db "$FD" user add fv --role viewer --password-stdin >/dev/null
start_server fields "$FD" || return
FJ="$T/fields-vi.jar"
login "$FJ" fv "$PW"

req "$FJ" GET /plan/action/4b
h "fields: the action page lists the plan's other columns" 200 'Other columns of the plan'
c "…as a summary list: name then value" grep -qE 'govuk-summary-list__key">Key Performance Indicators</dt><dd class="govuk-summary-list__value">Guide opened by 300 staff<' "$T/body"
c "…Team too" grep -q '>Communications<' "$T/body"
req "$FJ" GET /plan/action/4a
h "fields: a field's header and value are escaped" 200 '&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; more' '<script>alert'
c "…the header too" grep -q 'Notes &lt;i&gt;x&lt;/i&gt;' "$T/body"
req "$FJ" GET /plan/action/5.1.2
h "fields: an id of the 5.1.2 kind opens its page" 200 'Action 5\.1\.2'
req "$FJ" GET /plan
h "fields: the list links the plan's own ids" 200 'href="/plan/action/5.1.2">5.1.2</a>'
c "…and has a search box with its label" sh -c "grep -q '<label class=\"govuk-label[^\"]*\" for=\"q\">' '$T/body' && grep -q 'id=\"q\" name=\"q\" type=\"search\"' '$T/body'"
req "$FJ" GET '/plan?q=OPENED+BY+300'
h "fields: /plan?q= finds words in a field, case aside" 200 '>1 action<' 'href="/plan/action/4a"'
c "…the action it finds" grep -q 'href="/plan/action/4b"' "$T/body"
c "…and keeps the words in the box" grep -qE 'name="q" type="search" value="OPENED BY 300"' "$T/body"
c "…the same answer as plan list --search" test "$("$P" --db "$FD" plan list --search 'OPENED BY 300' | tail -1)" = "1 of 3 actions"
req "$FJ" GET '/plan?q=ravi+desai'
h "fields: /plan?q= finds a lead by name" 200 '>2 actions<'
req "$FJ" GET '/plan?q=%3Cb%3E'
h "fields: the search words are escaped in the box" 200 'value="&lt;b&gt;"' 'value="<b>"'
req "$FJ" GET "/plan?q=$(head -c 201 /dev/zero | tr '\0' x)"
h "fields: a search over 200 characters is a 400 linked to the box" 400 'href="#q"'
write_fields_plan 'Guide opened by 500 staff'
"$P" --db "$FD" plan import "$FM" >/dev/null 2>&1
req "$FJ" GET /plan/action/4b
h "fields: a re-import that changes a field shows in the history" 200 'Other columns changed'
c "…saying what it was" grep -q 'Key Performance Indicators was: Guide opened by 300 staff' "$T/body"
c "…and the page shows the new value" grep -q '>Guide opened by 500 staff<' "$T/body"
stop_server
