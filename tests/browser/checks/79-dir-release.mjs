// tests/browser/checks/79-dir-release.mjs: the directories' counts on the
// public pages (issue 19) — a visitor signed out reads /public/directories
// before anything is released, then the released tables with [c] for the
// withheld counts. Each page is audited at 320 and 1280 CSS px.
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, open } = ctx;
  const anon = await open('anon-directories');

  await check('directories: with nothing released, the page says so', async () => {
    expect(await anon.go('/public/directories') === 200, `status ${anon.status}`);
    expect(/No counts have been released yet/.test(await anon.text('main')), 'no notice');
  });
  await anon.audit2('directories none');

  px.addUser('dirpub', 'viewer', 'a-long-password-dirpub-1');
  px.run('user', 'set', 'dirpub', '--grant', 'adjustments', '--grant', 'publish');
  const add = (kind, who, unit, type) =>
    px.run(kind, 'add', who, '--unit', unit, '--type', type, '--start', '2026-01-05', '--as', 'dirpub');
  for (let i = 0; i < 14; i++) add('adjustment', `BN${i}`, 'North', 'equipment');
  for (let i = 0; i < 3; i++) add('adjustment', `BS${i}`, 'North', 'working-pattern');
  for (let i = 0; i < 12; i++) add('adjustment', `BT${i}`, 'South', 'equipment');
  for (let i = 0; i < 11; i++) add('adjustment', `BU${i}`, 'South', 'working-pattern');
  for (let i = 0; i < 16; i++) add('flexible', `BF${i}`, 'South', 'compressed-hours');
  px.run('directory', 'publish', '--on', '2026-03-31', '--as', 'dirpub');

  await check('directories: signed out, the released counts with [c] for those withheld', async () => {
    expect(await anon.go('/public/directories') === 200, `status ${anon.status}`);
    const t = await anon.text('main');
    expect(/in place on 31 March 2026/.test(t), 'no date in words');
    expect(/Working pattern/.test(t) && /Compressed hours/.test(t), 'types not in words');
    expect((t.match(/\[c\]/g) || []).length >= 4, 'withheld counts not shown as [c]');
    expect(!/\b3\b/.test(t.replace(/\d{1,2} March 2026/g, '')), 'a small count is shown');
  });
  await anon.audit2('directories released');
}
