// tests/browser/checks/72-lists.mjs: the mailing lists (issue 17) — an
// account granted "mailing" makes a list, the public sign-up page and its
// errors, the confirm and unsubscribe pages, the list's subscribers, and
// sending with its preview. Every page is audited at 320 and 1280 CSS px.
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, open, signIn, PW } = ctx;
  px.addUser('ml', 'viewer', PW);
  px.run('user', 'set', 'ml', '--grant', 'mailing');
  px.run('list', 'create', 'news', '--name', 'Staff network news', '--description',
    'News and briefings from the staff network.');
  px.run('list', 'subscribe', 'news', 'ada@example.org', '--name', 'Ada Obi', '--confirmed');
  px.run('list', 'subscribe', 'news', 'bo@example.org', '--confirmed');
  const ml = await signIn(await open('mailing'), 'ml');
  const anon = await open('anonymous');

  await check('lists: "Mailing lists" in the navigation opens the lists', async () => {
    await ml.go('/');
    expect(await ml.page.locator('a[href="/network/lists"]').count() > 0, 'no "Mailing lists" link');
    expect(await ml.go('/network/lists') === 200, `status ${ml.status}`);
  });
  await ml.audit2('mailing lists');
  await check('lists: make a list, with an error first', async () => {
    await ml.go('/network/lists/new');
    await ml.page.fill('#name', 'Briefings');
    await ml.page.fill('#slug', 'Not OK');
    await ml.submit(ml.page.getByRole('button', { name: 'Make list' }));
    expect(await ml.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
  });
  await ml.audit2('make a list, error');
  await check('lists: a list page with subscribers', async () => {
    expect(await ml.go('/network/lists/news') === 200, `status ${ml.status}`);
    expect(/ada@example\.org/.test(await ml.text('main')), 'no subscriber');
  });
  await ml.audit2('list page');
  await check('lists: send, preview', async () => {
    await ml.go('/network/lists/news/send');
    await ml.page.fill('#subject', 'AGM papers');
    await ml.page.fill('#text', 'The AGM papers are ready.\nSee you there.');
    await ml.submit(ml.page.getByRole('button', { name: 'Preview the message' }));
    expect(/Send to 2 subscribers/.test(await ml.text('main')), 'no send button with the count');
  });
  await ml.audit2('send preview');

  await check('lists: the public lists and sign-up page', async () => {
    expect(await anon.go('/lists') === 200, `status ${anon.status}`);
  });
  await anon.audit2('public lists');
  await check('lists: the sign-up form with an error', async () => {
    await anon.go('/lists/news/subscribe');
    await anon.submit(anon.page.getByRole('button', { name: 'Subscribe' }));
    expect(await anon.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
  });
  await anon.audit2('subscribe error');
}
