// tests/browser/checks/78-directories.mjs: the directories' staff pages
// (issue 19) — not for a viewer (403, no Directories in the navigation),
// who reads the counts only; an account holding the adjustments
// capability opens Directories from the navigation, lists the
// adjustments, records one (first with mistakes: errors at the fields),
// ends one after its page (first with a date before it started), and
// does the same for flexible working; the counts, suppressed; an admin
// (publish) adds a service (first with mistakes) and removes it after an
// "are you sure" page. Every page is audited at 320 and 1280 CSS px. The
// fixture is made here with the command line.
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, open, signIn, ad, vi, PW } = ctx;
  px.addUser('hr-dir', 'viewer', PW);
  px.run('user', 'set', 'hr-dir', '--grant', 'adjustments');
  px.run('adjustment', 'add', 'E1001', '--unit', 'Finance', '--type', 'equipment', '--start', '2026-01-05', '--as', 'hr-dir');
  for (let i = 2; i <= 12; i++)
    px.run('adjustment', 'add', `E10${String(i).padStart(2, '0')}`, '--unit', 'Finance', '--type', 'software', '--start', '2026-01-05', '--as', 'hr-dir');
  px.run('flexible', 'add', 'E2001', '--unit', 'Probation North', '--type', 'compressed-hours', '--start', '2026-02-01', '--end', '2026-03-01', '--as', 'hr-dir');
  const hr = await signIn(await open('hr-dir'), 'hr-dir');

  await check('directories: not for a viewer, nor in their navigation', async () => {
    expect(await vi.go('/directories/adjustments') === 403, `status ${vi.status}`);
    await vi.go('/');
    expect(await vi.page.locator('a[href="/directories"]').count() === 0, 'Directories offered to a viewer');
  });
  await check('directories: a viewer reads the counts, small ones withheld', async () => {
    expect(await vi.go('/directories/counts') === 200, `status ${vi.status}`);
    const t = await vi.text('main');
    expect(/Fewer than 10/.test(t) && /Withheld/.test(t) && /\b11\b/.test(t), 'counts not as expected');
  });
  await vi.audit2('directory counts');

  await check('directories: the overview, from the navigation', async () => {
    await hr.go('/');
    await hr.submit(hr.page.locator('a.govuk-service-navigation__link[href="/directories"]'));
    expect(hr.path() === '/directories' && hr.status === 200, `at ${hr.path()}, status ${hr.status}`);
    expect(await hr.page.locator('main a[href="/directories/adjustments"]').count() === 1, 'no link to the adjustments');
  });
  await hr.audit2('directories');

  await check('directories: the adjustments in place, types and dates in words', async () => {
    expect(await hr.go('/directories/adjustments') === 200, `status ${hr.status}`);
    const t = await hr.text('main');
    expect(/E1001/.test(t) && /Equipment/.test(t) && /5 January 2026/.test(t), 'E1001 not listed in words');
  });
  await hr.audit2('adjustments');

  await check('directories: recording with mistakes shows errors at the fields', async () => {
    await hr.go('/directories/adjustments/new');
    await hr.page.fill('#start', '31');
    await hr.page.fill('#start-month', '2');
    await hr.page.fill('#start-year', '2026');
    await hr.submit(hr.page.locator('main button', { hasText: 'Record the reasonable adjustment' }));
    expect(hr.status === 400, `status ${hr.status}`);
    expect(await hr.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
    expect(/must be a real date/.test(await hr.text('main')), 'no date message');
  });
  await hr.audit2('adjustment error');

  await check('directories: an adjustment recorded', async () => {
    await hr.go('/directories/adjustments/new');
    await hr.page.fill('#person', 'E3001');
    await hr.page.fill('#unit', 'Probation North');
    await hr.page.locator('main label', { hasText: /^Support worker$/ }).click();
    await hr.page.fill('#start', '2');
    await hr.page.fill('#start-month', '3');
    await hr.page.fill('#start-year', '2026');
    await hr.submit(hr.page.locator('main button', { hasText: 'Record the reasonable adjustment' }));
    expect(hr.path() === '/directories/adjustments', `at ${hr.path()}`);
    const t = await hr.text('main');
    expect(/Reasonable adjustment recorded/.test(await hr.text()) && /E3001/.test(t) && /2 March 2026/.test(t), 'not listed');
  });
  await hr.audit2('adjustment recorded');

  await check('directories: ending asks for the date, refuses one before the start', async () => {
    await hr.submit(hr.page.locator('main a', { hasText: /^End the reasonable adjustment of E1001$/ }));
    expect(/^\/directories\/adjustments\/\d+\/end$/.test(hr.path()), `at ${hr.path()}`);
    expect(/stays on record as ended/.test(await hr.text('main')), 'no explanation');
  });
  await hr.audit2('adjustment end');
  await check('directories: an end before the start is refused at the field', async () => {
    await hr.page.fill('#on', '1');
    await hr.page.fill('#on-month', '1');
    await hr.page.fill('#on-year', '2025');
    await hr.submit(hr.page.locator('main button', { hasText: 'End the adjustment' }));
    expect(hr.status === 400, `status ${hr.status}`);
    expect(/on or after the date it started, 5 January 2026/.test(await hr.text('main')), 'no message');
  });
  await hr.audit2('adjustment end error');
  await check('directories: ended, and listed with the ended ones', async () => {
    await hr.page.fill('#on', '1');
    await hr.page.fill('#on-month', '2');
    await hr.page.fill('#on-year', '2026');
    await hr.submit(hr.page.locator('main button', { hasText: 'End the adjustment' }));
    expect(hr.path() === '/directories/adjustments', `at ${hr.path()}`);
    expect(!/E1001/.test(await hr.text('main')), 'E1001 still in place');
    await hr.submit(hr.page.locator('main a', { hasText: 'Show those that have ended too' }));
    expect(/E1001/.test(await hr.text('main')) && /1 February 2026/.test(await hr.text('main')), 'E1001 not with the ended ones');
  });
  await hr.audit2('adjustments with ended');

  await check('directories: flexible working, none in place, the ended one with the rest', async () => {
    expect(await hr.go('/directories/flexible') === 200, `status ${hr.status}`);
    expect(/No flexible working arrangements in place/.test(await hr.text('main')), 'no notice');
  });
  await hr.audit2('flexible');
  await check('directories: a flexible working arrangement recorded and its end page', async () => {
    await hr.go('/directories/flexible/new');
    await hr.page.fill('#person', 'E2002');
    await hr.page.fill('#unit', 'Finance');
    await hr.page.locator('main label', { hasText: /^Remote or hybrid$/ }).click();
    await hr.page.fill('#start', '1');
    await hr.page.fill('#start-month', '4');
    await hr.page.fill('#start-year', '2026');
    await hr.submit(hr.page.locator('main button', { hasText: 'Record the flexible working arrangement' }));
    expect(hr.path() === '/directories/flexible', `at ${hr.path()}`);
    await hr.submit(hr.page.locator('main a', { hasText: /^End the flexible working arrangement of E2002$/ }));
    expect(/\/directories\/flexible\/\d+\/end$/.test(hr.path()), `at ${hr.path()}`);
  });
  await hr.audit2('flexible end');

  await check('directories: a holder without publish has no services page', async () => {
    expect(await hr.go('/directories/services') === 403, `status ${hr.status}`);
  });
  await check('directories: the services (77-services.mjs added two), each with Remove', async () => {
    expect(await ad.go('/directories/services') === 200, `status ${ad.status}`);
    expect(/Quiet room/.test(await ad.text('main')), 'Quiet room not listed');
    expect(await ad.page.locator('main button', { hasText: /^Remove Quiet room$/ }).count() === 1, 'no Remove button');
  });
  await ad.audit2('directory services');
  await check('directories: Add a service opens its form', async () => {
    await ad.submit(ad.page.locator('main a', { hasText: 'Add a service' }));
    expect(ad.path() === '/directories/services/new', `at ${ad.path()}`);
  });
  await ad.audit2('directory service new');
  await check('directories: a service with mistakes shows errors at the fields', async () => {
    await ad.page.fill('#url', 'not a web address');
    await ad.submit(ad.page.locator('main button', { hasText: 'Add the service' }));
    expect(ad.status === 400, `status ${ad.status}`);
    expect(await ad.page.locator('.govuk-error-summary li').count() === 4, 'not four errors');
  });
  await ad.audit2('directory service error');
  await check('directories: a service added, and on the public page', async () => {
    await ad.page.fill('#name', 'Interpreting service');
    await ad.page.locator('main label', { hasText: /^Interpreters$/ }).click();
    await ad.page.fill('#contact', 'interpreting@example.org');
    await ad.page.fill('#url', '');
    await ad.submit(ad.page.locator('main button', { hasText: 'Add the service' }));
    expect(ad.path() === '/directories/services', `at ${ad.path()}`);
    expect(/Interpreting service/.test(await ad.text('main')), 'not listed');
  });
  await ad.audit2('directory services listed');
  await check('directories: removing asks first', async () => {
    await ad.submit(ad.page.locator('main button', { hasText: /^Remove Interpreting service$/ }));
    expect(/Are you sure you want to remove Interpreting service/.test(await ad.text('main')), 'no are-you-sure page');
  });
  await ad.audit2('directory service remove');
  await check('directories: removed', async () => {
    await ad.submit(ad.page.locator('main button', { hasText: 'Remove the service' }));
    expect(ad.path() === '/directories/services', `at ${ad.path()}`);
    expect(!/Interpreting service<\/td>/.test(await ad.page.content()), 'still listed');
  });
}
