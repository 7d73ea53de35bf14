// Drift over time with the real `parallax`: a snapshot saved by one run, compared with the live
// cluster by later runs (separate processes), while the test changes the cluster through its API.
// Secret hashes stay comparable across runs because the key persists (the key file in the test's
// config directory); another key makes them "not compared", never "different".
import fs from 'node:fs';
import path from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '@/lib/drift';
import { startSimulators, type RunningSimulators } from '@/lib/demo/simulators';
import { retryOnConflict } from '@/lib/seed/kubernetes';
import { isolatedDirs, isolatedEnv, removeIsolatedDirs, runParallax, said, type ChildEnv, type IsolatedDirs } from './testing/run';

// The test's HOME, config and state directories go when the file is done.
afterAll(removeIsolatedDirs);

let sims: RunningSimulators;
let dirs: IsolatedDirs;
let env: ChildEnv;
let snapshotFile: string;
let apps: AppsV1Api;
let core: CoreV1Api;

const rows = (findings: Finding[]) => findings.map((f) => `${f.key}/${f.container ?? '-'} ${f.field}: ${f.leftValue} -> ${f.rightValue} (${f.category})`).sort();

async function driftAgainst(extraEnv: Record<string, string> = {}) {
  const r = await runParallax(['drift', '--against', snapshotFile, '--format', 'json'], { env: { ...env, ...extraEnv } });
  return { r, out: r.stdout ? JSON.parse(r.stdout) : undefined };
}

beforeAll(async () => {
  dirs = isolatedDirs();
  sims = await startSimulators({ platforms: ['kubernetes'], stateDir: path.join(dirs.root, 'sims'), scenarioDir: 'scenarios/demo', context: 'kind-shop' });
  env = isolatedEnv(dirs, { KUBECONFIG: sims.kubernetes!.kubeconfigPath });
  const kc = new KubeConfig();
  kc.loadFromString(sims.kubernetes!.sim.kubeconfig('kind-shop'));
  apps = kc.makeApiClient(AppsV1Api);
  core = kc.makeApiClient(CoreV1Api);
  snapshotFile = path.join(dirs.root, 'before.json');
}, 60_000);
afterAll(() => sims?.stop());

// The steps build on each other (one cluster, changed step by step): they run in order.
describe.sequential('parallax drift --against a saved snapshot', () => {
  it('snapshot: exit 0, the file written, the hash key file made 0600 in the config dir', async () => {
    const r = await runParallax(['snapshot', '--out', snapshotFile], { env });
    expect(r.code, said(r)).toBe(0);
    expect(r.stderr).toMatch(/^k8s\/kind-shop: ok \(\d+ objects\)$/m);
    expect(fs.statSync(path.join(dirs.config, 'parallax', 'hash-key')).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('nothing changed: exit 0; secret variables compared equal by hash across the two runs', async () => {
    const { r, out } = await driftAgainst();
    expect(r.code, said(r)).toBe(0);
    expect(out.mode).toBe('time');
    expect(out.findings).toEqual([]);
    expect(out.notCompared).toEqual([]);
    expect(out.onlyOn).toEqual([]);
    const web = out.pairs.find((p: { key: string }) => p.key === 'web');
    expect(web.by).toBe('id');
    expect(web.left.workloadId).toBe(web.right.workloadId);
    expect(web.equal).toContainEqual(expect.objectContaining({ container: 'web', field: 'env.DB_PASSWORD', leftValue: expect.stringContaining('same value') }));
  }, 60_000);

  it('a run with another hash key cannot compare secret values: "not compared" with the reason, never drift', async () => {
    const { r, out } = await driftAgainst({ PARALLAX_HASH_KEY: 'another-key-for-another-machine' });
    expect(r.code, said(r)).toBe(0);
    expect(out.findings).toEqual([]);
    expect(out.notCompared.length).toBeGreaterThan(0);
    expect(out.notCompared.every((n: { reason: string }) => /different keys/.test(n.reason))).toBe(true);
  }, 60_000);

  it('an image set through the API since: exactly that finding, exit 1', async () => {
    await retryOnConflict(async () => {
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace: 'shop' });
      d.spec!.template.spec!.containers[0].image = 'ghcr.io/parallax-demo/shop-web:1.9.0';
      await apps.replaceNamespacedDeployment({ name: 'web', namespace: 'shop', body: d });
    });
    const { r, out } = await driftAgainst();
    expect(r.code, said(r)).toBe(1);
    expect(rows(out.findings)).toEqual(['web/web image: ghcr.io/parallax-demo/shop-web:1.8.2 -> ghcr.io/parallax-demo/shop-web:1.9.0 (image)']);
    // Over time, the hint puts the live side back as the snapshot has it.
    expect(out.findings[0].hints).toEqual([expect.objectContaining({ changes: 'right', command: expect.stringContaining('set image deployment/web web=ghcr.io/parallax-demo/shop-web:1.8.2') })]);
  }, 60_000);

  it('a secret value changed since: found by hash in every container that reads it, the value shown nowhere', async () => {
    const newValue = 'rotated-password-not-to-be-printed';
    await retryOnConflict(async () => {
      const s = await core.readNamespacedSecret({ name: 'shop-db', namespace: 'shop' });
      s.data = { ...s.data, password: Buffer.from(newValue).toString('base64') };
      await core.replaceNamespacedSecret({ name: 'shop-db', namespace: 'shop', body: s });
    });
    const { r, out } = await driftAgainst();
    expect(r.code, said(r)).toBe(1);
    const secrets = out.findings.filter((f: Finding) => f.category === 'secret');
    expect(secrets.map((f: Finding) => `${f.key}/${f.container} ${f.field}`).sort()).toEqual([
      'api/api env.DB_PASSWORD', 'api/migrate env.DB_PASSWORD', 'db/db env.POSTGRES_PASSWORD', 'web/web env.DB_PASSWORD', 'worker/worker env.DB_PASSWORD',
    ]);
    expect(out.findings).toHaveLength(secrets.length + 1); // and the image of the step before
    expect(r.stdout).not.toContain(newValue);
    expect(r.stdout).not.toContain(Buffer.from(newValue).toString('base64'));
  }, 60_000);

  it('a credential put in plain env since: found, and masked as the API masks it (the value in no output)', async () => {
    const key = 'AKIAZ7QW3ERTY5UIOP2A';
    await retryOnConflict(async () => {
      const d = await apps.readNamespacedDeployment({ name: 'worker', namespace: 'shop' });
      d.spec!.template.spec!.containers[0].env = [...(d.spec!.template.spec!.containers[0].env ?? []), { name: 'AWS_ACCESS_KEY_ID', value: key }];
      await apps.replaceNamespacedDeployment({ name: 'worker', namespace: 'shop', body: d });
    });
    const { r, out } = await driftAgainst();
    expect(r.code, said(r)).toBe(1);
    const added = out.findings.find((f: Finding) => f.field === 'env.AWS_ACCESS_KEY_ID');
    expect(added).toMatchObject({ key: 'worker', leftValue: '—', rightValue: expect.stringMatching(/^\[masked by Parallax: AWS access key id; hmac [0-9a-f]{16}\]$/) });
    expect(r.stdout).not.toContain(key);
    const table = await runParallax(['drift', '--against', snapshotFile, '--format', 'markdown'], { env });
    expect(table.stdout).toContain('masked by Parallax');
    expect(table.stdout).not.toContain(key);
    const snap = await runParallax(['snapshot', '-q'], { env });
    expect(snap.code, said(snap)).toBe(0);
    expect(snap.stdout).not.toContain(key);
  }, 90_000);

  it('a snapshot source that is not configured now: exit 2, the report printed, the reason on stderr', async () => {
    const other = path.join(dirs.root, 'other-kubeconfig.yaml');
    await sims.kubernetes!.sim.writeKubeconfig(other, 'kind-other');
    const r = await runParallax(['drift', '--against', snapshotFile], { env: { ...env, KUBECONFIG: other } });
    expect(r.code, said(r)).toBe(2);
    expect(r.stderr).toContain('parallax: not compared: Kubernetes kind-shop is in the snapshot but not configured now');
    expect(r.stdout).toContain('fails on info and above: exit 2');
  }, 60_000);

  it('a file that is not a snapshot: exit 2, one line, nothing on stdout', async () => {
    const bad = path.join(dirs.root, 'report.json');
    fs.writeFileSync(bad, JSON.stringify({ findings: [] }));
    const r = await runParallax(['drift', '--against', bad], { env });
    expect(r.code, said(r)).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^parallax: ${bad.replace(/[.]/g, '\\.')} is not a Parallax snapshot: generatedAt: `))]);
  }, 60_000);
});
