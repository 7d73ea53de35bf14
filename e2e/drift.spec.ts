import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { differenceKey, documentedDrift } from '../lib/seed/scenario-drift';
import { authHeaders, demoAppsApi, E2E_CONFIG, EMPTY_CONFIG, shot, shotAt, waitForSources } from './helpers';

// The drift page, the pair view, the overview card and the workload links on the live demo, whose
// deliberate differences scenarios/demo/DRIFT.md documents (Kubernetes on the left, ECS on the right).

const WEB_PAIR = 'k8s/parallax-demo/shop/Deployment/web|ecs/demo/us-east-1/shop/service/web';
const pairUrl = (id: string) => `/drift/pair?id=${encodeURIComponent(id)}`;

test.beforeAll(() => fs.writeFileSync(E2E_CONFIG, EMPTY_CONFIG));
test.afterAll(() => fs.writeFileSync(E2E_CONFIG, EMPTY_CONFIG));
test.beforeEach(async ({ page }) => {
  await waitForSources(page);
});

/** The findings on the page, as DRIFT.md rows (workload, container, field, Kubernetes, ECS, severity). */
async function pageRows(page: Page): Promise<string[]> {
  const findings = page.getByTestId('finding');
  const rows: string[] = [];
  for (let i = 0; i < await findings.count(); i++) {
    const f = findings.nth(i);
    rows.push(differenceKey({
      workload: (await f.getAttribute('data-key'))!, container: (await f.getAttribute('data-container'))!, field: (await f.getAttribute('data-field'))!,
      kubernetes: await f.getByTestId('left-value').innerText(), ecs: await f.getByTestId('right-value').innerText(),
      severity: (await f.getByTestId('severity').getAttribute('data-severity'))!,
    }));
  }
  return rows.sort();
}

test('the drift page lists exactly the differences DRIFT.md documents', async ({ page }) => {
  const documented = (await documentedDrift('scenarios/demo')).map(differenceKey).sort();
  await page.goto('/drift');
  await expect(page.getByTestId('finding')).toHaveCount(documented.length);
  expect(await pageRows(page)).toEqual(documented);
  await expect(page.getByTestId('drift-headline')).toHaveText('6 findings on 3 pairs (3 critical, 3 warning).');
  await expect(page.getByTestId('stat-pairs-value')).toHaveText('4');
  await expect(page.getByTestId('stat-critical-value')).toContainText('3');
  // Pairs with counts by severity (words, not colour alone); db is equal in intent.
  const pairs = page.getByTestId('pair');
  await expect(pairs).toHaveCount(4);
  await expect(pairs.filter({ hasText: 'web' }).getByTestId('severity')).toHaveText(['✖2 critical']);
  await expect(pairs.filter({ has: page.getByTestId('pair-equal') })).toHaveText(/db/);
  // The demo reads ECS secret values (as keyed hashes), so everything paired was compared; nothing is only on one side.
  await expect(page.getByTestId('not-compared-item')).toHaveCount(0);
  await expect(page.locator('#not-compared')).toContainText('Everything that was paired could be compared.');
  await expect(page.getByTestId('only-on')).toHaveCount(0);
  await expect(page.getByTestId('config-errors')).toHaveCount(0);
  await shot(page, 'drift');
});

test('filters live in the URL and survive a reload', async ({ page }) => {
  await page.goto('/drift');
  await expect(page.getByTestId('finding')).toHaveCount(6);
  await page.getByTestId('facet-severity').getByRole('checkbox', { name: /warning/ }).check();
  await expect(page).toHaveURL(/severity=warning/);
  await expect(page.getByTestId('finding')).toHaveCount(3);
  await page.reload();
  await expect(page.getByTestId('finding')).toHaveCount(3);
  await expect(page.getByTestId('finding-group')).toHaveCount(2);
  await page.goto('/drift?q=LOG_LEVEL');
  await expect(page.getByTestId('finding')).toHaveCount(1);
  await expect(page.getByTestId('finding')).toHaveAttribute('data-field', 'env.LOG_LEVEL');
  await page.goto('/drift?field=resources&sources=k8s%2Fparallax-demo%7Cecs%2Fdemo%2Fus-east-1');
  await expect(page.getByTestId('finding')).toHaveCount(2);
  await expect(page.getByTestId('facet-sources')).toContainText('Kubernetes parallax-demo ⟷ ECS demo/us-east-1');
});

test('the pair view: both sides, hints marked as never run, equal rows on demand, a deep link per finding', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/drift?q=image');
  await page.getByTestId('finding').getByRole('link', { name: 'hints →' }).click();
  await expect(page).toHaveURL(/\/drift\/pair\?id=/);
  expect(new URL(page.url()).searchParams.get('id')).toBe(WEB_PAIR);
  expect(decodeURIComponent(new URL(page.url()).hash.slice(1))).toBe(`${WEB_PAIR}#web#image`);
  await expect(page.getByTestId('pair-key')).toHaveText('web');
  await expect(page.getByTestId('pair-side')).toHaveCount(2);
  const image = page.locator(`[id="${WEB_PAIR}#web#image"]`);
  await expect(image).toBeVisible();
  await expect(image).toHaveClass(/ring-2/); // the anchor's finding is outlined
  await expect(image).toContainText('ghcr.io/parallax-demo/shop-web:1.8.2');
  await expect(image).toContainText('ghcr.io/parallax-demo/shop-web:1.8.1');
  await expect(image).toContainText('Parallax never runs this.');
  const toK8s = image.locator('[data-testid=hint][data-changes=left]');
  await expect(toK8s).toContainText('Make Kubernetes like ECS');
  await expect(toK8s.getByTestId('hint-command')).toContainText('kubectl --context parallax-demo -n shop set image deployment/web web=ghcr.io/parallax-demo/shop-web:1.8.1');
  const toEcs = image.locator('[data-testid=hint][data-changes=right]');
  await expect(toEcs).toContainText('Make ECS like Kubernetes');
  await expect(toEcs.getByTestId('hint-command')).toContainText('aws ecs register-task-definition');
  await toK8s.getByTestId('copy').click();
  await expect(toK8s.getByTestId('copy')).toHaveText('✓ copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^kubectl --context parallax-demo -n shop set image/);

  // Only differing rows by default; "show N equal" adds the rest with both values (the "why equal").
  await expect(page.locator('[data-testid=pair-row][data-status=finding]')).toHaveCount(2);
  await expect(page.locator('[data-testid=pair-row][data-status=equal]')).toHaveCount(0);
  const toggle = page.getByTestId('toggle-equal');
  await expect(toggle).toHaveText(/^show \d+ equal$/);
  const equalCount = Number((await toggle.innerText()).match(/\d+/)![0]);
  await toggle.click();
  await expect(page).toHaveURL(/equal=1/);
  await expect(page.locator('[data-testid=pair-row][data-status=equal]')).toHaveCount(equalCount);
  await expect(page.locator('[data-testid=pair-row][data-status=equal][data-field="ports"]')).toContainText('8080/TCP');
  // A secret compared by keyed hash: both references, never a value.
  await expect(page.locator('[data-testid=pair-row][data-status=equal][data-field="env.DB_PASSWORD"]')).toContainText('secret shop-db/password (same value)');
  await shot(page, 'drift-pair-web');

  // Each side links to its workload page.
  await page.getByTestId('pair-side').filter({ hasText: 'ECS' }).getByTestId('pair-side-link').click();
  await expect(page).toHaveURL(/\/workloads\/view\?id=ecs/);
  await expect(page.getByTestId('workload-name')).toHaveText('web');
});

test('the overview card and the workload page link to the drift views', async ({ page }) => {
  await page.goto('/');
  const card = page.getByTestId('drift-card');
  await expect(card.getByTestId('drift-card-text')).toHaveText('6 findings on 3 of 4 pairs');
  await expect(card.getByTestId('severity')).toHaveText(['✖3 critical', '▲3 warning']);
  await card.getByTestId('open-drift').click();
  await expect(page).toHaveURL(/\/drift$/);
  await expect(page.getByTestId('finding')).toHaveCount(6);

  await page.goto(`/workloads/view?id=${encodeURIComponent('k8s/parallax-demo/shop/Deployment/worker')}`);
  const links = page.getByTestId('workload-pair');
  await expect(links).toHaveCount(1);
  await expect(links).toContainText('demo/us-east-1');
  await expect(links.getByTestId('severity')).toHaveText(['▲2 warning']);
  await expect(page.getByTestId('also-on')).not.toContainText('comes with the drift engine');
  await links.getByRole('link', { name: 'Side by side' }).click();
  await expect(page.getByTestId('pair-key')).toHaveText('worker');
  await expect(page.locator('[data-testid=pair-row][data-status=finding]')).toHaveCount(2);

  await page.goto(`/workloads/view?id=${encodeURIComponent('ecs/demo/us-east-1/shop/service/db')}`);
  await expect(page.getByTestId('workload-pair')).toContainText('equal in intent');
});

test('a change on Kubernetes updates the open drift page and pair view within seconds', async ({ page, browser, baseURL }) => {
  const { k8s, apps } = await demoAppsApi();
  const setImage = (image: string) => apps.patchNamespacedDeployment(
    { name: 'web', namespace: 'shop', body: { spec: { template: { spec: { containers: [{ name: 'web', image }] } } } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
  );
  const imageFinding = '[data-testid=finding][data-key=web][data-field=image]';

  await page.goto('/drift');
  await expect(page.locator(imageFinding)).toHaveCount(1);
  const pairPage = await (await browser.newContext({ baseURL, extraHTTPHeaders: authHeaders() })).newPage();
  await pairPage.goto(`${pairUrl(WEB_PAIR)}#${encodeURIComponent(`${WEB_PAIR}#web#image`)}`);
  await expect(pairPage.locator('[data-testid=pair-row][data-field=image]')).toHaveCount(1);
  try {
    const t0 = Date.now();
    await setImage('ghcr.io/parallax-demo/shop-web:1.8.1');
    await expect(page.locator(imageFinding)).toHaveCount(0, { timeout: 5_000 });
    console.log(`web image finding gone ${Date.now() - t0} ms after the patch`);
    await expect(page.getByTestId('drift-headline')).toHaveText('5 findings on 3 pairs (2 critical, 3 warning).');
    await expect(pairPage.locator('[data-testid=pair-row][data-field=image]')).toHaveCount(0, { timeout: 5_000 });
    await expect(pairPage.getByTestId('finding-gone')).toBeVisible();
    await shot(pairPage, 'drift-pair-web-after-change');
  } finally {
    await setImage('ghcr.io/parallax-demo/shop-web:1.8.2');
    await pairPage.context().close();
  }
  await expect(page.locator(imageFinding)).toHaveCount(1, { timeout: 10_000 });
});

test('parallax.yaml: an ignore rule and an error show without a restart', async ({ page }) => {
  try {
    fs.writeFileSync(E2E_CONFIG, 'ignore:\n  - pair: api\n    field: replicas\n    reason: the ECS api runs one more task in the batch window\n');
    await page.goto('/drift');
    await expect(page.locator('[data-testid=finding][data-key=api][data-field=replicas]')).toHaveCount(0);
    await expect(page.getByTestId('stat-ignored-value')).toHaveText('1');
    await page.goto(pairUrl(WEB_PAIR.replace(/web/g, 'api')));
    await expect(page.locator('[data-testid=pair-row][data-status=ignored]')).toContainText('the ECS api runs one more task in the batch window');

    // A broken file: the errors at file:line:col, the defaults apply meanwhile (the replicas finding is back).
    fs.writeFileSync(E2E_CONFIG, 'ignore:\n  - pair: api\n    feild: replicas\n');
    await page.goto('/drift');
    await expect(page.getByTestId('config-error').first()).toContainText(`${E2E_CONFIG}:2:5: ignore[0]`);
    await expect(page.locator('[data-testid=finding][data-key=api][data-field=replicas]')).toHaveCount(1);
    await page.goto('/');
    await expect(page.getByTestId('drift-card')).toContainText('parallax.yaml has');
  } finally {
    fs.writeFileSync(E2E_CONFIG, EMPTY_CONFIG);
  }
});

test('screenshots of /drift and a pair view, light and dark, desktop and phone', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const ready = (what: string) => async (p: Page) => { await expect(p.getByTestId(what).first()).toBeVisible(); };
  for (const dark of [false, true]) {
    for (const width of [1440, 390]) {
      const suffix = `${dark ? 'dark' : 'light'}-${width}`;
      await shotAt(page, `${baseURL}/drift`, `drift-${suffix}`, { width, dark, ready: ready('finding') });
      await shotAt(page, `${baseURL}${pairUrl(WEB_PAIR)}`, `drift-pair-${suffix}`, { width, dark, ready: ready('hint') });
    }
  }
});
