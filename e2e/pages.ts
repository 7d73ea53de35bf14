// Every page of the app, with real ids from the running demo: for the fit checks (e2e/fit.spec.ts)
// and the screenshots (e2e/screens.spec.ts).
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const RESOURCE_KINDS = ['instances', 'revisions', 'endpoints', 'configs', 'secrets', 'volumes', 'autoscalers', 'events'];

const q = encodeURIComponent;

export async function everyPage(request: APIRequestContext): Promise<{ name: string; url: string }[]> {
  const byPlatform = <T extends { id: string; platform: string; name: string }>(list: T[], platform: string, name?: string) =>
    list.find((o) => o.platform === platform && (!name || o.name === name))!;
  // Sources report "up" before the demo's ECS tasks have started: wait until every object used below exists.
  let snap: Record<'workloads' | 'instances' | 'secrets' | 'nodes', { id: string; platform: string; name: string }[]> = { workloads: [], instances: [], secrets: [], nodes: [] };
  await expect.poll(async () => {
    snap = await (await request.get('/api/snapshot?collections=workloads,instances,secrets,nodes')).json();
    return ['kubernetes', 'ecs'].every((p) => byPlatform(snap.instances, p) && byPlatform(snap.nodes, p) && byPlatform(snap.workloads, p, 'web'))
      && !!byPlatform(snap.secrets, 'kubernetes', 'shop-db');
  }, { timeout: 30_000 }).toBe(true);
  const drift = await (await request.get('/api/drift')).json();
  const k8sWeb = byPlatform(snap.workloads, 'kubernetes', 'web');
  const ecsWeb = byPlatform(snap.workloads, 'ecs', 'web');
  return [
    { name: 'overview', url: '/' },
    { name: 'workloads', url: '/workloads' },
    { name: 'workload-k8s', url: `/workloads/view?id=${q(k8sWeb.id)}` },
    { name: 'workload-ecs', url: `/workloads/view?id=${q(ecsWeb.id)}` },
    { name: 'workload-ecs-raw', url: `/workloads/view?id=${q(ecsWeb.id)}&tab=raw` },
    ...RESOURCE_KINDS.map((k) => ({ name: `resources-${k}`, url: `/resources?kind=${k}` })),
    { name: 'object-k8s-pod', url: `/resources/view?id=${q(byPlatform(snap.instances, 'kubernetes').id)}` },
    { name: 'object-k8s-secret-raw', url: `/resources/view?id=${q(byPlatform(snap.secrets, 'kubernetes', 'shop-db').id)}&tab=raw` },
    { name: 'object-ecs-task-raw', url: `/resources/view?id=${q(byPlatform(snap.instances, 'ecs').id)}&tab=raw` },
    { name: 'object-k8s-node', url: `/resources/view?id=${q(byPlatform(snap.nodes, 'kubernetes').id)}` },
    { name: 'object-ecs-node', url: `/resources/view?id=${q(byPlatform(snap.nodes, 'ecs').id)}` },
    { name: 'nodes', url: '/nodes' },
    { name: 'drift', url: '/drift' },
    { name: 'drift-pair', url: `/drift/pair?id=${q(drift.pairs[0].id)}` },
    { name: 'sources', url: '/sources' },
    { name: 'login', url: '/login' },
  ];
}

/** The page's heading is on screen and nothing is loading any more. */
export async function pageReady(page: Page): Promise<void> {
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('main [role=status][aria-label^=Loading], main [role=status][aria-label^=Reading]')).toHaveCount(0);
}
