// tests/browser/checks/10-plan-edit.mjs: keeping the plan on the web
// (issue 15) in a real browser — My actions for the lead (an update in
// place, and an error), a monitor changing an action, adding one through
// "Check your answers", naming a duty, and people: add, change, hand over.
// Every page visited is audited at 320 and 1280 CSS px (axe, script
// errors, escaped markup, reflow, screenshots).
import { check, expect, runWord } from '../lib.mjs';

const submitIn = (form) => form.locator('button[type="submit"]').first();

export default async function planEdit(ctx) {
  const { px, le, mo, vi, navLinks, leadInitials, lead2 } = ctx;
  const others = (a) => !a.leads.includes(leadInitials) && !(lead2 && a.leads.includes(lead2.initials));

  // ---------- My actions (the lead) ----------
  await check('lead: the navigation has My actions; the viewer\'s and monitor\'s do not', async () => {
    await le.go('/');
    expect((await navLinks(le)).includes('My actions'), `lead's links: ${JSON.stringify(await navLinks(le))}`);
    await vi.go('/');
    expect(!(await navLinks(vi)).includes('My actions'), 'the viewer has My actions');
    await mo.go('/');
    expect(!(await navLinks(mo)).includes('My actions'), 'the monitor (no lead initials) has My actions');
  });
  let mine = [];
  await check('lead opens My actions: their live actions, overdue first, each with a form', async () => {
    await le.go('/');
    await le.submit(le.page.locator('.govuk-service-navigation a', { hasText: /^\s*My actions\s*$/ }).first());
    expect(le.path() === '/plan/mine' && le.status === 200, `at ${le.path()}, status ${le.status}`);
    mine = await le.page.locator('main input[name="action"]').evaluateAll((is) => is.map((i) => i.value));
    const live = px.json('plan', 'list').filter((a) => a.leads.includes(leadInitials) &&
      ['not-started', 'in-progress'].includes(a.status)).map((a) => a.id);
    expect(mine.length > 0 && mine.length === live.length, `page ${JSON.stringify(mine)}, plan ${JSON.stringify(live)}`);
    const overdue = await le.page.locator('main section.parity-mine').evaluateAll((ss) =>
      ss.map((s) => /\(overdue\)/.test(s.textContent)));
    expect(overdue.indexOf(false) < 0 || overdue.lastIndexOf(true) < overdue.indexOf(false), `overdue not first: ${overdue}`);
  });
  await le.audit2('my actions');
  const code = mine[mine.length - 1];
  await check(`lead records progress on ${code} without leaving My actions`, async () => {
    const form = le.page.locator('main form').filter({ has: le.page.locator(`input[name="action"][value="${code}"]`) });
    const cur = px.json('plan', 'list').find((a) => a.id === code).status;
    const next = cur === 'not-started' ? 'in-progress' : 'not-started';
    await form.locator(`input[type="radio"][value="${next}"]`).check();
    await form.locator('textarea[name="note"]').fill('Browser test: in place');
    const st = await le.submit(submitIn(form));
    expect(st === 200 && le.path() === '/plan/mine', `at ${le.path()}, status ${st}`);
    expect(new RegExp(`Action ${code} updated`).test(await le.text()), 'no success banner');
    expect(px.json('plan', 'list').find((a) => a.id === code).status === next, 'the plan disagrees');
  });
  await le.audit2('my actions updated');
  await check('lead: saving with nothing new shows the error at that action\'s form', async () => {
    const form = le.page.locator('main form').filter({ has: le.page.locator(`input[name="action"][value="${code}"]`) });
    const st = await le.submit(submitIn(form));
    expect(st === 400, `status ${st}`);
    const sum = le.page.locator('.govuk-error-summary');
    expect(await sum.count(), 'no error summary');
    expect(new RegExp(`Action ${code}: Choose a new status or write a note`).test(await sum.innerText()), `summary: ${await sum.innerText()}`);
    await le.page.waitForFunction(() => document.activeElement && document.activeElement.closest('.govuk-error-summary'), null, { timeout: 3000 });
  });
  await le.audit2('my actions error');

  // ---------- changing an action (monitor) ----------
  const target = px.json('plan', 'list').find((a) => others(a) && a.status !== 'dropped');
  await check(`monitor opens the change page of ${target.id} from its action page`, async () => {
    await mo.go(`/plan/action/${target.id}`);
    await mo.submit(mo.page.locator('main a', { hasText: /Change the action/ }).first());
    expect(mo.path() === `/plan/action/${target.id}/edit` && mo.status === 200, `at ${mo.path()}, status ${mo.status}`);
  });
  await mo.audit2('change action');
  await check('the date input keeps GOV.UK widths: day and month 2 characters, year 4 (not the full column)', async () => {
    const w = await mo.page.evaluate(() => ['due', 'due-month', 'due-year'].map((id) =>
      document.getElementById(id).getBoundingClientRect().width));
    expect(w[0] < 80 && w[1] < 80 && w[2] < 120, `widths ${w.map(Math.round)} px`);
  });
  await check('monitor: a blank text and an impossible date are shown at their fields', async () => {
    await mo.page.fill('#text', '');
    await mo.page.fill('#due', '31');
    await mo.page.fill('#due-month', '2');
    await mo.page.fill('#due-year', '2027');
    const st = await mo.submit(mo.page.getByRole('button', { name: 'Save changes' }));
    expect(st === 400, `status ${st}`);
    const sum = await mo.page.locator('.govuk-error-summary').innerText();
    expect(/Enter what will be done/.test(sum) && /Due date must be a real date/.test(sum), `summary: ${sum}`);
  });
  await mo.audit2('change action errors');
  await check(`monitor changes ${target.id}: text, due date, a second lead and status`, async () => {
    await mo.page.fill('#text', `${target.text} (changed in the browser test)`);
    await mo.page.fill('#due', '15');
    await mo.page.fill('#due-month', '1');
    await mo.page.fill('#due-year', '2027');
    const extra = mo.page.locator('main input[name="lead"]:not(:checked)').first();
    const extraValue = await extra.getAttribute('value');
    await extra.check();
    await mo.page.locator('main input[name="status"][value="in-progress"]').check();
    const st = await mo.submit(mo.page.getByRole('button', { name: 'Save changes' }));
    expect(st === 200 && mo.path() === `/plan/action/${target.id}`, `at ${mo.path()}, status ${st}`);
    expect(new RegExp(`Action ${target.id} changed`).test(await mo.text()), 'no banner');
    expect(/15 January 2027/.test(await mo.text()), 'the new due date is not shown in words');
    const a = px.json('plan', 'list').find((x) => x.id === target.id);
    expect(a.status === 'in-progress' && a.leads.includes(extraValue), `plan says ${JSON.stringify(a)}`);
  });
  await mo.audit2('action changed');

  // ---------- people: add, change (monitor) ----------
  await check('monitor adds a person from the people page (a wrong answer first)', async () => {
    await mo.go('/people');
    await mo.submit(mo.page.locator('main a', { hasText: 'Add a person' }).first());
    expect(mo.path() === '/people/add', `at ${mo.path()}`);
  });
  await mo.audit2('add person');
  await check('…bad initials are shown at the field', async () => {
    await mo.page.fill('#initials', 'q b');
    const st = await mo.submit(mo.page.getByRole('button', { name: 'Add the person' }));
    expect(st === 400, `status ${st}`);
    expect(/Initials must be 1 to 8 letters/.test(await mo.text()), 'no initials message');
  });
  await mo.audit2('add person errors');
  await check('…and good ones add them', async () => {
    await mo.page.fill('#initials', 'QB');
    await mo.page.fill('#name', 'Quinn Baptiste');
    await mo.page.fill('#role', 'Equality Officer');
    const st = await mo.submit(mo.page.getByRole('button', { name: 'Add the person' }));
    expect(st === 200 && mo.path() === '/people', `at ${mo.path()}, status ${st}`);
    expect(/QB \(Quinn Baptiste\) added/.test(await mo.text()), 'no banner');
    expect(px.json('people').some((p) => p.initials === 'QB'), 'parity people lacks QB');
  });
  await mo.audit2('people');
  await check('monitor opens QB\'s Change page from the people page', async () => {
    await mo.submit(mo.page.locator('main a[href="/people/QB/edit"]').first());
    expect(mo.path() === '/people/QB/edit' && mo.status === 200, `at ${mo.path()}, status ${mo.status}`);
  });
  await mo.audit2('change person');
  await check('monitor changes QB\'s role', async () => {
    await mo.page.fill('#role', 'Senior Equality Officer');
    const st = await mo.submit(mo.page.getByRole('button', { name: 'Save changes' }));
    expect(st === 200 && /Changes to QB/.test(await mo.text()), `status ${st}`);
    expect(px.json('people').find((p) => p.initials === 'QB').role === 'Senior Equality Officer', 'role not saved');
  });

  // ---------- adding an action (monitor) ----------
  await check('monitor opens Add an action from the plan', async () => {
    await mo.go('/plan');
    await mo.submit(mo.page.locator('main a', { hasText: 'Add an action' }).first());
    expect(mo.path() === '/plan/add' && mo.status === 200, `at ${mo.path()}, status ${mo.status}`);
  });
  await mo.audit2('add action');
  await check('…nothing entered: an error at each field', async () => {
    const st = await mo.submit(mo.page.getByRole('button', { name: 'Continue' }));
    expect(st === 400, `status ${st}`);
    const sum = await mo.page.locator('.govuk-error-summary').innerText();
    expect(/Choose the area of work/.test(sum) && /Enter what will be done/.test(sum) && /Choose at least one lead/.test(sum), `summary: ${sum}`);
  });
  await mo.audit2('add action errors');
  const text = `Browser test action ${runWord()}`;
  await check('…answers lead to Check your answers', async () => {
    await mo.page.selectOption('#area', { index: 2 });
    await mo.page.fill('#text', text);
    await mo.page.locator('main input[name="lead"][value="QB"]').check();
    await mo.page.fill('#due', '30');
    await mo.page.fill('#due-month', '6');
    await mo.page.fill('#due-year', '2027');
    await mo.page.locator('main input[name="duty"]').last().check();
    const st = await mo.submit(mo.page.getByRole('button', { name: 'Continue' }));
    expect(st === 200 && /Check your answers/.test(await mo.text('h1')), `status ${st}, h1 ${await mo.text('h1')}`);
    expect(/30 June 2027/.test(await mo.text()), 'no due date in words');
  });
  await mo.audit2('check answers');
  await check('…a Change link goes back to the form with the answers', async () => {
    await mo.submit(mo.page.locator('main .govuk-summary-list__actions a').nth(1));
    expect(mo.path() === '/plan/add', `at ${mo.path()}`);
    expect((await mo.page.inputValue('#text')) === text, 'the text is not kept');
    expect(await mo.page.locator('main input[name="lead"][value="QB"]').isChecked(), 'QB is not ticked');
    await mo.submit(mo.page.getByRole('button', { name: 'Continue' }));
  });
  let added = '';
  await check('…and Add the action adds it', async () => {
    const st = await mo.submit(mo.page.getByRole('button', { name: 'Add the action' }));
    expect(st === 200 && /^\/plan\/action\//.test(mo.path()), `at ${mo.path()}, status ${st}`);
    added = decodeURIComponent(mo.path().slice('/plan/action/'.length));
    expect(/added/.test(await mo.text()), 'no banner');
    expect(/Added on the web by mo/.test(await mo.text()), 'the history does not say who added it');
    const a = px.json('plan', 'list').find((x) => x.id === added);
    expect(a && a.text === text && a.leads.includes('QB'), `plan says ${JSON.stringify(a)}`);
  });
  await mo.audit2('action added');

  // ---------- handing over (monitor) ----------
  const heir = px.json('people').find((p) => p.active && p.initials !== 'QB' && p.initials !== leadInitials &&
    !(lead2 && p.initials === lead2.initials));
  await check(`monitor hands QB's actions over to ${heir.initials} after an are-you-sure page`, async () => {
    await mo.go('/people');
    await mo.submit(mo.page.locator('main a[href="/people/QB/reassign"]').first());
    expect(mo.path() === '/people/QB/reassign', `at ${mo.path()}`);
  });
  await mo.audit2('hand over');
  await check('…the check page names the actions', async () => {
    await mo.page.locator(`main input[name="to"][value="${heir.initials}"]`).check();
    const st = await mo.submit(mo.page.getByRole('button', { name: 'Continue' }));
    expect(st === 200 && /Are you sure/.test(await mo.text('h1')), `status ${st}`);
    expect((await mo.text()).includes(added), `action ${added} not named`);
  });
  await mo.audit2('hand over check');
  await check('…and confirming hands them over', async () => {
    const st = await mo.submit(mo.page.locator('main button.govuk-button--warning'));
    expect(st === 200 && mo.path() === '/people', `at ${mo.path()}, status ${st}`);
    expect(/1 action passed from QB/.test(await mo.text()), 'no banner');
    const a = px.json('plan', 'list').find((x) => x.id === added);
    expect(a.lead_names.includes(heir.name), `plan says ${JSON.stringify(a)}`);
  });

  // ---------- naming a duty (monitor) ----------
  await check('monitor names a duty from duty coverage', async () => {
    await mo.go('/plan/duties');
    expect(!/parity plan duties/.test(await mo.text()), 'command-line wording on duty coverage');
    await mo.submit(mo.page.locator('main a', { hasText: 'Name the duties' }).first());
    expect(mo.path() === '/plan/duties/names', `at ${mo.path()}`);
  });
  await mo.audit2('duty names');
  await check('…a name saved on its own', async () => {
    const form = mo.page.locator('main form').filter({ has: mo.page.locator('#name-1') });
    await form.locator('#name-1').fill('Eliminate unlawful discrimination and harassment');
    const st = await mo.submit(submitIn(form));
    expect(st === 200 && /Duty 1 named|already had/.test(await mo.text()), `status ${st}`);
    expect(px.json('plan', 'duties').find((d) => d.no === 1).name === 'Eliminate unlawful discrimination and harassment', 'not saved');
  });
  await mo.audit2('duty named');
}
