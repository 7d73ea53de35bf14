// readKubeMetrics over real HTTPS against the simulator's metrics.k8s.io: values equal what the
// simulator computed (containers summed, nanocores to millicores), paging asked for, and each
// failure a problem of its own part: 404 (no metrics-server) and 503 (APIService unavailable) are
// "not covered", 403 names the missing permission, and a failing part never blanks the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@/lib/util/fake-clock';
import { startKubeSimulator, type KubeObject, type KubeSimulator } from '@/lib/sim/k8s';
import { containerUsage, sampleTime } from '@/lib/sim/k8s/usage';
import type { KubeMetricsRead } from '@/lib/inventory/usage';
import { createKubeSource } from './source';
import { podUsageOf } from './usage';

const clock = new FakeClock(Date.UTC(2026, 11, 1, 18, 0, 7));

const pod = (name: string, containers: { name: string; cpu: string; memory: string }[], phase = 'Running'): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'web' } },
  spec: { nodeName: 'demo-control-plane', containers: containers.map((c) => ({ name: c.name, image: 'nginx:1.27', resources: { requests: { cpu: c.cpu, memory: c.memory } } })) },
  status: { phase },
});
const SEED = [
  pod('web-1', [{ name: 'web', cpu: '250m', memory: '256Mi' }, { name: 'proxy', cpu: '100m', memory: '64Mi' }]),
  pod('web-2', [{ name: 'web', cpu: '250m', memory: '256Mi' }]),
  pod('pending', [{ name: 'web', cpu: '250m', memory: '256Mi' }], 'Pending'),
];

async function sourceFor(sim: KubeSimulator) {
  return createKubeSource({ platform: 'kubernetes', context: 'sim', kubeconfigPaths: [], kubeconfigYaml: sim.kubeconfig('sim'), demo: false }, { clock, pageSize: 2 });
}
const read = async (sim: KubeSimulator): Promise<KubeMetricsRead> => (await sourceFor(sim)).readKubeMetrics!();

describe('readKubeMetrics against the simulator', () => {
  let sim: KubeSimulator;
  beforeAll(async () => {
    sim = await startKubeSimulator({ nodes: 2, clock, telemetrySeed: 5, seed: SEED });
  });
  afterAll(() => sim?.stop());

  it('reads every running pod (containers summed) and every node, paged, at the simulator values', async () => {
    const r = await read(sim);
    expect(r.at).toBe(clock.now());
    if (!r.pods.ok || !r.nodes.ok) throw new Error('a part failed');
    expect(r.pods.items.map((p) => p.name).sort()).toEqual(['web-1', 'web-2']);
    const stored = SEED[0];
    const expected = (stored.spec!.containers as { name: string }[]).map((c) => containerUsage(stored, c, 5, sampleTime(clock.now())));
    const web1 = r.pods.items.find((p) => p.name === 'web-1')!;
    // Served as whole nanocores and KiB: equal to within that rounding, per container.
    expect(web1.cpuMillis).toBeCloseTo(expected[0].cpu + expected[1].cpu, 3);
    expect(Math.abs(web1.memoryBytes - (expected[0].bytes + expected[1].bytes))).toBeLessThanOrEqual(2 * 1024);
    expect(r.nodes.items.map((n) => n.name)).toEqual(['demo-control-plane', 'demo-worker']);
    expect(r.nodes.items[0].cpuMillis).toBeGreaterThan(0);
    const asked = sim.requests.filter((q) => q.path.startsWith('/apis/metrics.k8s.io/'));
    expect(asked.every((q) => q.method === 'GET' && q.query.includes('limit=2'))).toBe(true);
  });

  it('503 from an unavailable APIService: pods not covered, nodes still read', async () => {
    const undo = sim.faults.inject({ resource: 'pods.metrics.k8s.io', fault: { type: 'status', code: 503, reason: 'ServiceUnavailable', message: 'the server is currently unable to handle the request' } });
    try {
      const r = await read(sim);
      expect(r.pods).toMatchObject({ ok: false, problem: { status: 503, notCovered: true } });
      expect(!r.pods.ok && r.pods.problem.message).toMatch(/metrics-server is not installed or not ready/);
      expect(r.nodes.ok).toBe(true);
    } finally {
      undo();
    }
  });

  it('403 names the permission to grant, and is an error, not "not covered"', async () => {
    sim.faults.forbid('nodes.metrics.k8s.io');
    try {
      const r = await read(sim);
      expect(r.pods.ok).toBe(true);
      expect(r.nodes).toMatchObject({ ok: false, problem: { status: 403 } });
      if (r.nodes.ok) return;
      expect(r.nodes.problem.notCovered).toBeUndefined();
      expect(r.nodes.problem.message).toMatch(/get and list on nodes in the API group metrics.k8s.io/);
    } finally {
      sim.faults.allow('nodes.metrics.k8s.io');
    }
  });

  it('forbidding core pods does not forbid their metrics (RBAC rules name their group)', async () => {
    sim.faults.forbid('pods');
    try {
      expect((await read(sim)).pods.ok).toBe(true);
    } finally {
      sim.faults.allow('pods');
    }
  });
});

describe('a cluster without metrics-server', () => {
  let sim: KubeSimulator;
  beforeAll(async () => {
    sim = await startKubeSimulator({ nodes: 1, clock, seed: SEED, metricsApi: false });
  });
  afterAll(() => sim?.stop());

  it('is not covered (404), never zero; discovery does not list the group', async () => {
    const r = await read(sim);
    for (const part of [r.pods, r.nodes]) {
      expect(part).toMatchObject({ ok: false, problem: { status: 404, notCovered: true } });
      expect(!part.ok && part.problem.message).toMatch(/metrics-server is not installed/);
    }
    const kc = (await import('@kubernetes/client-node')).KubeConfig;
    const k = new kc();
    k.loadFromString(sim.kubeconfig('sim'));
    const groups = await k.makeApiClient((await import('@kubernetes/client-node')).ApisApi).getAPIVersions();
    expect(groups.groups.map((g) => g.name)).not.toContain('metrics.k8s.io');
  });
});

describe('podUsageOf', () => {
  it('sums containers and reads any quantity form', () => {
    expect(podUsageOf({ metadata: { name: 'p', namespace: 'n' }, containers: [{ usage: { cpu: '250m', memory: '1Gi' } }, { usage: { cpu: '1500000n', memory: '1024Ki' } }, { usage: {} }] }))
      .toEqual({ namespace: 'n', name: 'p', cpuMillis: 251.5, memoryBytes: 2 ** 30 + 2 ** 20 });
  });
});
