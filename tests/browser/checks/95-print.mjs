// tests/browser/checks/95-print.mjs: printing a page (issue 15) gives its
// content only — no navigation, account bar, buttons, forms or footer —
// and links print as their words, without their addresses after them.
import { check, expect } from '../lib.mjs';

export default async function ({ vi }) {
  await check('printing the plan leaves out navigation, buttons and forms, and link addresses', async () => {
    await vi.go('/plan');
    await vi.page.emulateMedia({ media: 'print' });
    try {
      const shown = await vi.page.evaluate(() => {
        const vis = (sel) => [...document.querySelectorAll(sel)]
          .filter((el) => getComputedStyle(el).display !== 'none').length;
        const after = [...document.querySelectorAll('main a[href]')]
          .map((a) => getComputedStyle(a, '::after').content)
          .filter((c) => c && c !== 'none' && c !== 'normal');
        return {
          nav: vis('.govuk-service-navigation'), bar: vis('.parity-account-bar'),
          buttons: vis('main .govuk-button'), forms: vis('main form'), footer: vis('.govuk-footer'),
          tables: vis('main table'), after,
        };
      });
      expect(!shown.nav && !shown.bar && !shown.footer, `navigation, account bar or footer printed: ${JSON.stringify(shown)}`);
      expect(!shown.buttons && !shown.forms, `buttons or forms printed: ${JSON.stringify(shown)}`);
      expect(shown.tables > 0, 'the plan\'s tables are not printed');
      expect(!shown.after.length, `links print their addresses: ${shown.after.slice(0, 3).join(' ')}`);
    } finally {
      await vi.page.emulateMedia({ media: 'screen' });
    }
  });
}
