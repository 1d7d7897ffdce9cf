// tests/browser/checks/81-obj-public.mjs: the public page of the equality
// objectives (issue 20) — a visitor signed out follows the link from
// /public to /public/objectives, first with the objectives not yet
// published as a set, then after a publication is recorded: each measure
// with its target, the published service-user figures (chart and table,
// [c] explained), a pay gap's "not published" and the status judged on
// the published figures. Audited at 320 and 1280 CSS px.
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, open } = ctx;
  const id = px.json('objective', 'add', 'Fair outcomes for Black service users', '--by', '2030-03-31',
    '--duty', '1', '--description', 'Close the gap in completions.').id;
  px.run('objective', 'measure', String(id), '--dataset', 'service-users', '--share', 'ethnicity=Black',
    '--at-least', '10', '--label', 'Share of Black service users');
  px.run('objective', 'measure', String(id), '--dataset', 'service-users', '--rate', 'completed',
    '--of', 'ethnicity=Black', '--at-least', '60', '--label', 'Completions of Black service users');
  px.run('objective', 'measure', String(id), '--dataset', 'service-users', '--share', 'ethnicity=Black',
    '--where', 'sex=Female', '--at-least', '10', '--label', 'Share of Black women');

  const anon = await open('anon-objectives');
  await check('objectives public: linked from /public, not yet published', async () => {
    await anon.go('/public');
    expect(await anon.page.locator('main a[href="/public/objectives"]').count() === 1, 'no link from /public');
    expect(await anon.go('/public/objectives') === 200, `status ${anon.status}`);
    const t = await anon.text('main');
    expect(/not yet been published as a set/.test(t), 'no "not yet published"');
    expect(/Fair outcomes for Black service users/.test(t), 'objective missing');
    expect(/judged on the published figures/.test(t), 'status not said to be judged on the published figures');
    expect(/Not published: figures for this measure are not in the published tables/.test(t), 'filtered measure not marked');
  });
  await anon.audit2('objectives public');

  px.run('objective', 'publish', '--on', '2026-04-01');
  await check('objectives public: when published and the next set due', async () => {
    expect(await anon.go('/public/objectives') === 200, `status ${anon.status}`);
    const t = await anon.text('main');
    expect(/last published on 1 April 2026/.test(t) && /1 April 2030/.test(t), 'publication dates missing');
  });
  await anon.audit2('objectives public published');
}
