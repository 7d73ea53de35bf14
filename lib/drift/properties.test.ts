// Properties of the engine over generated workloads: a workload never drifts from itself, and
// drift is symmetric up to sides (swapping the sources swaps every finding's values, nothing else).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseImage, type Autoscaler, type Container, type EnvVar, type HealthCheck, type Platform, type TemplateVolume, type Workload } from '@/lib/model';
import { source, snapshotOf } from '@/lib/testing/drift';
import { computeDrift } from './engine';
import type { DriftReport } from './types';

const word = fc.constantFrom('a', 'b', 'c', 'web', 'api');
const envVar: fc.Arbitrary<EnvVar> = fc.oneof(
  fc.record({ name: fc.constantFrom('A', 'B', 'MODE', 'LEVEL'), from: fc.constant('value' as const), value: fc.constantFrom('', '1', 'x y', 'info') }),
  fc.record({ name: fc.constantFrom('PASSWORD', 'TOKEN'), from: fc.constant('secret' as const), ref: fc.record({ name: word, key: word }), hash: fc.option(fc.constantFrom('hmac-sha256:000000000000:' + '1'.repeat(64), 'hmac-sha256:000000000000:' + '2'.repeat(64)), { nil: undefined }) }),
  fc.record({ name: fc.constantFrom('POD_IP'), from: fc.constant('field' as const), value: fc.constant('status.podIP') }),
).map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as EnvVar);

const health: fc.Arbitrary<HealthCheck> = fc.record({
  role: fc.constantFrom('liveness', 'readiness', 'container') as fc.Arbitrary<HealthCheck['role']>,
  type: fc.constantFrom('http', 'tcp', 'exec') as fc.Arbitrary<HealthCheck['type']>,
  path: fc.constantFrom('/', '/healthz'),
  port: fc.constantFrom(80, 8080),
  command: fc.constantFrom(['true'], ['/bin/sh', '-c', 'pg_isready']),
  intervalSeconds: fc.constantFrom(10, 30),
  timeoutSeconds: fc.constantFrom(1, 5),
  failureThreshold: fc.constant(3),
  startPeriodSeconds: fc.constantFrom(0, 15),
});

const amounts = fc.record({ cpuMillis: fc.option(fc.constantFrom(250, 500, 1000), { nil: undefined }), memoryBytes: fc.option(fc.constantFrom(2 ** 28, 2 ** 30), { nil: undefined }) })
  .map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)));

const containerArb = (name: string): fc.Arbitrary<Container> => fc.record({
  role: fc.constantFrom('main', 'init', 'sidecar') as fc.Arbitrary<Container['role']>,
  image: fc.constantFrom('nginx:1.27', 'ghcr.io/acme/app:1.0', 'ghcr.io/acme/app@sha256:' + 'a'.repeat(64)),
  command: fc.constantFrom([], ['/app']),
  args: fc.constantFrom([], ['--v']),
  ports: fc.uniqueArray(fc.record({ containerPort: fc.constantFrom(80, 8080, 9000), protocol: fc.constantFrom('TCP', 'UDP') }), { maxLength: 2, selector: (p) => `${p.containerPort}/${p.protocol}` }),
  env: fc.uniqueArray(envVar, { maxLength: 4, selector: (e) => e.name }),
  requests: amounts, limits: amounts,
  health: fc.uniqueArray(health, { maxLength: 2, selector: (h) => h.role }),
  mounts: fc.uniqueArray(fc.record({ volume: fc.constantFrom('data', 'cache'), path: fc.constantFrom('/data', '/cache'), readOnly: fc.boolean() }), { maxLength: 2, selector: (m) => m.path }),
  privileged: fc.option(fc.boolean(), { nil: undefined }),
}).map((c) => {
  const env = [...c.env].sort((a, b) => (a.name < b.name ? -1 : 1));
  const out: Container = { ...c, name, image: parseImage(c.image), command: [...c.command], args: [...c.args], env, envFrom: [], effectiveEnv: env, essential: c.role === 'main' };
  if (c.privileged === undefined) delete out.privileged;
  return out;
});

const workloadArb: fc.Arbitrary<Omit<Workload, 'id' | 'source' | 'platform'>> = fc.record({
  containers: fc.uniqueArray(fc.constantFrom('app', 'side', 'init'), { minLength: 1, maxLength: 3 }).chain((names) => fc.tuple(...names.map(containerArb))),
  volumes: fc.constant<TemplateVolume[]>([{ name: 'data', persistence: 'persistent', source: 'persistentVolumeClaim', detail: {} }, { name: 'cache', persistence: 'ephemeral', source: 'emptyDir', detail: {} }]),
  desired: fc.integer({ min: 0, max: 5 }),
  scheduling: fc.constantFrom('replica', 'daemon') as fc.Arbitrary<Workload['scheduling']>,
  spread: fc.boolean(),
  identity: fc.option(fc.constantFrom('sa-a', 'sa-b'), { nil: undefined }),
}).map((g) => ({
  kind: 'workload' as const, name: 'app', groupName: 'shop', labels: { 'app.kubernetes.io/name': 'app' }, ref: { kind: 'Deployment' },
  workloadKind: 'Deployment', scheduling: g.scheduling, desired: g.desired, ready: g.desired, rollout: { state: 'complete' as const },
  template: { containers: g.containers, volumes: g.volumes, reserved: {}, ...(g.identity ? { identity: g.identity } : {}) },
  placement: { terms: g.spread ? [{ type: 'spread' as const, over: 'zone', required: false, field: 'topologySpreadConstraints' }] : [] },
}));

const autoscalerArb = fc.option(fc.record({ min: fc.constantFrom(1, 2), max: fc.constantFrom(4, 6), target: fc.constantFrom(60, 70) }), { nil: undefined });

function place(w: Omit<Workload, 'id' | 'source' | 'platform'>, platform: Platform, sourceId: string): Workload {
  return { ...w, platform, source: sourceId, id: `${sourceId}/shop/Deployment/app` };
}
function autoscaler(a: { min: number; max: number; target: number } | undefined, w: Workload): Autoscaler | undefined {
  return a && {
    id: `${w.id}/hpa`, kind: 'autoscaler', platform: w.platform, source: w.source, name: 'app', labels: {}, ref: { kind: 'HPA' },
    target: w.id, targetName: 'app', min: a.min, max: a.max, metrics: [{ name: 'cpu', targetType: 'utilization', target: a.target }],
  };
}

const A = source({ id: 'k8s/a', platform: 'kubernetes', name: 'a' });
const B = source({ id: 'k8s/b', platform: 'kubernetes', name: 'b' });
const E = source({ id: 'ecs/e/us-east-1', platform: 'ecs', name: 'e' });

/** Findings with sides made comparable: container names as a set, values in (left, right) order or swapped. */
function normalized(r: DriftReport, swap: boolean): string[] {
  return r.findings.map((f) => {
    const container = (f.container ?? '-').split('/').sort().join('/');
    const [l, rv] = swap ? [f.rightValue, f.leftValue] : [f.leftValue, f.rightValue];
    return `${container} ${f.field} ${f.category} ${f.severity}: ${l} | ${rv}`;
  }).sort();
}

describe('drift properties', () => {
  it('a workload never drifts from itself, within one platform or across two', () => {
    fc.assert(fc.property(workloadArb, autoscalerArb, fc.constantFrom(B, E), (w, a, other) => {
      const left = place(w, 'kubernetes', A.id);
      const right = place(w, other.platform, other.id);
      const r = computeDrift(snapshotOf([A, other], [{ workload: left, autoscaler: autoscaler(a, left) }, { workload: right, autoscaler: autoscaler(a, right) }]));
      expect(r.pairs).toHaveLength(1);
      expect(r.findings.map((f) => `${f.container} ${f.field}: ${f.leftValue} | ${f.rightValue}`)).toEqual([]);
    }), { numRuns: 300 });
  });

  it('is symmetric up to sides', () => {
    fc.assert(fc.property(workloadArb, workloadArb, autoscalerArb, autoscalerArb, (w1, w2, a1, a2) => {
      const l = place(w1, 'kubernetes', A.id);
      const r = place(w2, 'kubernetes', B.id);
      const snap = snapshotOf([A, B], [{ workload: l, autoscaler: autoscaler(a1, l) }, { workload: r, autoscaler: autoscaler(a2, r) }]);
      const forward = computeDrift(snap, { sources: [A.id, B.id] });
      const backward = computeDrift(snap, { sources: [B.id, A.id] });
      expect(normalized(backward, true)).toEqual(normalized(forward, false));
      expect(backward.totals).toEqual(forward.totals);
    }), { numRuns: 300 });
  });
});
