import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { shot } from './helpers';
import { freePort, startProcess, stopProcess as stop, waitUntil, type Proc } from './server';

// A second Parallax, pointed at simulators started on their own (as a user points it at kind and an
// ECS emulator). Killing the ECS simulator must show that source's banner while the Kubernetes
// workloads stay listed.

const procs: Proc[] = [];
const start = (cmd: string, args: string[], env: Record<string, string> = {}) => {
  const p = startProcess(cmd, args, env);
  procs.push(p);
  return p;
};

function readJson<T>(file: string): T | undefined {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')) as T; } catch { return undefined; }
}

test.describe('a source that fails', () => {
  test.setTimeout(180_000);
  test.afterAll(() => { for (const p of procs) stop(p, 'SIGKILL'); });

  test('shows the ECS banner while the Kubernetes workloads stay listed', async ({ page }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-e2e-'));
    const tsx = path.resolve('node_modules/.bin/tsx');
    const kube = start(tsx, ['scripts/sim.ts', '--scenario', 'scenarios/demo', '--platform', 'kubernetes', '--state-dir', path.join(dir, 'k8s')]);
    const ecs = start(tsx, ['scripts/sim.ts', '--scenario', 'scenarios/demo', '--platform', 'ecs', '--state-dir', path.join(dir, 'ecs')]);
    type SimInfo = { kubernetes?: { kubeconfig: string; context: string }; ecs?: { url: string; region: string } };
    const k = await waitUntil('kubernetes sim.json', async () => readJson<SimInfo>(path.join(dir, 'k8s', 'sim.json'))?.kubernetes, kube);
    const e = await waitUntil('ecs sim.json', async () => readJson<SimInfo>(path.join(dir, 'ecs', 'sim.json'))?.ecs, ecs);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = start(path.resolve('node_modules/.bin/next'), ['start', '--hostname', '127.0.0.1', '--port', String(port)], {
      KUBECONFIG: k.kubeconfig,
      AWS_ENDPOINT_URL: e.url,
      AWS_REGION: e.region || 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      PARALLAX_ECS_POLL_MS: '1000',
      PARALLAX_DEMO: '0',
      PARALLAX_STATE_DIR: path.join(dir, 'state'),
    });
    await waitUntil('both sources ok', async () => {
      try {
        const res = await fetch(`${base}/api/sources`);
        if (!res.ok) return undefined;
        const { sources } = (await res.json()) as { sources: { status: string }[] };
        return sources.length === 2 && sources.every((s) => s.status === 'ok') ? true : undefined;
      } catch { return undefined; }
    }, server);

    await page.goto(`${base}/workloads`);
    const rows = page.getByTestId('workloads-table').getByTestId('row');
    await expect(rows.filter({ hasText: 'ECS' }).first()).toBeVisible();
    await expect(page.getByTestId('source-banner')).toHaveCount(0);

    // The ECS emulator goes away.
    stop(ecs, 'SIGKILL');

    const banner = page.getByTestId('source-banner').filter({ hasText: 'ECS' });
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner).toContainText(/refused|ECONNREFUSED|unreachable|fetch failed|connect/i);
    await expect(banner).toContainText(/—|\?/); // says what to do
    // Kubernetes keeps showing its data, live.
    await expect(rows.filter({ hasText: 'K8s' }).first()).toBeVisible();
    expect(await rows.filter({ hasText: 'K8s' }).count()).toBeGreaterThanOrEqual(4);
    await shot(page, 'failing-source-workloads');

    // The overview says the same: the ECS column is not covered rather than zero.
    await page.goto(`${base}/`);
    await expect(page.getByTestId('source-banner').filter({ hasText: 'ECS' })).toBeVisible();
    await expect(page.getByTestId('health-card').filter({ hasText: 'down' })).toBeVisible();
    await shot(page, 'failing-source-overview');
    await page.goto(`${base}/sources`);
    await shot(page, 'failing-source-sources');

    stop(server);
    stop(kube);
  });
});
