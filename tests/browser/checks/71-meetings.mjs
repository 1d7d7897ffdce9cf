// tests/browser/checks/71-meetings.mjs: the staff network's meetings
// (issue 17) — the public calendar and the RSVP page signed out (the
// link's answer chosen, the button records it, an error at the field), the
// staff pages with the members capability (the list, a series' rota with
// skip and swap, a meeting with attendance, change and cancel with their
// check pages), and the not-found pages of documents. Every page is
// audited at 320 and 1280 CSS px. The fixture is made here: a region,
// members with consent, mail settings (nothing is delivered), a series
// from today, and an account holding the members capability. Then what
// the command line could do before: adding a series (errors, check your
// answers, the series) and adding a paper and the minutes (uploads).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, open, signIn, PW, vi } = ctx;
  const sql = (q) => execFileSync('sqlite3', [px.db, q], { encoding: 'utf8' }).trim();
  const today = new Date().toISOString().slice(0, 10);
  px.run('meeting', 'series', 'list');
  sql(`INSERT OR IGNORE INTO mail_setting (id, smtp, from_addr, site_url, tls, updated_at, updated_by)
    VALUES (1, 'smtp://127.0.0.1:9', 'network@example.org', '${px.base || 'http://127.0.0.1'}', 'off', '2026-12-01T00:00:00Z', 'browser');
    INSERT OR IGNORE INTO net_region (name) VALUES ('South');
    INSERT INTO net_member (email, name, region_id, status, joined, last_active, created_at, updated_at)
      SELECT 'ama.mensah@example.org', 'Ama Mensah', id, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x' FROM net_region WHERE name = 'South';
    INSERT INTO net_member (email, name, region_id, status, joined, last_active, created_at, updated_at)
      SELECT 'kofi.boateng@example.org', 'Kofi Boateng', id, 'active', '2026-01-01', '2026-01-01T00:00:00Z', 'x', 'x' FROM net_region WHERE name = 'South';
    INSERT INTO net_consent (member_id, purpose, wording_id, given_at, given_how, recorded_by)
      SELECT m.id, 'meetings', w.id, '2026-01-01T00:00:00Z', 'cli', 'browser' FROM net_member m, net_consent_wording w
      WHERE w.purpose = 'meetings' AND m.email IN ('ama.mensah@example.org', 'kofi.boateng@example.org');`);
  px.run('meeting', 'series', 'add', 'regional-south', '--name', 'Regional South', '--every', '2-months',
    '--on', '2nd Tuesday', '--venues', 'Reading Town Hall;Oxford Central Library;Aylesbury', '--from', today);
  const dates = px.json('meeting', 'list', '--series', 'regional-south').map((m) => m.date);
  const [d1, d2, d3] = dates;
  px.run('meeting', 'invite', 'regional-south', d1);
  const body = sql(`SELECT body FROM mail_outbox WHERE rcpt = 'ama.mensah@example.org' LIMIT 1`);
  const token = (body.match(/rsvp\?t=([0-9a-f]{64})/) || [])[1];
  execFileSync(px.bin, ['--db', px.db, 'user', 'add', 'netsec', '--role', 'viewer', '--grant', 'members', '--password-stdin'],
    { env: px.env, input: `${PW}\n`, stdio: ['pipe', 'pipe', 'pipe'] });

  const anon = await open('anon-meetings');
  await check('public meetings: dates in words, venues, no names', async () => {
    expect(await anon.go('/public/meetings') === 200, `status ${anon.status}`);
    const t = await anon.text('main');
    expect(/Tuesday \d{1,2} [A-Z][a-z]+ 20\d\d/.test(t), 'no date in words');
    expect(/Reading Town Hall/.test(t), 'no venue');
    expect(!/Ama|Mensah|Kofi|example\.org|\b20\d\d-\d\d-\d\d\b/.test(t), 'personal data or an ISO date on the public page');
    expect(await anon.page.locator('main a[href="/meetings/regional-south.ics"]').count() === 1, 'no feed link');
  });
  await anon.audit2('public meetings');

  await check('RSVP: the link shows the answer chosen and a button', async () => {
    expect(token, 'no token in the invitation');
    expect(await anon.go(`/meetings/rsvp?t=${token}&a=maybe`) === 200, `status ${anon.status}`);
    expect(await anon.page.locator('input[name="answer"][value="maybe"]').isChecked(), 'maybe not chosen');
    expect(sql(`SELECT COUNT(*) FROM net_invite WHERE rsvp IS NOT NULL`) === '0', 'opening the link recorded an answer');
  });
  await anon.audit2('rsvp');
  await check('RSVP: without an answer, an error at the field', async () => {
    await anon.go(`/meetings/rsvp?t=${token}&a=none`);
    await anon.submit(anon.page.getByRole('button', { name: 'Send my answer' }));
    expect(await anon.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
  });
  await anon.audit2('rsvp error');
  await check('RSVP: the button records the answer', async () => {
    await anon.page.locator('main label', { hasText: 'Yes, I will come' }).click();
    await anon.submit(anon.page.getByRole('button', { name: 'Send my answer' }));
    expect(/Answer sent/.test(await anon.text('h1')), 'no confirmation');
    expect(sql(`SELECT rsvp FROM net_invite WHERE rsvp IS NOT NULL`) === 'yes', 'not recorded');
  });
  await anon.audit2('rsvp sent');
  await check('RSVP: a wrong link says so', async () => {
    expect(await anon.go(`/meetings/rsvp?t=${'0'.repeat(64)}&a=yes`) === 404, `status ${anon.status}`);
  });
  await anon.audit2('rsvp bad link');
  await check('public minutes: a missing document is a 404 page', async () => {
    expect(await anon.go('/public/meetings/minutes/999999') === 404, `status ${anon.status}`);
  });
  await anon.audit2('public minutes missing');

  await check('a viewer without the members capability is refused and not offered Meetings', async () => {
    expect(await vi.go('/network/meetings') === 403, `status ${vi.status}`);
    expect(await vi.page.locator('header a[href="/network/meetings"], .govuk-service-navigation a[href="/network/meetings"]').count() === 0,
      'Meetings in the viewer\'s navigation');
  });

  const st = await open('netsec');
  await signIn(st, 'netsec');
  await check('meetings: from the navigation, the series listed', async () => {
    expect(await st.go('/') === 200, `status ${st.status}`);
    const link = st.page.locator('.govuk-service-navigation a[href="/network/meetings"]');
    expect(await link.count() === 1, 'no Meetings in the navigation');
    await st.submit(link);
    expect(/Regional South/.test(await st.text('main')), 'no series');
  });
  await st.audit2('meetings');
  await check('meetings: the rota with skip and swap', async () => {
    await st.submit(st.page.locator('main a', { hasText: 'Regional South' }));
    const t = await st.text('main');
    expect(/Reading Town Hall/.test(t) && /Skip a venue/.test(t) && /Swap the venues/.test(t), 'no rota or forms');
  });
  await st.audit2('meeting series');
  await check('meetings: skip a venue', async () => {
    await st.page.locator('main label', { hasText: 'Aylesbury' }).click();
    await st.submit(st.page.getByRole('button', { name: 'Skip this venue' }));
    expect(/passes over Aylesbury/.test(await st.text('body')), 'no confirmation');
  });
  await st.audit2('meeting series skipped');
  await check('meetings: swap two venues', async () => {
    await st.page.selectOption('#first', d2);
    await st.page.selectOption('#second', d3);
    await st.submit(st.page.getByRole('button', { name: 'Swap venues' }));
    expect(/Venues swapped/.test(await st.text('body')), 'no confirmation');
  });
  await check('meetings: a meeting with who is coming and attendance', async () => {
    expect(await st.go(`/network/meetings/regional-south/${d1}`) === 200, `status ${st.status}`);
    const t = await st.text('main');
    expect(/Ama Mensah \(said yes\)/.test(t), 'no answer shown');
    expect(!/\b20\d\d-\d\d-\d\d\b/.test(t), 'an ISO date on the page');
  });
  await st.audit2('meeting');
  await check('meetings: attendance saved', async () => {
    await st.page.locator('main label', { hasText: 'Ama Mensah' }).click();
    await st.submit(st.page.getByRole('button', { name: 'Save attendance' }));
    expect(sql(`SELECT COUNT(*) FROM net_invite WHERE attended = 1`) === '1', 'not saved');
  });
  await check('meetings: change, an error at the field, then the check page', async () => {
    await st.submit(st.page.locator('main a', { hasText: 'Change this meeting' }));
    await st.page.fill('#start', '19:00');
    await st.page.fill('#end', '18:00');
    await st.submit(st.page.getByRole('button', { name: 'Continue' }));
    expect(await st.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
  });
  await st.audit2('meeting change error');
  await check('meetings: the change check page, then saved', async () => {
    await st.page.fill('#start', '18:30');
    await st.page.fill('#end', '20:30');
    await st.page.fill('#venue', 'Reading Library');
    await st.submit(st.page.getByRole('button', { name: 'Continue' }));
    expect(/Check the change/.test(await st.text('h1')), 'no check page');
  });
  await st.audit2('meeting change check');
  await check('meetings: the change is saved', async () => {
    await st.submit(st.page.getByRole('button', { name: 'Save the change' }));
    expect(/Reading Library/.test(await st.text('main')), 'not saved');
  });
  await check('meetings: the change form', async () => {
    expect(await st.go(`/network/meetings/regional-south/${d1}/change`) === 200, `status ${st.status}`);
  });
  await st.audit2('meeting change');
  await check('meetings: cancel asks for a reason, then are you sure', async () => {
    expect(await st.go(`/network/meetings/regional-south/${d2}/cancel`) === 200, `status ${st.status}`);
  });
  await st.audit2('meeting cancel');
  await check('meetings: cancel checks first', async () => {
    await st.page.fill('#reason', 'The venue is closed for repairs');
    await st.submit(st.page.getByRole('button', { name: 'Continue' }));
    expect(/Are you sure/.test(await st.text('h1')), 'no check page');
  });
  await st.audit2('meeting cancel check');
  await check('meetings: cancelled', async () => {
    await st.submit(st.page.getByRole('button', { name: 'Cancel the meeting' }));
    expect(/Cancelled/.test(await st.text('main')), 'not cancelled');
  });
  await st.audit2('meeting cancelled');

  // adding a series on the web
  await check('add a series: from the meetings page, the form', async () => {
    expect(await st.go('/network/meetings') === 200, `status ${st.status}`);
    await st.submit(st.page.locator('main a', { hasText: 'Add a series' }));
    expect(/Add a meeting series/.test(await st.text('h1')), 'no form');
  });
  await st.audit2('meeting series add');
  await check('add a series: errors at the fields', async () => {
    await st.page.fill('#slug', 'Managers Group');
    await st.submit(st.page.getByRole('button', { name: 'Continue' }));
    expect(await st.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
    expect(await st.page.locator('#slug-error').count() === 1, 'no error at the short name');
  });
  await st.audit2('meeting series add errors');
  await check('add a series: check your answers shows the first dates', async () => {
    await st.page.fill('#name', "Managers' group");
    await st.page.fill('#slug', 'managers-group');
    await st.page.locator('main label', { hasText: "Managers' group" }).click();
    await st.page.locator('main label', { hasText: 'Every quarter' }).click();
    await st.page.selectOption('#nth', 'last');
    await st.page.selectOption('#wday', 'Thursday');
    await st.page.fill('#venues', 'Birmingham Council House\nLeeds Civic Hall');
    await st.page.fill('#first', '1');
    await st.page.fill('#first-month', '1');
    await st.page.fill('#first-year', '2028');
    await st.submit(st.page.getByRole('button', { name: 'Continue' }));
    expect(/Check your answers/.test(await st.text('h1')), 'no check page');
    const t = await st.text('main');
    expect(/Thursday 27 January 2028 at Birmingham Council House/.test(t), 'no first date');
    expect(/Thursday 27 April 2028 at Leeds Civic Hall/.test(t), 'no second date');
  });
  await st.audit2('meeting series add check');
  await check('add a series: added, the series page with a banner', async () => {
    await st.submit(st.page.getByRole('button', { name: 'Add series' }));
    expect(/Series added/.test(await st.text('body')), 'no banner');
    expect(sql(`SELECT rrule FROM net_series WHERE slug = 'managers-group'`) === 'FREQ=MONTHLY;INTERVAL=3;BYDAY=-1TH',
      'not stored');
  });
  await st.audit2('meeting series added');

  // papers and minutes
  const dir = mkdtempSync(join(tmpdir(), 'parity-meet-'));
  const agenda = join(dir, 'agenda.txt');
  writeFileSync(agenda, 'Agenda\n1. Welcome\n2. The rota\n');
  await check('papers: the upload page from the meeting', async () => {
    expect(await st.go(`/network/meetings/regional-south/${d1}`) === 200, `status ${st.status}`);
    await st.submit(st.page.locator('main a', { hasText: 'Add a paper' }));
    expect(/Add a paper/.test(await st.text('h1')), 'no upload page');
  });
  await st.audit2('meeting paper');
  await check('papers: without a file, an error at the field', async () => {
    await st.page.fill('#title', 'Agenda');
    await st.submit(st.page.getByRole('button', { name: 'Add the paper' }));
    expect(await st.page.locator('#file-error').count() === 1, 'no error at the file');
  });
  await st.audit2('meeting paper error');
  await check('papers: added and listed', async () => {
    await st.page.locator('input[type="file"][name="file"]').setInputFiles(agenda);
    await st.submit(st.page.getByRole('button', { name: 'Add the paper' }));
    expect(/Paper added/.test(await st.text('body')), 'no banner');
    expect(await st.page.locator('main a[href^="/network/meetings/doc/"]', { hasText: 'Agenda' }).count() === 1, 'not listed');
  });
  await st.audit2('meeting paper added');
  await check('minutes: the upload page asks whether to publish', async () => {
    await st.submit(st.page.locator('main a', { hasText: 'Add the minutes' }));
    expect(await st.page.locator('input[name="public"]').count() === 2, 'no yes/no');
  });
  await st.audit2('meeting minutes');
  await check('meetings: a missing document is a 404 page', async () => {
    expect(await st.go('/network/meetings/doc/999999') === 404, `status ${st.status}`);
  });
  await st.audit2('meeting document missing');
}
