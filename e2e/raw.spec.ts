import { expect, test } from '@playwright/test';
import { SECRET_VALUE, waitForSources } from './helpers';

test.beforeEach(async ({ page }) => {
  await waitForSources(page);
});

test('a workload\'s Raw tab: its YAML from the cluster, the managedFields toggle, copy', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/workloads?platform=kubernetes&q=web');
  await page.getByTestId('workloads-table').getByRole('link', { name: 'web', exact: true }).click();
  await expect(page.getByTestId('workload-name')).toHaveText('web');
  await page.getByRole('tab', { name: 'Raw' }).click();
  await expect(page).toHaveURL(/tab=raw/);
  const raw = page.getByTestId('raw-view');
  await expect(raw.getByTestId('raw-code')).toContainText('kind: Deployment');
  await expect(raw).toContainText('GET /apis/apps/v1/namespaces/shop/deployments/web');
  // managedFields are left out unless asked for; asking reads the object again.
  await expect(raw.getByTestId('raw-code')).not.toContainText('managedFields');
  const again = page.waitForResponse((r) => r.url().includes('/api/raw?') && r.url().includes('managedFields=1'));
  await raw.getByTestId('managed-fields').check();
  expect((await again).status()).toBe(200);
  await raw.getByRole('button', { name: 'Copy YAML' }).click();
  await expect(raw.getByRole('button', { name: /Copied/ })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('kind: Deployment');
  // Back to the details.
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByTestId('section-containers')).toBeVisible();
});

test('a Secret\'s Raw tab shows its keys, never its values', async ({ page }) => {
  await page.goto('/resources?kind=secrets&platform=kubernetes');
  await page.getByTestId('resources-table').getByRole('link', { name: 'shop-db', exact: true }).click();
  await expect(page).toHaveURL(/\/resources\/view\?id=/);
  await expect(page.getByTestId('object-name')).toHaveText('shop-db');
  await page.getByRole('tab', { name: 'Raw' }).click();
  const code = page.getByTestId('raw-code');
  await expect(code).toContainText('kind: Secret');
  await expect(code).toContainText('password:');
  await expect(code).toContainText('value removed by Parallax');
  const html = await page.content();
  expect(html).not.toContain(SECRET_VALUE);
  expect(html).not.toContain(Buffer.from(SECRET_VALUE).toString('base64'));
});

test('an ECS task\'s Raw tab is the DescribeTasks JSON; an unknown id is a JSON 404', async ({ page, request }) => {
  await page.goto('/resources?kind=instances&platform=ecs');
  await page.getByTestId('resources-table').getByTestId('row').first().getByRole('link').first().click();
  await page.getByRole('tab', { name: 'Raw' }).click();
  const raw = page.getByTestId('raw-view');
  await expect(raw).toContainText('DescribeTasks');
  await expect(raw.getByTestId('raw-code')).toContainText('"taskArn"');
  await expect(raw.getByRole('button', { name: 'Copy JSON' })).toBeVisible();
  await expect(raw.getByTestId('managed-fields')).toHaveCount(0);

  const res = await request.get('/api/raw?id=k8s%2Fnope%2F_%2FNode%2Fx');
  expect(res.status()).toBe(404);
  expect((await res.json()).error).toMatch(/no object/);
});
