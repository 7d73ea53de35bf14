import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shotAt, waitForSources } from './helpers';
import { freePort, startProcess, stopProcess, waitUntil, type Proc } from './server';

// Honest states. A second Parallax started as a user with AWS_PROFILE=ghost AWS_REGION=eu-west-1 and
// no kubeconfig would start it: ECS could not start (the SDK's credential chain finds no profile
// "ghost"), Kubernetes is not configured. Nothing can be read, and every screen says so. Then the
// demo server (every source up) for the green header, page titles, dropped URL values and JSON 404s.

test.describe('AWS_PROFILE=ghost and no kubeconfig', () => {
  test.setTimeout(180_000);
  let server: Proc | undefined;
  let base = '';
  test.afterAll(() => { if (server) stopProcess(server, 'SIGKILL'); });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-e2e-ghost-'));
    fs.mkdirSync(path.join(home, '.aws'));
    fs.writeFileSync(path.join(home, '.aws', 'config'), '[profile staging]\nregion = us-west-2\n');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startProcess(path.resolve('node_modules/.bin/next'), ['start', '--hostname', '127.0.0.1', '--port', String(port)], {
      HOME: home, KUBECONFIG: '', AWS_CONFIG_FILE: '', AWS_SHARED_CREDENTIALS_FILE: '',
      AWS_PROFILE: 'ghost', AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '',
      PARALLAX_AWS_CREDENTIALS_TIMEOUT_MS: '3000', PARALLAX_DEMO: '', PARALLAX_TOKEN: '', PARALLAX_STATE_DIR: path.join(home, 'state'),
    });
    await waitUntil('the server answers', async () => ((await fetch(`${base}/api/sources`)).ok ? true : undefined), server);
  });

  test('/api/health answers 503 with each source\'s state; the log has one line per source', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, summary: '0 of 2 up · 1 could not start · 1 not configured' });
    expect(body.sources).toEqual([
      expect.objectContaining({ id: 'ecs/ghost/eu-west-1', platform: 'ecs', state: 'could-not-start', reason: expect.stringContaining('profile "ghost"') }),
      expect.objectContaining({ platform: 'kubernetes', state: 'not-configured' }),
    ]);
    const log = server!.log.join('');
    expect(log).toMatch(/\[parallax\] ECS ghost\/eu-west-1: could not start: profile "ghost": .* — define \[profile ghost\]/);
    expect(log).toMatch(/\[parallax\] Kubernetes: not configured: no kubeconfig/);
  });

  test('the sources page shows ECS as could not start, with the profile and the reason, and Kubernetes as not configured', async ({ page }) => {
    await page.goto(`${base}/sources`);
    await expect(page).toHaveTitle('Sources · Parallax');
    const card = page.locator('[data-testid="source-card"][data-source="ecs/ghost/eu-west-1"]');
    await expect(card).toBeVisible();
    await expect(card.getByTestId('source-reason')).toContainText('profile "ghost": the AWS SDK found no credentials');
    await expect(card.getByTestId('source-reason')).toContainText('aws configure --profile ghost');
    await expect(card).toContainText('profile');
    await expect(card).toContainText('ghost');
    await expect(page.locator('section').filter({ has: card }).getByText('could not start')).toBeVisible();
    // It never synced: no freshness or last-sync line pretends otherwise.
    await expect(card).not.toContainText('last sync');
    await expect(page.locator('[data-testid="not-configured"][data-platform="kubernetes"]')).toContainText('KUBECONFIG');
  });

  test('the header is not green: it says what is not up; the overview and an empty table say why', async ({ page }) => {
    await page.goto(`${base}/`);
    const synced = page.getByTestId('synced');
    await expect(synced).toHaveAttribute('data-state', 'not-all-up');
    await expect(page.getByTestId('synced-health')).toHaveText(' · 0 of 2 up · 1 could not start · 1 not configured');
    await expect(page.getByTestId('health-card').filter({ hasText: 'could not start' })).toContainText('profile "ghost"');
    await expect(page.locator('[data-testid="not-configured"][data-platform="kubernetes"]')).toBeVisible();
    await expect(page.getByTestId('source-chip').filter({ hasText: 'not configured' })).toBeVisible();
    await expect(page.getByTestId('source-banner')).toContainText('Could not start.');
    await expect(page.locator('[data-testid="matrix-column"][data-platform="ecs"]')).toContainText('could not start');

    await page.goto(`${base}/workloads`);
    const empty = page.getByTestId('empty-state');
    await expect(empty).toHaveAttribute('data-kind', 'down');
    await expect(empty).toContainText('No workloads could be read');
    await expect(empty).toContainText('profile "ghost"');
  });

  test('screenshots of the sources page and the overview at 390, 1024 and 1440 px, light and dark', async ({ page }) => {
    const ready = async (p: Page) => { await expect(p.getByTestId('synced')).toHaveAttribute('data-state', 'not-all-up'); };
    for (const width of [390, 1024, 1440]) {
      for (const dark of [false, true]) {
        const suffix = `${width}-${dark ? 'dark' : 'light'}`;
        await shotAt(page, `${base}/sources`, `honest-sources-ghost-${suffix}`, { width, dark, ready });
        await shotAt(page, `${base}/`, `honest-overview-ghost-${suffix}`, { width, dark, ready });
      }
    }
  });
});

test.describe('every source up (the demo)', () => {
  test('the header is green and says only "live"; /api/health is 200', async ({ page, baseURL }) => {
    await waitForSources(page, baseURL);
    await page.goto('/');
    await expect(page.getByTestId('synced')).toHaveAttribute('data-state', 'all-up');
    await expect(page.getByTestId('synced-health')).toHaveCount(0);
    await expect(page.getByTestId('synced')).toContainText('live');
    const health = await page.request.get('/api/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, summary: 'all 2 sources up' });
  });

  test('each page has its own title', async ({ page, baseURL }) => {
    await waitForSources(page, baseURL);
    for (const [url, title] of [['/', 'Overview'], ['/workloads', 'Workloads'], ['/drift', 'Drift'], ['/nodes', 'Nodes'], ['/resources?kind=volumes', 'Volumes · Resources'], ['/sources', 'Sources']]) {
      await page.goto(url);
      await expect(page).toHaveTitle(`${title} · Parallax`);
    }
    const res = await page.request.get('/api/snapshot?collections=workloads');
    const web = ((await res.json()).workloads as { id: string; name: string }[]).find((w) => w.name === 'web')!;
    await page.goto(`/workloads/view?id=${encodeURIComponent(web.id)}`);
    await expect(page).toHaveTitle('web · Workloads · Parallax');
  });

  test('unknown URL values are dropped with a note, not ticked facets that empty the page', async ({ page, baseURL }) => {
    await waitForSources(page, baseURL);
    await page.goto('/workloads?platform=xyz&kind=bogus&sort=-nope');
    const notes = page.getByTestId('url-notes');
    await expect(notes).toContainText('platform=xyz (no such platform');
    await expect(notes).toContainText('kind=bogus (no such kind');
    await expect(notes).toContainText('sort=-nope (no such column');
    await expect(page.getByTestId('workloads-table').getByTestId('row').first()).toBeVisible();
    await expect(page).toHaveURL(/\/workloads$/);
    await page.goto('/resources?kind=bogus');
    await expect(page.getByTestId('url-notes')).toContainText('kind=bogus (no such concept');
  });

  test('an unknown /api path answers JSON 404', async ({ page }) => {
    for (const p of ['/api/nope', '/api/sources/extra/bits']) {
      const res = await page.request.get(p);
      expect(res.status(), p).toBe(404);
      expect(res.headers()['content-type']).toContain('application/json');
      expect(await res.json()).toMatchObject({ error: 'not found', detail: expect.stringContaining(`no API route ${p}`) });
    }
  });
});
