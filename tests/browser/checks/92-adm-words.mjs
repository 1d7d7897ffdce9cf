// tests/browser/checks/92-adm-words.mjs: the account pages in people's
// words (issue 15 review): no capability names on the users, access and
// audit pages, roles written one way, the access page without what no
// page uses yet, and the account page in two sections. Each page checked
// with axe and screenshots at 320 and 1280 px.
import { check, expect } from '../lib.mjs';

const SLUG = /\b(read-plan|update-own-actions|update-any-action|import-data|handle-flags|manage-users|read-audit)\b/;

export default async function ({ px, open, signIn, ad, PW }) {
  px.addUser('cw-user', 'viewer', PW);
  px.run('user', 'set', 'cw-user', '--grant', 'casework');

  await check('users page: what each account may do in words, roles capitalised', async () => {
    expect(await ad.go('/admin/users') === 200, `status ${ad.status}`);
    const main = await ad.text('main');
    expect(!SLUG.test(main), `a capability name is shown: ${(main.match(SLUG) || [])[0]}`);
    const roles = await ad.page.locator('#accounts tbody tr td:nth-of-type(1)').allInnerTexts();
    expect(roles.length > 0 && roles.every((r) => /^(Viewer|Lead|Monitor|Admin)$/.test(r.trim())),
      `roles: ${JSON.stringify(roles)}`);
  });
  await ad.audit2('users, in words');

  await check('access page: twelve checkboxes in words (publish since issue 16, members and mailing since 17, casework since 18, adjustments since 19); casework ticked', async () => {
    await ad.submit(ad.page.locator('#accounts a', { hasText: /^cw-user/ }).first());
    expect(/^\/admin\/users\/\d+$/.test(ad.path()), `at ${ad.path()}`);
    expect(await ad.page.locator('main input[type="checkbox"][name="cap"]').count() === 12, 'not 12 checkboxes');
    expect(await ad.page.locator('#cap-casework').isChecked(), 'casework is not offered ticked');
    const main = await ad.text('main');
    expect(/Handle casework/.test(main), 'casework not said in words');
    expect(!/pages still to come/.test(main), 'casework still said to be for pages to come');
    expect(/Role\s+Viewer/.test(main), 'the role is not "Viewer"');
    expect(!SLUG.test(main), `a capability name is shown: ${(main.match(SLUG) || [])[0]}`);
  });
  await ad.audit2('access page, casework granted on the command line');

  await check('audit log: who and what changed in words', async () => {
    expect(await ad.go('/admin/audit?who=browser-test') === 200, `status ${ad.status}`);
    const main = await ad.text('main');
    expect(/browser-test, on the command line/.test(main), 'no "browser-test, on the command line"');
    expect(!/cli:/.test(main), 'a "cli:" author is shown');
    expect(/Granted beyond the role: Handle casework/.test(main), 'the casework grant is not said in words');
    expect(!/: none\b|Grants:|Revokes:/.test(main), 'noise: an unchanged or empty value is listed');
  });
  await ad.audit2('audit log, command-line entries');

  const cw = await signIn(await open('cw-user'), 'cw-user');
  await check('account page: the password, the calendar address and email reminders in their own sections', async () => {
    expect(await cw.go('/account/password') === 200, `status ${cw.status}`);
    expect((await cw.text('h1')).trim() === 'Your account', `h1 is "${await cw.text('h1')}"`);
    const h2 = await cw.page.locator('main h2').allInnerTexts();
    expect(JSON.stringify(h2) === JSON.stringify(['Change your password', 'Subscribe to the calendar', 'Email reminders']),
      `h2s: ${JSON.stringify(h2)}`);
    expect(await cw.page.locator('main hr.govuk-section-break--visible + h2#calendar-feed').count() === 1,
      'no section break before the calendar address');
    expect(await cw.page.getByRole('button', { name: 'Create a calendar address' }).count() === 1,
      'no "Create a calendar address" button');
  });
  await cw.audit2('your account');
}
