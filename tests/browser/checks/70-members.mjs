// tests/browser/checks/70-members.mjs: the staff network's members (issue
// 17) — an administrator granted the members capability reads the list,
// adds a member (first with mistakes), opens a member's page and the
// erase check; a visitor signed out reads the public page (closed while
// mail is not set up, then the joining form with each purpose's wording),
// joins, opens the confirmation link and presses its button. Every page is
// audited at 320 and 1280 CSS px.
import { execFileSync } from 'node:child_process';
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, ad, vi, open } = ctx;
  px.run('member', 'add', 'ada@example.org', '--name', 'Ada Obi', '--region', 'South West',
    '--grade', 'PO', '--consent', 'mailing', '--consent', 'meetings', '--how', 'paper');
  px.run('member', 'add', 'ben@example.org', '--name', 'Ben Ade', '--region', 'London', '--manager');
  px.run('user', 'set', 'ad', '--grant', 'members');
  const sql = (q) => execFileSync('sqlite3', [px.db, q], { encoding: 'utf8' });

  await check('members: not for a viewer, nor in their navigation', async () => {
    expect(await vi.go('/network/members') === 403, `status ${vi.status}`);
    await vi.go('/');
    expect(await vi.page.locator('a[href="/network/members"]').count() === 0, 'Members offered to a viewer');
  });

  await check('members: the list, from the navigation', async () => {
    expect(await ad.go('/') === 200, `status ${ad.status}`);
    expect(await ad.page.locator('a[href="/network/members"]').count() > 0, 'no Members in the navigation');
    expect(await ad.go('/network/members') === 200, `status ${ad.status}`);
    const t = await ad.text('main');
    expect(/Ada Obi/.test(t) && /2 members found/.test(t), 'members not listed');
  });
  await ad.audit2('members list');

  await check('members: adding with mistakes shows errors at the fields', async () => {
    await ad.go('/network/members/new');
    await ad.submit(ad.page.locator('main button', { hasText: 'Add the member' }));
    expect(ad.status === 400, `status ${ad.status}`);
    expect(await ad.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
  });
  await ad.audit2('members add error');

  await check('members: a member added, with consent', async () => {
    await ad.go('/network/members/new');
    await ad.page.fill('#name', 'Cy Eze');
    await ad.page.fill('#email', 'cy@example.org');
    await ad.page.fill('#region', 'North East');
    await ad.page.locator('main label', { hasText: /^Meeting invitations/ }).click();
    await ad.submit(ad.page.locator('main button', { hasText: 'Add the member' }));
    expect(/^\/network\/members\/\d+$/.test(ad.path()), `at ${ad.path()}`);
    expect(/Version 1: I agree/.test(await ad.text('main')), 'consent wording not shown');
  });
  await ad.audit2('member page');

  await check('members: equality details, from the member page, optional', async () => {
    const back = ad.path();
    const href = await ad.page.locator('main a', { hasText: 'Change equality details' }).getAttribute('href');
    expect(await ad.go(href) === 200, `status ${ad.status}`);
    expect(/\/equality$/.test(ad.path()), `at ${ad.path()}`);
    await ad.page.selectOption('#ethnicity', 'Black');
    await ad.page.selectOption('#sex', 'NS');
    await ad.submit(ad.page.locator('main button', { hasText: 'Save equality details' }));
    expect(ad.path() === back, `at ${ad.path()}, not ${back}`);
    const t = await ad.text('main');
    expect(/Ethnicity\s*Black/.test(t) && /Sex\s*Not stated/.test(t), 'details not shown');
  });
  await ad.go('/network/members/1/equality');
  await ad.audit2('member equality details');

  await check('members: erase asks first', async () => {
    await ad.go('/network/members/1/erase');
    expect(/Check before you erase this member/.test(await ad.text('h1')), 'no check page');
  });
  await ad.audit2('member erase check');

  await check('members: the import page', async () => {
    expect(await ad.go('/network/members/import') === 200, `status ${ad.status}`);
  });
  await ad.audit2('members import');

  const anon = await open('anon');
  await check('public network page: joining not open while mail is not set up', async () => {
    expect(await anon.go('/public/network') === 200, `status ${anon.status}`);
    expect(/Joining is not open yet/.test(await anon.text('main')), 'no notice');
  });
  await anon.audit2('public network closed');

  sql("INSERT INTO mail_setting (id, smtp, from_addr, site_url, tls, updated_at, updated_by) VALUES (1, 'smtp://127.0.0.1:2525', 'network@example.org', 'https://parity.example.org', 'off', '2026-01-01T00:00:00Z', 'browser')");
  await check('public network page: the joining form shows each purpose in its exact wording', async () => {
    await anon.go('/public/network');
    const t = await anon.text('main');
    expect(/I agree that the staff network may send me its news/.test(t), 'wording not shown');
  });
  await anon.audit2('public network join');

  await check('public network page: mistakes shown at the fields', async () => {
    await anon.submit(anon.page.locator('main button', { hasText: 'Join the network' }));
    expect(anon.status === 400, `status ${anon.status}`);
  });
  await anon.audit2('public network join error');

  await check('public network page: a join asks to check the email', async () => {
    await anon.page.fill('#name', 'Dee Ola');
    await anon.page.fill('#email', 'dee@example.org');
    await anon.page.selectOption('#region', 'London');
    await anon.page.locator('main label', { hasText: /I agree that the staff network may send me/ }).click();
    await anon.submit(anon.page.locator('main button', { hasText: 'Join the network' }));
    expect(anon.path() === '/public/network/sent', `at ${anon.path()}`);
  });
  await anon.audit2('public network sent');

  const body = sql("SELECT CAST(body AS TEXT) FROM mail_outbox WHERE kind = 'join' ORDER BY id DESC LIMIT 1")
    .replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const token = (body.match(/confirm\?t=([0-9a-f]{64})/) || [])[1];
  await check('joining: the link opens a page with a button, the button confirms', async () => {
    expect(token, 'no token in the mail');
    expect(await anon.go(`/network/join/confirm?t=${token}`) === 200, `status ${anon.status}`);
    expect(sql("SELECT status FROM net_member WHERE email = 'dee@example.org'").trim() === 'pending', 'the GET confirmed');
  });
  await anon.audit2('join confirm');
  await check('joining: confirmed', async () => {
    await anon.submit(anon.page.locator('main button', { hasText: 'Confirm and join' }));
    expect(/You have joined/.test(await anon.text('main')), 'not joined');
    expect(sql("SELECT status FROM net_member WHERE email = 'dee@example.org'").trim() === 'active', 'not active');
  });
  await anon.audit2('join confirmed');
}
