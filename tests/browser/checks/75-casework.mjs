// tests/browser/checks/75-casework.mjs: confidential casework (issue 18) —
// a caseworker's cases, opening one with errors first, the case page with
// its access log, and each change page (note, hearing, status, assign,
// upload); an admin without casework gets the not-found page and no
// navigation entry. Every page is audited at 320 and 1280 CSS px.
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, open, signIn, ad, PW } = ctx;
  px.addUser('cwk', 'viewer', PW);
  px.run('user', 'set', 'cwk', '--grant', 'casework');
  px.addUser('cwk2', 'viewer', PW);
  px.run('user', 'set', 'cwk2', '--grant', 'casework');
  px.run('member', 'add', 'case-member@example.org', '--name', 'Cara Member', '--region', 'London');
  const cw = await signIn(await open('caseworker'), 'cwk');

  await check('cases: "Cases" in the navigation opens your cases', async () => {
    await cw.go('/');
    expect(await cw.page.locator('a[href="/cases"]').count() > 0, 'no "Cases" link');
    expect(await cw.go('/cases') === 200, `status ${cw.status}`);
    expect(/not assigned to any cases/.test(await cw.text('main')), 'no empty state');
  });
  await cw.audit2('your cases, none');

  await check('cases: open a case, with errors first', async () => {
    await cw.go('/cases/new');
    await cw.submit(cw.page.getByRole('button', { name: 'Open the case' }));
    expect(await cw.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
  });
  await cw.audit2('open a case, errors');
  await check('cases: the case opens and its page shows the access log', async () => {
    await cw.page.fill('#member', 'case-member@example.org');
    await cw.page.check('#kind');
    await cw.page.fill('#summary', 'Grievance about a refused flexible working request.');
    await cw.submit(cw.page.getByRole('button', { name: 'Open the case' }));
    expect(/^\/cases\/\d+$/.test(cw.path()), `at ${cw.path()}`);
    const main = await cw.text('main');
    expect(/flexible working/.test(main), 'no summary');
    expect(/Access log/.test(main) && /opened the case/.test(main), 'no access log');
  });
  await cw.audit2('case page');
  const base = cw.path();

  for (const [path, button, fill] of [
    ['note', 'Add a note', async () => cw.page.fill('#text', 'Spoke to the member by phone.')],
    ['hearing', 'Add a hearing', async () => {
      await cw.page.fill('#date', '3'); await cw.page.fill('#date-month', '3');
      await cw.page.fill('#date-year', '2099'); await cw.page.fill('#time', '10:00');
    }],
    ['status', 'Save the status', async () => cw.page.check('input[value="hearing"]')],
    ['assign', 'Assign', async () => cw.page.selectOption('#to', 'cwk2')],
  ]) {
    await check(`cases: ${path} page, with an error, then done`, async () => {
      expect(await cw.go(`${base}/${path}`) === 200, `status ${cw.status}`);
      if (path !== 'status' && path !== 'assign') {
        await cw.submit(cw.page.getByRole('button', { name: button }));
        expect(await cw.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
      }
    });
    await cw.audit2(`case ${path}${path !== 'status' && path !== 'assign' ? ', error' : ''}`);
    await check(`cases: ${path} saved`, async () => {
      await fill();
      await cw.submit(cw.page.getByRole('button', { name: button }));
      expect(cw.path() === base, `at ${cw.path()}`);
    });
  }
  await check('cases: upload page', async () => {
    expect(await cw.go(`${base}/document`) === 200, `status ${cw.status}`);
  });
  await cw.audit2('case upload');
  await check('cases: the case page after the changes', async () => {
    await cw.go(base);
    const main = await cw.text('main');
    expect(/Spoke to the member/.test(main) && /3 March 2099/.test(main) && /cwk2/.test(main), 'changes not shown');
  });
  await cw.audit2('case page, with changes');
  await check('cases: the list shows the case', async () => {
    expect(await cw.go('/cases') === 200, `status ${cw.status}`);
    expect(await cw.page.locator(`a[href="${base}"]`).count() === 1, 'case not listed');
  });
  await cw.audit2('your cases');

  await check('cases: an admin without casework gets not found, and no navigation entry', async () => {
    expect(await ad.go(base) === 404, `status ${ad.status}`);
    expect(await ad.page.locator('a[href="/cases"]').count() === 0, 'a "Cases" link for the admin');
    expect(await ad.go('/cases') === 404, `status ${ad.status}`);
  });
  await ad.audit2('cases, admin: not found');
}
