// tests/browser/checks/82-objectives.mjs: equality objectives on the
// intranet (issue 20) — objectives and measures set from the command line
// on the fixture's service-user data, then, as an administrator (who may
// change the plan): the list from the navigation, an objective's page
// with each measure's chart and table, adding an objective (first with
// mistakes), changing it, adding a measure (first with mistakes) and
// removing it, linking an action and an impact assessment, retiring it
// (first without a reason) and the retired list; a viewer reads an
// objective's page without forms; the dashboard's panel. Every page is
// audited at 320 and 1280 CSS px.
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, ad, vi } = ctx;
  const lead = px.json('people').find((p) => p.active);
  const id = px.json('objective', 'add', 'Equal completion of orders for Black service users',
    '--by', '2030-03-31', '--duty', '1', '--area', '2').id;
  px.run('objective', 'measure', String(id), '--dataset', 'service-users', '--share', 'ethnicity=Black',
    '--at-least', '10');
  px.run('objective', 'measure', String(id), '--dataset', 'service-users', '--rate', 'completed',
    '--of', 'ethnicity=Black', '--at-least', '60');
  px.run('objective', 'measure', String(id), '--dataset', 'service-users', '--ratio', 'completed',
    '--of', 'ethnicity=Black', '--at-least', '0.9');

  await check('objectives: the list, from the navigation', async () => {
    await ad.go('/');
    expect(await ad.page.locator('nav a[href="/objectives"], header a[href="/objectives"]').count() > 0,
      'no Objectives in the navigation');
    expect(await ad.go('/objectives') === 200, `status ${ad.status}`);
    const t = await ad.text('main');
    expect(/Equal completion of orders/.test(t) && /by 31 March 2030/.test(t), 'objective or deadline missing');
    expect(await ad.page.locator('main .govuk-tag').count() >= 4, 'no status tags');
    expect(await ad.page.locator('main a[href="/objectives/new"]').count() === 1, 'no Add an objective');
  });
  await ad.audit2('objectives list');

  await check('objectives: an objective\'s page, a chart and a table per measure', async () => {
    expect(await ad.go(`/objectives/${id}`) === 200, `status ${ad.status}`);
    expect(await ad.page.locator('main svg[role="img"]').count() === 3, 'not three charts');
    expect(await ad.page.locator('main table caption', { hasText: /^Values of / }).count() === 3, 'not three tables');
    expect(/July to September 2011/.test(await ad.text('main')), 'periods not in words');
  });
  await ad.audit2('objective page');

  await check('objectives: adding one with mistakes shows errors at the fields', async () => {
    await ad.go('/objectives/new');
    await ad.submit(ad.page.locator('main button', { hasText: 'Add the objective' }));
    expect(ad.status === 400, `status ${ad.status}`);
    expect(await ad.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
    expect(await ad.page.locator('#title-error').count() === 1 && await ad.page.locator('#by-error').count() === 1,
      'no message at the title and deadline');
  });
  await ad.audit2('objective new error');

  let n;
  await check('objectives: added, to its page', async () => {
    await ad.go('/objectives/new');
    await ad.page.fill('#title', 'A senior workforce that reflects the community');
    await ad.page.fill('#by', '31');
    await ad.page.fill('#by-month', '3');
    await ad.page.fill('#by-year', '2028');
    await ad.page.selectOption('#owner', lead.initials);
    await ad.page.locator('main input[name="duty"]').first().check();
    await ad.submit(ad.page.locator('main button', { hasText: 'Add the objective' }));
    const m = ad.path().match(/^\/objectives\/(\d+)$/);
    expect(m, `at ${ad.path()}`);
    n = m[1];
    expect(/No measures yet/.test(await ad.text('main')), 'not empty of measures');
  });
  await ad.audit2('objective new page');

  await check('objectives: changed', async () => {
    expect(await ad.go(`/objectives/${n}/edit`) === 200, `status ${ad.status}`);
    await ad.audit2('objective change');
    await ad.page.fill('#title', 'A senior workforce that reflects our community');
    await ad.submit(ad.page.locator('main button', { hasText: 'Save the changes' }));
    expect(ad.path() === `/objectives/${n}`, `at ${ad.path()}`);
    expect(/reflects our community/.test(await ad.text('h1')), 'not changed');
  });

  await check('objectives: a measure with mistakes shows errors at the fields', async () => {
    expect(await ad.go(`/objectives/${n}/measure`) === 200, `status ${ad.status}`);
    await ad.audit2('objective measure form');
    await ad.submit(ad.page.locator('main button', { hasText: 'Add the measure' }));
    expect(ad.status === 400, `status ${ad.status}`);
    expect(await ad.page.locator('#dataset-error').count() === 1 && await ad.page.locator('#kind-error').count() === 1,
      'no message at the data and the kind');
  });
  await ad.audit2('objective measure error');

  await check('objectives: a measure added, its chart shown', async () => {
    await ad.page.selectOption('#dataset', 'service-users');
    await ad.page.locator('main label', { hasText: 'The share of a group' }).click();
    await ad.page.selectOption('#characteristic', 'ethnicity');
    await ad.page.fill('#group', 'Black');
    await ad.page.locator('main label', { hasText: /^At least$/ }).click();
    await ad.page.fill('#target', '12');
    await ad.submit(ad.page.locator('main button', { hasText: 'Add the measure' }));
    expect(ad.path() === `/objectives/${n}`, `at ${ad.path()}, status ${ad.status}`);
    expect(await ad.page.locator('main svg[role="img"]').count() === 1, 'no chart');
  });
  await ad.audit2('objective with a measure');

  const mid = px.json('objective', 'show', String(n)).measures[0].id;
  await check('objectives: removing a measure asks first', async () => {
    expect(await ad.go(`/objectives/${n}/measure/${mid}/remove`) === 200, `status ${ad.status}`);
    await ad.audit2('objective measure remove');
    await ad.submit(ad.page.locator('main button', { hasText: 'Remove the measure' }));
    expect(ad.path() === `/objectives/${n}`, `at ${ad.path()}`);
    expect(px.json('objective', 'show', String(n)).measures.length === 0, 'not removed');
  });

  await check('objectives: an action and an impact assessment linked', async () => {
    expect(await ad.go(`/objectives/${n}/link`) === 200, `status ${ad.status}`);
    await ad.audit2('objective link');
    const value = await ad.page.locator('#action option').nth(1).getAttribute('value');
    await ad.page.selectOption('#action', value);
    await ad.submit(ad.page.locator('main button', { hasText: 'Link the action' }));
    expect(ad.path() === `/objectives/${n}`, `at ${ad.path()}`);
    expect(await ad.page.locator('main a[href^="/plan/action/"]').count() === 1, 'no link to the action');
    await ad.go(`/objectives/${n}/link`);
    const eia = await ad.page.locator('#eia option').nth(1).getAttribute('value');
    await ad.page.selectOption('#eia', eia);
    await ad.submit(ad.page.locator('main button', { hasText: 'Link the assessment' }));
    expect(await ad.page.locator('main a[href^="/eia/"]').count() === 1, 'no link to the assessment');
    await ad.go(`/objectives/${n}/link`);
    expect(await ad.page.locator('main button', { hasText: 'Remove the link' }).count() === 2, 'links not listed');
  });
  await ad.audit2('objective links');

  await check('objectives: retiring without a reason shows the error at the field', async () => {
    expect(await ad.go(`/objectives/${n}/retire`) === 200, `status ${ad.status}`);
    await ad.audit2('objective retire');
    await ad.submit(ad.page.locator('main button', { hasText: 'Retire the objective' }));
    expect(ad.status === 400, `status ${ad.status}`);
    expect(await ad.page.locator('#reason-error').count() === 1, 'no message at the reason');
  });
  await ad.audit2('objective retire error');
  await check('objectives: retired, then in the retired list', async () => {
    await ad.page.fill('#reason', 'Replaced by a wider objective');
    await ad.submit(ad.page.locator('main button', { hasText: 'Retire the objective' }));
    expect(/Retired on/.test(await ad.text('main')), 'not retired');
    expect(await ad.page.locator('main form').count() === 0, 'still offers a form');
  });
  await ad.audit2('objective retired');
  await check('objectives: the retired list', async () => {
    expect(await ad.go('/objectives?retired=1') === 200, `status ${ad.status}`);
    expect(await ad.page.locator(`main a[href="/objectives/${n}"]`).count() === 1, 'not listed');
  });
  await ad.audit2('objectives retired');

  await check('objectives: a viewer reads an objective, without forms or change links', async () => {
    expect(await vi.go(`/objectives/${id}`) === 200, `status ${vi.status}`);
    expect(await vi.page.locator('main form').count() === 0, 'a form offered to a viewer');
    expect(await vi.page.locator(`main a[href="/objectives/${id}/edit"]`).count() === 0, 'a change link offered');
  });
  await vi.audit2('objective viewer');

  await check('objectives: the dashboard\'s panel', async () => {
    expect(await ad.go('/dashboard') === 200, `status ${ad.status}`);
    expect(/Equality objectives/.test(await ad.text('main')), 'no objectives panel');
  });
  await ad.audit2('dashboard with objectives');
}
