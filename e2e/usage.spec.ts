import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { SCREENSHOTS, shotAt, waitForSources } from './helpers';

// Live usage in the demo: the Kubernetes simulator serves metrics.k8s.io (sampled by the server),
// the ECS simulator CloudWatch's AWS/ECS utilization.

const q = encodeURIComponent;

async function ids(page: Page) {
  const snap = await (await page.request.get('/api/snapshot?collections=workloads,nodes')).json();
  const find = (list: { id: string; platform: string; name: string }[], platform: string, name?: string) => list.find((o) => o.platform === platform && (!name || o.name === name))!.id;
  return { k8sWeb: find(snap.workloads, 'kubernetes', 'web'), ecsWeb: find(snap.workloads, 'ecs', 'web'), k8sNode: find(snap.nodes, 'kubernetes'), ecsNode: find(snap.nodes, 'ecs') };
}

/** The usage section shows both bars with a value and both charts with a drawn series. */
async function usageShown(page: Page) {
  const panel = page.getByTestId('usage-panel');
  await expect(panel).toBeVisible();
  for (const r of ['cpu', 'memory']) {
    await expect(panel.getByTestId(`usage-bar-${r}`)).not.toContainText('no current value');
    // One sample draws a point, two or more a curve: either way the series is there.
    await expect(panel.getByTestId(`usage-chart-${r}`).locator('.recharts-area')).toHaveCount(1);
  }
}

test.beforeEach(async ({ page }) => {
  test.setTimeout(180_000);
  await waitForSources(page);
  // CloudWatch has a point a minute, for complete minutes since the service exists: a freshly
  // started demo has none for up to a minute (the page says so); wait for the first one.
  const { ecsWeb } = await ids(page);
  await expect.poll(async () => (await (await page.request.get(`/api/usage?id=${q(ecsWeb)}`)).json()).current !== undefined,
    { timeout: 150_000, intervals: [5_000], message: 'the demo ECS service never got a CloudWatch point' }).toBe(true);
});

test('a Kubernetes workload shows usage against its requests and limits, and the last hour', async ({ page }) => {
  const { k8sWeb } = await ids(page);
  await page.goto(`/workloads/view?id=${q(k8sWeb)}`);
  await usageShown(page);
  const cpu = page.getByTestId('usage-bar-cpu');
  await expect(cpu).toContainText(/\d+(\.\d)?m|cores/);
  await expect(cpu).toContainText('request');
  await expect(page.getByTestId('usage-bar-memory')).toContainText(/Mi|Gi/);
  await expect(page.getByTestId('usage-provenance')).toContainText(/metrics\.k8s\.io.*collecting since \d\d:\d\d/);
});

test('an ECS service shows utilization of its reservation, with absolute figures from the task size, and the last hour', async ({ page }) => {
  const { ecsWeb } = await ids(page);
  await page.goto(`/workloads/view?id=${q(ecsWeb)}`);
  await usageShown(page);
  await expect(page.getByTestId('usage-bar-cpu')).toContainText(/\d+%/);
  await expect(page.getByTestId('usage-bar-cpu')).toContainText('reservation');
  await expect(page.getByTestId('usage-provenance')).toContainText('CloudWatch');
});

test('node pages: a Kubernetes node against allocatable, an ECS container instance with its cluster\'s figure', async ({ page }) => {
  const { k8sNode, ecsNode } = await ids(page);
  await page.goto(`/resources/view?id=${q(k8sNode)}`);
  await usageShown(page);
  await expect(page.getByTestId('usage-bar-cpu')).toContainText('allocatable');
  await page.goto(`/resources/view?id=${q(ecsNode)}`);
  await usageShown(page);
  await expect(page.getByTestId('usage-note')).toContainText('no per-instance figure');
});

test('screenshots of usage, light and dark, phone and desktop', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const { k8sWeb, ecsWeb, k8sNode } = await ids(page);
  // The whole page, and the usage section on its own (what to look at).
  const ready = (name: string) => async (p: Page) => {
    await usageShown(p);
    await p.getByTestId('section-usage').screenshot({ path: path.join(SCREENSHOTS, `${name}-section.png`) });
  };
  for (const dark of [false, true]) {
    for (const width of [390, 1440]) {
      const suffix = `${dark ? 'dark' : 'light'}-${width}`;
      for (const [name, url] of [['k8s', `/workloads/view?id=${q(k8sWeb)}`], ['ecs', `/workloads/view?id=${q(ecsWeb)}`], ['node', `/resources/view?id=${q(k8sNode)}`]]) {
        await shotAt(page, `${baseURL}${url}`, `usage-${name}-${suffix}`, { width, dark, ready: ready(`usage-${name}-${suffix}`) });
      }
    }
  }
});
