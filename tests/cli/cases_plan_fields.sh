# End-to-end cases for the plan's own action ids and the other columns
# kept as fields (issue 14): import, plan show, plan list --search and
# --format json/csv, plan report --format csv/ics, plan lint, and a
# re-import that keeps history by the plan's own id. Sourced by
# tests/cli/run.sh.
F="$T/fields.db"
# An NHS-style numbered table: its ids 4a, 4b, 5a are kept (before: 1a,
# 1b, 1c), "Accountable People" is the lead, Team and KPI are fields.
t fields-nhs-import 0 '3 actions, 2 people' '' -- "$P" --db "$F" plan import "$FIX/plan/ids-nhs.md"
t fields-nhs-ids 0 '^4a .*KM +Hold listening circles' '' -- "$P" --db "$F" plan list
t fields-nhs-id-5a 0 '^5a .*RD +Check every interview' '' -- "$P" --db "$F" plan list
t fields-nhs-no-1a 1 '' "no action '1a' in the plan" -- "$P" --db "$F" plan show 1a
t fields-nhs-lead 0 'Leads: +KM = Kay Mensah \(person\); RD = Ravi Desai \(person\)' '' -- "$P" --db "$F" plan show 4b
t fields-nhs-show-kpi 0 '^  Key Performance Indicators: Guide opened by 300 staff$' '' -- "$P" --db "$F" plan show 4b
t fields-nhs-show-team 0 '^  Team: Communications$' '' -- "$P" --db "$F" plan show 4b
t fields-nhs-show-case 0 '^4b  Publish a plain guide' '' -- "$P" --db "$F" plan show 4B
t fields-nhs-show-json 0 '"name": "Key Performance Indicators",' '' -- "$P" --db "$F" plan show 4b --format json
t fields-nhs-show-json-code 0 '"code": "4b",' '' -- "$P" --db "$F" plan show 4b --format json
c fields-nhs-list-json sh -c "'$P' --db '$F' plan list --format json | python3 -c 'import json,sys; a=json.load(sys.stdin); assert [x[\"code\"] for x in a]==[\"4a\",\"4b\",\"5a\"]; assert a[2][\"fields\"]==[{\"name\":\"Team\",\"value\":\"Recruitment\"},{\"name\":\"Key Performance Indicators\",\"value\":\"Shortlisting gap narrowed by a third\"}]'"
t fields-nhs-search-kpi 0 '^4b .*Publish a plain guide' '' -- "$P" --db "$F" plan list --search 'OPENED BY 300'
t fields-nhs-search-count 0 '^1 of 3 actions$' '' -- "$P" --db "$F" plan list --search 'opened by 300'
t fields-nhs-search-team 0 '^5a ' '' -- "$P" --db "$F" plan list --search recruitment
t fields-nhs-search-lead-name 0 '^2 of 3 actions$' '' -- "$P" --db "$F" plan list --search 'ravi desai'
t fields-nhs-search-code 0 '^1 of 3 actions$' '' -- "$P" --db "$F" plan list --search 5a
t fields-nhs-search-none 0 '^0 of 3 actions$' '' -- "$P" --db "$F" plan list --search 'no such words'
t fields-nhs-search-empty 2 '' '--search needs the words' -- "$P" --db "$F" plan list --search ' '
t fields-nhs-list-csv 0 '^id,section,area_no,area,letter,text,leads,timescale,due,status,rag,Team,Key Performance Indicators' '' -- "$P" --db "$F" plan list --format csv
t fields-nhs-list-csv-row 0 '^4a,.*,People and culture,Two circles a year in each directorate' '' -- "$P" --db "$F" plan list --format csv
t fields-nhs-report-csv 0 '^4b,.*,Communications,Guide opened by 300 staff' '' -- "$P" --db "$F" plan report --format csv --as-of 2026-01-01
t fields-nhs-report-ics-uid 0 '^UID:main-4b@parity' '' -- "$P" --db "$F" plan report --format ics --as-of 2026-01-01
t fields-nhs-update 0 'updated 4b' '' -- "$P" --db "$F" plan update 4b --status in-progress --note 'Draft guide sent to the networks'
# Re-import: rows moved, 4c new, 4b's indicator changed. History stays
# with 4b; the change of a field is a 'field' event naming what it was.
t fields-reimport 0 'changes: 1 added, 0 removed, 0 reworded' '' -- sh -c "'$P' --db '$F' plan import '$FIX/plan/ids-nhs-v2.md' | tee '$T/reimport.out'"
c fields-reimport-field-line grep -qE '^fields   4b +Key Performance Indicators$' "$T/reimport.out"
c fields-reimport-added grep -qE '^added    4c +Offer reverse mentoring' "$T/reimport.out"
c fields-reimport-order-plan sh -c "'$P' --db '$F' plan list | awk 'NR>1 && NR<6 {print \$1}' | tr '\n' ' ' | grep -qx '5a 4a 4c 4b '"
t fields-reimport-history 0 'Draft guide sent to the networks' '' -- "$P" --db "$F" plan show 4b
t fields-reimport-status 0 '^Status: +in-progress' '' -- "$P" --db "$F" plan show 4b
t fields-reimport-event 0 'field +tester +Key Performance Indicators was: Guide opened by 300 staff' '' -- "$P" --db "$F" plan show 4b
t fields-reimport-new-value 0 '^  Key Performance Indicators: Guide opened by 500 staff$' '' -- "$P" --db "$F" plan show 4b
t fields-reimport-nothing-removed 0 '0 removed' '' -- "$P" --db "$F" plan import "$FIX/plan/ids-nhs-v2.md"

# 1.2 / 3.1.4 style ids; a Progress column is kept, and gives the status
# only when it is just a status word.
D="$T/fields-dotted.db"
t fields-dotted-import 0 '3 actions' '' -- "$P" --db "$D" plan import "$FIX/plan/ids-dotted.md"
t fields-dotted-ids 0 '^3\.1\.4 .*Ask library members' '' -- "$P" --db "$D" plan list
t fields-dotted-show 0 '^1\.2  Take the mobile library' '' -- "$P" --db "$D" plan show 1.2
t fields-dotted-done 0 '^Status: +done' '' -- "$P" --db "$D" plan show 1.2
t fields-dotted-words-not-status 0 '^Status: +not-started' '' -- "$P" --db "$D" plan show 1.3
t fields-dotted-progress 0 '^  Progress: Two branches done, three to go$' '' -- "$P" --db "$D" plan show 1.3
t fields-dotted-update 0 'updated 3.1.4' '' -- "$P" --db "$D" plan update 3.1.4 --note 'Questions added to the joining form'
t fields-dotted-search 0 '^1\.3 ' '' -- "$P" --db "$D" plan list --search 'three to go'

# A repeated id: parity numbers the actions itself, and says why in lint.
R2="$T/fields-repeated.db"
t fields-repeated-import 0 '3 actions' 'id "2a" is given to more than one action' -- "$P" --db "$R2" plan import "$FIX/plan/ids-repeated.md"
t fields-repeated-codes 0 '^1c .*Run a walk' '' -- "$P" --db "$R2" plan list
t fields-repeated-lint 1 '^id +area 1 .*"2a" is given to more than one action \(lines 8 and 10\); parity numbered every action itself' '' -- "$P" --db "$R2" plan lint
