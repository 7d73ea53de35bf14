// GET /api/usage's logic: Kubernetes usage against the pods' summed requests and limits with the
// server's history on fake time, "not covered" and errors as data, ECS utilization against the
// reservation; and end to end against the ECS simulator, refetches within 60 s costing no call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instance, Node, Snapshot, Workload } from '@/lib/model';
import type { EcsMetricTarget, KubeMetricsRead, UsageReaders } from '@/lib/inventory/usage';
import { sampleSnapshot } from '@/lib/testing/sample-snapshot';
import { FakeClock } from '@/lib/util/fake-clock';
import { Inventory } from '@/lib/inventory/store';
import { createEcsSource } from '@/lib/ecs/source';
import { startSeededSimulator, TEST_CREDENTIALS } from '@/lib/testing/ecs/seed';
import type { EcsSimulator } from '@/lib/sim/ecs';
import { waitFor } from '@/lib/testing/wait';
import type { UsagePayload } from '@/lib/views/usage';
import { UsageService, usageIntervalMs } from './usage';

const WEB = 'k8s/kind-demo/shop/Deployment/web';
const ECS_WEB = 'ecs/demo/us-east-1/shop-cluster/service/web';
const NODE = 'k8s/kind-demo/Node/n1';
const base = sampleSnapshot();
const withLimits = (w: Workload): Workload => ({ ...w, template: { ...w.template, containers: w.template.containers.map((c) => ({ ...c, limits: { cpuMillis: 1000, memoryBytes: 2 ** 31 } })) } });
const snapshot: Snapshot = {
  ...base,
  workloads: base.workloads.map((w) => (w.id === WEB ? withLimits(w) : w)),
  instances: base.instances.map((i) => ({ ...i, groupName: i.platform === 'ecs' ? 'shop-cluster' : 'shop', requests: { cpuMillis: 500, memoryBytes: 2 ** 30 } })) as Instance[],
  nodes: [{ id: NODE, kind: 'node', platform: 'kubernetes', source: 'k8s/kind-demo', name: 'n1', labels: {}, ref: { kind: 'Node' }, ready: true, status: 'Ready', roles: [], capacity: {}, allocatable: { cpuMillis: 4000, memoryBytes: 8 * 2 ** 30 }, requested: { cpuMillis: 1000 }, taints: [], unschedulable: false } as Node],
};
const get = (id: string) => `http://localhost/api/usage?id=${encodeURIComponent(id)}`;

function setup(readers: Partial<Record<string, UsageReaders>>) {
  const clock = new FakeClock(Date.UTC(2026, 11, 1, 18, 40));
  const inv = { snapshot: () => snapshot, version: 1, usageReaders: (s: string) => readers[s] };
  const service = new UsageService({ clock, intervalMs: 30_000 });
  const ask = async (id: string) => {
    const res = await service.respond(inv, get(id));
    return { status: res.status, body: (await res.json()) as UsagePayload & { error?: unknown } };
  };
  return { clock, service, ask };
}

const kubeRead = (clock: FakeClock, over: Partial<KubeMetricsRead> = {}) => async (): Promise<KubeMetricsRead> => ({
  at: clock.now(),
  pods: { ok: true, items: [{ namespace: 'shop', name: 'web-a', cpuMillis: 120.5, memoryBytes: 300 * 2 ** 20 }, { namespace: 'shop', name: 'web-b', cpuMillis: 80, memoryBytes: 200 * 2 ** 20 }] },
  nodes: { ok: true, items: [{ name: 'n1', cpuMillis: 900, memoryBytes: 3 * 2 ** 30 }] },
  ...over,
});

describe('UsageService (Kubernetes)', () => {
  it('answers a workload\'s pods summed against their summed requests and limits, with the series growing on the clock', async () => {
    let t: FakeClock;
    const { clock, service, ask } = setup({ 'k8s/kind-demo': { readKubeMetrics: () => kubeRead(t)() } });
    t = clock;
    const first = await ask(WEB);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      covered: true, measure: 'absolute', subject: 'workload', collectingSince: clock.now(), intervalS: 30,
      current: { cpu: 200.5, memory: 500 * 2 ** 20, pods: 2 },
      // web-a and web-b run (web-c is pending): 2 × 500m requested, 2 × 1 core limit.
      cpu: { request: 1000, limit: 2000 }, memory: { request: 2 * 2 ** 30, limit: 2 * 2 ** 31 },
    });
    await clock.advance(60_000);
    expect((await ask(WEB)).body.series).toHaveLength(3);
    const node = (await ask(NODE)).body;
    expect(node).toMatchObject({ subject: 'node', current: { cpu: 900 }, cpu: { request: 1000, capacity: 4000 }, memory: { capacity: 8 * 2 ** 30 } });
    service.stop();
  });

  it('no metrics-server: not covered with the reason, never a zero; 403: an error naming the permission', async () => {
    let t: FakeClock;
    const problem = { message: 'metrics-server is not installed: k8s/kind-demo does not serve metrics.k8s.io/v1beta1 (404)', status: 404, notCovered: true };
    const { clock, service, ask } = setup({ 'k8s/kind-demo': { readKubeMetrics: () => kubeRead(t, { pods: { ok: false, problem }, nodes: { ok: false, problem: { message: 'may not list nodes.metrics.k8s.io (403 Forbidden)', status: 403 } } })() } });
    t = clock;
    const w = (await ask(WEB)).body;
    expect(w).toMatchObject({ covered: false, reason: problem.message });
    expect(w.current).toBeUndefined();
    expect(w.series).toEqual([]);
    expect((await ask(NODE)).body).toMatchObject({ covered: true, error: true, reason: expect.stringMatching(/403/) });
    service.stop();
  });

  it('400 without id or for a kind without usage, 404 for an unknown id; a source without the role is not covered', async () => {
    const { ask } = setup({});
    expect((await ask('')).status).toBe(400);
    expect((await ask('k8s/nope')).status).toBe(404);
    expect((await ask('k8s/kind-demo/shop/ConfigMap/web')).status).toBe(400);
    expect((await ask(WEB)).body).toMatchObject({ covered: false, reason: 'source k8s/kind-demo does not read metrics' });
  });

  it('reads PARALLAX_USAGE_INTERVAL_S within 15–600 s', () => {
    expect(usageIntervalMs({})).toBe(30_000);
    expect(usageIntervalMs({ PARALLAX_USAGE_INTERVAL_S: '60' })).toBe(60_000);
    expect(usageIntervalMs({ PARALLAX_USAGE_INTERVAL_S: '1' })).toBe(15_000);
    expect(usageIntervalMs({ PARALLAX_USAGE_INTERVAL_S: 'x' })).toBe(30_000);
  });
});

describe('UsageService (ECS)', () => {
  it('answers a service in percent of its reservation (task size × running tasks), asking CloudWatch for its cluster and service', async () => {
    const asked: EcsMetricTarget[][] = [];
    const { ask } = setup({
      'ecs/demo/us-east-1': {
        readEcsMetrics: async (targets) => {
          asked.push(targets);
          return targets.map(() => ({ ok: true as const, fetchedAt: 0, points: [{ t: 1, cpuPercent: 40, memoryPercent: 20 }, { t: 2, cpuPercent: 50, memoryPercent: 25 }] }));
        },
      },
    });
    const svc = (await ask(ECS_WEB)).body;
    expect(asked[0]).toEqual([{ cluster: 'shop-cluster', service: 'web' }]);
    expect(svc).toMatchObject({ covered: true, measure: 'percent', current: { t: 2, cpu: 50, memory: 25 }, reservation: { tasks: 1, cpuMillis: 500, memoryBytes: 2 ** 30 } });
    expect(svc.series).toHaveLength(2);
  });

  it('a failing read is an error in the answer (200), not a failed request', async () => {
    const { ask } = setup({ 'ecs/demo/us-east-1': { readEcsMetrics: async (t) => t.map(() => ({ ok: false as const, problem: { message: 'GetMetricData: AccessDenied' } })) } });
    const r = await ask(ECS_WEB);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ error: true, reason: 'GetMetricData: AccessDenied' });
  });
});

describe('UsageService against the ECS simulator', () => {
  let sim: EcsSimulator;
  const inventory = new Inventory();
  beforeAll(async () => {
    sim = await startSeededSimulator();
    await inventory.add(createEcsSource({ platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint: sim.url, pollIntervalMs: 60_000, credentials: TEST_CREDENTIALS, demo: false }, { maxAttempts: 1 }));
    await waitFor('a service synced', () => inventory.snapshot().workloads.find((w) => w.workloadKind === 'Service'), 10_000);
  });
  afterAll(async () => {
    await inventory.stop();
    await sim?.stop();
  });

  it('refetches within 60 s cost no GetMetricData call', async () => {
    const service = new UsageService();
    const w = inventory.snapshot().workloads.find((x) => x.workloadKind === 'Service')!;
    const calls = () => sim.requests.filter((r) => r.operation === 'GetMetricData').length;
    const first = await service.respond(inventory, get(w.id));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ covered: true, measure: 'percent' });
    expect(calls()).toBe(1);
    await Promise.all([1, 2, 3].map(() => service.respond(inventory, get(w.id))));
    expect(calls()).toBe(1);
  });
});
