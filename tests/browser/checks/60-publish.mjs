// tests/browser/checks/60-publish.mjs: publication (issue 16) — a monitor
// publishes a period's tables through the web flow (the start page, which
// data, which period, check before publishing, publish), then anyone reads
// them: /public lists the release, its page of tables, the annual equality
// information. Every page is audited at 320 and 1280 CSS px (wide tables
// scroll in their own region; the page itself never does).
//
// Run by tests/browser/run.mjs after the earlier checks: service-users
// 2011Q2 and 2011Q3 imported, accounts of each role signed in.
import { check, expect } from '../lib.mjs';

const CODE = /\b(19|20)\d\dQ[1-4]\b|\bservice-users\b/;
// Building and protecting a draft takes longer than a page under the
// sanitizers.
const SLOW = 240000;

export default async function (ctx) {
  const { mo, vi, open } = ctx;
  mo.page.setDefaultNavigationTimeout(SLOW);
  mo.page.setDefaultTimeout(SLOW);

  await check('a viewer cannot publish, and is not offered it', async () => {
    expect(await vi.go('/publish') === 403, `status ${vi.status}`);
    expect(/permission to publish equality tables/.test(await vi.text('main')), 'the 403 does not say what is needed');
  });

  await check('publish: the start page, from the navigation', async () => {
    expect(await mo.go('/') === 200, `status ${mo.status}`);
    const link = mo.page.locator('.govuk-service-navigation a[href="/publish"], header a[href="/publish"]');
    expect(await link.count() > 0, 'no "Publish tables" in the navigation');
    expect(await mo.go('/publish') === 200, `status ${mo.status}`);
    expect(/Publish equality tables/.test(await mo.text('h1')), 'no h1');
  });
  await mo.audit2('publish start');

  await check('publish: which data? names the datasets in words', async () => {
    await mo.submit(mo.page.locator('main a.govuk-button--start'));
    expect(mo.path() === '/publish/new', `at ${mo.path()}`);
    const t = await mo.text('main');
    expect(/Service users/.test(t) && !CODE.test(t), 'datasets not in words');
  });
  await mo.audit2('publish which data');

  await check('publish: continuing without a choice is an error at the field', async () => {
    await mo.submit(mo.page.locator('main button', { hasText: 'Continue' }));
    expect(await mo.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
  });
  await mo.audit2('publish which data error');

  await check('publish: which period? offers periods in words', async () => {
    await mo.page.locator('main label', { hasText: 'Service users' }).click();
    await mo.submit(mo.page.locator('main button', { hasText: 'Continue' }));
    const t = await mo.text('main');
    expect(/Which period do you want to publish\?/.test(t), 'no question');
    expect(/July to September 2011/.test(t) && !CODE.test(t), 'periods not in words');
  });
  await mo.audit2('publish which period');

  await check('publish: check before publishing shows what is withheld and why', async () => {
    await mo.page.locator('main label', { hasText: /^July to September 2011$/ }).click();
    await mo.submit(mo.page.locator('main button', { hasText: 'Continue' }));
    const t = await mo.text('main');
    expect(/Check before publishing/.test(await mo.text('h1')), `h1 "${await mo.text('h1')}"`);
    expect(/withheld because they are small/.test(t), 'no count of withheld numbers');
    expect(/\[c\]/.test(t), 'no [c] in the draft');
  });
  await mo.audit2('publish check answers');

  await check('publish: publishing opens the public page with a banner', async () => {
    const nav = mo.page.waitForURL(/\/public\/releases\//, { timeout: SLOW });
    await mo.page.locator('main button', { hasText: 'Publish these tables' }).click();
    await nav;
    await mo.page.waitForLoadState('load');
    expect(/Published the equality tables for Service users, July to September 2011/.test(await mo.text('main')),
      'no banner');
  });
  await mo.audit2('published');

  const anon = await open('anon-publish');
  await check('public: /public lists the release in words', async () => {
    expect(await anon.go('/public') === 200, `status ${anon.status}`);
    expect(await anon.page.locator('main a', { hasText: 'Service users, July to September 2011' }).count() === 1,
      'no link to the release');
  });
  await anon.audit2('public with a release');

  await check('public: the release page has captioned tables, [c] explained, downloads', async () => {
    await anon.submit(anon.page.locator('main a', { hasText: 'Service users, July to September 2011' }));
    const t = await anon.text('main');
    expect(/Government Statistical Service/.test(t), 'the convention is not explained');
    expect(await anon.page.locator('main table caption').count() > 0, 'no captions');
    expect(await anon.page.locator('main a[href$=".csv"]').count() === 1, 'no CSV link');
    expect(await anon.page.locator('main a[href$=".xlsx"]').count() === 1, 'no XLSX link');
    expect(!CODE.test(t), `a code on the page: ${(t.match(CODE) || [])[0]}`);
  });
  await anon.audit2('public release page');

  await check('public: the annual equality information', async () => {
    expect(await anon.go('/public/equality-information') === 200, `status ${anon.status}`);
    const t = await anon.text('main');
    expect(/Service-user outcomes/.test(t) && /From the tables for July to September 2011/.test(t),
      'no service-user outcomes from the release');
    expect(/No tables of staff have been published yet/.test(t), 'the workforce profile should say none');
  });
  await anon.audit2('annual equality information');
}
