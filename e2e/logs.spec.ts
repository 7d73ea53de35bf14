import { expect, test, type Page } from '@playwright/test';
import { shot, waitForSources } from './helpers';

test.beforeEach(async ({ page }) => {
  await waitForSources(page);
});

async function openPodLogs(page: Page) {
  await page.goto('/resources?kind=instances&platform=kubernetes&q=web');
  await page.getByTestId('resources-table').getByTestId('row').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/resources\/view\?id=/);
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page).toHaveURL(/tab=logs/);
  return page.getByTestId('logs-view');
}

test('a pod\'s Logs tab: lines, filter, timestamps, follow live', async ({ page }) => {
  const logs = await openPodLogs(page);
  const lines = logs.getByTestId('log-line');
  await expect(logs.getByTestId('log-status')).toContainText('lines read');
  const count = await lines.count();
  expect(count).toBeGreaterThan(0);
  await expect(logs.getByTestId('log-status')).toContainText(`${count} lines read`);
  // Filter: a word of the last line keeps it; nonsense keeps nothing.
  const word = ((await lines.last().textContent()) ?? '').split(/[^A-Za-z]+/).find((w) => w.length > 3)!;
  await logs.getByTestId('log-filter').fill(word);
  await expect(lines.first()).toContainText(new RegExp(word, 'i'));
  await logs.getByTestId('log-filter').fill('no-such-text-in-any-line-42');
  await expect(lines).toHaveCount(0);
  await logs.getByTestId('log-filter').fill('');
  await expect(lines).toHaveCount(count);
  // Timestamps are shown on demand (read anyway: they order a workload's pods).
  await expect(logs.getByTestId('log-time')).toHaveCount(0);
  await logs.getByTestId('log-timestamps').check();
  await expect(logs.getByTestId('log-time').first()).toHaveText(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  // Follow: the tail, then new lines as the pod writes them (the demo's pods write every second or two).
  await logs.getByTestId('log-follow').check();
  await expect(logs.getByTestId('log-status')).toContainText('Following');
  await expect(lines.first()).toBeVisible();
  const before = await lines.count();
  await expect.poll(() => lines.count(), { timeout: 10_000 }).toBeGreaterThan(before);
  await shot(page, 'logs-pod');
});

test('a workload\'s Logs tab interleaves its pods by time, each line marked with its pod', async ({ page }) => {
  await page.goto('/workloads?platform=kubernetes&q=web');
  await page.getByTestId('workloads-table').getByRole('link', { name: 'web', exact: true }).click();
  await page.getByRole('tab', { name: 'Logs' }).click();
  const logs = page.getByTestId('logs-view');
  await logs.getByTestId('log-timestamps').check();
  await expect(logs.getByTestId('log-status')).toContainText('lines read');
  const pods = new Set(await logs.getByTestId('log-pod').allTextContents());
  expect(pods.size).toBeGreaterThan(1);
  const times = await logs.getByTestId('log-time').allTextContents();
  expect(times.length).toBeGreaterThan(2);
  const ms = times.map((t) => Date.parse(t.trim()));
  expect([...ms].sort((a, b) => a - b)).toEqual(ms);
  await shot(page, 'logs-workload');
});

test('a log line holding markup is shown as text, never run', async ({ page }) => {
  const evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
  await page.route('**/api/logs?**', (route) => route.fulfill({
    status: 200, contentType: 'application/x-ndjson',
    body: `${JSON.stringify({ pod: 'web-1', t: '2026-01-01T00:00:00Z', line: evil })}\n`,
  }));
  const logs = await openPodLogs(page);
  await expect(logs.getByTestId('log-line')).toHaveText(evil);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(logs.locator('img, script')).toHaveCount(0);
});

test('an ECS task says its logs are not read yet, and where they go; the route answers JSON errors', async ({ page, request }) => {
  await page.goto('/resources?kind=instances&platform=ecs');
  await page.getByTestId('resources-table').getByTestId('row').first().getByRole('link').first().click();
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByTestId('logs-view')).toContainText('Logs for ECS tasks are not read yet');
  await expect(page.getByTestId('logs-view')).toContainText('logConfiguration');
  const unknown = await request.get('/api/logs?id=k8s%2Fnope');
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toMatch(/no object/);
});
