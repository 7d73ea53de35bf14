// Contract tests: the real AWS SDK v3 clients in the adapter against the embedded ECS simulator
// (lib/sim/ecs), whose scheduler runs service tasks and rollouts, and which records every request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcsSimulator, type EcsSimulator } from '@/lib/sim/ecs';
import type { EcsSourceConfig } from '@/lib/config/types';
import { ecsSourceId } from '@/lib/model';
import { createEcsSource, type EcsSourceOptions } from './source';
import { readEcsOnce } from '@/lib/testing/ecs/read-once';
import { TaskDefinitionCache } from './read';
import { seedContract, startSeededSimulator, TEST_CREDENTIALS } from '@/lib/testing/ecs/seed';
import { expectReadOnly, expectScenario, ofKind } from '@/lib/testing/ecs/expect';
import { nextPoll, TestSink } from '@/lib/testing/sink';
import { freePort } from '@/lib/testing/moto';
import { FakeClock } from '@/lib/util/fake-clock';

const config = (endpoint: string, extra: Partial<EcsSourceConfig> = {}): EcsSourceConfig => ({
  platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint, pollIntervalMs: 100, credentials: TEST_CREDENTIALS, demo: false, ...extra,
});
const SOURCE = ecsSourceId('test', 'us-east-1');

async function run(cfg: EcsSourceConfig, opts: EcsSourceOptions, polls: number, clock = new FakeClock()) {
  const sink = new TestSink({ replaceOnly: true });
  const adapter = createEcsSource(cfg, { clock, ...opts });
  await adapter.start(sink);
  try {
    for (let i = 0; i < polls; i++) await nextPoll(clock, sink, i === 0 ? 0 : cfg.pollIntervalMs);
  } finally {
    await adapter.stop();
  }
  return sink;
}

describe('ECS adapter against the embedded simulator', () => {
  let sim: EcsSimulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(async () => { await sim?.stop(); });

  it('reads and normalizes the scenario, with only Describe*/List* calls', async () => {
    const from = sim.requests.length;
    const { objects, source } = await readEcsOnce(config(sim.url), { taskDefinitionCache: new TaskDefinitionCache() });
    expect(source.status).toBe('ok');
    expect(source.connection.account).toBe(sim.accountId);
    expect(source.coverage.every((c) => c.state === 'ok')).toBe(true);
    expectScenario(objects, SOURCE);
    // The simulator's scheduler runs tasks: they are RUNNING, on their nodes, with service events.
    expect(ofKind(objects, 'instance').every((i) => i.state === 'running')).toBe(true);
    expect(ofKind(objects, 'event').some((e) => e.message.includes('has reached a steady state'))).toBe(true);
    expect(ofKind(objects, 'endpoint')[0].readyTargets).toBe(2);
    expectReadOnly(sim.requests.slice(from));
  });

  it('polls on its interval, replaces a scope only when it changed, and stop() ends polling', async () => {
    const clock = new FakeClock();
    const sink = await run(config(sim.url), { taskDefinitionCache: new TaskDefinitionCache() }, 3, clock);
    expect(sink.updates.find((u) => u.freshness)?.freshness).toEqual({ mode: 'poll', intervalMs: 100 });
    // Steady state: the first poll replaces every scope, later ones only what changed.
    const firstPollScopes = new Set(sink.replaced.slice(0, 7));
    expect(firstPollScopes.size).toBe(7);
    expect(sink.replaced.length).toBeLessThan(7 * 3);
    expect(sink.updates.some((u) => u.progress && u.progress.total === 1 && u.progress.done === 1)).toBe(true);
    const count = sim.requests.length;
    expect(clock.size).toBe(0);
    await clock.advance(3_600_000);
    expect(sim.requests.length).toBe(count);
  });

  it('a denied DescribeContainerInstances leaves only nodes not covered, keeping their previous objects', async () => {
    const sink = new TestSink({ replaceOnly: true });
    const clock = new FakeClock();
    const adapter = createEcsSource(config(sim.url), { clock, maxAttempts: 1, taskDefinitionCache: new TaskDefinitionCache() });
    await adapter.start(sink);
    try {
      await nextPoll(clock, sink, 0);
      expect(sink.of('node')).toHaveLength(2);
      sim.faults.deny('DescribeContainerInstances');
      await nextPoll(clock, sink, 100);
      await nextPoll(clock, sink, 100);
    } finally {
      await adapter.stop();
      sim.faults.clear();
    }
    expect(sink.status_.status).toBe('degraded');
    expect(sink.coverage.get('nodes')).toMatchObject({ state: 'forbidden', count: 2 });
    expect(sink.coverage.get('nodes')!.message).toMatch(/DescribeContainerInstances: AccessDenied/);
    for (const kind of ['workloads', 'instances', 'revisions', 'configs', 'endpoints', 'autoscalers']) expect(sink.coverage.get(kind)!.state).toBe('ok');
    expect(sink.of('workload')).toHaveLength(3);
    expect(sink.of('node')).toHaveLength(2);
    const err = sink.errors.find((e) => e.operation === 'DescribeContainerInstances')!;
    expect(err).toMatchObject({ status: 400, code: 'AccessDeniedException' });
  });

  it('reads only the configured clusters, and reports a configured cluster that does not exist', async () => {
    const { objects, source } = await readEcsOnce(config(sim.url, { clusters: ['shop', 'nope'] }), { taskDefinitionCache: new TaskDefinitionCache() });
    expect(source.status).toBe('degraded');
    const cov = new Map(source.coverage.map((c) => [c.kind, c]));
    expect(cov.get('clusters')).toMatchObject({ state: 'error', count: 1, message: 'cluster nope: MISSING' });
    expect(cov.get('workloads')!.state).toBe('ok');
    expect(ofKind(objects, 'workload')).toHaveLength(3);
    expect(source.errors).toContainEqual(expect.objectContaining({ operation: 'DescribeClusters', code: 'MISSING' }));
  });

  it('throttling is retried by the SDK; past maxAttempts only that kind is in error', async () => {
    sim.faults.throttle('DescribeServices', 1);
    const ok = await readEcsOnce(config(sim.url), { maxAttempts: 3, taskDefinitionCache: new TaskDefinitionCache() });
    expect(ok.source.status).toBe('ok');
    sim.faults.throttle('DescribeServices', 100);
    const bad = await readEcsOnce(config(sim.url), { maxAttempts: 2, taskDefinitionCache: new TaskDefinitionCache() });
    sim.faults.clear();
    expect(bad.source.status).toBe('degraded');
    const cov = new Map(bad.source.coverage.map((c) => [c.kind, c]));
    expect(cov.get('workloads')!.state).toBe('error');
    expect(cov.get('nodes')!.state).toBe('ok');
    expect(ofKind(bad.objects, 'node')).toHaveLength(2);
    expect(bad.source.errors.find((e) => e.operation === 'DescribeServices')).toMatchObject({ code: 'ThrottlingException', status: 400 });
  });
});

describe('ECS adapter call counts at scale (simulator)', () => {
  let sim: EcsSimulator;
  const EXTRA = 22;
  const PER = 10;
  beforeAll(async () => {
    sim = await startSeededSimulator({ extraServices: { count: EXTRA, desired: PER }, timeoutMs: 30_000 });
  }, 60_000);
  afterAll(async () => { await sim?.stop(); });

  it('makes the fewest calls the API limits allow, and describes each task definition once across polls', async () => {
    const sink = new TestSink({ replaceOnly: true });
    const cache = new TaskDefinitionCache();
    const adapter = createEcsSource(config(sim.url, { pollIntervalMs: 60_000 }), { taskDefinitionCache: cache });
    const start = sim.requests.length;
    await adapter.start(sink);
    await sink.waitForPolls(1);
    const firstEnd = sim.requests.length;
    await adapter.stop();
    const first = sim.requests.slice(start, firstEnd).map((r) => r.operation);

    // A second poll of a fresh adapter sharing the cache: task definitions are not described again.
    const sink2 = new TestSink({ replaceOnly: true });
    const adapter2 = createEcsSource(config(sim.url, { pollIntervalMs: 60_000 }), { taskDefinitionCache: cache });
    await adapter2.start(sink2);
    await sink2.waitForPolls(1);
    await adapter2.stop();
    const second = sim.requests.slice(firstEnd).map((r) => r.operation);

    const N = 3 + EXTRA;
    const tasks = sink.of('instance');
    const M = tasks.length;
    expect(sink.of('workload')).toHaveLength(N);
    expect(M).toBe(2 + 1 + 2 + EXTRA * PER);
    const count = (ops: string[], op: string) => ops.filter((o) => o === op).length;
    const counts = Object.fromEntries([...new Set(first)].map((op) => [op, count(first, op)]));
    console.log(`ECS poll of ${N} services / ${M} tasks: ${first.length} calls`, counts);
    expectReadOnly(sim.requests.slice(start));
    expect(count(first, 'DescribeServices')).toBe(Math.ceil(N / 10));
    expect(count(first, 'ListServices')).toBe(1);
    expect(count(first, 'DescribeTasks')).toBeLessThanOrEqual(Math.ceil(M / 100) + 1);
    // RUNNING and STOPPED lists, 100 per page.
    expect(count(first, 'ListTasks')).toBeLessThanOrEqual(Math.ceil(M / 100) + 1 + 1);
    expect(count(first, 'DescribeContainerInstances')).toBe(1);
    expect(count(first, 'DescribeInstances')).toBe(1);
    expect(count(first, 'DescribeClusters')).toBe(1);
    expect(count(first, 'DescribeTaskDefinition')).toBe(4);
    expect(count(second, 'DescribeTaskDefinition')).toBe(0);
    expect(count(second, 'DescribeServices')).toBe(Math.ceil(N / 10));
  });
});

describe('ECS adapter when nothing can be read', () => {
  it('reports connection refused as down, with the endpoint and a hint', async () => {
    const port = await freePort();
    const sink = await run(config(`http://127.0.0.1:${port}`), { maxAttempts: 1 }, 1);
    expect(sink.status_.status).toBe('down');
    expect(sink.status_.reason).toBe(`connection refused at http://127.0.0.1:${port} — is the emulator running?`);
    expect(sink.scopes.size).toBe(0);
  });

  it('goes down when the endpoint disappears, keeping the last objects read', async () => {
    const sim = await startEcsSimulator({ tickMs: 50, stepMs: 50 });
    let stopped = false;
    const sink = new TestSink({ replaceOnly: true });
    const clock = new FakeClock();
    const adapter = createEcsSource(config(sim.url), { clock, maxAttempts: 1, taskDefinitionCache: new TaskDefinitionCache() });
    try {
      await seedContract(sim.url);
      await adapter.start(sink);
      await nextPoll(clock, sink, 0);
      const before = sink.objects().length;
      expect(sink.status_.status).toBe('ok');
      await sim.stop();
      stopped = true;
      await nextPoll(clock, sink, 100);
      expect(sink.status_.status).toBe('down');
      // The poll right after the stop may still find the kept-alive socket closing (ECONNRESET);
      // the next one connects afresh and is refused.
      await nextPoll(clock, sink, 100);
      expect(sink.status_.status).toBe('down');
      expect(sink.status_.reason).toMatch(/^connection refused at http:\/\/127\.0\.0\.1:\d+ — is the emulator running\?$/);
      expect(sink.objects().length).toBe(before);
    } finally {
      await adapter.stop();
      if (!stopped) await sim.stop();
    }
  });

  it('reports a profile without credentials as down, naming the profile', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_EC2_METADATA_DISABLED: 'true' });
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']) delete process.env[k];
    try {
      const port = await freePort();
      const sink = await run(config(`http://127.0.0.1:${port}`, { profile: 'no-such-profile', credentials: undefined }), { maxAttempts: 1 }, 1);
      expect(sink.status_.status).toBe('down');
      expect(sink.status_.reason).toMatch(/^AWS credentials invalid or missing for profile no-such-profile .*run aws sso login --profile no-such-profile$/);
    } finally {
      process.env = saved;
    }
  });
});
