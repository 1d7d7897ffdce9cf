// tests/browser/checks/90-admin.mjs: the administrator's pages that the
// main walk does not reach — the "are you sure" page before disabling an
// account (issue 15), checked with axe at 320 and 1280 px.
import { check, expect } from '../lib.mjs';

export default async function ({ px, ad, PW }) {
  px.addUser('leaver', 'viewer', PW);
  await check('admin: Disable asks "are you sure" before locking an account', async () => {
    await ad.go('/admin/users');
    await ad.submit(ad.page.getByRole('button', { name: 'Disable leaver' }));
    expect(/Are you sure you want to disable leaver\?/.test(await ad.text('h1')), `h1 is "${await ad.text('h1')}"`);
    expect(!px.run('user', 'list').split('\n').some((l) => /^leaver\s.*disabled/.test(l)), 'leaver is already disabled');
  });
  await ad.audit2('disable account, are you sure');
  await check('…"No, keep the account" goes back and changes nothing', async () => {
    await ad.submit(ad.page.getByRole('link', { name: 'No, keep the account' }));
    expect(ad.path() === '/admin/users', `at ${ad.path()}`);
    expect(!px.run('user', 'list').split('\n').some((l) => /^leaver\s.*disabled/.test(l)), 'leaver was disabled');
  });
  await check('…and "Yes, disable" disables it', async () => {
    await ad.submit(ad.page.getByRole('button', { name: 'Disable leaver' }));
    await ad.submit(ad.page.getByRole('button', { name: 'Yes, disable leaver' }));
    expect(ad.path() === '/admin/users', `at ${ad.path()}`);
    expect(/leaver has been disabled/.test(await ad.text('body')), 'no "leaver has been disabled" banner');
  });
}
