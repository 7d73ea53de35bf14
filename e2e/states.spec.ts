import { expect, test } from '@playwright/test';
import { ECS, K8S, sampleSnapshot, sampleWorkload } from '../lib/testing/sample-snapshot';
import { overviewPayload } from '../lib/views/overview';
import { tableResponse } from '../lib/server/table';
import { shot } from './helpers';

// UI states that the demo does not produce on its own, with the API answered by the test
// (page.route): 10,000 workloads, a first sync in progress, a kind that is forbidden. The overview
// is answered with what the server would compute from the same snapshot (the same pure function).

test('10,000 workloads: rows are virtualized and the last one is reachable', async ({ page }) => {
  const snap = sampleSnapshot();
  snap.workloads = Array.from({ length: 10_000 }, (_, i) => sampleWorkload({
    id: `k8s/kind-demo/ns-${i % 50}/Deployment/app-${String(i).padStart(5, '0')}`,
    platform: i % 3 === 0 ? 'ecs' : 'kubernetes', source: i % 3 === 0 ? ECS.id : K8S.id,
    name: `app-${String(i).padStart(5, '0')}`, groupName: `ns-${i % 50}`,
  }));
  await page.route('**/api/snapshot?*', (route) => route.fulfill({ json: snap }));
  // The table's windows, answered by the server's own handler over this snapshot.
  await page.route('**/api/table?*', async (route) => route.fulfill({ status: 200, headers: { 'content-type': 'application/json' }, body: await tableResponse({ snapshot: () => snap, version: 1 }, route.request().url()).text() }));
  await page.route('**/api/overview', (route) => route.fulfill({ json: overviewPayload(snap) }));
  await page.route('**/api/sources', (route) => route.fulfill({ json: { sources: snap.sources } }));
  await page.goto('/workloads?sort=name');
  await expect(page.getByTestId('row-count')).toHaveText('10,000 workloads');
  const rows = page.getByTestId('workloads-table').getByTestId('row');
  await expect(rows.first()).toContainText('app-00000');
  expect(await rows.count()).toBeLessThan(120);
  // Scroll the table to the end: the last row is rendered, the first is not any more.
  await page.getByTestId('workloads-table').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(rows.last()).toContainText('app-09999');
  expect(await rows.count()).toBeLessThan(120);
  // Filtering 10,000 rows: the right rows (how fast is for `npm run bench`, not a test on a shared machine).
  await page.getByTestId('filter').fill('app-0424');
  await expect(page.getByTestId('row-count')).toHaveText('10 of 10,000 workloads');
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText('app-04240');
  await shot(page, 'states-10k-workloads');
  // The overview draws a capped chart and says so.
  await page.goto('/');
  await expect(page.getByTestId('chart-capped')).toHaveText('The 20 largest (by desired) of 10,000 workloads.');
});

test('first sync shows progress; a forbidden kind is "not covered", never 0', async ({ page }) => {
  const snap = sampleSnapshot();
  const k8s = { ...K8S, status: 'degraded' as const, reason: 'not covered: pods', coverage: [
    { kind: 'pods', collections: ['instances'], state: 'forbidden' as const, count: 0, message: 'pods is forbidden: User "viewer" cannot list resource "pods"' },
    { kind: 'deployments', collections: ['workloads'], state: 'ok' as const, count: 2 },
  ] };
  const ecs = { ...ECS, status: 'syncing' as const, lastSyncAt: undefined, progress: { done: 3, total: 7, objects: 4210 } };
  snap.sources = [k8s, ecs];
  snap.instances = snap.instances.filter((i) => i.source !== K8S.id);
  await page.route('**/api/snapshot?*', (route) => route.fulfill({ json: snap }));
  await page.route('**/api/overview', (route) => route.fulfill({ json: overviewPayload(snap) }));
  await page.route('**/api/sources', (route) => route.fulfill({ json: { sources: snap.sources } }));
  await page.goto('/');
  await expect(page.getByTestId('sync-progress')).toContainText('1 of 2 sources, 4,212 objects') // 4,210 syncing + 2 read;
  await expect(page.getByTestId('source-banner').filter({ hasText: 'degraded' })).toContainText('pods');
  const instancesRow = page.getByTestId('concept-matrix').getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'instances', exact: true }) });
  await expect(instancesRow.getByTestId('not-covered')).toHaveCount(1);
  await expect(instancesRow).not.toContainText(/^instances\s*0\b/);
  await shot(page, 'states-sync-and-forbidden');
});

test('a stale kind shows when it was last confirmed; a slow request shows what the source waits for', async ({ page }) => {
  const snap = sampleSnapshot();
  const now = Date.now();
  const k8s = {
    ...K8S, status: 'degraded' as const, reason: 'stale (watch silent past the bookmark interval), relisting: pods',
    coverage: [
      { kind: 'pods', collections: ['instances'], state: 'ok' as const, count: 2, confirmedAt: new Date(now - 180_000).toISOString(), stale: true },
      { kind: 'deployments', collections: ['workloads'], state: 'ok' as const, count: 2, confirmedAt: new Date(now - 5_000).toISOString() },
    ],
    waiting: [{ operation: 'list pods', since: new Date(now - 45_000).toISOString() }],
  };
  snap.sources = [k8s, ECS];
  await page.route('**/api/snapshot?*', (route) => route.fulfill({ json: snap }));
  await page.route('**/api/overview', (route) => route.fulfill({ json: overviewPayload(snap) }));
  await page.route('**/api/sources', (route) => route.fulfill({ json: { sources: snap.sources } }));
  await page.goto('/sources');
  const card = page.locator(`[data-testid="source-card"][data-source="${K8S.id}"]`);
  await expect(card.getByTestId('source-waiting')).toHaveText(/^list pods \(4\d s\)$/);
  const pods = card.getByRole('row').filter({ has: page.getByRole('cell', { name: 'pods', exact: true }) });
  await expect(pods).toContainText('stale');
  await expect(pods.getByTestId('coverage-confirmed')).toHaveText('last confirmed 3 min ago');
  await expect(page.getByTestId('stale-kinds')).toContainText('stale: pods (last confirmed 3 min ago)');
  await shot(page, 'states-stale-and-waiting');
});
