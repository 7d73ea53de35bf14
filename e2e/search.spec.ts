import { expect, test, type Page } from '@playwright/test';
import { shotAt, waitForSources } from './helpers';

test.beforeEach(async ({ page }) => {
  await waitForSources(page);
});

const palette = (page: Page) => page.getByRole('dialog', { name: 'Search everything' });
const input = (page: Page) => page.getByRole('combobox');

test('the global search, keyboard only: Ctrl-K, a typo, arrows, Enter lands on the page; Esc closes', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('synced')).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeVisible();
  await expect(input(page)).toBeFocused();
  // A swapped letter still finds the worker, grouped by concept and platform.
  await page.keyboard.type('wokrer');
  const options = page.getByRole('option');
  await expect(options.first()).toContainText('worker');
  await expect(page.getByRole('group', { name: 'Workloads · Kubernetes' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Workloads · ECS' })).toBeVisible();
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(input(page)).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
  // Focus stays in the dialog: Tab does not leave the input.
  await page.keyboard.press('Tab');
  await expect(input(page)).toBeFocused();
  // Down to the ECS worker service, Enter: its page.
  const ecsWorker = page.getByRole('group', { name: 'Workloads · ECS' }).getByRole('option').first();
  const target = Number(await ecsWorker.getAttribute('data-index'));
  for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
  await expect(ecsWorker).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workloads\/view\?id=ecs/);
  await expect(page.getByTestId('workload-name')).toHaveText('worker');
  await expect(palette(page)).toBeHidden();

  // "/" opens it outside a text field; Esc closes it and gives the focus back.
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('/');
  await expect(palette(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();
  // Typing "/" in a text field types it.
  await page.goto('/workloads');
  await page.getByTestId('filter').click();
  await page.keyboard.type('a/b');
  await expect(page.getByTestId('filter')).toHaveValue('a/b');
  await expect(palette(page)).toBeHidden();
});

test('the global search finds by label, by image, secrets by key, and caps with totals', async ({ page }) => {
  await page.goto('/workloads');
  // Ctrl-K before the page has hydrated goes nowhere: wait for it, as the first test does.
  await expect(page.getByTestId('synced')).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeVisible();
  await page.keyboard.type('app=web');
  // Everything labelled (or tagged) app.kubernetes.io/name=web: the two workloads first, then their pods, tasks…
  for (const platform of ['Kubernetes', 'ECS']) {
    await expect(page.getByRole('group', { name: `Workloads · ${platform}` }).getByRole('option')).toHaveText([new RegExp(`^(K8s|ECS)web`)]);
  }
  await expect(page.getByRole('group').first()).toHaveAttribute('aria-label', 'Workloads · Kubernetes');
  await expect(page.getByTestId('search-status')).toHaveText(/^\d+ matches$/);
  // Nothing else named api shows up under that label.
  await expect(page.getByRole('option').filter({ hasText: /^(K8s|ECS)api/ })).toHaveCount(0);
  await input(page).fill('password');
  await expect(page.getByRole('group', { name: /^Secrets · / }).first()).toBeVisible();
  await expect(page.getByRole('option', { name: /shop-db/ })).toContainText('key password');
  await input(page).fill('postgres:16');
  await expect(page.getByRole('option').first()).toContainText('image postgres:16');
  // A pod's hit lands on its own page.
  await input(page).fill('web');
  await expect(page.getByTestId('search-status')).toHaveText(/^\d+ matches/); // the answer to "web", not the last one
  const pod = page.getByRole('group', { name: 'Instances · Kubernetes' }).getByRole('option').first();
  await expect(pod).toContainText('web-');
  const podName = (await pod.locator('span.font-medium').innerText()).trim();
  await pod.click();
  await expect(page).toHaveURL(/\/resources\/view\?id=/);
  await expect(page.getByTestId('object-name')).toHaveText(podName);
});

test('the workloads table groups by pair and its filter understands app=web and platform:ecs', async ({ page }) => {
  await page.goto('/workloads');
  const rows = page.getByTestId('workloads-table').getByTestId('row');
  await expect(rows.first()).toBeVisible();
  await page.getByTestId('group-by-pair').check();
  await expect(page).toHaveURL(/sort=pair/);
  await expect(page.getByRole('columnheader', { name: /Pair/ })).toBeVisible();
  // Each pair's two sides are next to each other: Kubernetes, then ECS, with the same key.
  await expect(rows.first().getByTestId('pair-key')).not.toHaveText('only here');
  const keys = await rows.getByTestId('pair-key').allInnerTexts();
  const platforms = await rows.locator('td:nth-child(2)').allInnerTexts();
  const web = keys.findIndex((k) => k.includes('web'));
  expect(web).toBeGreaterThanOrEqual(0);
  expect(keys[web + 1]).toBe(keys[web]);
  expect([platforms[web], platforms[web + 1]]).toEqual(['K8s', 'ECS']);

  await page.getByTestId('filter').fill('app=web');
  await expect(rows).toHaveCount(2);
  await page.getByTestId('filter').fill('app=web platform:ecs');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('ECS');
  await expect(page).toHaveURL(/q=app%3Dweb\+platform%3Aecs|q=app%3Dweb%20platform%3Aecs/);
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('group-by-pair')).toBeChecked();
});

test('pins survive a reload and show first on the overview and the workloads page', async ({ page }) => {
  await page.goto('/workloads?q=api');
  const row = page.getByTestId('workloads-table').getByTestId('row').filter({ hasText: 'K8s' }).first();
  await row.getByRole('button', { name: /^Pin workload api/ }).click();
  await expect(row.getByRole('button', { name: /^Unpin workload api/ })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('/sources');
  await page.getByRole('button', { name: /^Pin source / }).first().click();
  await page.reload();
  await page.goto('/');
  const pinned = page.getByTestId('pinned');
  await expect(pinned.getByRole('link')).toHaveCount(2);
  await expect(pinned).toContainText('api');
  await page.goto('/workloads');
  await expect(page.getByTestId('pinned').getByRole('link')).toHaveText(['api']);
  // Pinned items are the palette's options before anything is typed.
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('group', { name: 'Pinned' }).getByRole('option')).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('workload-name')).toHaveText('api');
  // Unpin from the workload's page.
  await page.getByRole('button', { name: /^Unpin workload api/ }).click();
  await page.reload();
  await page.goto('/workloads');
  await expect(page.getByTestId('pinned')).toHaveCount(0);
  await page.evaluate(() => localStorage.clear());
});

for (const width of [390, 1024, 1440]) {
  for (const dark of [false, true]) {
    test(`palette screenshot ${width} px ${dark ? 'dark' : 'light'}`, async ({ page }) => {
      await shotAt(page, '/workloads', `search-palette-${width}-${dark ? 'dark' : 'light'}`, {
        width, dark,
        ready: async (p) => {
          await expect(p.getByTestId('workloads-table').getByTestId('row').first()).toBeVisible();
          if (width < 640) await p.getByTestId('search-open').click();
          else await p.keyboard.press('Control+k');
          await p.getByRole('combobox').fill('web');
          await expect(p.getByRole('option').first()).toContainText('web');
          await p.keyboard.press('ArrowDown');
        },
      });
    });
  }
}
