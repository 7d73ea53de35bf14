import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '@/lib/model';
import { DEMO_SECRET_VALUE, DEMO_SECRET_VALUE_BASE64, differenceKey, documentedDrift, seedEcs } from '@/lib/seed';
import { computeDrift } from '@/lib/drift';
import { startSimulators, type RunningSimulators } from '@/lib/demo/simulators';
import { motoTests, startMoto, type Moto } from '@/lib/testing/moto';
import { waitFor } from '@/lib/testing/wait';
import { startRuntime, type Runtime } from './runtime';
import { startupLines } from './startup-log';

// The runtime as the server runs it: configuration from an environment, the embedded demo or
// real endpoints, adapters, inventory. Everything over real HTTP.

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

const byPlatform = (s: Snapshot, c: Exclude<keyof Snapshot, 'generatedAt'>) =>
  new Set((s[c] as { platform: string }[]).map((o) => o.platform));

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.stop();
  rt = undefined;
});

describe('the embedded demo', () => {
  it('fills every concept from both simulators, with owners, ready counts and units right, and no secret value', async () => {
    const state = tmp('plx-demo-');
    rt = await startRuntime({ PARALLAX_DEMO: '1', PARALLAX_STATE_DIR: state, PARALLAX_ECS_POLL_MS: '300' }, { homeDir: tmp('plx-home-') });
    const snap = await waitFor('both sources synced with every instance running', () => {
      const s = rt!.inventory.snapshot();
      const settled = s.workloads.length === 8 && s.workloads.every((w) => w.ready === w.desired && w.rollout.state === 'complete');
      return s.sources.every((src) => src.status === 'ok') && settled && s.nodes.length === 5 ? s : undefined;
    }, 30_000);

    expect(snap.sources.map((s) => [s.id, s.demo])).toEqual([['k8s/parallax-demo', true], ['ecs/demo/us-east-1', true]]);
    for (const c of ['clusters', 'nodes', 'groups', 'workloads', 'revisions', 'instances', 'endpoints', 'configs', 'secrets', 'volumes', 'autoscalers', 'events'] as const) {
      expect([...byPlatform(snap, c)].sort(), c).toEqual(['ecs', 'kubernetes']);
    }
    // Owners: every running pod and task belongs to a workload and a revision of that workload.
    for (const i of snap.instances.filter((x) => x.state === 'running')) {
      expect(i.workload, i.id).toBeDefined();
      // StatefulSet revisions live in ControllerRevisions, which are not read.
      if (!i.workload!.includes('/StatefulSet/')) expect(i.revision ?? '', i.id).not.toBe('');
    }
    const web = snap.workloads.filter((w) => w.name === 'web');
    expect(web.map((w) => [w.platform, w.desired, w.ready])).toEqual([['ecs', 3, 3], ['kubernetes', 3, 3]]);
    // 512 ECS CPU units and 500m are the same CPU; 1024 MiB and 1Gi the same memory.
    for (const w of web) {
      const c = w.template.containers.find((x) => x.role === 'main')!;
      expect(c.requests.cpuMillis ?? c.limits.cpuMillis, w.id).toBe(500);
      expect(c.limits.memoryBytes, w.id).toBe(2 ** 30);
    }
    // The demo reads ECS secret values (PARALLAX_ECS_SECRET_HASHES defaults to on there): the password
    // in Secrets Manager (JSON key) and SSM hashes like the Kubernetes Secret's, with the runtime's key.
    const envOf = (platform: string, name: string) => Object.fromEntries(snap.workloads.find((w) => w.platform === platform && w.name === name)!
      .template.containers.flatMap((c) => c.effectiveEnv).map((e) => [e.name, e]));
    const k8sPassword = envOf('kubernetes', 'web').DB_PASSWORD.hash;
    expect(k8sPassword).toBe(rt.hasher.hash(DEMO_SECRET_VALUE));
    expect(envOf('ecs', 'web').DB_PASSWORD.hash).toBe(k8sPassword);
    expect(envOf('ecs', 'db').POSTGRES_PASSWORD.hash).toBe(envOf('kubernetes', 'db').POSTGRES_PASSWORD.hash);
    expect(envOf('ecs', 'api').STRIPE_KEY.hash).toMatch(/^hmac-sha256:/);
    expect(snap.sources.find((x) => x.platform === 'ecs')!.coverage.find((c) => c.kind === 'secretValues')).toMatchObject({ state: 'ok' });
    // The demo's known secret values are nowhere in what the API serves.
    const served = JSON.stringify(snap) + JSON.stringify(rt.inventory.sources());
    expect(served).not.toContain(DEMO_SECRET_VALUE);
    expect(served).not.toContain(DEMO_SECRET_VALUE_BASE64);
    expect(served).not.toContain('parallax-demo-stripe-key-5e21');
    expect(snap.secrets.find((s) => s.name === 'shop-db')?.keys.map((k) => k.key)).toContain('password');
    // The demo writes where a client can reach its clusters.
    const info = JSON.parse(fs.readFileSync(path.join(state, 'demo', 'sources.json'), 'utf8'));
    expect(info.kubernetes.kubeconfig).toBe(path.join(state, 'demo', 'kubeconfig.yaml'));
    expect(info.ecs.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // The drift engine on the live demo finds exactly the differences DRIFT.md documents.
    const report = computeDrift(snap);
    const found = report.findings.map((f) => differenceKey({
      workload: f.key, container: f.container ?? '-', field: f.field, kubernetes: f.leftValue, ecs: f.rightValue, severity: f.severity,
    }));
    expect(found.sort()).toEqual((await documentedDrift('scenarios/demo')).map(differenceKey).sort());
    expect(report.pairs.map((p) => [p.key, p.by, p.left.platform, p.right.platform])).toEqual([
      ['api', 'label', 'kubernetes', 'ecs'], ['db', 'label', 'kubernetes', 'ecs'], ['web', 'label', 'kubernetes', 'ecs'], ['worker', 'label', 'kubernetes', 'ecs'],
    ]);
    expect(report.onlyOn).toEqual([]);
  }, 60_000);
});

describe('the embedded demo with PARALLAX_ECS_SECRET_HASHES=0', () => {
  it('reads no secret value: no GetSecretValue or GetParameters reaches the simulator, env keeps references only', async () => {
    rt = await startRuntime({ PARALLAX_DEMO: '1', PARALLAX_STATE_DIR: tmp('plx-demo-'), PARALLAX_ECS_POLL_MS: '300', PARALLAX_ECS_SECRET_HASHES: '0' }, { homeDir: tmp('plx-home-') });
    const snap = await waitFor('the first ECS poll', () => {
      const s = rt!.inventory.snapshot();
      const ecs = s.sources.find((x) => x.platform === 'ecs');
      return ecs?.status === 'ok' && s.workloads.some((w) => w.platform === 'ecs' && w.template.containers.length) ? s : undefined;
    }, 30_000);
    // The seeder looks with DescribeSecret and GetParameter (and GetSecretValue only for a secret that already exists).
    expect(rt.demo!.ecs!.sim.requests.filter((r) => r.operation === 'GetSecretValue' || r.operation === 'GetParameters')).toEqual([]);
    const ecsEnv = snap.workloads.filter((w) => w.platform === 'ecs').flatMap((w) => w.template.containers.flatMap((c) => c.env)).filter((e) => e.from === 'secret');
    expect(ecsEnv.length).toBeGreaterThan(0);
    expect(ecsEnv.every((e) => e.hash === undefined && e.ref?.arn)).toBe(true);
    expect(snap.sources.find((x) => x.platform === 'ecs')!.coverage.map((c) => c.kind)).not.toContain('secretValues');
  }, 60_000);
});

describe('configured sources replace the demo', () => {
  let sims: RunningSimulators;
  beforeAll(async () => {
    sims = await startSimulators({ platforms: ['kubernetes'], stateDir: tmp('plx-kind-'), scenarioDir: 'scenarios/demo', context: 'kind-standin' });
  });
  afterAll(() => sims?.stop());

  it('shows the cluster KUBECONFIG points at, and no demo', async () => {
    rt = await startRuntime({ KUBECONFIG: sims.kubernetes!.kubeconfigPath }, { homeDir: tmp('plx-home-') });
    expect(rt.demo).toBeUndefined();
    const snap = await waitFor('the pods', () => {
      const s = rt!.inventory.snapshot();
      return s.instances.length >= 7 ? s : undefined;
    }, 20_000);
    expect(snap.sources.map((s) => [s.id, s.demo, s.connection.server])).toEqual([['k8s/kind-standin', false, sims.kubernetes!.sim.url]]);
    expect(snap.workloads.map((w) => w.name).sort()).toEqual(['api', 'db', 'web', 'worker']);
  });

  it('shows a broken kubeconfig as a down source with the reason, and keeps reading the rest', async () => {
    const dir = tmp('plx-broken-');
    const broken = path.join(dir, 'config');
    fs.writeFileSync(broken, 'apiVersion: v1\nclusters: [\n  - name: x\n');
    const env = { KUBECONFIG: `${broken}:${sims.kubernetes!.kubeconfigPath}` };
    rt = await startRuntime(env, { homeDir: tmp('plx-home-') });
    const sources = rt.inventory.sources();
    expect(sources).toHaveLength(1);
    expect(sources[0].status).toBe('down');
    expect(sources[0].reason).toContain(broken);
  });

  it('starts only the sources `select` accepts, after showing it every candidate (the CLI\'s --source)', async () => {
    const dir = tmp('plx-select-');
    const broken = path.join(dir, 'config');
    fs.writeFileSync(broken, 'apiVersion: v1\nclusters: [\n');
    const seen: string[] = [];
    const env = { KUBECONFIG: `${broken}:${sims.kubernetes!.kubeconfigPath}`, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' };
    rt = await startRuntime(env, {
      homeDir: tmp('plx-home-'),
      awsCredentials: async () => ({}),
      select: (c) => {
        seen.push(`${c.id} ${c.name} ${c.platform}${c.problem ? ' (problem)' : ''}`);
        return c.platform === 'ecs';
      },
    });
    // The broken file makes the whole kubeconfig a problem source; the ECS default source is a candidate too.
    expect(seen).toEqual(['k8s/kubeconfig kubeconfig kubernetes (problem)', 'ecs/default/eu-west-1 default/eu-west-1 ecs']);
    expect(rt.inventory.sources().map((s) => s.id)).toEqual(['ecs/default/eu-west-1']);
  });

  it('shows an AWS profile the SDK finds no credentials for as an ECS source that could not start, and Kubernetes as not configured', async () => {
    // The real default chain on a real (empty) AWS config; the instance-metadata link off, so the test
    // does not depend on this machine's network.
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const aws = tmp('plx-aws-');
    fs.writeFileSync(path.join(aws, 'config'), '[profile staging]\nregion = eu-west-1\n');
    const env = { AWS_PROFILE: 'ghost', AWS_REGION: 'eu-west-1', AWS_CONFIG_FILE: path.join(aws, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(aws, 'credentials') };
    rt = await startRuntime(env, { homeDir: tmp('plx-home-') });
    vi.unstubAllEnvs();
    expect(rt.demo).toBeUndefined();
    const [ecs] = rt.inventory.sources();
    expect(ecs).toMatchObject({ id: 'ecs/ghost/eu-west-1', name: 'ghost/eu-west-1', status: 'down', connection: { profile: 'ghost', region: 'eu-west-1' } });
    expect(ecs.reason).toMatch(/^profile "ghost": the AWS SDK found no credentials/);
    expect(ecs.notStarted?.hint).toContain('aws configure --profile ghost');
    expect(rt.notConfigured.map((n) => n.platform)).toEqual(['kubernetes']);
    expect(startupLines(rt.inventory.sources(), rt.notConfigured)).toEqual([
      expect.stringMatching(/^ECS ghost\/eu-west-1: could not start: profile "ghost": .* — define \[profile ghost\]/),
      expect.stringMatching(/^Kubernetes: not configured: no kubeconfig/),
    ]);
  });

  it('sends its warnings to the given log (the CLI prints them on stderr), and uses a given hasher', async () => {
    const lines: string[] = [];
    const hasher = { keyId: 'given', hash: () => 'x' };
    rt = await startRuntime({ KUBECONFIG: sims.kubernetes!.kubeconfigPath, PARALLAX_HASH_KEY: 'short' }, { homeDir: tmp('plx-home-'), hasher, log: { warn: (l) => lines.push(l) } });
    expect(rt.hasher).toBe(hasher);
    expect(lines).toEqual([]);
    await rt.stop();
    rt = await startRuntime({ KUBECONFIG: sims.kubernetes!.kubeconfigPath, PARALLAX_HASH_KEY: 'short' }, { homeDir: tmp('plx-home-'), log: { warn: (l) => lines.push(l) } });
    expect(lines).toEqual([expect.stringContaining('PARALLAX_HASH_KEY must be at least 16 characters')]);
  });
});

describe.skipIf(!motoTests('lib/server/runtime.test.ts'))('ECS through AWS_ENDPOINT_URL (moto seeded by someone else)', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
    await seedEcs({ endpoint: moto.url, region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' }, dir: 'scenarios/demo/ecs', startServiceTasks: true });
  }, 60_000);
  afterAll(() => moto?.stop());

  it('makes the default ECS source from the environment and shows what is there', async () => {
    // The SDK's default credential chain reads process.env itself, as it will in the server.
    const env = { AWS_ENDPOINT_URL: moto.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' };
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    rt = await startRuntime(env, { homeDir: tmp('plx-home-') });
    const snap = await waitFor('the ECS services', () => {
      const s = rt!.inventory.snapshot();
      return s.workloads.length >= 4 && s.instances.length >= 8 ? s : undefined;
    }, 20_000).catch((err) => {
      throw new Error(`${err.message}: ${JSON.stringify(rt!.inventory.sources())}`);
    });
    expect(snap.sources.map((s) => [s.id, s.status, s.connection.endpoint])).toEqual([['ecs/default/us-east-1', 'ok', moto.url]]);
    expect(snap.workloads.map((w) => w.name).sort()).toEqual(['api', 'db', 'web', 'worker']);
    expect(snap.nodes).toHaveLength(2);
    vi.unstubAllEnvs();
  }, 30_000);
});
