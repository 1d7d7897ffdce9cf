// tests/browser/run.mjs: browser tests of `parity serve` in Debian's
// headless Chromium (driven by playwright-core; no browser is downloaded).
// A fixture database is built with the parity CLI — the demo plan, two
// quarters of demo monitoring data with flags, one account per role — and
// the real server is started on a free loopback port. Then, as people
// would: sign in (and fail to), see the navigation each role allows, filter
// the plan, update an action as its lead, upload a CSV with a bad row,
// read the Diversity Report, explain a flag, sign out. Every page visited
// gets axe-core (WCAG 2.0/2.1 A and AA; zero violations), a check for
// script errors, CSP violations, missing assets and escaped markup, and a
// full-page screenshot in tests/browser/out/.
//
// Usage: node tests/browser/run.mjs PATH/TO/parity
// Prints "ok NAME" or "FAIL NAME: why" per check, and last
// "browser: N passed, N failed, N skipped"; exits 1 when anything failed.
// Without a Chromium (PARITY_CHROMIUM, default /usr/bin/chromium) nothing
// can run: the suite says so and counts as one skipped test.
import fs from 'node:fs';
import path from 'node:path';

function giveUp(why) {
  console.log(`FAIL setup: ${why}`);
  console.log('browser: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
let lib;
try {
  lib = await import('./lib.mjs');
} catch (e) {
  giveUp(`${e.message.split('\n')[0]} (are node_modules installed? npm ci --ignore-scripts)`);
}
const { Parity, Visitor, launch, clearOut, check, expect, ok, fail, tally, ROOT, CHROMIUM, audited, runWord } = lib;

const PW = 'browser-test-password';
const started = Date.now();
const bin = process.argv[2] || path.join(ROOT, 'parity');
if (!fs.existsSync(CHROMIUM)) {
  console.log(`skip browser tests: no Chromium at ${CHROMIUM} (make deps installs Debian's chromium; PARITY_CHROMIUM names another)`);
  console.log('browser: 0 passed, 0 failed, 1 skipped');
  process.exit(0);
}
if (!fs.existsSync(bin)) giveUp(`no parity binary at ${bin} (usage: node tests/browser/run.mjs PATH/TO/parity)`);
// A watchdog, so that a hung server or browser cannot hold up make check.
const LIMIT = Number(process.env.PARITY_BROWSER_TIMEOUT || 900);
const watchdog = setTimeout(() => {
  fail(`browser tests finish within ${LIMIT} s`, 'they did not; stopping');
  if (px.proc) px.proc.kill('SIGKILL');
  console.log(`browser: ${tally.pass} passed, ${tally.fail} failed, 0 skipped`);
  process.exit(1);
}, LIMIT * 1000);

const px = new Parity(bin);
let browser;
const visitors = [];

async function main() {
  // ---------- fixture ----------
  let leadInitials, leadAction, lead2;
  const q3 = path.join(px.dir, 'q3.csv'), q2 = path.join(px.dir, 'q2.csv');
  try {
    px.run('plan', 'import', path.join(ROOT, 'data/demo/action-plan.md'));
    // The demo's duty names (as `make run` loads them), so that duty
    // coverage and the duty checkboxes read as they do for a user.
    for (const line of fs.readFileSync(path.join(ROOT, 'data/demo/duties.txt'), 'utf8').split('\n')) {
      const m = line.match(/^(\d+)\t(.+)$/);
      if (m) px.run('plan', 'duties', 'set', m[1], m[2]);
    }
    px.run('demo', 'generate', '--dataset', 'service-users', '--rows', '5000', '--seed', '11', '-o', q3);
    px.run('demo', 'generate', '--dataset', 'service-users', '--rows', '5000', '--seed', '12',
      '--period', '2011Q2', '-o', q2);
    px.run('data', 'import', q2, '--dataset', 'service-users', '--period', '2011Q2');
    px.run('data', 'import', q3, '--dataset', 'service-users', '--period', '2011Q3');
    // The lead: the person leading the most live actions, and one of their
    // actions that is not finished.
    const people = px.json('people').filter((p) => p.active && p.live_actions > 0)
      .sort((a, b) => b.live_actions - a.live_actions);
    const actions = px.json('plan', 'list');
    for (const p of people) {
      const a = actions.find((x) => x.leads.includes(p.initials) && ['not-started', 'in-progress'].includes(x.status));
      if (a) { leadInitials = p.initials; leadAction = a; break; }
    }
    expect(leadAction, 'the demo plan has no unfinished action led by one person');
    lead2 = people.find((p) => p.initials !== leadInitials);
    px.addUser('ad', 'admin', PW);
    px.addUser('mo', 'monitor', PW);
    px.addUser('le', 'lead', PW, leadInitials);
    px.addUser('vi', 'viewer', PW);
    expect(px.json('flags', 'list').some((f) => f.state === 'open'), 'the demo data raised no flag');
    ok(`fixture: demo plan, 2 quarters of monitoring data with flags, 4 accounts (lead ${leadInitials})`);
  } catch (e) {
    fail('fixture', e.stderr ? String(e.stderr).trim() : e.message);
    return;
  }
  let base;
  try {
    base = await px.serve();
    ok(`server started on ${base}`);
  } catch (e) {
    fail('server starts', e.message);
    return;
  }
  try {
    browser = await launch();
    ok(`Chromium ${browser.version()} started headless`);
  } catch (e) {
    fail('Chromium starts', e.message.split('\n')[0]);
    return;
  }
  clearOut();
  const open = async (who) => { const v = await Visitor.open(browser, base, who); visitors.push(v); return v; };

  // ---------- public pages, signed out ----------
  const anon = await open('anon');
  await check('public page without signing in', async () => {
    expect(await anon.go('/public') === 200, `status ${anon.status}`);
    expect(/Equality information/.test(await anon.text('h1')), 'no h1 "Equality information"');
  });
  await anon.audit2('public');
  await check('public page links to the mailing-list page', async () => {
    await anon.submit(anon.page.locator('main a[href="/public/network"]').first());
    expect(anon.path() === '/public/network', `at ${anon.path()}`);
  });
  await anon.audit2('mailing list');
  await check('signed-out navigation offers Sign in and no private pages', async () => {
    const links = await navLinks(anon);
    expect(links.includes('Sign in'), `no Sign in link in ${JSON.stringify(links)}`);
    expect(!links.includes('Dashboard') && !links.includes('Users') && !links.includes('Audit log'), `private links shown: ${JSON.stringify(links)}`);
  });

  // ---------- sign in ----------
  const vi = await open('viewer');
  await check('a private page sends a signed-out visitor to sign in', async () => {
    await vi.go('/dashboard');
    expect(vi.path() === '/login', `at ${vi.page.url()}`);
    expect(new URL(vi.page.url()).searchParams.get('next') === '/dashboard', `no next=/dashboard in ${vi.page.url()}`);
  });
  await vi.audit2('sign in');
  await check('wrong password shows the error summary', async () => {
    await vi.page.fill('#name', 'vi');
    await vi.page.fill('#password', 'not-the-password');
    const st = await vi.submit(vi.page.getByRole('button', { name: 'Sign in' }));
    expect(st === 401, `status ${st}, wanted 401`);
    const sum = vi.page.locator('.govuk-error-summary');
    expect(await sum.isVisible(), 'no visible .govuk-error-summary');
    expect(/Enter a correct user name and password/.test(await sum.innerText()), `summary says: ${await sum.innerText()}`);
    expect(/^Error:/.test(await vi.page.title()), `title "${await vi.page.title()}" does not start with "Error:"`);
  });
  await check('the error summary takes focus (GOV.UK Frontend script runs under the CSP)', async () => {
    await vi.page.waitForFunction(() => document.activeElement &&
      document.activeElement.closest('.govuk-error-summary'), null, { timeout: 3000 });
  });
  await vi.audit2('sign-in error');
  await check('the right password signs in and returns to the page asked for', async () => {
    await vi.page.fill('#name', 'vi');
    await vi.page.fill('#password', PW);
    await vi.submit(vi.page.getByRole('button', { name: 'Sign in' }));
    expect(vi.path() === '/dashboard', `at ${vi.path()}`);
    expect(/Signed in as\s+vi/.test(await vi.text('body')), 'no "Signed in as vi"');
  });
  await vi.audit2('dashboard');

  // ---------- navigation per role ----------
  const common = ['Dashboard', 'Action plan', 'Monitoring', 'People and terms'];
  await check('viewer: navigation has the reading pages and no Users link', async () => {
    const links = await navLinks(vi);
    for (const l of common) expect(links.includes(l), `no ${l} link in ${JSON.stringify(links)}`);
    expect(!links.includes('Users') && !links.includes('Audit log'), `viewer sees Users or Audit log: ${JSON.stringify(links)}`);
  });
  await check('viewer opening /admin/users gets the 403 page saying it needs permission to manage user accounts', async () => {
    const st = await vi.go('/admin/users');
    expect(st === 403, `status ${st}`);
    expect(/do not have access/i.test(await vi.text('body')), 'no "do not have access"');
    expect(/You do not have permission to manage user accounts/.test(await vi.text('main')), 'the page does not say it needs permission to manage user accounts');
  });
  await vi.audit2('403');

  const le = await signIn(await open('lead'), 'le');
  const mo = await signIn(await open('monitor'), 'mo');
  const ad = await signIn(await open('admin'), 'ad');
  for (const [v, role] of [[le, 'lead'], [mo, 'monitor']]) {
    await check(`${role}: navigation has the reading pages and no Users or Audit log link`, async () => {
      const links = await navLinks(v);
      for (const l of common) expect(links.includes(l), `no ${l} link in ${JSON.stringify(links)}`);
      expect(!links.includes('Users') && !links.includes('Audit log'), `${role} sees Users or Audit log`);
    });
  }
  await check('admin: navigation has every page, including Users and Audit log', async () => {
    const links = await navLinks(ad);
    for (const l of [...common, 'Users', 'Audit log']) expect(links.includes(l), `no ${l} link in ${JSON.stringify(links)}`);
  });
  await check('admin opens Users from the navigation', async () => {
    await ad.submit(navLink(ad, 'Users'));
    expect(ad.path() === '/admin/users' && ad.status === 200, `at ${ad.path()}, status ${ad.status}`);
    expect(/Accounts/.test(await ad.text()), 'no "Accounts"');
    expect(/Read the plan and monitoring reports\s+Update actions they lead/.test(await ad.text()), 'the capabilities are not listed in words');
  });
  await ad.audit2('users');
  await check('admin opens the viewer\'s access page from the users page', async () => {
    await ad.submit(ad.page.locator('main table a', { hasText: /^vi/ }).first());
    expect(/^\/admin\/users\/\d+$/.test(ad.path()) && ad.status === 200, `at ${ad.path()}, status ${ad.status}`);
    expect(await ad.page.locator('main input[type="checkbox"][name="cap"]').count() === 12, 'not 12 capability checkboxes (casework offered since issue 18, adjustments since 19)');
    expect(await ad.page.locator('#cap-read-plan').isChecked(), 'read-plan is not ticked for a viewer');
  });
  await ad.audit2('access page');
  await check('admin grants import-data to the viewer with a checkbox', async () => {
    await ad.page.locator('#cap-import-data').check();
    const st = await ad.submit(ad.page.getByRole('button', { name: 'Save access' }));
    expect(st === 200, `status ${st}`);
    expect(/Access for vi saved\. What they may do: Read the plan and monitoring reports and import monitoring data\./.test(await ad.text()), 'no "Access for vi saved"');
    expect(/Granted beyond the role/.test(await ad.text()), 'import-data is not marked as granted');
    expect(px.run('user', 'list').split('\n').some((l) => /^vi\s.*read-plan,import-data$/.test(l)), 'parity user list disagrees');
  });
  await ad.audit2('access saved');
  await check('…and takes it back', async () => {
    await ad.page.locator('#cap-import-data').uncheck();
    await ad.submit(ad.page.getByRole('button', { name: 'Save access' }));
    expect(px.run('user', 'list').split('\n').some((l) => /^vi\s.*\sread-plan$/.test(l)), 'vi is not back to read-plan');
  });
  await check('admin reads the audit log from the navigation; it records sign-ins and access changes', async () => {
    await ad.submit(navLink(ad, 'Audit log'));
    expect(ad.path() === '/admin/audit' && ad.status === 200, `at ${ad.path()}, status ${ad.status}`);
    expect(/Signed in/.test(await ad.text()), 'no "Signed in" entry');
    expect(/Changed an account's capabilities or lead initials: vi/.test(await ad.text()), 'no access change entry for vi');
    expect(/Granted beyond the role: Import monitoring data/.test(await ad.text()), 'the grant is not said in words');
  });
  await ad.audit2('audit log');
  await check('change-password page', async () => {
    await ad.submit(navLink(ad, 'Change password'));
    expect(ad.path() === '/account/password' && ad.status === 200, `at ${ad.path()}, status ${ad.status}`);
  });
  await ad.audit2('change password');

  // ---------- the action plan ----------
  let before = 0;
  await check('viewer opens the action plan from the navigation', async () => {
    await vi.go('/');
    await vi.submit(navLink(vi, 'Action plan'));
    expect(vi.path() === '/plan' && vi.status === 200, `at ${vi.path()}, status ${vi.status}`);
    before = await actionCount(vi);
    expect(before > 0, 'no links to actions on /plan');
  });
  await vi.audit2('plan');
  await check(`filtering the plan by lead (${leadInitials}) shows fewer actions`, async () => {
    const form = vi.page.locator('main form').filter({ has: vi.page.locator('[name="lead"]') }).first();
    expect(await form.count(), 'no form with a "lead" field on /plan');
    await setField(form.locator('[name="lead"]').first(), leadInitials);
    await vi.submit(form.locator('button[type="submit"], button:not([type]), input[type="submit"]').first());
    const after = await actionCount(vi);
    expect(new URL(vi.page.url()).searchParams.get('lead') === leadInitials, `URL ${vi.page.url()} lacks lead=${leadInitials}`);
    expect(after > 0 && after < before, `${after} actions after filtering, ${before} before`);
    expect(await vi.page.locator(`main a[href="/plan/action/${leadAction.id}"]`).count() > 0,
      `action ${leadAction.id} (led by ${leadInitials}) not listed`);
  });
  await vi.audit2('plan filtered');
  for (const [p, label, re] of [['/plan/duties', 'duties', /dut/i], ['/people', 'people', /glossary|people/i]]) {
    await check(`viewer opens ${p}`, async () => {
      expect(await vi.go(p) === 200, `status ${vi.status}`);
      expect(re.test(await vi.text('h1')), `h1 is "${await vi.text('h1')}"`);
    });
    await vi.audit2(label);
  }
  await check('the calendar feed is an iCalendar file', async () => {
    const r = await vi.ctx.request.get(`${base}/plan/calendar.ics`);
    expect(r.status() === 200, `status ${r.status()}`);
    expect(/text\/calendar/.test(r.headers()['content-type'] || ''), `content type ${r.headers()['content-type']}`);
    expect((await r.text()).startsWith('BEGIN:VCALENDAR'), 'body does not start with BEGIN:VCALENDAR');
  });

  const note = `Browser test: data request sent (run ${runWord()})`;
  const newStatus = leadAction.status === 'not-started' ? 'in-progress' : 'done';
  await check(`lead opens their action ${leadAction.id} from the plan`, async () => {
    await le.go(`/plan?lead=${encodeURIComponent(leadInitials)}`);
    await le.submit(le.page.locator(`main a[href="/plan/action/${leadAction.id}"]`).first());
    expect(le.path() === `/plan/action/${leadAction.id}` && le.status === 200, `at ${le.path()}, status ${le.status}`);
  });
  await le.audit2('action');
  await check(`lead updates action ${leadAction.id} (status ${newStatus} and a note)`, async () => {
    const form = le.page.locator('main form').filter({ has: le.page.locator('[name="note"]') }).first();
    expect(await form.count(), 'no update form with a "note" field');
    await setField(form.locator('[name="status"]'), newStatus);
    await form.locator('[name="note"]').fill(note);
    const st = await le.submit(form.locator('button[type="submit"], button:not([type]), input[type="submit"]').first());
    expect(st === 200, `status ${st} after the update`);
    expect(le.path() === `/plan/action/${leadAction.id}`, `at ${le.path()} after the update`);
  });
  await check(`the note is in action ${leadAction.id}'s history`, async () => {
    expect((await le.text()).includes(note), 'the note is not on the action page');
    const a = px.json('plan', 'list').find((x) => x.id === leadAction.id);
    expect(a && a.status === newStatus, `the plan says ${a && a.status}, wanted ${newStatus}`);
  });
  await le.audit2('action updated');
  if (lead2) {
    const other = px.json('plan', 'list').find((x) => !x.leads.includes(leadInitials) && x.leads.includes(lead2.initials));
    if (other) {
      await check(`lead cannot update another lead's action (${other.id})`, async () => {
        await le.go(`/plan/action/${other.id}`);
        expect(le.status === 200, `status ${le.status}`);
        expect(await le.page.locator('main form [name="note"]').count() === 0, 'the update form is offered');
      });
    }
  }

  // ---------- monitoring ----------
  const bad = path.join(px.dir, 'bad-rows.csv');
  const lines = fs.readFileSync(q3, 'utf8').split('\n').slice(0, 4);
  const cols = lines[0].split(',');
  const ethCol = cols.indexOf('ethnicity');
  const row = lines[3].split(',');
  row[ethCol] = 'Z9';
  lines[3] = row.join(',');
  fs.writeFileSync(bad, lines.join('\n') + '\n');
  const state = () => px.run('data', 'list', '--format', 'json') + px.run('flags', 'list', '--format', 'json');
  const stateBefore = state();
  await check('monitor opens Monitoring from the navigation and sees the upload form', async () => {
    await mo.submit(navLink(mo, 'Monitoring'));
    expect(mo.path() === '/monitoring' && mo.status === 200, `at ${mo.path()}, status ${mo.status}`);
    expect(await mo.page.locator('main form input[type="file"]').count() >= 1, 'no file input');
  });
  await mo.audit2('monitoring');
  // The error names the line and the column by its name and spreadsheet
  // letter (issue 15: it gave the character position where the value starts).
  const letter = String.fromCharCode(65 + ethCol);
  await check(`upload with a bad row (line 4, ethnicity (column ${letter}), Z9) is refused, naming line and column`, async () => {
    const form = mo.page.locator('main form').filter({ has: mo.page.locator('input[type="file"]') }).first();
    await setField(form.locator('[name="dataset"]'), 'service-users');
    await form.locator('[name="period"]').fill('2011Q3');
    await form.locator('input[type="file"]').setInputFiles(bad);
    const st = await mo.submit(form.getByRole('button', { name: 'Import' }));
    expect(st === 400, `status ${st}, wanted 400`);
    const sum = mo.page.locator('.govuk-error-summary');
    expect(await sum.isVisible(), 'no visible error summary');
    const cells = await mo.page.locator('main table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((td) => td.innerText.trim())));
    const hit = cells.find((c) => c[1] === '4' && c[2] === `ethnicity (column ${letter})` && c[3] === 'Z9');
    expect(hit, `no row for line 4, ethnicity (column ${letter}), Z9 in ${JSON.stringify(cells)}`);
    expect(/nothing (was )?imported/i.test(await mo.text()), 'the page does not say nothing was imported');
  });
  await check('…and nothing was imported (data list and flags unchanged)', () => {
    expect(state() === stateBefore, 'data list or flags changed');
  });
  await mo.audit2('upload error');

  // The plan's import page (issue 14): check a plan written as labelled
  // blocks, be refused a plan whose columns are not found, name them and
  // check again, then import a new version of the plan the web shows.
  const planBefore = px.run('plan', 'list', '--format', 'json');
  await check('monitor opens the plan import page from the plan page', async () => {
    await mo.go('/plan');
    await mo.submit(mo.page.locator('main a[href="/plan/import"]').first());
    expect(mo.path() === '/plan/import' && mo.status === 200, `at ${mo.path()}, status ${mo.status}`);
  });
  await mo.audit2('plan import');
  await check('checking a Word plan written as labelled blocks shows how it was read', async () => {
    const form = mo.page.locator('main form').filter({ has: mo.page.locator('input[type="file"]') }).first();
    await form.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'tests/fixtures/plan/layout-blocks.docx'));
    const st = await mo.submit(form.getByRole('button', { name: 'Check' }));
    expect(st === 200, `status ${st}`);
    expect(/Actions written as labelled blocks: 3 actions/.test(await mo.text()), 'no mapping of the blocks');
  });
  await mo.audit2('plan import, checked');
  await check('a plan whose columns are not found is refused at the file field', async () => {
    const form = mo.page.locator('main form').filter({ has: mo.page.locator('input[type="file"]') }).first();
    await form.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'tests/fixtures/plan/layout-own-words.md'));
    const st = await mo.submit(form.getByRole('button', { name: 'Check' }));
    expect(st === 400, `status ${st}, wanted 400`);
    expect(await mo.page.locator('.govuk-error-summary a[href="#file"]').count() === 1, 'the summary does not link the file field');
  });
  await mo.audit2('plan import, columns not found');
  await check('…naming the columns, the check shows them read as named', async () => {
    const form = mo.page.locator('main form').filter({ has: mo.page.locator('input[type="file"]') }).first();
    await form.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'tests/fixtures/plan/layout-own-words.md'));
    if (!(await form.locator('[name="col-actions"]').isVisible()))
      await mo.page.locator('summary:has-text("Name the columns yourself")').click();
    await form.locator('[name="col-actions"]').fill('What happens');
    await form.locator('[name="col-lead"]').fill('Person in charge');
    await form.locator('[name="col-timescale"]').fill('Finish by');
    const st = await mo.submit(form.getByRole('button', { name: 'Check' }));
    expect(st === 200, `status ${st}`);
    expect(/layout-own-words\.md can be imported/.test(await mo.text()), 'not checked');
    expect(px.run('plan', 'list', '--format', 'json') === planBefore, 'a check changed the plan');
  });
  await mo.audit2('plan import, columns named');
  await check('importing a new version of the plan (the demo plan again) lands on the plan page', async () => {
    const form = mo.page.locator('main form').filter({ has: mo.page.locator('input[type="file"]') }).first();
    await form.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'data/demo/action-plan.docx'));
    for (const f of ['col-actions', 'col-lead', 'col-timescale']) // the columns named for the other file
      await form.locator(`[name="${f}"]`).fill('');
    const st = await mo.submit(form.getByRole('button', { name: 'Import' }));
    expect(st === 200 && mo.path() === '/plan', `at ${mo.path()}, status ${st}`);
    expect(/Imported action-plan\.docx: 19 actions \(0 added, 0 removed, 0 reworded\)/.test(await mo.text()),
      'no message saying what was imported');
  });
  await mo.go('/monitoring');
  await check('monitor opens the Diversity Report for 2011Q3 from the data list', async () => {
    const link = mo.page.locator('main a[href*="/monitoring/report?"][href*="period=2011Q3"]').first();
    await mo.submit(link);
    expect(mo.path() === '/monitoring/report' && mo.status === 200, `at ${mo.path()}, status ${mo.status}`);
    const t = await mo.text();
    expect(/Comparisons by group/.test(t), 'no "Comparisons by group" section');
    expect(await mo.page.locator('main h1').count() === 1, 'not exactly one h1');
  });
  await mo.audit2('diversity report');
  await check('monitor compares every ethnic group with Black service users, per 1,000', async () => {
    await mo.page.locator('summary:has-text("Change who each group is compared with")').click();
    await mo.page.selectOption('#ref_ethnicity', 'Black');
    await mo.page.selectOption('#per', '1000');
    await mo.submit(mo.page.locator('button:has-text("Show the report")'));
    expect(mo.path() === '/monitoring/report' && mo.status === 200, `at ${mo.path()}, status ${mo.status}`);
    expect(/ref_ethnicity=Black/.test(mo.page.url()), `the choice is not in the address: ${mo.page.url()}`);
    const t = await mo.text();
    expect(/Reference group for Ethnicity/i.test(t), 'the method notes do not name the reference');
    expect(/per 1,000/.test(t), 'rates are not per 1,000');
    expect(await mo.page.locator('#ref_ethnicity option[selected]').getAttribute('value') === 'Black',
      'the chosen group is not selected');
  });
  await mo.audit2('diversity report, compared with Black service users');

  const flag = px.json('flags', 'list').find((f) => f.state === 'open' && f.period === '2011Q3') || { id: 'none' };
  const why = `Browser test: a new court area opened this quarter (run ${runWord()})`;
  await check('monitor opens the flags list and an open flag', async () => {
    expect(flag.id !== 'none', 'the fixture has no open flag for 2011Q3');
    expect(await mo.go('/monitoring/flags') === 200, `status ${mo.status}`);
    await mo.audit2('flags');
    await mo.submit(mo.page.locator(`main a[href="/monitoring/flag/${flag.id}"]`).first());
    expect(mo.path() === `/monitoring/flag/${flag.id}` && mo.status === 200, `at ${mo.path()}, status ${mo.status}`);
  });
  await mo.audit2('flag');
  await check(`monitor explains flag #${flag.id}`, async () => {
    // issue 15: "What do you want to do?" first, then the explain page
    await mo.page.locator('main input[name="do"][value="explain"]').check();
    await mo.submit(mo.page.locator('main form button[type="submit"]').first());
    expect(mo.path() === `/monitoring/flag/${flag.id}/explain`, `at ${mo.path()}`);
    const form = mo.page.locator('main form').filter({ has: mo.page.locator('[name="note"]') }).first();
    expect(await form.count(), 'no explain form');
    await form.locator('[name="note"]').fill(why);
    const st = await mo.submit(form.locator('button[type="submit"]').first());
    expect(st === 200, `status ${st}`);
    expect(mo.path() === `/monitoring/flag/${flag.id}`, `at ${mo.path()}`);
  });
  await check(`the explanation is on flag #${flag.id}'s page and the flag is explained`, async () => {
    expect((await mo.text()).includes(why), 'the explanation is not shown');
    const f = px.json('flags', 'list').find((x) => x.id === flag.id);
    expect(f && f.state === 'explained', `state ${f && f.state}`);
  });
  await mo.audit2('flag explained');

  await check('viewer sees the flag but no forms to change it', async () => {
    expect(await vi.go(`/monitoring/flag/${flag.id}`) === 200, `status ${vi.status}`);
    expect(await vi.page.locator('main form[method="post"]').count() === 0, 'a viewer is offered a form');
    expect(await vi.page.locator('main input[type="file"]').count() === 0, 'a viewer is offered an upload');
  });
  for (const [v, role] of [[le, 'lead'], [mo, 'monitor'], [ad, 'admin']]) {
    await check(`${role} dashboard`, async () => {
      expect(await v.go('/') === 200 && v.path() === '/', `at ${v.path()}, status ${v.status}`);
      expect(/Dashboard/.test(await v.text('h1')), 'no Dashboard h1');
    });
    await v.audit2('dashboard');
  }

  // ---------- the checks of each part of the site ----------
  // Each file in tests/browser/checks/ (in name order) exports a default
  // async function given what the flow above built: the server, the
  // signed-in visitors of each role, the lead's initials and action.
  const checksDir = path.join(ROOT, 'tests/browser/checks');
  const files = fs.existsSync(checksDir) ? fs.readdirSync(checksDir).filter((f) => f.endsWith('.mjs')).sort() : [];
  const ctx = { px, base, open, signIn, setField, navLinks, PW, vi, le, mo, ad, leadInitials, leadAction, lead2 };
  for (const f of files) {
    let mod;
    try {
      mod = await import(path.join(checksDir, f));
    } catch (e) {
      fail(`browser checks ${f} load`, e.message);
      continue;
    }
    try {
      await mod.default(ctx);
    } catch (e) {
      fail(`browser checks ${f} ran to the end`, e.stack || e.message);
    }
  }

  // ---------- every registered page was audited ----------
  // The routes come from the rooms' tables (parity serve --list-routes);
  // every page a browser shows (not downloads, feeds or form targets)
  // must have had axe and the reflow check at 320 and at 1280 px.
  await check('every page of every room was checked with axe at 320 and 1280 px', () => {
    const routes = px.run('serve', '--list-routes').trim().split('\n').map((l) => l.split(' '))
      .filter(([m, p]) => m === 'GET' && !/\.(ics|csv|json|xlsx|html|docx)$/.test(p) &&
        !['/healthz', '/', '/logout'].includes(p) && !p.startsWith('/assets/'));
    const missing = [];
    for (const [, p] of routes) {
      const re = new RegExp('^' + p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.+') + '$');
      const widths = new Set();
      for (const [path, ws] of audited) if (re.test(path)) for (const w of ws) widths.add(w);
      if (!widths.has(320) || !widths.has(1280))
        missing.push(`${p} (${widths.size ? 'only at ' + [...widths].join(', ') + ' px' : 'never audited'})`);
    }
    expect(!missing.length, `${missing.length} of ${routes.length} pages not checked at both widths: ${missing.join('; ')}`);
  });

  // ---------- sign out ----------
  await check('sign out returns to the sign-in page', async () => {
    await vi.submit(vi.page.getByRole('button', { name: 'Sign out' }));
    expect(vi.path() === '/login', `at ${vi.path()}`);
    expect(!/Signed in as/.test(await vi.text('body')), 'still says "Signed in as"');
  });
  await check('after signing out the dashboard asks to sign in again', async () => {
    await vi.go('/dashboard');
    expect(vi.path() === '/login', `at ${vi.path()}`);
  });
}

// ---------- helpers ----------

// The labels of the site navigation's links.
async function navLinks(v) {
  return v.page.locator('header nav a, nav[aria-label="Menu"] a, .govuk-service-navigation a')
    .evaluateAll((as) => [...new Set(as.map((a) => a.textContent.trim()))]);
}
function navLink(v, label) {
  return v.page.locator('header nav a, nav[aria-label="Menu"] a, .govuk-service-navigation a')
    .filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).first();
}
// The number of distinct actions linked from the page's main content.
async function actionCount(v) {
  return v.page.locator('main a[href^="/plan/action/"]').evaluateAll((as) =>
    new Set(as.map((a) => a.getAttribute('href'))).size);
}
// Set a select (by value, else by label), a radio group or a text input.
async function setField(loc, value) {
  const first = loc.first();
  expect(await loc.count(), `no field for ${value}`);
  const tag = await first.evaluate((el) => el.tagName.toLowerCase() + (el.type ? `:${el.type}` : ''));
  if (tag.startsWith('select')) {
    const opts = await first.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()]));
    const want = opts.find(([v]) => v === value) ||
      opts.find(([, t]) => t.toLowerCase().replace(/\s+/g, '-') === value.toLowerCase()) ||
      opts.find(([v, t]) => t.startsWith(value) || v.startsWith(value));
    expect(want, `no option ${value} in ${JSON.stringify(opts)}`);
    await first.selectOption(want[0]);
  } else if (tag === 'input:radio') {
    const r = loc.and(loc.page().locator(`[value="${value}"]`));
    expect(await r.count(), `no radio ${value}`);
    await r.first().check();
  } else {
    await first.fill(value);
  }
}
async function signIn(v, name) {
  await check(`${v.who} signs in`, async () => {
    await v.go('/login');
    await v.page.fill('#name', name);
    await v.page.fill('#password', PW);
    await v.submit(v.page.getByRole('button', { name: 'Sign in' }));
    expect(v.path() === '/' && v.status === 200, `at ${v.path()}, status ${v.status}`);
  });
  return v;
}

// ---------- run ----------
let code = 0;
try {
  await main();
} catch (e) {
  fail('browser tests ran to the end', e.stack || e.message);
}
for (const v of visitors) await v.close().catch(() => {});
if (browser) await browser.close().catch(() => {});
if (px.proc) {
  const rc = await px.stop();
  const log = fs.existsSync(px.log) ? fs.readFileSync(px.log, 'utf8') : '';
  if (rc === 0) ok('server stops cleanly on SIGTERM');
  else fail('server stops cleanly on SIGTERM', `exit ${rc}`, log.split('\n').slice(-20));
  if (/runtime error|AddressSanitizer|LeakSanitizer/.test(log))
    fail('server log has no sanitizer report', 'it has', log.split('\n').filter((l) => l.trim()).slice(0, 40));
  else ok('server log has no sanitizer report');
}
if (tally.fail === 0 && !process.env.PARITY_KEEP) px.cleanup();
else if (tally.fail) console.log(`  (fixture and server log kept in ${px.dir})`);
console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in tests/browser/out/)`);
console.log(`browser: ${tally.pass} passed, ${tally.fail} failed, 0 skipped`);
code = tally.fail ? 1 : 0;
clearTimeout(watchdog);
process.exit(code);
