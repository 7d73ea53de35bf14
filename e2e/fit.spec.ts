import { expect, test, type Page } from '@playwright/test';
import { authHeaders, waitForSources } from './helpers';
import { everyPage, pageReady } from './pages';

// Columns that say which row is which: never hidden, never cut to a few letters.
const KEY_HEADERS = ['Name', 'Reason', 'Message', 'concept'];

/** Problems of the page as laid out: sideways scrolling, key columns too narrow, headers cut. */
async function fitProblems(page: Page): Promise<string[]> {
  return page.evaluate((keys) => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const th of document.querySelectorAll<HTMLElement>('main table thead th')) {
      if (!th.offsetParent) continue;
      const text = th.innerText.replace(/[▲▼]/g, '').trim();
      if (keys.includes(text) && th.getBoundingClientRect().width < 64) problems.push(`key column "${text}" is ${Math.round(th.getBoundingClientRect().width)} px wide`);
      // A header cut to a few letters ("Inst…") says nothing: its column should have been hidden.
      if (text && th.scrollWidth > th.clientWidth + 1) problems.push(`header "${text}" is cut (${th.clientWidth} of ${th.scrollWidth} px)`);
    }
    return problems;
  }, KEY_HEADERS);
}

for (const width of [390, 1024]) {
  test(`every page fits ${width} px: no sideways scrolling, key columns readable`, async ({ page, browser }) => {
    test.setTimeout(180_000);
    await waitForSources(page);
    const pages = await everyPage(page.request);
    const context = await browser.newContext({ viewport: { width, height: 850 }, extraHTTPHeaders: authHeaders() });
    const p = await context.newPage();
    const problems: string[] = [];
    try {
      for (const { name, url } of pages) {
        await p.goto(url);
        await pageReady(p);
        problems.push(...(await fitProblems(p)).map((x) => `${name} (${url}): ${x}`));
      }
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  });
}

test('at 390 px the overview matrix stacks both platforms and the facets fold behind a button', async ({ page, browser }) => {
  await waitForSources(page);
  const context = await browser.newContext({ viewport: { width: 390, height: 850 }, extraHTTPHeaders: authHeaders() });
  const p = await context.newPage();
  try {
    await p.goto('/');
    const row = p.getByTestId('concept-matrix').locator('tbody tr').first();
    const cells = row.locator('td');
    await expect(cells).toHaveCount(2);
    const [a, b] = [await cells.nth(0).boundingBox(), await cells.nth(1).boundingBox()];
    expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height - 1);
    await expect(cells.nth(0)).toContainText('K8s');
    await expect(cells.nth(1)).toContainText('ECS');

    await p.goto('/workloads');
    await expect(p.getByTestId('workloads-table')).toBeVisible();
    const facets = p.getByRole('complementary', { name: 'Facets' });
    await expect(facets).toBeHidden();
    await p.getByTestId('facets-toggle').click();
    await expect(facets).toBeVisible();
    await facets.getByRole('checkbox').first().check();
    await expect(p.getByTestId('facets-toggle')).toContainText('(1)');
  } finally {
    await context.close();
  }
});
