import { expect, test } from '@playwright/test';
import { demoAppsApi, shot, waitForSources } from './helpers';

// Scales a Deployment through the real Kubernetes API (the demo's simulator, with
// @kubernetes/client-node) while the page is open: the new count must show without a reload.
test('scaling a deployment updates the open page within 2 seconds', async ({ page }) => {
  await waitForSources(page);
  const { apps } = await demoAppsApi();
  const scale = await apps.readNamespacedDeploymentScale({ name: 'api', namespace: 'shop' });
  const before = scale.spec?.replicas ?? 0;
  const after = before + 2;

  await page.goto('/workloads?platform=kubernetes&q=api');
  const row = page.getByTestId('workloads-table').getByTestId('row').filter({ hasText: 'api' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('ready-count')).toHaveText(`${before}/${before}`);
  // A marker that a reload would wipe.
  await page.evaluate(() => { (window as unknown as { __parallaxMarker: number }).__parallaxMarker = 42; });

  try {
    const t0 = Date.now();
    // No resourceVersion in the body: the controller keeps writing the Deployment's status, and
    // a stale precondition would be a 409 (kubectl scale sends no precondition either).
    await apps.replaceNamespacedDeploymentScale({ name: 'api', namespace: 'shop', body: { metadata: { name: 'api', namespace: 'shop' }, spec: { replicas: after } } });
    // Desired changes first (the watch pushes the Deployment), then ready follows as pods start.
    // The product promise: a Kubernetes change reaches an open page within 2 seconds.
    await expect(row.getByTestId('ready-count')).toHaveText(new RegExp(`^\\d+/${after}$`), { timeout: 2_000 });
    const seenMs = Date.now() - t0;
    console.log(`desired ${before} -> ${after} shown after ${seenMs} ms`);
    await expect(row.getByTestId('ready-count')).toHaveText(`${after}/${after}`, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { __parallaxMarker?: number }).__parallaxMarker)).toBe(42);
    await shot(page, 'live-scaled');
  } finally {
    await apps.replaceNamespacedDeploymentScale({ name: 'api', namespace: 'shop', body: { metadata: { name: 'api', namespace: 'shop' }, spec: { replicas: before } } });
  }
  await expect(row.getByTestId('ready-count')).toHaveText(new RegExp(`/${before}$`), { timeout: 10_000 });
});
