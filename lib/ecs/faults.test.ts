// Fault matrix, ECS: hung and stalled calls end at their deadline, throttling is degraded (never
// down) and slows polling, 500s and an unreachable endpoint. The real AWS SDK over HTTP against the
// simulator's fault switch; deadlines and poll timers on fake time (docs/FAULTS.md).
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EcsSimulator } from '@/lib/sim/ecs';
import type { EcsSourceConfig } from '@/lib/config/types';
import type { SourceAdapter } from '@/lib/inventory/types';
import { TestSink } from '@/lib/testing/sink';
import { FakeClock } from '@/lib/util/fake-clock';
import { createEcsSource, type EcsSourceOptions } from './source';
import { TaskDefinitionCache } from './read';
import { startSeededSimulator, TEST_CREDENTIALS } from '@/lib/testing/ecs/seed';

let sim: EcsSimulator;
beforeAll(async () => {
  sim = await startSeededSimulator();
});
afterAll(async () => { await sim?.stop(); });

let adapter: SourceAdapter | undefined;
afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  sim.faults.clear();
});

async function start(opts: EcsSourceOptions = {}, cfg: Partial<EcsSourceConfig> = {}) {
  const clock = new FakeClock();
  const sink = new TestSink({ replaceOnly: true });
  adapter = createEcsSource(
    { platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint: sim.url, pollIntervalMs: 10_000, credentials: TEST_CREDENTIALS, demo: false, ...cfg },
    { clock, random: () => 0.5, maxAttempts: 1, callTimeoutMs: 30_000, taskDefinitionCache: new TaskDefinitionCache(), ...opts },
  );
  await adapter.start(sink);
  await clock.advance(0);
  return { clock, sink };
}

const calls = (op: string) => sim.requests.filter((r) => r.operation === op).length;
const pollDone = (sink: TestSink, n: number) => sink.waitForPolls(n, 10_000);

describe('ECS faults: deadlines', () => {
  for (const fault of ['hang', 'stall'] as const) {
    it(`a call that ${fault === 'hang' ? 'is never answered' : 'sends headers, then nothing'} ends at its deadline: that kind is in error, the poll completes, waiting is shown meanwhile`, async () => {
      sim.faults[fault]('DescribeServices', 1);
      const { clock, sink } = await start();
      await sink.until(() => sim.requests.some((r) => r.operation === 'DescribeServices' && r.fault === fault), 5_000, 'the faulty call');
      await sink.until(() => calls('DescribeContainerInstances') > 0 && calls('DescribeTasks') > 0, 5_000, 'the other reads');
      await clock.advance(5_000);
      // An answered call still being read when the report is due leaves the list as it ends.
      await sink.until(() => (sink.status_.waiting ?? []).length === 1, 5_000, 'waiting reported');
      expect(sink.status_.waiting![0].operation).toBe('DescribeServices');
      expect(sink.status_.status).toBe('syncing');
      await clock.advance(25_000);
      await pollDone(sink, 1);
      expect(sink.status_.status).toBe('degraded');
      expect(sink.coverage.get('workloads')).toMatchObject({ state: 'error', message: `DescribeServices timed out after 30 s (${sim.url}) (cluster shop)` });
      expect(sink.coverage.get('nodes')).toMatchObject({ state: 'ok', confirmedAt: new Date(clock.now()).toISOString() });
      expect(sink.coverage.get('workloads')!.confirmedAt).toBeUndefined();
      expect(sink.status_.waiting).toEqual([]);
      expect(sink.status_.lastSyncAt).toBe(new Date(clock.now()).toISOString());
      await clock.advance(10_000);
      await pollDone(sink, 2);
      expect(sink.status_.status).toBe('ok');
    });
  }

  it('ListClusters hung: the poll ends at the deadline, the source is down with the reason, objects kept', async () => {
    const { clock, sink } = await start();
    await pollDone(sink, 1);
    const workloads = sink.of('workload').length;
    sim.faults.hang('ListClusters', 1);
    await clock.advance(10_000);
    await sink.until(() => sim.requests.some((r) => r.operation === 'ListClusters' && r.fault === 'hang'), 5_000, 'hung ListClusters');
    await clock.advance(30_000);
    await pollDone(sink, 2);
    expect(sink.status_).toMatchObject({ status: 'down', reason: `ListClusters timed out after 30 s (${sim.url})` });
    expect(sink.of('workload')).toHaveLength(workloads);
  });
});

describe('ECS faults: throttling, 500, down', () => {
  it('ListClusters throttled past the SDK retries: degraded "throttled, retrying in 15 s", never down; the next poll waits that long', async () => {
    sim.faults.throttle('ListClusters', 1000);
    const { clock, sink } = await start();
    await pollDone(sink, 1);
    expect(sink.status_).toMatchObject({ status: 'degraded', reason: 'throttled (ListClusters), retrying in 15 s' });
    expect(sink.errors[0]).toMatchObject({ operation: 'ListClusters', code: 'ThrottlingException' });
    const before = calls('ListClusters');
    await clock.advance(14_999);
    expect(calls('ListClusters')).toBe(before);
    await clock.advance(1);
    await pollDone(sink, 2);
    // Still throttled: the interval keeps stretching (10 s base doubling, jitter at the middle).
    expect(sink.status_.reason).toBe('throttled (ListClusters), retrying in 30 s');
    expect(sink.updates.some((u) => u.status === 'down')).toBe(false);
    sim.faults.clear();
    await clock.advance(30_000);
    await pollDone(sink, 3);
    expect(sink.status_.status).toBe('ok');
    await clock.advance(10_000);
    await pollDone(sink, 4);
  });

  it('one kind throttled: that kind is not covered, the source degraded with when it retries', async () => {
    sim.faults.throttle('DescribeServices', 1000);
    const { sink } = await start();
    await pollDone(sink, 1);
    expect(sink.status_).toMatchObject({ status: 'degraded', reason: 'throttled (DescribeServices), retrying in 15 s; not covered: workloads, revisions, events, endpoints, configs, secrets, volumes' });
    expect(sink.coverage.get('workloads')).toMatchObject({ state: 'error' });
    expect(sink.coverage.get('nodes')).toMatchObject({ state: 'ok' });
  });

  it('500 on DescribeTasks: instances not covered (error), their objects and last confirmed time kept, the rest ok', async () => {
    const { clock, sink } = await start();
    await pollDone(sink, 1);
    const firstPoll = new Date(clock.now()).toISOString();
    sim.faults.fail('DescribeTasks');
    await clock.advance(10_000);
    await pollDone(sink, 2);
    expect(sink.status_.status).toBe('degraded');
    expect(sink.coverage.get('instances')).toMatchObject({ state: 'error' });
    expect(sink.coverage.get('instances')!.message).toMatch(/^DescribeTasks \(HTTP 500\): ServerException: /);
    // Not read this time: its objects and when it was last read whole stay.
    expect(sink.coverage.get('instances')!.confirmedAt).toBe(firstPoll);
    expect(sink.of('instance').length).toBeGreaterThan(0);
    expect(sink.coverage.get('workloads')?.state).toBe('ok');
    expect(sink.of('workload').length).toBeGreaterThan(0);
  });

  it('an endpoint that refuses connections: down, naming it', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const { sink } = await start({}, { endpoint: `http://127.0.0.1:${port}` });
    await pollDone(sink, 1);
    expect(sink.status_).toMatchObject({ status: 'down', reason: `connection refused at http://127.0.0.1:${port} — is the emulator running?` });
  });
});
