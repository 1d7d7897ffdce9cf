// tests/browser/checks/21-flag-raise.mjs: a flag an objective raised
// (issue 20; src/monitor/flag_raise.c) in a real browser — the flags list
// with its finding and the link to the objective, its page (the finding,
// the link, no comparison group), and its explain step. Every page is
// audited at 320 and 1280 CSS px.
//
// No command raises such a flag by itself: test_flag_raise's fixture (a
// unit test linking the library) raises it with monitor_flag_raise on the
// fixture database (service-users 2011Q3, which run.mjs imported).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, mo } = ctx;
  const bin = path.join(ROOT, 'build/tests/test_flag_raise');
  let flag;

  await check('flag raise: the fixture raises a flag of an objective', async () => {
    if (!fs.existsSync(bin))
      execFileSync('make', ['-C', ROOT, '--no-print-directory', '-s', 'build/tests/test_flag_raise'], { stdio: 'ignore' });
    execFileSync(bin, ['--filter', 'flag_raise/fixture'], {
      stdio: 'ignore',
      env: {
        ...process.env, PARITY_FLAG_RAISE_DB: px.db, PARITY_FLAG_RAISE_DATASET: 'service-users',
        PARITY_FLAG_RAISE_PERIOD: '2011Q3', PARITY_FLAG_RAISE_REF: 'measure 90',
      },
    });
    flag = px.json('flags', 'list').find((f) => f.source === 'objective' && f.outcome === 'objective measure 90');
    expect(flag, 'no flag of objective measure 90');
  });
  if (!flag) return;

  await check('flag raise: the list shows its finding and links to the objective', async () => {
    expect(await mo.go('/monitoring/flags?dataset=service-users') === 200, `status ${mo.status}`);
    expect((await mo.text()).includes('Objective 3 (More <b>Black</b> staff & managers) is off track'), 'no finding');
    expect(await mo.page.locator('main th[scope="rowgroup"] a[href="/objectives/3"]').count() > 0, 'no link to the objective');
  });
  await mo.audit2('flags list with a flag an objective raised');

  await check(`flag raise: flag #${flag.id}'s page`, async () => {
    expect(await mo.go(`/monitoring/flag/${flag.id}`) === 200, `status ${mo.status}`);
    expect((await mo.text('#finding')).startsWith('Objective 3 (More <b>Black</b> staff & managers) is off track'), 'no finding');
    expect(await mo.page.locator('#see-source a[href="/objectives/3"]').count() === 1, 'no link to the objective');
    expect(!(await mo.text()).includes('comparison group'), 'a comparison group is shown');
    expect(await mo.page.locator('main input[name="do"][type="radio"]').count() === 4, 'not four radios');
  });
  await mo.audit2('flag page of a flag an objective raised');

  await check(`flag raise: flag #${flag.id} explained`, async () => {
    await mo.page.locator('main input[name="do"][value="explain"]').check();
    await mo.submit(mo.page.getByRole('button', { name: 'Continue' }));
    expect(mo.path() === `/monitoring/flag/${flag.id}/explain`, `at ${mo.path()}`);
    await mo.audit2('explain a flag an objective raised');
    await mo.page.fill('#explain-note', 'Browser test: recruitment paused this quarter');
    await mo.submit(mo.page.getByRole('button', { name: 'Record the explanation' }));
    expect(mo.path() === `/monitoring/flag/${flag.id}`, `at ${mo.path()}`);
    expect(px.json('flags', 'list').find((f) => f.id === flag.id).state === 'explained', 'not explained');
  });
}
