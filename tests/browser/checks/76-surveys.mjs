// tests/browser/checks/76-surveys.mjs: consultations and surveys on the web
// (issue 18) — an administrator granted the members capability reads the
// list, creates a survey (first with mistakes), adds a question a step at
// a time, opens it after the "are you sure" page, reads the results by
// group (one group hidden below the threshold, the others compared in
// words) and the pages to close, invite and feed monitoring; a visitor
// signed out answers on the public link, first with a mistake, then right,
// and sees the thank-you page. Every page is audited at 320 and 1280 CSS px.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, ad, vi, open } = ctx;
  const sql = (q) => execFileSync('sqlite3', [px.db, q], { encoding: 'utf8' }).trim();
  px.run('user', 'set', 'ad', '--grant', 'members');
  // a survey with answers, made on the command line: its results
  const S = px.json('survey', 'create', 'Staff survey 2026', '--kind', 'staff-survey',
    '--anonymous', '--ask', 'ethnicity,sex').id;
  px.run('survey', 'question', String(S), '--type', 'single', '--text', 'Would you recommend working here?',
    '--choice', 'Yes', '--choice', 'No');
  px.run('survey', 'question', String(S), '--type', 'scale', '--text', 'I feel valued at work',
    '--low', 'Strongly disagree', '--high', 'Strongly agree');
  px.run('survey', 'question', String(S), '--type', 'text', '--text', 'Anything else?', '--optional');
  px.run('survey', 'open', String(S));
  const returns = [];
  for (let i = 0; i < 10; i++) returns.push({ answers: { 1: 'Yes', 2: 5, 3: 'A good place' }, characteristics: { ethnicity: 'B1', sex: 'F' } });
  // the White answers differ: hidden groups answering alike would hide Black's too
  for (let i = 0; i < 9; i++) returns.push({ answers: { 1: i < 3 ? 'Yes' : 'No', 2: i < 3 ? 4 : 2 }, characteristics: { ethnicity: 'W1', sex: 'M' } });
  returns.push({ answers: { 1: 'No', 2: 1 }, characteristics: { sex: 'M' } });
  const file = path.join(px.dir, 'survey-returns.json');
  fs.writeFileSync(file, JSON.stringify(returns));
  px.run('survey', 'respond', String(S), '--answers', file);
  const token = sql(`SELECT public_token FROM net_survey WHERE id = ${S}`);

  await check('surveys: not for a viewer, nor in their navigation', async () => {
    expect(await vi.go('/network/surveys') === 403, `status ${vi.status}`);
    await vi.go('/');
    expect(await vi.page.locator('a[href="/network/surveys"]').count() === 0, 'Surveys offered to a viewer');
  });

  await check('surveys: the list, from the navigation', async () => {
    expect(await ad.go('/') === 200, `status ${ad.status}`);
    expect(await ad.page.locator('a[href="/network/surveys"]').count() > 0, 'no Surveys in the navigation');
    expect(await ad.go('/network/surveys') === 200, `status ${ad.status}`);
    expect(/Staff survey 2026/.test(await ad.text('main')), 'survey not listed');
  });
  await ad.audit2('surveys list');

  await check('surveys: creating with mistakes shows errors at the fields', async () => {
    await ad.go('/network/surveys/new');
    await ad.submit(ad.page.locator('main button', { hasText: 'Create the survey' }));
    expect(ad.status === 400, `status ${ad.status}`);
    expect(await ad.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
    expect(await ad.page.locator('.govuk-error-message').count() >= 4, 'errors not at the fields');
  });
  await ad.audit2('survey create error');

  let id;
  await check('surveys: a survey created', async () => {
    await ad.page.fill('#title', 'Members consultation on meetings');
    await ad.page.check('#kind');
    await ad.page.check('#anonymous');
    await ad.page.check('#access');
    await ad.page.check('#ask');
    await ad.submit(ad.page.locator('main button', { hasText: 'Create the survey' }));
    const m = ad.path().match(/^\/network\/surveys\/(\d+)$/);
    expect(m, `at ${ad.path()}`);
    id = m[1];
    expect(/No questions yet/.test(await ad.text('main')), 'not the new draft');
  });
  await ad.audit2('survey draft');

  await check('surveys: adding a question, a step at a time', async () => {
    await ad.go(`/network/surveys/${id}/question`);
    expect(ad.status === 200, `status ${ad.status}`);
  });
  await ad.audit2('survey question type');
  await check('surveys: the question and its choices', async () => {
    await ad.page.check('#type');
    await ad.submit(ad.page.locator('main button', { hasText: 'Continue' }));
    expect(/The choices/.test(await ad.text('main')), 'no choices box');
  });
  await ad.audit2('survey question words');
  await check('surveys: the question added', async () => {
    await ad.page.fill('#text', 'Should the network meet online?');
    await ad.page.fill('#choices', 'Yes\nNo\nSometimes');
    await ad.submit(ad.page.locator('main button', { hasText: 'Add the question' }));
    expect(ad.path() === `/network/surveys/${id}`, `at ${ad.path()}`);
    expect(/Should the network meet online\?/.test(await ad.text('main')), 'question not listed');
  });

  await check('surveys: opening asks first', async () => {
    await ad.go(`/network/surveys/${id}/open`);
    expect(/Are you sure you want to open the survey/.test(await ad.text('h1')), 'no check page');
  });
  await ad.audit2('survey open check');
  await check('surveys: opened, with its link', async () => {
    await ad.submit(ad.page.locator('main button', { hasText: 'Open the survey' }));
    expect(/Anyone with this link can answer/.test(await ad.text('main')), 'no link shown');
    expect(/\/public\/surveys\/[0-9a-f]{64}$/.test(await ad.page.inputValue('#survey-link')), 'no link in the box');
  });
  await ad.audit2('survey open');

  await check('surveys: results by ethnicity hide the group of 9', async () => {
    expect(await ad.go(`/network/surveys/${S}/results?by=ethnicity`) === 200, `status ${ad.status}`);
    const t = await ad.text('main');
    expect(/White: fewer than 10/.test(t) && /Black: 10/.test(t), 'groups not as expected');
  });
  await ad.audit2('survey results by ethnicity');
  await check('surveys: results by sex compare the groups in words', async () => {
    await ad.page.selectOption('#by', 'sex');
    await ad.submit(ad.page.locator('main button', { hasText: 'Show the results' }));
    expect(/points (lower|higher) than (Female|Male) \(between/.test(await ad.text('main')), 'no difference in words');
  });
  await ad.audit2('survey results by sex');
  for (const [what, words] of [['close', 'Are you sure you want to close'], ['invite', 'Invite members'], ['feed', 'Feed the results into monitoring']]) {
    await check(`surveys: the ${what} page`, async () => {
      expect(await ad.go(`/network/surveys/${S}/${what}`) === 200, `status ${ad.status}`);
      expect(new RegExp(words).test(await ad.text('h1')), 'wrong page');
    });
    await ad.audit2(`survey ${what}`);
  }

  const anon = await open('anon');
  await check('surveys: signed out, the public link opens the form', async () => {
    expect(await anon.go(`/public/surveys/${token}`) === 200, `status ${anon.status}`);
    expect(/This survey is anonymous/.test(await anon.text('main')), 'does not say it is anonymous');
    expect(/About you \(optional\)/.test(await anon.text('main')), 'characteristics not marked optional');
  });
  await anon.audit2('survey respond');
  const before = sql(`SELECT COUNT(*) FROM net_survey_response WHERE survey_id = ${S}`);
  await check('surveys: a required question left out is shown at the question', async () => {
    await anon.page.check('#q2');
    await anon.submit(anon.page.locator('main button', { hasText: 'Send your answers' }));
    expect(anon.status === 400, `status ${anon.status}`);
    expect(/Answer question 1/.test(await anon.text('.govuk-error-summary')), 'no error in the summary');
    expect(sql(`SELECT COUNT(*) FROM net_survey_response WHERE survey_id = ${S}`) === before, 'stored');
  });
  await anon.audit2('survey respond error');
  await check('surveys: the answers sent, then thanks', async () => {
    await anon.page.check('#q1');
    await anon.page.fill('#q3', 'Thank you for asking');
    await anon.page.check('#c-sex');
    await anon.submit(anon.page.locator('main button', { hasText: 'Send your answers' }));
    expect(anon.path() === '/public/surveys/thanks', `at ${anon.path()}`);
    expect(Number(sql(`SELECT COUNT(*) FROM net_survey_response WHERE survey_id = ${S}`)) === Number(before) + 1, 'not stored');
  });
  await anon.audit2('survey thanks');
}
