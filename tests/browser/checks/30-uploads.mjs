// tests/browser/checks/30-uploads.mjs: the monitoring data pages of issue
// 15 in a real browser — a wrong-period upload summed up in one message at
// the period field, replacing an imported period checked first and
// confirmed, count tables and dataset configs uploaded on the web, and the
// Diversity Report as an overview and one page per characteristic. Every
// page is audited (axe, script errors, reflow) at 320 and 1280 CSS px.
// Run by tests/browser/run.mjs with what its flow built: 2011Q2 and
// 2011Q3 of service-users imported, the monitor (mo) and viewer (vi).
import fs from 'node:fs';
import path from 'node:path';
import { check, expect, ROOT } from '../lib.mjs';

export default async function (ctx) {
  const { px, mo, vi } = ctx;
  const q2 = path.join(px.dir, 'q2.csv');
  const uploadForm = () => mo.page.locator('main form[action^="/monitoring/upload?"]');
  const countsForm = () => mo.page.locator('main form[action^="/monitoring/upload-counts?"]');
  const state = () => px.run('data', 'list', '--format', 'json');

  // A file of another period: one message, no command-line words.
  const before = state();
  await mo.go('/monitoring');
  await mo.audit2('monitoring data, two upload forms');
  await check('an extract of 2011Q2 uploaded as 2011Q4 gets one message at the period field', async () => {
    const form = uploadForm();
    await form.locator('[name="dataset"]').selectOption('service-users');
    await form.locator('[name="period"]').fill('2011Q4');
    await form.locator('input[type="file"]').setInputFiles(q2);
    const st = await mo.submit(form.getByRole('button', { name: 'Import', exact: true }));
    expect(st === 400, `status ${st}, wanted 400`);
    const items = await mo.page.locator('.govuk-error-summary__list li').allInnerTexts();
    expect(items.length === 1, `${items.length} messages: ${JSON.stringify(items)}`);
    expect(/^All 5,000 rows are for 2011Q2, not 2011Q4: choose period 2011Q2, or upload the extract for 2011Q4$/.test(items[0].trim()),
      `the message is ${JSON.stringify(items[0])}`);
    expect(await mo.page.locator('.govuk-error-summary a[href="#period"]').count() === 1, 'not linked to the period field');
    const t = await mo.text();
    expect(!/--period|--config|--benchmark|parity data|docs\/datasets\.md/.test(t), 'command-line words on the page');
    const rows = await mo.page.locator('#row-errors tbody tr').count();
    expect(rows === 1, `${rows} rows in the problem table, wanted the identical ones as one`);
    expect(/quarter \(column C\)/.test(await mo.text('#row-errors')), 'the column is not named with its letter');
    expect(state() === before, 'something was imported');
  });
  await mo.audit2('upload of another period');

  // Replacing 2011Q2: check, then confirm.
  await check('uploading 2011Q2 again shows what would be replaced, and changes nothing yet', async () => {
    await mo.go('/monitoring');
    const form = uploadForm();
    await form.locator('[name="period"]').fill('2011Q2');
    await form.locator('input[type="file"]').setInputFiles(q2);
    const st = await mo.submit(form.getByRole('button', { name: 'Import', exact: true }));
    expect(st === 200 && mo.path() === '/monitoring/replace', `at ${mo.path()}, status ${st}`);
    const t = await mo.text();
    expect(/Service users, April to June 2011, is already imported: replace it\?/.test(t), 'no question');
    expect(/Rows now\s+5,000/.test(t) && /Rows after replacing\s+5,000/.test(t), 'no rows before and after');
    expect(state() === before, 'replaced before confirming');
  });
  await mo.audit2('check before replacing a period');
  await check('Confirm and replace imports it and opens the report', async () => {
    const st = await mo.submit(mo.page.getByRole('button', { name: 'Confirm and replace' }));
    expect(st === 200 && mo.path() === '/monitoring/report', `at ${mo.path()}, status ${st}`);
    expect(/replacing the earlier import/.test(await mo.text('body')), 'no message saying it replaced the import');
  });
  await mo.audit2('diversity report overview');

  // The report's pages.
  await check('the overview links a page per characteristic; Ethnicity has its tables', async () => {
    const link = mo.page.locator('main nav.parity-report-pages a', { hasText: 'Ethnicity' });
    expect(await link.count() === 1, 'no link to the Ethnicity page');
    const st = await mo.submit(link);
    expect(st === 200 && mo.path() === '/monitoring/report/ethnicity', `at ${mo.path()}, status ${st}`);
    expect(await mo.page.locator('main h1').innerText() === 'Ethnicity', 'the h1 is not Ethnicity');
    expect(await mo.page.locator('#comparisons table').count() > 0, 'no comparison tables');
    const height = await mo.page.evaluate(() => document.documentElement.scrollHeight);
    expect(height < 60000, `the page is ${height} px tall`);
  });
  // (the Ethnicity page is audited by its kind's other page, Sex, below:
  // a screenshot of its many tables at 320 px takes long)
  await vi.go('/monitoring/report/sex?dataset=service-users&period=2011Q3');
  await vi.audit2('diversity report, sex page (viewer)');

  // Count tables.
  await check('a count table uploaded on the web is imported', async () => {
    await mo.go('/monitoring');
    const form = countsForm();
    await form.locator('[name="dataset"]').fill('counts');
    await form.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'tests/fixtures/monitor/counts.csv'));
    const st = await mo.submit(form.getByRole('button', { name: 'Import count tables' }));
    expect(st === 200 && mo.path() === '/monitoring/report', `at ${mo.path()}, status ${st}`);
    expect(/Imported Counts, 2012, from counts\.csv/.test(await mo.text('body')), 'no message');
  });
  await check('the same count table again asks before replacing 2012; Cancel changes nothing', async () => {
    await mo.go('/monitoring');
    const form = countsForm();
    await form.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'tests/fixtures/monitor/counts.csv'));
    const st = await mo.submit(form.getByRole('button', { name: 'Import count tables' }));
    expect(st === 200 && mo.path() === '/monitoring/replace-counts', `at ${mo.path()}, status ${st}`);
    expect(/Periods replaced\s+2012/.test(await mo.text()), 'the period replaced is not named');
  });
  await mo.audit2('check before replacing count tables');
  await check('…Cancel returns to the monitoring page', async () => {
    const st = await mo.submit(mo.page.getByRole('button', { name: 'Cancel' }));
    expect(st === 200 && mo.path() === '/monitoring', `at ${mo.path()}, status ${st}`);
    expect(/Nothing was changed/.test(await mo.text('body')), 'no message');
  });
  await check('a bad count table is refused, in the web\'s words', async () => {
    await mo.go('/monitoring');
    const form = countsForm();
    await form.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'tests/fixtures/monitor/bad-counts.csv'));
    const st = await mo.submit(form.getByRole('button', { name: 'Import count tables' }));
    expect(st === 400, `status ${st}`);
    expect(await mo.page.locator('.govuk-error-summary a[href="#counts-file"]').count() === 1, 'not at the file field');
    expect(!/run the command|--/.test(await mo.text()), 'command-line words');
  });
  await mo.audit2('count table upload error');

  // Dataset configs.
  const bad = path.join(px.dir, 'broken.conf');
  fs.writeFileSync(bad, '[dataset service-users]\nid = case_ref\nfrobnicate = 3\n');
  await check('the dataset configs page refuses a bad config at the file field', async () => {
    await mo.go('/monitoring/configs');
    const form = mo.page.locator('main form[method="post"]');
    await form.locator('[name="name"]').fill('casework');
    await form.locator('input[type="file"]').setInputFiles(bad);
    const st = await mo.submit(form.getByRole('button', { name: 'Save the config' }));
    expect(st === 400, `status ${st}`);
    expect(/broken\.conf:3: unknown setting/.test(await mo.text('.govuk-error-summary')), 'no line named');
  });
  await mo.audit2('dataset configs, error');
  await check('a good config is kept, listed and offered on the upload form', async () => {
    const form = mo.page.locator('main form[method="post"]');
    await form.locator('[name="name"]').fill('casework');
    await form.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'tests/fixtures/monitor/renamed.conf'));
    const st = await mo.submit(form.getByRole('button', { name: 'Save the config' }));
    expect(st === 200 && mo.path() === '/monitoring/configs', `at ${mo.path()}, status ${st}`);
    expect(/casework/.test(await mo.text('main table')), 'not listed');
    await mo.go('/monitoring');
    expect(await uploadForm().locator('select[name="config"] option[value="casework"]').count() === 1, 'not offered');
  });
  await mo.audit2('dataset configs');
}
