// tests/browser/checks/75-casework.mjs: confidential casework (issue 18) —
// a caseworker's cases, opening one with errors first, the case page with
// its access log, and each change page (note, hearing, status, assign,
// upload), retention and purging, counts for monitoring; an admin without casework gets the not-found page and no
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

  // retention and purging: two old cases closed with the clock moved back,
  // the first purged by the command line, the second due now
  const at = (iso, ...args) => {
    px.env.PARITY_NOW = String(Math.floor(Date.parse(iso) / 1000));
    try { return px.run(...args); } finally { delete px.env.PARITY_NOW; }
  };
  for (const [iso, kind] of [['2010-06-01', 'disciplinary'], ['2015-06-01', 'other']]) {
    const id = JSON.parse(at(iso, 'case', 'open', '--member', 'case-member@example.org', '--kind', kind,
      '--summary', 'An old case.', '--as', 'cwk', '--format', 'json')).id;
    at(iso, 'case', 'status', String(id), '--to', 'closed', '--as', 'cwk');
  }
  at('2017-01-01', 'case', 'purge', '--as', 'cwk');
  await check('cases: retention and purging, linked from your cases', async () => {
    await cw.go('/cases');
    await cw.submit(cw.page.getByRole('link', { name: 'Retention and purging' }));
    expect(cw.path() === '/cases/retention', `at ${cw.path()}`);
    const main = await cw.text('main');
    expect(/1 closed case is past the retention period/.test(main), 'no count due');
    expect(/Purge log/.test(main) && /cwk \(command line\)/.test(main), 'no purge log');
  });
  await cw.audit2('retention and purging');
  await check('cases: retention period, with an error, then saved', async () => {
    await cw.page.fill('#years', '');
    await cw.submit(cw.page.getByRole('button', { name: 'Save the retention period' }));
    expect(await cw.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
  });
  await cw.audit2('retention, error');
  await check('cases: retention saved', async () => {
    await cw.page.fill('#years', '7');
    await cw.submit(cw.page.getByRole('button', { name: 'Save the retention period' }));
    expect(/kept for 7 years/.test(await cw.text('main')), 'not saved');
  });
  await check('cases: purge now asks first', async () => {
    await cw.submit(cw.page.getByRole('button', { name: 'Purge now' }));
    expect(cw.path() === '/cases/retention/purge', `at ${cw.path()}`);
    expect(/Are you sure/.test(await cw.text('main')), 'no question');
  });
  await cw.audit2('purge, are you sure');
  await check('cases: purged', async () => {
    await cw.submit(cw.page.getByRole('button', { name: 'Purge the cases' }));
    expect(cw.path() === '/cases/retention', `at ${cw.path()}`);
    expect(/1 closed case purged/.test(await cw.text('main')), 'no confirmation');
  });
  await check('cases: nothing left to purge', async () => {
    expect(await cw.go('/cases/retention/purge') === 200, `status ${cw.status}`);
    expect(/nothing to purge/.test(await cw.text('main')), 'not said');
  });
  await cw.audit2('purge, nothing to purge');
  await check('cases: counts for monitoring, with errors first', async () => {
    await cw.go('/cases');
    await cw.submit(cw.page.getByRole('link', { name: 'Counts for monitoring' }));
    expect(cw.path() === '/cases/counts', `at ${cw.path()}`);
  });
  await cw.audit2('counts for monitoring');
  await check('cases: counts, an error', async () => {
    await cw.submit(cw.page.getByRole('button', { name: 'Continue' }));
    expect(await cw.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
  });
  await cw.audit2('counts, error');
  await check('cases: counts, are you sure', async () => {
    await cw.page.fill('#year', String(new Date().getUTCFullYear()));
    await cw.submit(cw.page.getByRole('button', { name: 'Continue' }));
    expect(/small numbers are withheld/.test(await cw.text('main')), 'no warning');
  });
  await cw.audit2('counts, are you sure');
  await check('cases: counts sent, linked to monitoring', async () => {
    await cw.submit(cw.page.getByRole('button', { name: 'Send the counts' }));
    expect(/Counts sent to monitoring/.test(await cw.text('main')), 'no confirmation');
    expect(await cw.page.locator('a[href^="/monitoring/report?dataset=casework"]').count() === 1, 'no link');
  });
  await cw.audit2('counts sent');

  await check('cases: an admin without casework gets not found, and no navigation entry', async () => {
    expect(await ad.go(base) === 404, `status ${ad.status}`);
    expect(await ad.page.locator('a[href="/cases"]').count() === 0, 'a "Cases" link for the admin');
    expect(await ad.go('/cases') === 404, `status ${ad.status}`);
    expect(await ad.go('/cases/retention') === 404, `status ${ad.status}`);
    expect(await ad.go('/cases/counts') === 404, `status ${ad.status}`);
  });
  await ad.audit2('cases, admin: not found');
}
