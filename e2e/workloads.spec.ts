import { expect, test } from '@playwright/test';
import { shot, waitForSources } from './helpers';

test.beforeEach(async ({ page }) => {
  await waitForSources(page);
});

test('the filter narrows the workloads table and the URL keeps it', async ({ page }) => {
  await page.goto('/workloads');
  const rows = page.getByTestId('workloads-table').getByTestId('row');
  await expect(rows.first()).toBeVisible();
  const all = await rows.count();
  expect(all).toBeGreaterThanOrEqual(4);
  // Both platforms are listed, each with its text badge.
  await expect(rows.filter({ hasText: 'K8s' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'ECS' }).first()).toBeVisible();
  await shot(page, 'workloads');

  // ("/" opens the global search now: e2e/search.spec.ts.)
  await page.getByTestId('filter').click();
  await page.keyboard.type('worker');
  await expect(page).toHaveURL(/[?&]q=worker/);
  await expect(rows).toHaveCount(2);
  for (const text of await rows.allInnerTexts()) expect(text).toContain('worker');
  await expect(page.getByTestId('row-count')).toHaveText(`2 of ${all} workloads`);

  // A facet narrows further and lands in the URL too.
  await page.getByTestId('facet-platform').getByLabel('ECS').check();
  await expect(page).toHaveURL(/platform=ecs/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('ECS');

  // Reload: the view comes back from the URL.
  await page.reload();
  await expect(page.getByTestId('filter')).toHaveValue('worker');
  await expect(page.getByTestId('facet-platform').getByLabel('ECS')).toBeChecked();
  await expect(rows).toHaveCount(1);
  await shot(page, 'workloads-filtered');

  // Nothing matches: an empty state, not an empty box.
  await page.getByTestId('filter').fill('no-such-workload-xyz');
  await expect(page.getByText('No workloads match')).toBeVisible();
});

test('sorting is kept in the URL and rows open with the keyboard', async ({ page }) => {
  await page.goto('/workloads?sort=-name');
  const names = page.getByTestId('workloads-table').getByTestId('row').locator('td:nth-child(4)');
  await expect(names.first()).toBeVisible();
  const list = await names.allInnerTexts();
  expect(list).toEqual([...list].sort((a, b) => b.localeCompare(a)));
  // Header clicks cycle the sort (descending -> none -> ascending), in the URL each time.
  const header = page.getByRole('columnheader', { name: /Name/ });
  await header.getByRole('button').click();
  await expect(page).not.toHaveURL(/sort=/);
  await header.getByRole('button').click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const asc = await names.allInnerTexts();
  expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b)));
  // Tab to the first name link and open it with Enter.
  const first = page.getByTestId('workloads-table').getByRole('link').first();
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workloads\/view\?id=/);
  await expect(page.getByTestId('workload-name')).toBeVisible();
});

test('nodes and sources pages list both platforms', async ({ page }) => {
  await page.goto('/nodes');
  const rows = page.getByTestId('nodes-table').getByTestId('row');
  await expect(rows.filter({ hasText: 'K8s' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'ECS' }).first()).toBeVisible();
  await shot(page, 'nodes');

  await page.goto('/sources');
  await expect(page.getByTestId('source-card')).toHaveCount(2);
  await expect(page.getByText('context', { exact: true })).toBeVisible();
  await expect(page.getByText('region', { exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: /Coverage of/ }).first()).toContainText('pods');
  await shot(page, 'sources');

  await page.goto('/resources?kind=instances');
  await expect(page.getByTestId('resources-table').getByTestId('row').first()).toBeVisible();
  await shot(page, 'resources-instances');
});
