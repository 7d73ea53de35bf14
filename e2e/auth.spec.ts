import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shot } from './helpers';
import { rawRequest } from './http';
import { assertClean, captureStream, leakForms } from './leaks';
import { freePort, startProcess, stopProcess, waitUntil, type Proc } from './server';

// A second Parallax as it would be deployed: listening on every interface (HOST=0.0.0.0) with an
// access token and an allowed host name, seeded with e2e/fixtures/credentials-scenario, whose plain
// env values hold credential-shaped fakes. Started with `npm start`'s script (scripts/dev.sh).

test.describe.configure({ mode: 'serial' });
// This server has its own token: not the suite's (PARALLAX_E2E_TOKEN), if any.
test.use({ extraHTTPHeaders: {} });

const TOKEN = `e2e-${crypto.randomBytes(16).toString('hex')}`;
const BEARER = { authorization: `Bearer ${TOKEN}` };
/** The fixture's credential values (distinctive parts of them), which must never leave the server. */
const CREDENTIALS = ['AKIAPARALLAXE2E7F3A9', 'pArAllAxE2eFakeSecretAccessKey/7f3a00000', 'plx-e2e-url-pass-7f3a',
  'eyJzdWIiOiJwbHgtZTJlLTdmM2EifQ', 'plx-e2e-plain-password-7f3a', 'plxE2eConfigMapApiKey7f3a9b8c'];
const FORMS = leakForms([...CREDENTIALS, TOKEN]);
const API = ['/api/snapshot', '/api/table?table=instances', '/api/sources', '/api/overview', '/api/workload?id=x', '/api/drift', '/api/drift/pair?id=x', '/api/drift/summary', '/api/search?q=web', '/api/object?id=x', '/api/raw?id=x', '/api/logs?id=x', '/api/stream'];
const PAGES = ['/', '/workloads', '/nodes', '/sources', '/resources?kind=configs', '/drift'];

let server: Proc;
let base: string;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = startProcess('bash', ['scripts/dev.sh', 'start'], {
    HOST: '0.0.0.0', PORT: String(port), PARALLAX_TOKEN: TOKEN, PARALLAX_ALLOWED_HOSTS: 'parallax.test',
    PARALLAX_DEMO: '1', PARALLAX_SCENARIO: 'e2e/fixtures/credentials-scenario', PARALLAX_ECS_POLL_MS: '1000',
    PARALLAX_STATE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-auth-')),
  });
  await waitUntil('both sources ok', async () => {
    const res = await fetch(`${base}/api/sources`, { headers: BEARER });
    const { sources } = (await res.json()) as { sources: { status: string }[] };
    return sources.length === 2 && sources.every((s) => s.status === 'ok') ? true : undefined;
  }, server);
});

test.afterAll(async () => {
  stopProcess(server);
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 5_000))]);
  stopProcess(server, 'SIGKILL');
});

async function workloadIds(): Promise<string[]> {
  const snap = await (await fetch(`${base}/api/snapshot?collections=workloads`, { headers: BEARER })).json();
  return snap.workloads.filter((w: { name: string }) => w.name === 'billing').map((w: { id: string }) => w.id);
}

async function signIn(page: Page, token: string) {
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('without the token: every API route answers 401, every page sends the browser to the login page', async ({ page }) => {
  for (const p of API) {
    const res = await rawRequest(base, p);
    expect(res.status, p).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="parallax"');
    expect(JSON.parse(res.body)).toEqual({ error: 'unauthorized', detail: expect.stringContaining('/login') });
  }
  const health = await rawRequest(base, '/api/health');
  expect([health.status, JSON.parse(health.body)]).toEqual([200, { ok: true }]);
  for (const p of PAGES) {
    const res = await rawRequest(base, p);
    expect(res.status, p).toBe(303);
    expect(res.headers.location, p).toBe(`/login?next=${encodeURIComponent(p)}`);
  }
  await page.goto(`${base}/workloads?q=billing`);
  await expect(page).toHaveURL(`${base}/login?next=${encodeURIComponent('/workloads?q=billing')}`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Access token')).toBeFocused();
  await shot(page, 'login-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await shot(page, 'login-dark');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await shot(page, 'login-390');
});

test('a wrong token is refused; the right one signs in (HttpOnly, SameSite=Strict cookie) and everything works; sign out ends it', async ({ page, context }) => {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
  await page.goto(`${base}/workloads?q=billing`);
  await signIn(page, 'not-the-token');
  await expect(page.getByTestId('login-error')).toBeVisible();
  await shot(page, 'login-error');
  expect(await context.cookies()).toEqual([]);

  await signIn(page, TOKEN);
  await expect(page).toHaveURL(`${base}/workloads?q=billing`);
  const rows = page.getByTestId('workloads-table').getByTestId('row');
  await expect(rows).toHaveCount(2);
  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({ name: 'parallax_session', httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });
  expect(cookie.value).not.toContain(TOKEN);

  for (const p of PAGES) {
    await page.goto(`${base}${p}`);
    await expect(page.locator('main h1').first()).toBeVisible();
    await expect(page.locator('main [role=status][aria-label^=Loading]')).toHaveCount(0);
  }
  await expect(page.getByTestId('synced')).toContainText('live');
  expect(violations).toEqual([]);
  // The cookie works for the API as well (what the pages fetch with).
  expect((await page.request.get(`${base}/api/snapshot`)).status()).toBe(200);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await context.cookies()).toEqual([]);
  expect((await page.request.get(`${base}/api/snapshot`)).status()).toBe(401);
});

test('scripts use Authorization: Bearer; allowed host names work, others do not', async () => {
  for (const p of API) {
    const res = await rawRequest(base, p, { headers: BEARER });
    // Past the token, an object id that does not exist ("x") is a 404.
    expect(res.status, p).toBe(p.includes('?id=x') ? 404 : 200);
  }
  expect((await rawRequest(base, '/api/snapshot', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
  const port = new URL(base).port;
  expect((await rawRequest(base, '/api/sources', { headers: { ...BEARER, host: `parallax.test:${port}` } })).status).toBe(200);
  expect((await rawRequest(base, '/api/sources', { headers: { ...BEARER, host: `evil.example:${port}` } })).status).toBe(400);
  const health = JSON.parse((await rawRequest(base, '/api/health', { headers: BEARER })).body);
  expect(health).toMatchObject({ ok: true, sources: [expect.objectContaining({ platform: 'kubernetes' }), expect.objectContaining({ platform: 'ecs' })] });
});

test('credentials in plain env values are flagged on the page and never leave the server', async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: BEARER });
  const page = await context.newPage();
  const stream = await captureStream(`${base}/api/stream`, BEARER);

  // The API: masked, with the reason, in every response that carries env or config values.
  const snapText = await (await fetch(`${base}/api/snapshot`, { headers: BEARER })).text();
  assertClean('/api/snapshot', snapText, FORMS);
  expect(snapText).toContain('[masked by Parallax: AWS access key id; hmac ');
  expect(snapText).toContain('TOKEN_TTL_SECONDS');
  const ids = await workloadIds();
  expect(ids).toHaveLength(2);
  // Drift compares the masked values (equal credentials mask alike): findings, equal rows and hints carry masks only.
  const drift = await (await fetch(`${base}/api/drift`, { headers: BEARER })).json() as { pairs: { id: string }[] };
  expect(drift.pairs).toHaveLength(1);
  const pairApis = drift.pairs.map((x) => `/api/drift/pair?id=${encodeURIComponent(x.id)}`);
  for (const p of ['/api/overview', '/api/sources', '/api/health', ...ids.map((id) => `/api/workload?id=${encodeURIComponent(id)}`),
    '/api/drift', '/api/drift/summary', ...pairApis, ...ids.map((id) => `/api/drift/summary?workload=${encodeURIComponent(id)}`)]) {
    const res = await fetch(`${base}${p}`, { headers: BEARER });
    expect(res.status, p).toBe(200);
    assertClean(p, await res.text(), FORMS);
  }

  // The pages: each credential flagged with its reason, plain values shown as they are.
  for (const id of ids) {
    const url = `${base}/workloads/view?id=${encodeURIComponent(id)}`;
    await page.goto(url);
    const envRows = page.getByTestId('section-containers').getByTestId('env');
    await expect(envRows.filter({ hasText: 'TOKEN_TTL_SECONDS' })).toContainText('3600');
    const flagged = envRows.filter({ has: page.getByTestId('credential-flag') });
    await expect(flagged.filter({ hasText: 'AWS_ACCESS_KEY_ID' })).toContainText('credential in plain environment');
    await expect(flagged.filter({ hasText: 'AWS_ACCESS_KEY_ID' })).toContainText('AWS access key id · masked');
    await expect(flagged.filter({ hasText: 'DB_PASSWORD' })).toContainText('password · masked');
    // Kubernetes also shows the config map's LEGACY_API_KEY that envFrom gives the container.
    if (!id.startsWith('ecs/')) await expect(flagged.filter({ hasText: 'LEGACY_API_KEY' })).toContainText('credential in plain environment');
    await expect(flagged).toHaveCount(id.startsWith('ecs/') ? 4 : 5);
    await shot(page, `credentials-${id.startsWith('ecs/') ? 'ecs' : 'k8s'}`);
    assertClean(`rendered ${url}`, await page.content(), FORMS);
    assertClean(`HTML of ${url}`, (await rawRequest(base, url.slice(base.length), { headers: BEARER })).body, FORMS);
  }
  for (const p of ['/drift', ...drift.pairs.map((x) => `/drift/pair?id=${encodeURIComponent(x.id)}&equal=1`)]) {
    await page.goto(`${base}${p}`);
    await expect(page.locator('main h1').first()).toBeVisible();
    await expect(page.locator('main [role=status][aria-label^=Loading]')).toHaveCount(0);
    assertClean(`rendered ${p}`, await page.content(), FORMS);
  }
  await expect(page.locator('[data-testid=pair-row][data-field="env.AWS_ACCESS_KEY_ID"]')).toContainText('[masked by Parallax: AWS access key id; hmac ');
  await page.goto(`${base}/resources?kind=configs`);
  await expect(page.getByTestId('row').filter({ hasText: 'billing-config' })).toContainText('LEGACY_API_KEY=[credential in plain config: secret-like value, masked]');
  assertClean('rendered /resources?kind=configs', await page.content(), FORMS);
  await context.close();

  const events = await stream.stop();
  expect(events).toContain('event: hello');
  assertClean('/api/stream', events, FORMS);
  const log = server.log.join('');
  expect(log).toContain('[parallax] listening on 0.0.0.0; access token required');
  expect(log).toContain('login refused: wrong token');
  assertClean('the server log', log, FORMS);
});

test('a non-loopback start without PARALLAX_TOKEN refuses to start and names it', async () => {
  const port = String(await freePort());
  // npm start / npm run dev (scripts/dev.sh): before Next starts.
  const viaScript = startProcess('bash', ['scripts/dev.sh', 'start'], { HOST: '0.0.0.0', PORT: port, PARALLAX_TOKEN: '' });
  expect(await viaScript.exited).toBe(1);
  expect(viaScript.log.join('')).toContain('refusing to listen on 0.0.0.0 without PARALLAX_TOKEN');
  // `next start` run directly (Next's default is every interface): the server itself exits.
  const direct = startProcess('node_modules/.bin/next', ['start', '--hostname', '0.0.0.0', '--port', port], { HOST: '', PARALLAX_TOKEN: '', PARALLAX_DEMO: '1' });
  const code = await Promise.race([direct.exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 30_000))]);
  stopProcess(direct, 'SIGKILL');
  expect(code).toBe(1);
  expect(direct.log.join('')).toContain('refusing to listen on 0.0.0.0 without PARALLAX_TOKEN');
});
