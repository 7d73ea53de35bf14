import { expect, test, type Page } from '@playwright/test';
import { ECS, K8S, sampleSnapshot, sampleWorkload } from '../lib/testing/sample-snapshot';
import { computeDrift } from '../lib/drift';
import type { Snapshot } from '../lib/model';
import { driftPagePayload, driftPairPayload, driftSummaryPayload, pairHref, type DriftConfigStatus } from '../lib/views/drift';
import { shot } from './helpers';

// Drift states the demo does not produce on its own, with the drift API answered by the test from
// the same pure functions the server runs: no source, one source, a first sync, no drift, a broken
// parallax.yaml, and a failing endpoint (an error that says why, never a blank page).

const CONFIG: DriftConfigStatus = { errors: [], ignoreRules: 0, pairRules: 0, pairingLabel: 'app.kubernetes.io/name' };

async function answer(page: Page, snap: Snapshot, config = CONFIG) {
  const report = computeDrift(snap);
  await page.route('**/api/drift', (route) => route.fulfill({ json: driftPagePayload(report, config) }));
  await page.route('**/api/drift/summary*', (route) => route.fulfill({ json: driftSummaryPayload(report, config.errors.length) }));
  const workloads = new Map(snap.workloads.map((w) => [w.id, w]));
  await page.route('**/api/drift/pair?*', (route) => {
    const payload = driftPairPayload(report, workloads, new URL(route.request().url()).searchParams.get('id') ?? '', config);
    return payload ? route.fulfill({ json: payload }) : route.fulfill({ status: 404, json: { error: 'no pair' } });
  });
  await page.route('**/api/sources', (route) => route.fulfill({ json: { sources: snap.sources } }));
}

test('no sources, one source: says why there is nothing to compare', async ({ page }) => {
  await answer(page, { ...sampleSnapshot(), sources: [], workloads: [] });
  await page.goto('/drift');
  await expect(page.getByTestId('drift-headline')).toHaveAttribute('data-state', 'no-sources');
  await expect(page.getByText('No sources', { exact: true })).toBeVisible();

  await page.unrouteAll();
  const s = sampleSnapshot();
  await answer(page, { ...s, sources: [K8S], workloads: s.workloads.filter((w) => w.source === K8S.id) });
  await page.goto('/drift');
  await expect(page.getByTestId('drift-headline')).toHaveText('One source only (Kubernetes kind-demo): drift needs two.');
  await expect(page.getByText('One source only: drift needs two')).toBeVisible();
  await shot(page, 'drift-state-one-source');
});

test('first sync running: the page says which source, and compares nothing yet', async ({ page }) => {
  const s = sampleSnapshot();
  s.sources = [K8S, { ...ECS, status: 'syncing', lastSyncAt: undefined }];
  await answer(page, s);
  await page.goto('/drift');
  await expect(page.getByTestId('drift-headline')).toHaveText('First sync running (ECS demo/us-east-1): 1 pair found, none could be compared yet.');
  await expect(page.getByTestId('drift-source-not-compared')).toHaveText('⊘ Not compared: ECS demo/us-east-1: first sync still running');
  await expect(page.getByTestId('stat-pairs-value')).toHaveText('0');
  await expect(page.getByTestId('pair')).toContainText('not compared');
  await shot(page, 'drift-state-first-sync');
});

test('no drift: N pairs compared, all equal in intent', async ({ page }) => {
  const s = sampleSnapshot();
  s.workloads = s.workloads.map((w) => ({ ...w, desired: 2 }));
  await answer(page, s);
  await page.goto('/drift');
  await expect(page.getByTestId('drift-headline')).toHaveText('No drift: 1 pair compared, all equal in intent.');
  await expect(page.getByTestId('finding')).toHaveCount(0);
  await expect(page.getByTestId('only-on-item')).toContainText('not found on ECS demo/us-east-1');
  await page.goto('/');
  await expect(page.getByTestId('drift-card-text')).toHaveText('No drift: 1 pair compared, all equal in intent.');
});

test('ambiguous and only-on-one-side workloads: candidates, and the parallax.yaml snippet to copy', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const s = sampleSnapshot();
  const api = (source: typeof K8S, group: string) => sampleWorkload({
    id: `${source.platform === 'ecs' ? 'ecs/demo/us-east-1' : 'k8s/kind-demo'}/${group}/${source.platform === 'ecs' ? 'service' : 'Deployment'}/api`,
    platform: source.platform, source: source.id, name: 'api', groupName: group, labels: { 'app.kubernetes.io/name': 'api' },
  });
  s.workloads.push(api(ECS, 'blue'), api(ECS, 'green'), api(K8S, 'payments'));
  await answer(page, s);
  await page.goto('/drift');
  // The Kubernetes api of namespace payments could be either ECS api; each ECS api lists it back.
  await expect(page.getByTestId('ambiguous-item')).toHaveCount(3);
  const item = page.getByTestId('ambiguous-item').first();
  await expect(item.getByTestId('side').first()).toContainText('payments/Deployment/api');
  await expect(item).toContainText('has 2 candidates');
  const snippet = item.getByTestId('how-to-pair');
  await expect(snippet).toContainText('pairs:\n  - workloads:');
  await snippet.getByTestId('copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^pairs:\n {2}- workloads:\n/);
  await expect(page.getByTestId('only-on-item')).toContainText('not found on ECS demo/us-east-1');
  await shot(page, 'drift-state-ambiguous');
});

test('not compared: listed by reason on the page and in the pair view, never as drift or equal', async ({ page }) => {
  const s = sampleSnapshot();
  // The ECS side references its password in Secrets Manager, and its value was not read: no hash.
  const ecsWeb = s.workloads.find((w) => w.source === ECS.id)!;
  const ref = { arn: 'arn:aws:secretsmanager:us-east-1:1:secret:shop/db-Ab12Cd', name: 'shop/db-Ab12Cd' };
  for (const c of ecsWeb.template.containers) {
    for (const list of [c.env, c.effectiveEnv]) list.forEach((e, i) => { if (e.from === 'secret') list[i] = { name: e.name, from: 'secret', ref }; });
  }
  await answer(page, s);
  await page.goto('/drift');
  await expect(page.getByTestId('not-compared-reason')).toContainText('secret values not read');
  await expect(page.getByTestId('not-compared-item')).toHaveText(['web web · env.DB_PASSWORD']);
  await expect(page.getByTestId('stat-not-compared-value')).toHaveText('1');
  await page.goto(pairHref(`${s.workloads[0].id}|${ecsWeb.id}`));
  const row = page.locator('[data-testid=pair-row][data-status=not-compared]');
  await expect(row).toHaveAttribute('data-field', 'env.DB_PASSWORD');
  await expect(row.getByTestId('not-compared-reason')).toContainText('secret values not read');
  await expect(row).toContainText('Secrets Manager');
});

test('parallax.yaml errors are listed at file:line:col', async ({ page }) => {
  await answer(page, sampleSnapshot(), { ...CONFIG, file: '/srv/parallax.yaml', errors: [{ file: '/srv/parallax.yaml', line: 4, column: 7, at: 'pairs[0].workloads', message: 'expected a workload id', text: '/srv/parallax.yaml:4:7: pairs[0].workloads: expected a workload id' }] });
  await page.goto('/drift');
  await expect(page.getByTestId('config-errors')).toContainText('/srv/parallax.yaml has an error');
  await expect(page.getByTestId('config-error')).toHaveText('/srv/parallax.yaml:4:7: pairs[0].workloads: expected a workload id');
});

test('a failing drift endpoint shows its reason', async ({ page }) => {
  await page.route('**/api/drift', (route) => route.fulfill({ status: 500, json: { error: 'drift could not be computed: boom' } }));
  await page.goto('/drift');
  await expect(page.locator('main').getByRole('alert')).toContainText('drift could not be computed: boom', { timeout: 10_000 });
});

test('a pair that is gone says so, with the way back', async ({ page }) => {
  await answer(page, sampleSnapshot());
  await page.goto(pairHref('k8s/kind-demo/shop/Deployment/nope|ecs/demo/us-east-1/shop-cluster/service/nope'));
  await expect(page.getByText('Pair not found')).toBeVisible();
  await page.getByRole('link', { name: 'All pairs' }).click();
  await expect(page).toHaveURL(/\/drift$/);
  await page.goto('/drift/pair');
  await expect(page.getByText('No pair selected')).toBeVisible();
});
