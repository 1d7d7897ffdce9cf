// tests/browser/checks/40-mon-words.mjs: the monitoring pages in the
// reader's words (issue 15, review of the screenshots): periods in words
// and dataset labels, flag counts that agree, a flag's caption saying what
// was found and its state tags without brackets (they broke at 320 px), a
// comparison group chosen for the report said under its heading, and the
// success banner after saving a dataset config (the earlier screenshot of
// that step was taken after leaving for the monitoring page). Every page is
// audited at 320 and 1280 CSS px.
//
// Run by tests/browser/run.mjs after 30-uploads.mjs: service-users 2011Q2
// and 2011Q3 imported, flags dealt with, the config 'casework' kept.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, expect } from '../lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CODE = /\b(19|20)\d\dQ[1-4]\b|\bservice-users\b/;

export default async function (ctx) {
  const { px, mo, vi } = ctx;

  await check('monitoring data: periods in words, dataset labels, flag counts that agree', async () => {
    expect(await vi.go('/monitoring') === 200, `status ${vi.status}`);
    const t = await vi.text('main');
    expect(!CODE.test(t), `a period code or slug on the page: ${(t.match(CODE) || [])[0]}`);
    expect(/July to September 2011/.test(t), 'no "July to September 2011"');
    expect(/Flags: [0-9,]+ not closed, of which [0-9,]+ open/.test(t), 'the flag counts are not said as "not closed, of which open"');
  });
  await vi.audit2('monitoring data, in words');

  await check('report with ethnicity compared with Black says so under the heading', async () => {
    expect(await vi.go('/monitoring/report?dataset=service-users&period=2011Q3&ref_ethnicity=Black') === 200, `status ${vi.status}`);
    const note = vi.page.locator('#reference-note');
    expect(await note.isVisible(), 'no note under the heading');
    expect(/Ethnicity is compared with Black service users/.test(await note.innerText()), 'the note does not name the group');
    const t = await vi.text('main');
    expect(!/White for ethnicity/.test(t), 'the method still says White for ethnicity');
    expect(/Flags not closed/.test(t), 'no section "Flags not closed"');
  });
  await vi.audit2('report with a chosen comparison group');

  const flags = px.json('flags', 'list');
  const f = flags.find((x) => x.state !== 'closed' && x.dataset === 'service-users') || flags[0];
  await check(`flag #${f && f.id}: the caption says what was found; no tags in brackets`, async () => {
    expect(f, 'no flag');
    expect(await vi.go(`/monitoring/flag/${f.id}`) === 200, `status ${vi.status}`);
    const cap = await vi.page.locator('#flag-caption').innerText();
    expect(/^Service users, [A-Z][a-z]+ to [A-Z][a-z]+ 20\d\d, .+, .+: .+$/.test(cap), `caption "${cap}"`);
    const t = await vi.text('main');
    expect(!CODE.test(t), `a period code or slug on the page: ${(t.match(CODE) || [])[0]}`);
    expect(!/\(\s*(Open|Explained|Actioned|Closed)\s*\)/.test(t), 'a state tag in brackets');
    expect(await vi.page.locator('main h2', { hasText: /^Details$/ }).count() === 1, 'no "Details" heading');
  });
  await vi.audit2('flag page, what was found');

  await check('saving a dataset config shows a success banner on the configs page', async () => {
    expect(await mo.go('/monitoring/configs') === 200, `status ${mo.status}`);
    const form = mo.page.locator('main form[method="post"]');
    await form.locator('[name="name"]').fill('casework-two');
    await form.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'tests/fixtures/monitor/renamed.conf'));
    const st = await mo.submit(form.getByRole('button', { name: 'Save the config' }));
    expect(st === 200 && mo.path() === '/monitoring/configs', `at ${mo.path()}, status ${st}`);
    const banner = mo.page.locator('.govuk-notification-banner--success');
    expect(await banner.isVisible(), 'no success banner');
    expect(/Config casework-two saved from renamed\.conf/.test(await banner.innerText()), 'the banner does not say what was saved');
  });
  await mo.audit2('dataset config saved');
}
