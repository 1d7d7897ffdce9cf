// tests/browser/checks/80-eia.mjs: equality impact assessments (issue 19)
// — an administrator (who may change the plan) starts an assessment (first
// with mistakes), walks its GOV.UK task list task by task — screening,
// evidence linked to a Diversity Report, engagement, an impact against an
// aim, a mitigation that becomes a plan action, the decision, sign-off, a
// review date — checks the answers and publishes; a viewer reads the task
// list without forms; a visitor signed out reads /public/eia, the
// assessment, and after a second version the first one. Every page is
// audited at 320 and 1280 CSS px.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, expect } from '../lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export default async function (ctx) {
  const { px, ad, vi, open } = ctx;
  const lead = px.json('people').find((p) => p.active);

  await check('eia: the list, from the navigation', async () => {
    await ad.go('/');
    expect(await ad.page.locator('a[href="/eia"]').count() > 0, 'no Impact assessments in the navigation');
    expect(await ad.go('/eia') === 200, `status ${ad.status}`);
    expect(/No assessments yet/.test(await ad.text('main')), 'not empty');
  });
  await ad.audit2('eia list empty');

  await check('eia: starting with mistakes shows errors at the fields', async () => {
    await ad.go('/eia/new');
    await ad.submit(ad.page.locator('main button', { hasText: 'Start the assessment' }));
    expect(ad.status === 400, `status ${ad.status}`);
    expect(await ad.page.locator('.govuk-error-summary').count() === 1, 'no error summary');
  });
  await ad.audit2('eia start error');

  let id;
  await check('eia: started, its task list', async () => {
    await ad.go('/eia/new');
    await ad.page.fill('#title', 'Hybrid working policy');
    await ad.page.selectOption('#owner', lead.initials);
    await ad.submit(ad.page.locator('main button', { hasText: 'Start the assessment' }));
    const m = ad.path().match(/^\/eia\/(\d+)$/);
    expect(m, `at ${ad.path()}`);
    id = m[1];
    expect(await ad.page.locator('.govuk-task-list__item').count() === 11, 'not 11 tasks');
    expect(/Cannot start yet/.test(await ad.text('main')), 'no Cannot start yet');
  });
  await ad.audit2('eia task list new');

  const task = async (slug, fill, button, label) => {
    await check(`eia: the ${label} task`, async () => {
      expect(await ad.go(`/eia/${id}/${slug}`) === 200, `status ${ad.status}`);
      await ad.audit2(`eia ${label}`);
      await fill();
      await ad.submit(ad.page.locator('main button', { hasText: button }));
      expect(ad.status === 200 && /^\/eia\/\d+/.test(ad.path()), `status ${ad.status} at ${ad.path()}`);
      expect(await ad.page.locator('.govuk-error-summary').count() === 0, 'errors shown');
    });
  };
  await check('eia: screening with nothing chosen: errors at the fields', async () => {
    await ad.go(`/eia/${id}/screening`);
    await ad.submit(ad.page.locator('main button', { hasText: 'Save and continue' }));
    expect(ad.status === 400, `status ${ad.status}`);
  });
  await ad.audit2('eia screening error');
  await task('screening', async () => {
    await ad.page.locator('main label', { hasText: 'Yes, a full assessment is needed' }).click();
    await ad.page.fill('#text', 'Home working differs by grade and so by ethnicity');
  }, 'Save and continue', 'screening');
  await task('evidence', async () => {
    await ad.page.selectOption('#characteristic', 'ethnicity');
    await ad.page.fill('#text', 'Fewer Black staff work from home');
    await ad.page.selectOption('#report', 'service-users:2011Q3');
  }, 'Add the evidence', 'evidence');
  await check('eia: the evidence links its Diversity Report', async () => {
    expect(await ad.page.locator('main a[href^="/monitoring/report?dataset=service-users"]').count() === 1, 'no link');
  });
  await task('engagement', async () => {
    await ad.page.fill('#with', 'Black staff network');
    await ad.page.fill('#date', '2');
    await ad.page.fill('#date-month', '11');
    await ad.page.fill('#date-year', '2026');
    await ad.page.fill('#text', 'Asked for kit for every grade');
  }, 'Add to the engagement log', 'engagement');
  await task('assessment', async () => {
    await ad.page.selectOption('#characteristic', 'ethnicity');
    await ad.page.locator('main label', { hasText: 'Advance equality of opportunity' }).click();
    await ad.page.locator('main label', { hasText: /^Negative$/ }).click();
    await ad.page.fill('#text', 'May widen the gap');
  }, 'Record the impact', 'assessment');
  await task('mitigations', async () => {
    await ad.page.fill('#text', 'Offer home-working kit to all grades');
    await ad.page.selectOption('#lead', lead.initials);
    await ad.page.fill('#due', '31');
    await ad.page.fill('#due-month', '3');
    await ad.page.fill('#due-year', '2027');
  }, 'Add the mitigation', 'mitigations');
  await check('eia: the mitigation links its plan action', async () => {
    expect(await ad.page.locator(`main a[href="/plan/action/E${id}.1"]`).count() === 1, 'no link');
  });
  await task('decision', async () => {
    await ad.page.locator('main label', { hasText: /^Adjust the policy/ }).click();
    await ad.page.fill('#text', 'Go ahead with the kit offer');
    await ad.page.fill('#by', 'Jo Whitfield');
  }, 'Save and continue', 'decision');
  await task('signoff', async () => {
    await ad.page.fill('#name', 'Sam Reid');
    await ad.page.fill('#role', 'Director of Operations');
  }, 'Sign off', 'sign-off');
  await task('review', async () => {
    await ad.page.fill('#review', '30');
    await ad.page.fill('#review-month', '6');
    await ad.page.fill('#review-year', '2027');
  }, 'Save and continue', 'review date');
  await check('eia: check your answers, then publish', async () => {
    expect(await ad.go(`/eia/${id}/publish`) === 200, `status ${ad.status}`);
    await ad.audit2('eia check answers');
    await ad.submit(ad.page.locator('main button', { hasText: 'Publish the assessment' }));
    expect(ad.path() === `/eia/${id}`, `at ${ad.path()}`);
    expect(/This version is published/.test(await ad.text('main')), 'not published');
  });
  await ad.audit2('eia task list published');
  await ad.go('/eia');
  await ad.audit2('eia list');

  await check('eia: a viewer reads the task list, without forms', async () => {
    expect(await vi.go(`/eia/${id}/decision`) === 200, `status ${vi.status}`);
    expect(await vi.page.locator('main form').count() === 0, 'a form offered to a viewer');
  });
  await vi.audit2('eia task viewer');

  const anon = await open('anon-eia');
  await check('eia: the public list and page, signed out', async () => {
    await anon.go('/public');
    expect(await anon.page.locator('main a[href="/public/eia"]').count() === 1, 'no link from /public');
    expect(await anon.go('/public/eia') === 200, `status ${anon.status}`);
    expect(/Hybrid working policy/.test(await anon.text('main')), 'not listed');
  });
  await anon.audit2('eia public list');
  await check('eia: the published assessment names owner, decision maker and sign-off', async () => {
    expect(await anon.go(`/public/eia/${id}`) === 200, `status ${anon.status}`);
    const t = await anon.text('main');
    expect(/Jo Whitfield/.test(t) && /Sam Reid/.test(t) && /30 June 2027/.test(t), 'names or review date missing');
  });
  await anon.audit2('eia public page');

  px.run('eia', 'revise', id);
  px.run('eia', 'assess', id, '--characteristic', 'sex', '--impact', 'neutral', '--text', 'No difference by sex');
  px.run('eia', 'publish', id);
  await check('eia: after a second version, the first is listed and viewable', async () => {
    expect(await anon.go(`/public/eia/${id}`) === 200, `status ${anon.status}`);
    expect(await anon.page.locator(`main a[href="/public/eia/${id}/versions/1"]`).count() === 1, 'no link to version 1');
    expect(await anon.go(`/public/eia/${id}/versions/1`) === 200, `status ${anon.status}`);
    expect(/replaced by a later version/.test(await anon.text('main')), 'not marked');
  });
  await anon.audit2('eia public version');

  // the duties it serves, and a reorganisation's selection pool, on a new draft
  const draft = px.json('eia', 'new', 'Estates restructure', '--owner', lead.initials).id;
  await check('eia: the duties it serves, ticked and saved', async () => {
    expect(await ad.go(`/eia/${draft}/duties`) === 200, `status ${ad.status}`);
    const boxes = ad.page.locator('main input[type="checkbox"][name="duty"]');
    expect(await boxes.count() > 0, 'no duties to tick');
    await boxes.first().check();
    await ad.submit(ad.page.locator('main button', { hasText: 'Save' }));
    expect(ad.path() === `/eia/${draft}`, `at ${ad.path()}`);
    expect(px.json('eia', 'duties', String(draft)).duties.length === 1, 'not kept');
  });
  await ad.go(`/eia/${draft}/duties`);
  await ad.audit2('eia duties');
  await check('eia: a selection pool uploaded, analysed and attached', async () => {
    expect(await ad.go(`/eia/${draft}/pool`) === 200, `status ${ad.status}`);
    await ad.page.locator('main input[type="file"][name="file"]')
      .setInputFiles(path.join(ROOT, 'tests/fixtures/pool/pool.csv'));
    await ad.submit(ad.page.locator('main button', { hasText: 'Analyse and add as evidence' }));
    expect(/^\/eia\/\d+\/pool\/\d+$/.test(ad.path()), `at ${ad.path()}`);
    expect(/The pool by Ethnicity/.test(await ad.text('main')), 'no table by ethnicity');
  });
  await ad.audit2('eia pool analysis');
  await check('eia: a broken pool is refused at the file field', async () => {
    await ad.go(`/eia/${draft}/pool`);
    await ad.page.locator('main input[type="file"][name="file"]')
      .setInputFiles(path.join(ROOT, 'tests/fixtures/pool/selected-not-at-risk.csv'));
    await ad.submit(ad.page.locator('main button', { hasText: 'Analyse and add as evidence' }));
    expect(ad.status === 400, `status ${ad.status}`);
    expect(await ad.page.locator('#file-error').count() === 1, 'no message at the field');
  });
  await ad.audit2('eia pool error');
}
