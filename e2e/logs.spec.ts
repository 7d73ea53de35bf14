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

/** An ECS task's id: of the service `service`, running. */
async function ecsTask(page: Page, service: string): Promise<string> {
  const snap = await (await page.request.get('/api/snapshot?collections=instances')).json();
  return snap.instances.find((i: { platform: string; state: string; workload?: string }) => i.platform === 'ecs' && i.state === 'running' && i.workload?.endsWith(`/service/${service}`)).id;
}

async function openEcsTaskLogs(page: Page) {
  await page.goto(`/resources/view?id=${encodeURIComponent(await ecsTask(page, 'web'))}`);
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page).toHaveURL(/tab=logs/);
  return page.getByTestId('logs-view');
}

test('an ECS task\'s Logs tab: its CloudWatch Logs lines, filter, timestamps; following shows a new line within 2 s of its writing', async ({ page }) => {
  const logs = await openEcsTaskLogs(page);
  const lines = logs.getByTestId('log-line');
  await expect(logs.getByTestId('log-status')).toContainText('lines read');
  expect(await lines.count()).toBeGreaterThan(0);
  // No "previous container" on ECS: a restarted task is a new task.
  await expect(logs.getByTestId('log-previous')).toHaveCount(0);
  await logs.getByTestId('log-timestamps').check();
  await expect(logs.getByTestId('log-time').first()).toHaveText(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
  await logs.getByTestId('log-follow').check();
  await expect(logs.getByTestId('log-status')).toContainText('Following');
  await expect(lines.first()).toBeVisible();
  // A line written from now on reaches the page only by following (the tail was read before): how
  // long after its own time (the simulator writes on the real clock) it shows.
  const latency = await page.evaluate(() => new Promise<number>((resolve) => {
    const box = document.querySelector('[data-testid=log-lines]')!;
    const start = Date.now();
    const obs = new MutationObserver(() => {
      const times = box.querySelectorAll('[data-testid=log-time]');
      const newest = Date.parse(times[times.length - 1]?.textContent?.trim() ?? '');
      if (!(newest > start)) return;
      obs.disconnect();
      resolve(Date.now() - newest);
    });
    obs.observe(box, { childList: true, subtree: true });
  }));
  expect(latency).toBeLessThan(2_000);
  await logs.getByTestId('log-filter').fill('no-such-text-in-any-line-42');
  await expect(lines).toHaveCount(0);
});

test('an ECS service\'s Logs tab interleaves its tasks; a container logging elsewhere says where', async ({ page }) => {
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/workloads?platform=ecs&q=web');
    await page.getByTestId('workloads-table').getByRole('link', { name: 'web', exact: true }).click();
    await page.getByRole('tab', { name: 'Logs' }).click();
    const logs = page.getByTestId('logs-view');
    await expect(logs.getByTestId('log-status')).toContainText('lines read');
    await expect(logs).toContainText('lines per task');
    const tasks = new Set(await logs.getByTestId('log-pod').allTextContents());
    expect(tasks.size).toBeGreaterThan(1);
    for (const t of tasks) expect(t.trim()).toMatch(/^[0-9a-f]{32}$/);
    await logs.getByTestId('log-timestamps').check();
    await shot(page, `logs-ecs-service-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/workloads?platform=ecs&q=db');
  await page.getByTestId('workloads-table').getByRole('link', { name: 'db', exact: true }).click();
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByTestId('log-elsewhere')).toHaveText('Not read here: container db sends its logs with the splunk driver to splunk-url=https://splunk.shop.internal:8088 splunk-index=shop; Parallax reads CloudWatch Logs (awslogs) only.');
  await expect(page.getByTestId('log-line')).toHaveCount(0);
  await shot(page, 'logs-ecs-elsewhere');
});

test('the logs route answers JSON errors, and 501 with where the log goes for an ECS container it does not read', async ({ page, request }) => {
  const unknown = await request.get('/api/logs?id=k8s%2Fnope');
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toMatch(/no object/);
  const res = await request.get(`/api/logs?id=${encodeURIComponent(await ecsTask(page, 'db'))}`);
  const body = await res.json();
  expect(res.status(), body.error).toBe(501);
  expect(body.error).toMatch(/^container db sends its logs with the splunk driver/);
});
