import { expect, test, type Page } from '@playwright/test';
import { shot, waitForSources } from './helpers';

test.beforeEach(async ({ page }) => {
  await waitForSources(page);
});

async function openWorkload(page: Page, platform: 'kubernetes' | 'ecs', name: string) {
  await page.goto(`/workloads?platform=${platform}&q=${name}`);
  const link = page.getByTestId('workloads-table').getByRole('link', { name, exact: true });
  await link.click();
  await expect(page).toHaveURL(/\/workloads\/view\?id=/);
  await expect(page.getByTestId('workload-name')).toHaveText(name);
}

test('Kubernetes workload detail: containers, revisions, instances, endpoints, config, secret keys', async ({ page }) => {
  await openWorkload(page, 'kubernetes', 'web');
  const containers = page.getByTestId('section-containers');
  await expect(containers.getByTestId('container').first()).toContainText('shop-web');
  await expect(containers).toContainText('requests');
  // A secret env var shows where it comes from, never a value.
  await expect(containers.locator('[data-testid=env][data-from=secret]').first()).toContainText(/secret\/shop-db key \w+/);
  await expect(page.getByTestId('revisions-table').getByTestId('row').first()).toBeVisible();
  await expect(page.getByTestId('instances-table').getByTestId('row').first()).toContainText(/Running/);
  await expect(page.getByTestId('section-endpoints').getByTestId('endpoint').first()).toBeVisible();
  await expect(page.getByTestId('section-config').getByTestId('config').first()).toContainText('LOG_LEVEL');
  await expect(page.getByTestId('section-secrets').getByTestId('secret-key').first()).toBeVisible();
  await expect(page.getByTestId('section-secrets')).toContainText('shop-db');
  // The same app on the other platform is one click away.
  await expect(page.getByTestId('also-on')).toContainText('ECS');
  await shot(page, 'detail-k8s-web');
  await page.getByTestId('also-on').getByRole('link').first().click();
  await expect(page.getByTestId('workload-name')).toHaveText('web');
  await expect(page.locator('header').getByText('ECS', { exact: true }).first()).toBeVisible();
});

test('workload detail shows volumes (Kubernetes PVC, ECS EFS)', async ({ page }) => {
  await openWorkload(page, 'kubernetes', 'worker');
  const volumes = page.getByTestId('section-volumes');
  await expect(volumes.getByTestId('volume').first()).toContainText('persistentVolumeClaim');
  await expect(volumes.getByTestId('volume-object').first()).toContainText('shop-files');
  await shot(page, 'detail-k8s-worker');

  await openWorkload(page, 'ecs', 'worker');
  await expect(page.getByTestId('section-volumes').getByTestId('volume').first()).toContainText('efs');
  await expect(page.getByTestId('section-config').getByTestId('config').first()).toBeVisible();
  await expect(page.getByTestId('section-secrets').getByTestId('secret-key').first()).toBeVisible();
  await expect(page.getByTestId('instances-table').getByTestId('row').first()).toContainText('RUNNING');
  await expect(page.getByTestId('revisions-table').getByTestId('row').first()).toContainText('PRIMARY');
  await shot(page, 'detail-ecs-worker');
});

test('ECS workload detail: load balancer endpoint and secret ARN reference', async ({ page }) => {
  await openWorkload(page, 'ecs', 'web');
  await expect(page.getByTestId('section-endpoints').getByTestId('endpoint').first()).toContainText('loadBalancer');
  await expect(page.getByTestId('section-containers').locator('[data-testid=env][data-from=secret]').first()).toContainText('arn:aws:');
  await shot(page, 'detail-ecs-web');
});

test('an unknown workload id says so', async ({ page }) => {
  await page.goto(`/workloads/view?id=${encodeURIComponent('k8s/nope/x/Deployment/y')}`);
  await expect(page.getByText('Workload not found')).toBeVisible();
});
