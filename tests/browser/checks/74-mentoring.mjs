// tests/browser/checks/74-mentoring.mjs: mentoring (issue 18) — not for a
// viewer nor in their navigation; with the members capability, the
// overview (a suggestion explained, pairings, profiles), adding a
// profile (first with mistakes), confirming a suggested pairing through
// its check page, the pairing's page with a meeting logged (first with a
// mistake), ending it with feedback; mentees' outcomes (recorded first
// with a mistake, sent to monitoring through a check page) and withdrawing
// a profile through an are-you-sure page. Every page is audited at 320 and
// 1280 CSS px. The fixture is made here with the command line.
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, ad, vi } = ctx;
  px.run('user', 'set', 'ad', '--grant', 'members');
  for (const [who, region] of [['mentee.amy', 'London'], ['mentee.bo', 'London'], ['mentor.xia', 'London'], ['mentor.yan', 'London']]) {
    const name = who.split('.')[1];
    px.run('member', 'add', `${who}@example.org`, '--name', `${name[0].toUpperCase()}${name.slice(1)} Mentoring`,
      '--region', region, '--consent', 'mentoring', '--how', 'paper');
  }
  px.run('mentor', 'seek', 'mentee.amy@example.org', '--areas', 'promotion,interview-skills,confidence', '--line-manager', 'boss@example.org');
  px.run('mentor', 'seek', 'mentee.bo@example.org', '--areas', 'confidence');
  px.run('mentor', 'offer', 'mentor.xia@example.org', '--areas', 'promotion,interview-skills,confidence', '--capacity', '1');

  await check('mentoring: not for a viewer, nor in their navigation', async () => {
    expect(await vi.go('/network/mentoring') === 403, `status ${vi.status}`);
    await vi.go('/');
    expect(await vi.page.locator('a[href="/network/mentoring"]').count() === 0, 'Mentoring offered to a viewer');
  });

  await check('mentoring: the overview, from the navigation, explains its suggestion', async () => {
    await ad.go('/');
    expect(await ad.page.locator('a[href="/network/mentoring"]').count() > 0, 'no Mentoring in the navigation');
    expect(await ad.go('/network/mentoring') === 200, `status ${ad.status}`);
    const t = await ad.text('main');
    expect(/Proposed mentor: Xia Mentoring/.test(t) && /areas? in common/.test(t), 'no suggestion explained');
  });
  await ad.audit2('mentoring overview');

  await check('mentoring: a profile with mistakes shows errors at the fields', async () => {
    await ad.go('/network/mentoring/new');
    await ad.submit(ad.page.locator('main button', { hasText: 'Save the profile' }));
    expect(ad.status === 400, `status ${ad.status}`);
    expect(await ad.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
  });
  await ad.audit2('mentoring profile error');

  await check('mentoring: a mentor profile added', async () => {
    await ad.go('/network/mentoring/new');
    await ad.page.fill('#email', 'mentor.yan@example.org');
    await ad.page.locator('main label', { hasText: /^Mentor$/ }).click();
    await ad.page.locator('main label', { hasText: /^Applying for promotion/ }).click();
    await ad.page.locator('main label', { hasText: /^Interview skills/ }).click();
    await ad.page.locator('main label', { hasText: /^Yes$/ }).click();
    await ad.page.fill('#capacity', '1');
    await ad.submit(ad.page.locator('main button', { hasText: 'Save the profile' }));
    expect(ad.path() === '/network/mentoring', `at ${ad.path()}`);
    expect(/Proposed mentor: Yan Mentoring/.test(await ad.text('main')), 'the allocation did not change');
  });

  await check('mentoring: confirming a suggestion asks first', async () => {
    await ad.go('/network/mentoring');
    await ad.submit(ad.page.locator('main button', { hasText: 'Confirm this pairing' }).first());
    expect(/Check the pairing before you confirm it/.test(await ad.text('h1')), 'no check page');
  });
  await ad.audit2('mentoring confirm check');

  await check('mentoring: the pairing confirmed', async () => {
    await ad.submit(ad.page.locator('main button', { hasText: 'Confirm the pairing' }));
    expect(/^\/network\/mentoring\/pairs\/\d+$/.test(ad.path()), `at ${ad.path()}`);
  });
  await ad.audit2('mentoring pairing');
  const pairPath = ad.path();

  await check('mentoring: a meeting with a wrong date shows the error at the field', async () => {
    await ad.page.fill('#date', '31');
    await ad.page.fill('#date-month', '2');
    await ad.page.fill('#date-year', '2026');
    await ad.submit(ad.page.locator('main button', { hasText: 'Log the meeting' }));
    expect(ad.status === 400, `status ${ad.status}`);
  });
  await ad.audit2('mentoring meeting error');

  await check('mentoring: a meeting logged', async () => {
    const d = new Date();
    await ad.go(pairPath);
    await ad.page.fill('#date', String(d.getDate()));
    await ad.page.fill('#date-month', String(d.getMonth() + 1));
    await ad.page.fill('#date-year', String(d.getFullYear()));
    await ad.page.fill('#note', 'Talked about the assessment centre');
    await ad.submit(ad.page.locator('main button', { hasText: 'Log the meeting' }));
    expect(/Talked about the assessment centre/.test(await ad.text('main')), 'meeting not shown');
  });

  await check('mentoring: the end page', async () => {
    await ad.go(`${pairPath}/end`);
    expect(/End the pairing/.test(await ad.text('h1')), 'no end page');
  });
  await ad.audit2('mentoring end');

  await check('mentoring: the pairing ended with feedback', async () => {
    await ad.page.fill('#feedback', 'Helpful and kind');
    await ad.page.locator('main label', { hasText: /^4$/ }).click();
    await ad.submit(ad.page.locator('main button', { hasText: 'End the pairing' }));
    const t = await ad.text('main');
    expect(/Ended/.test(t) && /Helpful and kind/.test(t), 'not ended');
  });
  await ad.audit2('mentoring ended');

  await check('mentoring: the outcomes page, from the overview', async () => {
    await ad.go('/network/mentoring');
    await ad.submit(ad.page.locator('main a[href="/network/mentoring/outcomes"]'));
    expect(ad.path() === '/network/mentoring/outcomes', `at ${ad.path()}`);
    expect(/No outcomes recorded yet/.test(await ad.text('main')), 'outcomes shown before any');
  });
  await ad.audit2('mentoring outcomes');

  await check('mentoring: an outcome with a mistake shows errors at the fields', async () => {
    await ad.page.selectOption('#mentee', { label: 'Amy Mentoring' });
    await ad.page.fill('#year', '26');
    await ad.submit(ad.page.locator('main button', { hasText: 'Record the outcome' }));
    expect(ad.status === 400, `status ${ad.status}`);
    expect(await ad.page.locator('#year-error').count() === 1 && await ad.page.locator('#applied-error').count() === 1,
      'no errors at the fields');
  });
  await ad.audit2('mentoring outcome error');

  await check('mentoring: an outcome recorded', async () => {
    await ad.go('/network/mentoring/outcomes');
    await ad.page.selectOption('#mentee', { label: 'Amy Mentoring' });
    await ad.page.fill('#year', '2026');
    await ad.page.locator('label[for="applied"]').click();
    await ad.page.locator('label[for="promoted-2"]').click();
    await ad.submit(ad.page.locator('main button', { hasText: 'Record the outcome' }));
    expect(ad.path() === '/network/mentoring/outcomes', `at ${ad.path()}`);
    expect(/Outcomes in 2026/.test(await ad.text('main')), 'the outcome not shown');
  });

  await check('mentoring: sending the outcomes to monitoring asks first', async () => {
    await ad.page.fill('#send-year', '2026');
    await ad.submit(ad.page.locator('main button', { hasText: 'Continue' }));
    expect(/Check before you send the outcomes to monitoring/.test(await ad.text('h1')), 'no check page');
  });
  await ad.audit2('mentoring outcomes check');

  await check('mentoring: the outcomes sent, with a link to monitoring', async () => {
    await ad.submit(ad.page.locator('main button', { hasText: 'Send to monitoring' }));
    expect(ad.path() === '/network/mentoring/outcomes/sent', `at ${ad.path()}`);
    expect(await ad.page.locator('main a[href^="/monitoring/report?dataset=mentoring"]').count() === 1, 'no link to the report');
  });
  await ad.audit2('mentoring outcomes sent');

  await check('mentoring: withdrawing a profile asks first', async () => {
    await ad.go('/network/mentoring');
    await ad.submit(ad.page.locator('main button', { hasText: 'the mentor profile of Xia Mentoring' }));
    expect(/Are you sure you want to withdraw this profile/.test(await ad.text('h1')), 'no are-you-sure page');
  });
  await ad.audit2('mentoring withdraw check');

  await check('mentoring: the profile withdrawn', async () => {
    await ad.submit(ad.page.locator('main button', { hasText: 'Withdraw the profile' }));
    expect(ad.path() === '/network/mentoring', `at ${ad.path()}`);
    expect(!/the mentor profile of Xia Mentoring/.test(await ad.page.locator('main').textContent()), 'still listed');
  });
}
