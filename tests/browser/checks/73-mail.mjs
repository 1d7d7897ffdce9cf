// tests/browser/checks/73-mail.mjs: mail (issue 17) — the outbox for an
// account granted "mailing", and any account's email reminders: the
// account page's summary, the page that changes them with its errors at
// the fields, and the saved choice. Every page audited at 320 and 1280 px.
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, open, signIn, PW } = ctx;
  px.addUser('mo2', 'viewer', PW);
  px.run('user', 'set', 'mo2', '--grant', 'mailing');
  px.run('mail', 'setup', '--smtp', 'smtp://127.0.0.1:9', '--from', 'network@example.org',
    '--site-url', 'https://parity.example.org', '--starttls', 'off');
  px.run('mail', 'test', 'zoe@example.org', '--name', 'Zoë Ørsted');
  const mo2 = await signIn(await open('outbox'), 'mo2');

  await check('outbox: "Outbox" in the navigation, the queued test message listed', async () => {
    await mo2.go('/');
    expect(await mo2.page.locator('a[href="/mail/outbox"]').count() > 0, 'no "Outbox" link');
    expect(await mo2.go('/mail/outbox') === 200, `status ${mo2.status}`);
    expect(/zoe@example\.org/.test(await mo2.text('main')), 'the message is not listed');
  });
  await mo2.audit2('outbox');

  await check('reminders: the account page says none are sent without an address', async () => {
    expect(await mo2.go('/account/password') === 200, `status ${mo2.status}`);
    expect(/None given/.test(await mo2.text('main')), 'no "None given"');
  });
  await check('reminders: a bad address is an error at the field', async () => {
    expect(await mo2.go('/account/reminders') === 200, `status ${mo2.status}`);
    await mo2.page.fill('#email', 'not an address');
    await mo2.page.check('input[name="remind"][value="yes"]');
    await mo2.submit(mo2.page.getByRole('button', { name: 'Save' }));
    expect(mo2.status === 400, `status ${mo2.status}`);
    expect(await mo2.page.locator('.govuk-error-summary a[href="#email"]').count() === 1,
      'the summary does not link to the field');
    expect(await mo2.page.locator('#email-error').count() === 1, 'no message at the field');
  });
  await mo2.audit2('email reminders, error');
  await check('reminders: a good address is saved and shown on the account page', async () => {
    await mo2.page.fill('#email', 'mo2@example.org');
    await mo2.submit(mo2.page.getByRole('button', { name: 'Save' }));
    expect(mo2.path() === '/account/password', `at ${mo2.path()}`);
    expect(/mo2@example\.org/.test(await mo2.text('main')), 'the address is not shown');
    expect(/Your email reminders have been saved/.test(await mo2.text()), 'no confirmation');
  });
  await mo2.audit2('your account, reminders on');
}
