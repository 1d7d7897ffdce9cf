// tests/browser/checks/15-plan-view.mjs: the action plan page of issue 15
// in a real browser — the list grouped by section and area, its search
// over area titles, the downloads, a calendar feed key (made with the
// button, then read without any cookie), an evidence file attached to an
// update and the error for an empty one, and, on a second server with a
// plan of 113 actions, the pagination component (Next keeps the filters).
// Every page visited is audited at 320 and 1280 CSS px.
import fs from 'node:fs';
import path from 'node:path';
import { check, expect, ok, fail, Parity, Visitor } from '../lib.mjs';

// A plan of 3 sections and 23 areas, 113 actions (areas 4 and 12 have 4).
function bigPlan() {
  const lines = ['# A plan of 113 actions', ''];
  let n = 0;
  const sections = { 1: '1. Governance', 9: '2. Workforce', 17: '3. Services' };
  for (let a = 1; a <= 23; a++) {
    if (sections[a])
      lines.push('', `## ${sections[a]}`, '', '| Objective | Duties | Action | Responsibility | Target date | Status |', '|---|---|---|---|---|---|');
    const count = a === 4 || a === 12 ? 4 : 5;
    for (let k = 0; k < count; k++) {
      n++;
      const first = k === 0 ? `Objective ${a} of the plan | 1, 2` : ' | ';
      lines.push(`| ${first} | ${String.fromCharCode(97 + k)}) Task ${n} of area ${a} | ${a > 12 ? 'CD' : 'AB'} | By 28/${(a % 9) + 1}/27 | Not started |`);
    }
  }
  lines.push('', "## Who's who", '', 'Staff initials used in this plan', '', 'AB – Ada Byron, Head of Things', 'CD – Cy Dee, Officer', '');
  return lines.join('\n');
}

export default async function planView(ctx) {
  const { px, vi, le, PW, signIn, leadAction } = ctx;
  const base = vi.base;

  // ---------- the list: grouped, counted, downloads ----------
  await check('plan list: a heading per section and a table per area, in the plan\'s order', async () => {
    expect(await vi.go('/plan') === 200, `status ${vi.status}`);
    const heads = await vi.page.locator('main h3.parity-plan-section').allInnerTexts();
    const plan = px.json('plan', 'list');
    const sections = [...new Set(plan.map((a) => a.section).filter(Boolean))];
    expect(heads.length === sections.length, `headings ${JSON.stringify(heads)}, sections ${JSON.stringify(sections)}`);
    heads.forEach((h, i) => expect(h.endsWith(sections[i]), `heading ${i}: ${h}, wanted ${sections[i]}`));
    const areas = [...new Set(plan.map((a) => a.area))];
    const titles = await vi.page.locator('main h4.parity-plan-area').allInnerTexts();
    expect(titles.length === areas.length && titles.every((t, i) => t === areas[i]), `${JSON.stringify(titles)}, areas ${JSON.stringify(areas)}`);
    const tables = await vi.page.locator('main table.parity-plan-table').count();
    expect(tables === areas.length, `${tables} tables, ${areas.length} areas`);
    expect(/Showing 1 to \d+ of \d+ actions/.test(await vi.text('#showing')), 'no "Showing" line');
  });
  await check('plan list: "Download this plan" offers HTML, CSV, Word and calendar', async () => {
    const links = await vi.page.locator('#download ~ ul a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const f of ['html', 'csv', 'docx', 'ics'])
      expect(links.some((h) => h.startsWith(`/plan/report.${f}`)), `no .${f} link in ${JSON.stringify(links)}`);
  });
  await vi.audit2('plan grouped');
  let areaWord = '';
  await check('plan search finds the actions of an area by words of its title', async () => {
    const plan = px.json('plan', 'list');
    const area = plan[plan.length - 1].area;
    areaWord = area.split(/\s+/).sort((a, b) => b.length - a.length)[0];
    const want = Number(px.run('plan', 'list', '--search', areaWord).trim().split('\n').pop().split(' ')[0]);
    await vi.page.fill('#q', areaWord);
    await vi.submit(vi.page.getByRole('button', { name: 'Apply filters' }));
    const shown = await vi.page.locator('main a[href^="/plan/action/"]').count();
    expect(shown >= 1 && shown >= plan.filter((a) => a.area === area).length, `${shown} shown for "${areaWord}", wanted at least the area's`);
    expect(new RegExp(`\\b${want} actions?\\b`).test(await vi.text('#count')), `count "${await vi.text('#count')}", wanted ${want}`);
    const csv = vi.page.locator('#download ~ ul a[href^="/plan/report.csv"]');
    expect((await csv.getAttribute('href')).includes(`q=${encodeURIComponent(areaWord)}`), 'the download lacks the search');
  });
  await vi.audit2('plan searched');
  await check('the CSV download holds the actions shown', async () => {
    const href = await vi.page.locator('#download ~ ul a[href^="/plan/report.csv"]').getAttribute('href');
    const r = await vi.ctx.request.get(base + href);
    expect(r.status() === 200 && /attachment/.test(r.headers()['content-disposition'] || ''), `status ${r.status()}`);
    const rows = (await r.text()).trim().split(/\r?\n/).length - 1;
    const shown = await vi.page.locator('main a[href^="/plan/action/"]').count();
    expect(rows === shown, `${rows} rows, ${shown} shown`);
  });

  // ---------- calendar feed key ----------
  let feedUrl = '';
  await check('viewer makes a calendar feed key on the plan page', async () => {
    await vi.go('/plan');
    expect(/You have no calendar address yet/.test(await vi.text()), 'the page does not say there is no key');
    await vi.submit(vi.page.getByRole('button', { name: 'Create a calendar address' }));
    expect(vi.path() === '/account/feed-key' && vi.status === 200, `at ${vi.path()}, status ${vi.status}`);
    feedUrl = await vi.page.inputValue('#feed-url');
    expect(/^http:\/\/127\.0\.0\.1:\d+\/plan\/calendar\.ics\?key=[0-9a-f]{64}$/.test(feedUrl), `address ${feedUrl}`);
  });
  await vi.audit2('new calendar address');
  await check('the feed address answers a calendar program without any cookie', async () => {
    const r = await fetch(feedUrl, { redirect: 'manual' });
    expect(r.status === 200, `status ${r.status}`);
    expect(/text\/calendar/.test(r.headers.get('content-type') || ''), `type ${r.headers.get('content-type')}`);
    expect(!r.headers.get('set-cookie'), 'a cookie was set');
    expect((await r.text()).startsWith('BEGIN:VCALENDAR'), 'not a calendar');
  });
  await check('the account page says when the key was made, and a new key revokes the old', async () => {
    expect(await vi.go('/account/password') === 200, `status ${vi.status}`);
    expect(/You made your calendar address on \d+ [A-Z][a-z]+ \d{4}, \d+:\d\d[ap]m/.test(await vi.text()), 'no date and time in words');
    await vi.audit2('account with calendar feed');
    await vi.submit(vi.page.getByRole('button', { name: 'Make a new key' }));
    const fresh = await vi.page.inputValue('#feed-url');
    expect(fresh !== feedUrl, 'the same address');
    const old = await fetch(feedUrl, { redirect: 'manual' });
    expect(old.status === 404, `the old address answers ${old.status}`);
    const now = await fetch(fresh, { redirect: 'manual' });
    expect(now.status === 200, `the new address answers ${now.status}`);
  });

  // ---------- evidence files ----------
  const dir = px.dir;
  const pdf = path.join(dir, 'evidence-minutes.pdf');
  fs.writeFileSync(pdf, '%PDF-1.4\n% minutes of the network meeting\n%%EOF\n');
  const empty = path.join(dir, 'empty.txt');
  fs.writeFileSync(empty, '');
  const code = leadAction.id;
  await check(`lead attaches an evidence file to an update of ${code}`, async () => {
    expect(await le.go(`/plan/action/${code}`) === 200, `status ${le.status}`);
    const form = le.page.locator('main form').filter({ has: le.page.locator('[name="note"]') }).first();
    await form.locator('[name="note"]').fill('Minutes of the meeting attached');
    await form.locator('input[type="file"][name="file"]').setInputFiles(pdf);
    const st = await le.submit(form.getByRole('button', { name: 'Save update' }));
    expect(st === 200 && le.path() === `/plan/action/${code}`, `at ${le.path()}, status ${st}`);
    const link = le.page.locator('main a[href^="/plan/evidence/"]', { hasText: 'evidence-minutes.pdf' });
    expect(await link.count() === 1, 'no link to the file in the history');
    const r = await le.ctx.request.get(base + await link.getAttribute('href'));
    expect(r.status() === 200, `download status ${r.status()}`);
    expect(/^attachment; filename="evidence-minutes\.pdf"/.test(r.headers()['content-disposition'] || ''), `disposition ${r.headers()['content-disposition']}`);
    expect(r.headers()['x-content-type-options'] === 'nosniff', 'no nosniff');
    expect((await r.body()).equals(fs.readFileSync(pdf)), 'the bytes differ');
  });
  await le.audit2('action with evidence file');
  await check('an empty evidence file is refused at the field', async () => {
    const form = le.page.locator('main form').filter({ has: le.page.locator('[name="note"]') }).first();
    await form.locator('input[type="file"][name="file"]').setInputFiles(empty);
    const st = await le.submit(form.getByRole('button', { name: 'Save update' }));
    expect(st === 400, `status ${st}`);
    const sum = le.page.locator('.govuk-error-summary a[href="#file"]');
    expect(await sum.count() === 1 && /empty/.test(await sum.innerText()), 'no error linked to the file field');
    expect(await le.page.locator('#file-error').count() === 1, 'no message at the field');
  });
  await le.audit2('evidence file error');
  await check('a file that is not there answers the not-found page', async () => {
    expect(await vi.go('/plan/evidence/999999') === 404, `status ${vi.status}`);
    expect(/no such evidence file/.test(await vi.text()), 'no message');
  });
  await vi.audit2('evidence file not found');

  // ---------- pagination, on a plan of 113 actions ----------
  const big = new Parity(px.bin);
  let pv = null;
  try {
    const md = path.join(big.dir, 'big.md');
    fs.writeFileSync(md, bigPlan());
    big.run('plan', 'import', md);
    big.addUser('pv', 'viewer', PW);
    const base2 = await big.serve();
    pv = await Visitor.open(vi.ctx.browser(), base2, 'pager');
    ok(`second server with a plan of 113 actions on ${base2}`);
  } catch (e) {
    fail('second server with a plan of 113 actions', e.stderr ? String(e.stderr).trim() : e.message);
  }
  if (pv) {
    await signIn(pv, 'pv');
    await check('a plan of 113 actions shows 50 a page with the pagination component', async () => {
      expect(await pv.go('/plan') === 200, `status ${pv.status}`);
      expect(/Showing 1 to 50 of 113 actions/.test(await pv.text('#showing')), `"${await pv.text('#showing')}"`);
      expect(await pv.page.locator('main a[href^="/plan/action/"]').count() === 50, 'not 50 actions');
      expect(await pv.page.locator('nav.govuk-pagination [aria-current="page"]').innerText() === '1', 'page 1 is not current');
    });
    await pv.audit2('plan page 1 of 3');
    await check('Next keeps the filters and the search', async () => {
      await pv.go('/plan?lead=AB&q=task');
      expect(/Showing 1 to 50 of 58 actions/.test(await pv.text('#showing')), `"${await pv.text('#showing')}"`);
      await pv.submit(pv.page.locator('nav.govuk-pagination a[rel="next"]'));
      const u = new URL(pv.page.url());
      expect(u.searchParams.get('lead') === 'AB' && u.searchParams.get('q') === 'task' && u.searchParams.get('page') === '2', `URL ${pv.page.url()}`);
      expect(/Showing 51 to 58 of 58 actions/.test(await pv.text('#showing')), `"${await pv.text('#showing')}"`);
      expect(/\(continued\)/.test(await pv.text('main h3')), 'the section cut by the page does not say (continued)');
    });
    await pv.audit2('plan page 2 filtered');
    await pv.close().catch(() => {});
  }
  const rc = await big.stop();
  const log = big.log && fs.existsSync(big.log) ? fs.readFileSync(big.log, 'utf8') : '';
  if (rc === 0 && !/runtime error|AddressSanitizer|LeakSanitizer/.test(log)) {
    ok('second server stops cleanly with no sanitizer report');
    big.cleanup();
  } else {
    fail('second server stops cleanly with no sanitizer report', `exit ${rc}`, log.split('\n').slice(-20));
  }
}
