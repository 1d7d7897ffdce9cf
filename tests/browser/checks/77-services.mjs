// tests/browser/checks/77-services.mjs: the public directory of services
// (issue 19) — a visitor signed out reads /public/services, first with
// none listed, then with a faith room and a staff network (its web address
// a link). Each page is audited at 320 and 1280 CSS px.
import { check, expect } from '../lib.mjs';

export default async function (ctx) {
  const { px, open } = ctx;
  const anon = await open('anon-services');

  await check('services: with none listed, the page says so', async () => {
    expect(await anon.go('/public/services') === 200, `status ${anon.status}`);
    expect(/No services are listed yet/.test(await anon.text('main')), 'no notice');
  });
  await anon.audit2('services none');

  px.run('service', 'add', 'Quiet room', '--kind', 'faith-room', '--contact', 'Facilities, ext 4000',
    '--where', 'Floor 2, room 2.14');
  px.run('service', 'add', 'Race equality network', '--kind', 'network', '--contact', 'ren@example.org',
    '--url', 'https://example.org/ren');
  await check('services: signed out, the services are listed', async () => {
    expect(await anon.go('/public/services') === 200, `status ${anon.status}`);
    const t = await anon.text('main');
    expect(/Quiet room/.test(t) && /Faith room/.test(t) && /Floor 2, room 2\.14/.test(t), 'faith room not listed');
    expect(await anon.page.locator('main a[href="https://example.org/ren"]').count() === 1, 'no link');
  });
  await anon.audit2('services');
}
