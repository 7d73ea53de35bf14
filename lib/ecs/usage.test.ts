// The ECS adapter's usage read over real HTTP against the ECS simulator's CloudWatch: the last hour
// of a service and a cluster at a 60 s period, oldest first; 500 queries per call at most; answers
// kept 60 s (calls counted at the simulator), one call for concurrent asks; AccessDenied a problem
// that names the permission.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateServiceCommand } from '@aws-sdk/client-ecs';
import { startEcsSimulator, type EcsSimulator } from '@/lib/sim/ecs';
import { clients, registerTaskDef, seedCluster, TEST_CREDENTIALS } from '@/lib/sim/ecs/test-helpers';
import { FakeClock } from '@/lib/util/fake-clock';
import type { SourceAdapter } from '@/lib/inventory/types';
import type { EcsMetricTarget } from '@/lib/inventory/usage';
import { TestSink } from '@/lib/testing/sink';
import { createEcsSource } from './source';
import { GET_METRIC_DATA_MAX_QUERIES, metricQueries, pointsOf } from './usage';

const T0 = Date.UTC(2026, 11, 1, 17, 0, 0);
const HOUR = 3_600_000;
let simNow = T0;
let sim: EcsSimulator;
let source: SourceAdapter;
// The source reads at T0 + 65 min; its clock is only advanced to expire the cache.
const clock = new FakeClock(T0 + HOUR + 5 * 60_000);
const calls = () => sim.requests.filter((r) => r.operation === 'GetMetricData').length;

beforeAll(async () => {
  sim = await startEcsSimulator({ tickMs: 10, stepMs: 40, now: () => simNow });
  await seedCluster(sim, 'prod', 1);
  await registerTaskDef(sim, { family: 'web', networkMode: 'bridge', containerDefinitions: [{ name: 'web', image: 'nginx:1.27', cpu: 256, memory: 512, essential: true }] });
  await clients(sim).ecs.send(new CreateServiceCommand({ cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 0 }));
  simNow = clock.now();
  source = createEcsSource({ platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint: sim.url, pollIntervalMs: HOUR * 24, credentials: TEST_CREDENTIALS, demo: false }, { clock, maxAttempts: 1 });
  await source.start(new TestSink());
});
afterAll(async () => {
  await source?.stop();
  await sim?.stop();
});

describe('readEcsMetrics against the simulator', () => {
  it('reads the last hour of a service and of its cluster, a point a minute, oldest first, CPU and memory merged', async () => {
    const [svc, cluster] = await source.readEcsMetrics!([{ cluster: 'prod', service: 'web' }, { cluster: 'prod' }]);
    for (const r of [svc, cluster]) {
      if (!r.ok) throw new Error(r.problem.message);
      // The service exists since T0, asked from T0 + 5 min: 60 complete minutes.
      expect(r.points).toHaveLength(60);
      expect(r.points[0].t).toBe(T0 + 5 * 60_000);
      expect(r.points.every((p, i) => i === 0 || p.t - r.points[i - 1].t === 60_000)).toBe(true);
      expect(r.points.every((p) => p.cpuPercent! > 0 && p.cpuPercent! < 100 && p.memoryPercent! > 0 && p.memoryPercent! < 100)).toBe(true);
    }
    // A one-service cluster's figure is that service's.
    expect(cluster.ok && svc.ok && cluster.points[10].cpuPercent).toBe(svc.ok && svc.points[10].cpuPercent);
  });

  it('keeps each answer 60 s: asking again costs no call, concurrent asks share one, and a minute later it reads again', async () => {
    const target = { cluster: 'prod', service: 'web' };
    const before = calls();
    await source.readEcsMetrics!([target]);
    await Promise.all([source.readEcsMetrics!([target]), source.readEcsMetrics!([target, target])]);
    expect(calls()).toBe(before);
    await clock.advance(60_000);
    simNow = clock.now();
    const fresh = { cluster: 'prod', service: 'new' };
    await Promise.all([source.readEcsMetrics!([target, fresh]), source.readEcsMetrics!([fresh])]);
    expect(calls()).toBe(before + 1);
  });

  it(`batches: ${GET_METRIC_DATA_MAX_QUERIES} queries per call at most, every target answered in order`, async () => {
    const targets: EcsMetricTarget[] = Array.from({ length: 300 }, (_, i) => ({ cluster: 'prod', service: `s${i}` }));
    const before = calls();
    const answers = await source.readEcsMetrics!(targets);
    expect(calls() - before).toBe(2);
    expect(answers).toHaveLength(300);
    // Services that do not exist have no data: an empty series, not zeros.
    expect(answers.every((a) => a.ok && a.points.length === 0)).toBe(true);
  });

  it('AccessDenied is a problem naming cloudwatch:GetMetricData', async () => {
    sim.faults.deny('GetMetricData');
    try {
      const [r] = await source.readEcsMetrics!([{ cluster: 'denied' }]);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem.message).toMatch(/AccessDenied.*cloudwatch:GetMetricData/);
    } finally {
      sim.faults.clear();
    }
  });
});

describe('metricQueries and pointsOf', () => {
  it('ask per target CPU and memory with its dimensions, and read them back by Id', () => {
    const q = metricQueries([{ cluster: 'a', service: 's' }, { cluster: 'a' }]);
    expect(q.map((x) => x.Id)).toEqual(['c0', 'm0', 'c1', 'm1']);
    expect(q[3].MetricStat?.Metric?.Dimensions).toEqual([{ Name: 'ClusterName', Value: 'a' }]);
    expect(q[0].MetricStat).toMatchObject({ Period: 60, Stat: 'Average', Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization' } });
    const t = (m: number) => new Date(T0 + m * 60_000);
    const points = pointsOf([
      { Id: 'c0', Timestamps: [t(2), t(1)], Values: [20, 10] },
      { Id: 'm0', Timestamps: [t(1)], Values: [50] },
      { Id: 'm1', Timestamps: [t(0)], Values: [5] },
    ], 2);
    expect(points).toEqual([
      [{ t: T0 + 60_000, cpuPercent: 10, memoryPercent: 50 }, { t: T0 + 120_000, cpuPercent: 20 }],
      [{ t: T0, memoryPercent: 5 }],
    ]);
  });
});
