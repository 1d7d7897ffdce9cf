// tests/browser/checks/20-flags.mjs: the flag pages of issue 15 in a real
// browser — the list grouped by finding, a flag's page and its question,
// the flags of one finding explained together, an action made from a flag
// (a lead from the people list, a due date in day, month and year, its
// duties, "Check your answers" with a Change link, then Confirm), the
// action page and the flag page linking each other, another flag linked to
// that action, and a flag closed after checking the answers. Every page is
// audited at 320 and 1280 CSS px.
//
// The fixture (run.mjs) imported service-users 2011Q2 and 2011Q3; the flow
// before this explained one 2011Q3 flag.
import { check, expect, runWord } from '../lib.mjs';

export default async function (ctx) {
  const { px, mo, vi, leadInitials, setField } = ctx;
  const flags = px.json('flags', 'list');
  const rec = flags.find((f) => f.period === '2011Q3' && f.previous && f.state !== 'closed' && !f.action);
  const prev = rec && flags.find((f) => f.id === rec.previous);
  // the flags of rec's finding (every unit and period) that are not closed
  const same = (f) => rec && f.dataset === rec.dataset && f.characteristic === rec.characteristic &&
    f.group === rec.group && f.outcome === rec.outcome && f.state !== 'closed';
  const group = flags.filter(same);
  const other = flags.find((f) => f.state !== 'closed' && !same(f));
  const text = `Browser test: review breach decisions (run ${runWord()})`;

  await check('flags: the fixture has a recurring flag and another one', async () => {
    expect(rec && prev && prev.state !== 'closed' && !prev.action, `flags ${JSON.stringify(flags.map((f) => [f.id, f.state, f.previous]))}`);
    expect(other, 'no third flag to close');
  });
  if (!rec || !prev || !other) return;

  await check('flags list groups the same finding and pages it', async () => {
    expect(await mo.go('/monitoring/flags') === 200, `status ${mo.status}`);
    expect(await mo.page.locator('main th[scope="rowgroup"]').count() > 0, 'no finding heading rows');
    expect(await mo.page.locator(`main a[href="/monitoring/flag/${Math.min(...group.map((f) => f.id))}?group=1"]`).count() === 1,
      'no link to deal with the finding\'s flags together');
  });
  await mo.audit2('flags list grouped by finding');

  await check(`the report shows flag #${rec.id} recurring, not explained by parity`, async () => {
    expect(await mo.go('/monitoring/report?dataset=service-users&period=2011Q3') === 200, `status ${mo.status}`);
    const t = await mo.text();
    expect(t.includes(`Also flagged in April to June 2011, flag #${prev.id}`), 'no "Also flagged in April to June 2011"');
    expect(!t.includes('the same finding was flagged in an earlier period'), 'parity\'s own line is shown as an explanation');
  });

  await check(`flag #${rec.id}: both groups and the question`, async () => {
    expect(await mo.go(`/monitoring/flag/${rec.id}`) === 200, `status ${mo.status}`);
    const t = await mo.text();
    expect(/people in the group .* compared with [0-9,]+ of [0-9,]+ people in the comparison group/.test(t),
      'both groups\' counts are not in words');
    expect(await mo.page.locator('main input[name="do"][type="radio"]').count() === 4, 'not four radios');
  });
  await mo.audit2('flag page: what do you want to do');

  await check(`the ${group.length} flags of flag #${rec.id}'s finding explained together`, async () => {
    await mo.submit(mo.page.locator(`main a[href="/monitoring/flag/${rec.id}?group=1"]`));
    expect(mo.status === 200 && (await mo.text()).includes(`What do you want to do with these ${group.length} flags?`),
      'no group question');
    await mo.audit2('flags of one finding together');
    await mo.page.locator('main input[name="do"][value="explain"]').check();
    await mo.submit(mo.page.getByRole('button', { name: 'Continue' }));
    expect(mo.path() === `/monitoring/flag/${rec.id}/explain`, `at ${mo.path()}`);
    await mo.audit2('flags explained together: the explain page');
    await mo.page.fill('#explain-note', 'Browser test: the same court closures in both quarters');
    await mo.submit(mo.page.getByRole('button', { name: 'Record the explanation' }));
    expect(mo.path() === `/monitoring/flag/${rec.id}`, `at ${mo.path()}`);
    expect(new RegExp(`${group.length} flags \\(#[0-9, #and]+\\) explained`).test(await mo.text('body')),
      'no message saying they were explained');
    const now = px.json('flags', 'list');
    expect(now.filter((f) => group.some((g) => g.id === f.id)).every((f) => f.state === 'explained'), 'not all explained');
  });

  await check(`flag #${rec.id}: create an action, with errors first`, async () => {
    await mo.page.locator('main input[name="do"][value="act"]').check();
    await mo.submit(mo.page.getByRole('button', { name: 'Continue' }));
    expect(mo.path() === `/monitoring/flag/${rec.id}/act`, `at ${mo.path()}`);
  });
  await mo.audit2('flag: create an action');
  await check('an empty action form is refused with GOV.UK errors', async () => {
    await mo.submit(mo.page.getByRole('button', { name: 'Continue' }));
    expect(mo.status === 400, `status ${mo.status}`);
    const t = await mo.text('.govuk-error-summary');
    for (const w of ['Enter what will be done', 'Select the lead', 'Enter the due date', 'Select the duties'])
      expect(t.includes(w), `no "${w}"`);
  });
  await mo.audit2('flag: create an action, errors');
  await check('the answers are checked, changed and confirmed', async () => {
    await mo.page.fill('#act-text', text);
    await setField(mo.page.locator('#act-lead'), leadInitials);
    await mo.page.fill('#act-due', '31');
    await mo.page.fill('#act-due-month', '3');
    await mo.page.fill('#act-due-year', '2027');
    await mo.page.locator('main input[name="duty"][value="1"]').check();
    await mo.submit(mo.page.getByRole('button', { name: 'Continue' }));
    expect(mo.status === 200 && /Check your answers before creating the action/.test(await mo.text()), 'no check page');
    expect((await mo.text()).includes('31 March 2027'), 'the due date is not in words');
  });
  await mo.audit2('flag: check your answers before creating the action');
  await check('a Change link goes back with the answers kept', async () => {
    await mo.submit(mo.page.locator('main a[href$="#act-due"]').first());
    expect(mo.path() === `/monitoring/flag/${rec.id}/act`, `at ${mo.path()}`);
    expect(await mo.page.inputValue('#act-text') === text, 'the text was lost');
    expect(await mo.page.inputValue('#act-due-year') === '2027', 'the year was lost');
    await mo.page.fill('#act-due', '30');
    await mo.page.fill('#act-due-month', '4');
    await mo.submit(mo.page.getByRole('button', { name: 'Continue' }));
    expect((await mo.text()).includes('30 April 2027'), 'the changed date is not shown');
    await mo.submit(mo.page.getByRole('button', { name: 'Create the action' }));
    expect(mo.path() === `/monitoring/flag/${rec.id}` && mo.status === 200, `at ${mo.path()}, status ${mo.status}`);
    expect(await mo.page.locator(`main a[href="/plan/action/F${rec.id}"]`).count() > 0, 'the flag does not link to its action');
  });
  await mo.audit2('flag actioned');
  await check(`action F${rec.id} links to its flag and says who created it`, async () => {
    await mo.submit(mo.page.locator(`main a[href="/plan/action/F${rec.id}"]`).first());
    expect(mo.status === 200, `status ${mo.status}`);
    expect(await mo.page.locator(`main a[href="/monitoring/flag/${rec.id}"]`).count() > 0, 'no link to the flag');
    const t = await mo.text();
    expect(t.includes(`Created from flag #${rec.id} by mo`), 'the history does not say who created it from which flag');
    expect(t.includes('Responses to diversity monitoring flags'), 'not in the area for flags');
    expect(!/\bImported\b/.test(t), 'the history says Imported');
  });
  await mo.audit2('plan action made from a flag');

  await check(`flag #${prev.id} linked to action F${rec.id}`, async () => {
    expect(await mo.go(`/monitoring/flag/${prev.id}/link`) === 200, `status ${mo.status}`);
  });
  await mo.audit2('flag: link to an existing action');
  await check('…chosen from the live actions', async () => {
    const v = await mo.page.locator('#link-action option').filter({ hasText: `F${rec.id}:` }).getAttribute('value');
    await mo.page.selectOption('#link-action', v);
    await mo.submit(mo.page.getByRole('button', { name: 'Link to the action' }));
    expect(mo.path() === `/monitoring/flag/${prev.id}`, `at ${mo.path()}`);
    expect(await mo.page.locator(`main a[href="/plan/action/F${rec.id}"]`).count() > 0, 'the flag does not link to the action');
  });

  await check(`flag #${other.id} closed after checking the answers`, async () => {
    expect(await mo.go(`/monitoring/flag/${other.id}/close`) === 200, `status ${mo.status}`);
    await mo.audit2('flag: close');
    await mo.page.fill('#close-note', 'Browser test: not seen again');
    await mo.submit(mo.page.getByRole('button', { name: 'Continue' }));
    expect(/Check your answers before closing/.test(await mo.text()), 'no check page');
    await mo.audit2('flag: check your answers before closing');
    await mo.submit(mo.page.getByRole('button', { name: /Close the flag/ }));
    expect(mo.path() === `/monitoring/flag/${other.id}`, `at ${mo.path()}`);
    expect(await mo.page.locator('main #closed').count() === 1, 'no closed notice');
    expect(await mo.page.locator('main input[name="do"]').count() === 0, 'a closed flag offers the question');
  });
  await mo.audit2('flag closed');

  await check('a viewer sees the groups and the links, and no question', async () => {
    expect(await vi.go(`/monitoring/flag/${rec.id}`) === 200, `status ${vi.status}`);
    expect(await vi.page.locator('main form[method="post"]').count() === 0, 'a viewer is offered a form');
    expect(/comparison group/.test(await vi.text()), 'no comparison group');
  });
  await vi.audit2('flag page for a viewer');
}
