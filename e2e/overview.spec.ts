import { expect, test } from '@playwright/test';
import { shot, waitForSources } from './helpers';

test.beforeEach(async ({ page }) => {
  await waitForSources(page);
});

test('overview shows both platforms side by side and the charts render', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  const matrix = page.getByTestId('concept-matrix');
  await expect(matrix.locator('[data-testid=matrix-column][data-platform=kubernetes]')).toBeVisible();
  await expect(matrix.locator('[data-testid=matrix-column][data-platform=ecs]')).toBeVisible();
  // Every concept row is there, and the demo covers everything: no "not covered" cell.
  for (const row of ['workloads', 'revisions', 'instances', 'endpoints', 'config / secrets', 'volumes', 'autoscaling', 'nodes']) {
    await expect(matrix.getByRole('rowheader', { name: row, exact: true })).toBeVisible();
  }
  await expect(matrix.getByTestId('not-covered')).toHaveCount(0);
  const workloadsRow = matrix.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'workloads', exact: true }) });
  await expect(workloadsRow.getByTestId('matrix-count')).toHaveText([/^[1-9]\d*$/, /^[1-9]\d*$/]);
  // Health cards, one per source.
  await expect(page.getByTestId('health-card')).toHaveCount(2);
  // Charts: recharts draws SVG with bars.
  for (const id of ['chart-desired-ready', 'chart-instances', 'chart-cpu', 'chart-memory']) {
    await expect(page.getByTestId(id).locator('svg.recharts-surface').first()).toBeVisible();
    await expect(page.getByTestId(id).locator('.recharts-bar-rectangle').first()).toBeAttached();
  }
  // Source chips with freshness in the top bar.
  await expect(page.getByTestId('source-chip').filter({ hasText: 'watching' })).toBeVisible();
  await expect(page.getByTestId('source-chip').filter({ hasText: /polled every/ })).toBeVisible();
  await shot(page, 'overview');

  // A cell leads to the filtered table.
  await workloadsRow.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/workloads\?source=k8s/);
  await expect(page.getByTestId('workloads-table').getByTestId('row').first()).toBeVisible();
});

test('overview in dark mode', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByTestId('chart-desired-ready').locator('svg.recharts-surface').first()).toBeVisible();
  await shot(page, 'overview-dark');
  // The toggle: auto (dark here) -> light -> dark, remembered across reloads.
  const toggle = page.getByRole('button', { name: /^Theme:/ });
  await toggle.click();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await page.getByRole('button', { name: /^Theme:/ }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await context.close();
});
