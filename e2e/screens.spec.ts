import fs from 'node:fs';
import path from 'node:path';
import { test } from '@playwright/test';
import { authHeaders, SCREENSHOTS, waitForSources } from './helpers';
import { everyPage, pageReady } from './pages';

// Screenshots of every page at 390, 1024 and 1440 px, light and dark, to look at:
// `npm run screenshots` (after `npm run build`) -> test-results/screenshots/screens/. Not part of
// `npm test`: playwright.config.ts runs this file only with PARALLAX_SCREENSHOTS=1.

for (const scheme of ['light', 'dark'] as const) {
  test(`every page at 390, 1024 and 1440 px, ${scheme}`, async ({ page, browser }) => {
    test.setTimeout(300_000);
    await waitForSources(page);
    const pages = await everyPage(page.request);
    const dir = path.join(SCREENSHOTS, 'screens');
    fs.mkdirSync(dir, { recursive: true });
    for (const width of [390, 1024, 1440]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, extraHTTPHeaders: authHeaders() });
      const p = await context.newPage();
      try {
        for (const { name, url } of pages) {
          await p.goto(url);
          await pageReady(p);
          await p.screenshot({ path: path.join(dir, `${name}-${width}-${scheme}.png`), fullPage: true });
        }
      } finally {
        await context.close();
      }
    }
  });
}
