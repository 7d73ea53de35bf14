import { expect, test } from '@playwright/test';
import type { Instance } from '../lib/model';
import { tableResponse } from '../lib/server/table';
import { ECS, K8S, sampleInstance, sampleSnapshot } from '../lib/testing/sample-snapshot';
import { demoAppsApi, shot, waitForSources } from './helpers';

// Tables served by the server (GET /api/table): the page asks for the window it shows. The 50,000
// pods are answered by the test (page.route) with the server's own handler over a sample snapshot,
// so what is checked is the page's behaviour: row-shaped windows, scrolling, filter, sort.

const N = 50_000;

function bigSnapshot() {
  const snap = sampleSnapshot();
  const states: Instance['state'][] = ['running', 'pending', 'running', 'failed'];
  snap.instances = Array.from({ length: N }, (_, i) => {
    const name = `pod-${String(i).padStart(5, '0')}`;
    const ecs = i % 4 === 0;
    return sampleInstance({
      id: `${ecs ? ECS.id : K8S.id}/ns-${i % 25}/${name}`, platform: ecs ? 'ecs' : 'kubernetes', source: ecs ? ECS.id : K8S.id,
      name, groupName: `ns-${i % 25}`, state: states[i % 4], nodeName: `node-${i % 40}`, labels: { app: `app-${i % 100}` },
    });
  });
  return snap;
}

test('50,000 instances: the page downloads windows, scrolls to the end, filters and sorts on the server', async ({ page }) => {
  const snap = bigSnapshot();
  const reader = { snapshot: () => snap, version: 1 };
  const asked: URL[] = [];
  const sizes: number[] = [];
  await page.route('**/api/table?*', async (route) => {
    const url = new URL(route.request().url());
    asked.push(url);
    const res = tableResponse(reader, url.toString());
    const body = await res.text();
    sizes.push(body.length);
    await route.fulfill({ status: res.status, headers: { 'content-type': 'application/json' }, body });
  });
  await page.route('**/api/sources', (route) => route.fulfill({ json: { sources: snap.sources } }));

  await page.goto('/resources?kind=instances');
  await expect(page.getByTestId('row-count')).toHaveText('50,000 instances');
  const table = page.getByTestId('resources-table');
  const rows = table.getByTestId('row');
  await expect(rows.first()).toContainText('pod-00000');
  expect(await rows.count()).toBeLessThan(120);
  // Windows of at most 200 rows, never the collection.
  expect(asked.every((u) => Number(u.searchParams.get('limit')) <= 200)).toBe(true);
  expect(Math.max(...sizes)).toBeLessThan(200_000);

  // The end of the table: its page is asked for when scrolled to (placeholders meanwhile), the height kept from the total.
  await table.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(rows.last()).toContainText('pod-49999');
  expect(asked.some((u) => Number(u.searchParams.get('offset')) >= N - 200)).toBe(true);
  await expect(table.getByTestId('row-placeholder')).toHaveCount(0);

  // The filter: typed text shows at once, the server answers the rows, the URL follows.
  await table.evaluate((el) => { el.scrollTop = 0; });
  await page.getByTestId('filter').fill('pod-0424');
  await expect(page.getByTestId('filter')).toHaveValue('pod-0424');
  await expect(page.getByTestId('row-count')).toHaveText('10 of 50,000 instances');
  await expect(rows).toHaveCount(10);
  await expect(page).toHaveURL(/q=pod-0424/);
  // Query language: a label and a platform.
  await page.getByTestId('filter').fill('app=app-7 platform:ecs');
  await expect(page.getByTestId('row-count')).toHaveText('0 of 50,000 instances'); // app-7 pods are i%4==3: Kubernetes
  await page.getByTestId('filter').fill('app=app-7 platform:k8s');
  await expect(page.getByTestId('row-count')).toHaveText('500 of 50,000 instances');
  // Facet counts come from the server, given the filter.
  await expect(page.getByTestId('facet-platform')).toContainText(/Kubernetes\s*500/);

  // Sorting by a column is the server's: the first rows of the whole filtered set, descending.
  await page.getByTestId('filter').fill('');
  await expect(page.getByTestId('row-count')).toHaveText('50,000 instances');
  await table.getByRole('button', { name: 'Name' }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(rows.first()).toContainText('pod-00000');
  await table.getByRole('button', { name: 'Name' }).click();
  await expect(page).toHaveURL(/sort=-name/);
  await expect(rows.first()).toContainText('pod-49999');
  await shot(page, 'tables-50k-instances');
});

// The real server: a pod the cluster adds shows on an open instances page without a reload.
test('new pods show on an open instances page', async ({ page }) => {
  await waitForSources(page);
  const { apps } = await demoAppsApi();
  const scale = await apps.readNamespacedDeploymentScale({ name: 'api', namespace: 'shop' });
  const before = scale.spec?.replicas ?? 0;
  await page.goto('/resources?kind=instances&platform=kubernetes&q=api-');
  const rows = page.getByTestId('resources-table').getByTestId('row');
  await expect(rows).toHaveCount(before);
  await page.evaluate(() => { (window as unknown as { __marker: number }).__marker = 1; });
  try {
    await apps.replaceNamespacedDeploymentScale({ name: 'api', namespace: 'shop', body: { metadata: { name: 'api', namespace: 'shop' }, spec: { replicas: before + 1 } } });
    await expect(rows).toHaveCount(before + 1, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
  } finally {
    await apps.replaceNamespacedDeploymentScale({ name: 'api', namespace: 'shop', body: { metadata: { name: 'api', namespace: 'shop' }, spec: { replicas: before } } });
  }
  await expect(rows).toHaveCount(before, { timeout: 20_000 });
});
