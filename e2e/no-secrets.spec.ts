import { expect, test } from '@playwright/test';
import { demoSources, E2E_TOKEN, SECRET_VALUE, serverLog, waitForSources } from './helpers';
import { assertClean, captureStream, leakForms } from './leaks';

// The demo seeds Secret shop/shop-db with key password = SECRET_VALUE (also in Secrets Manager and
// SSM), and the SSM parameter /shop/stripe-key (scenarios/demo/ecs/secrets.json), which the server
// reads to hash in the demo. Neither value nor its base64 may appear in any page or API response
// (the drift pair views and their hints included), in what the pages render, in the event stream
// or in the server's log; nor may the Kubernetes simulator's bearer token or the suite's access token.
const STRIPE_KEY_VALUE = 'parallax-demo-stripe-key-5e21';

test('no secret value in any page, API response, stream event or log line', async ({ page, request, baseURL }) => {
  // It reads every page, API answer and log of the demo (ECS tasks' logs included): more than a minute on a busy machine.
  test.setTimeout(180_000);
  await waitForSources(page);
  const forms = leakForms([SECRET_VALUE, STRIPE_KEY_VALUE, demoSources().kubernetes.token ?? '', E2E_TOKEN]);
  expect(forms.length).toBeGreaterThanOrEqual(8);
  // The stream is read for the whole test: every event sent meanwhile is scanned at the end.
  const stream = await captureStream(`${baseURL}/api/stream`, E2E_TOKEN ? { authorization: `Bearer ${E2E_TOKEN}` } : {});

  const snapshot = await request.get('/api/snapshot');
  expect(snapshot.ok()).toBe(true);
  const snapText = await snapshot.text();
  assertClean('/api/snapshot', snapText, forms);
  // The Secret itself is listed (keys only), so the check above is not vacuous.
  const snap = JSON.parse(snapText);
  const shopDb = snap.secrets.find((s: { name: string; platform: string }) => s.name === 'shop-db' && s.platform === 'kubernetes');
  expect(shopDb?.keys.map((k: { key: string }) => k.key)).toContain('password');

  // The page-shaped endpoints too: the overview, and every workload's slice (with its secrets' keys).
  const workloadApis = snap.workloads.map((w: { id: string }) => `/api/workload?id=${encodeURIComponent(w.id)}`);
  // Drift: the page's report, every pair in full (values and hints of secret env vars), every workload's summary.
  const drift = await (await request.get('/api/drift')).json();
  expect(drift.pairs.length).toBeGreaterThan(0);
  const pairApis = drift.pairs.map((p: { id: string }) => `/api/drift/pair?id=${encodeURIComponent(p.id)}`);
  const summaryApis = snap.workloads.map((w: { id: string }) => `/api/drift/summary?workload=${encodeURIComponent(w.id)}`);
  // The raw views: every Secret (managedFields too), config and workload as its platform returns it.
  const rawIds = [...snap.secrets, ...snap.configs, ...snap.workloads].map((o: { id: string }) => o.id);
  expect(rawIds.length).toBeGreaterThan(10);
  const rawApis = [...rawIds.map((id: string) => `/api/raw?id=${encodeURIComponent(id)}`),
    ...snap.secrets.map((s: { id: string }) => `/api/raw?id=${encodeURIComponent(s.id)}&managedFields=1`)];
  // Not vacuous: the raw Secret lists the key whose value was planted.
  const rawShopDb = await (await request.get(`/api/raw?id=${encodeURIComponent(shopDb.id)}`)).json();
  expect(rawShopDb.text).toMatch(/password:/);
  for (const api of [...rawApis, '/api/sources', '/api/health', '/api/snapshot?collections=secrets,configs,workloads', '/api/overview', ...workloadApis,
    // The tables' windows (secrets: keys and references; configs: values masked).
    '/api/table?table=secrets&limit=1000', '/api/table?table=configs&limit=1000', '/api/table?table=workloads&limit=1000', '/api/table?table=instances&limit=1000', '/api/table?table=events&limit=1000',
    '/api/drift', '/api/drift/summary', ...pairApis, ...summaryApis,
    // The global search over secrets by name and key (and a seeded value, which must find nothing).
    '/api/search?q=shop-db', '/api/search?q=password', '/api/search?q=parallax-demo', '/api/search?q=shop%2Fdb']) {
    const res = await request.get(api);
    expect(res.ok(), api).toBe(true);
    assertClean(api, await res.text(), forms);
  }
  // Not vacuous either: the slice of a workload that uses shop-db lists the Secret's keys.
  const users = snap.workloads.filter((w: { platform: string; groupName?: string }) => w.platform === 'kubernetes' && w.groupName === 'shop');
  const slices = await Promise.all(users.map((w: { id: string }) => request.get(`/api/workload?id=${encodeURIComponent(w.id)}`).then((r) => r.json())));
  expect(slices.some((d) => d.secrets.some((s: { name: string }) => s.name === 'shop-db'))).toBe(true);

  const detailPages = snap.workloads.map((w: { id: string }) => `/workloads/view?id=${encodeURIComponent(w.id)}`);
  // Not vacuous for drift: a pair view shows the secret env vars' references (values compared by hash only).
  const dbPair = await (await request.get(pairApis.find((a: string) => a.includes('StatefulSet%2Fdb'))!)).json();
  expect(JSON.stringify(dbPair)).toContain('POSTGRES_PASSWORD');
  const pairPages = drift.pairs.map((p: { id: string }) => `/drift/pair?id=${encodeURIComponent(p.id)}&equal=1`);
  const rawPages = snap.secrets.map((s: { id: string }) => `/resources/view?id=${encodeURIComponent(s.id)}&tab=raw`);
  const pages = [...rawPages, '/', '/workloads', '/nodes', '/sources', '/resources?kind=secrets', '/resources?kind=configs', '/resources?kind=events', '/login', '/drift', ...detailPages, ...pairPages];
  for (const p of pages) {
    // The HTML as served...
    const res = await request.get(p);
    expect(res.ok(), p).toBe(true);
    assertClean(`HTML of ${p}`, await res.text(), forms);
    // ...and the page as rendered with its data.
    await page.goto(p);
    // (No networkidle: the live SSE connection stays open.) Wait for the data to be on screen.
    await expect(page.locator('main h1').first()).toBeVisible();
    await expect(page.locator('main [role=status][aria-label^=Loading], main [role=status][aria-label^=Reading]')).toHaveCount(0);
    assertClean(`rendered ${p}`, await page.content(), forms);
  }

  // Log views: every workload's, pod's and ECS task's log as the route sends it (one that cannot be
  // read answers a JSON error, scanned as well), and a pod's and a task's Logs tab as rendered. The
  // demo's containers see the secret in their environment; their lines must not carry it out either.
  const logIds = [...snap.workloads, ...snap.instances].map((o: { id: string }) => o.id);
  expect(logIds.filter((id: string) => id.startsWith('ecs/')).length).toBeGreaterThan(3);
  let logLines = 0;
  for (const id of logIds) {
    const api = `/api/logs?id=${encodeURIComponent(id)}&tail=5000`;
    const text = await (await request.get(api)).text();
    logLines += text.split('\n').filter((l) => l.includes('"line"')).length;
    assertClean(api, text, forms);
  }
  expect(logLines).toBeGreaterThan(100);
  for (const platform of ['kubernetes', 'ecs']) {
    const instance = snap.instances.find((i: { platform: string; state: string; workload?: string }) => i.platform === platform && i.state === 'running' && i.workload?.match(/(Deployment|service)\/web$/));
    await page.goto(`/resources/view?id=${encodeURIComponent(instance.id)}&tab=logs`);
    await expect(page.getByTestId('log-status')).toContainText('lines read');
    await expect(page.getByTestId('log-line').first()).toBeVisible();
    assertClean(`rendered log view of ${platform} ${instance.name}`, await page.content(), forms);
  }

  const events = await stream.stop();
  expect(events).toContain('event: hello');
  assertClean('/api/stream', events, forms);

  // The server's log (stdout and stderr of `npm start`, teed by playwright.config.ts) so far.
  const log = serverLog();
  expect(log).toContain('[parallax]');
  assertClean('the server log', log, forms);
});
