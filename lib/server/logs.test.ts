// The logs route's logic: NDJSON records pulled by the client, a workload's pods merged, errors
// with their status, the followers' cap, and the upstream closed when the browser leaves (also
// end to end against the simulator: its follow connection ends).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EcsSimulator } from '@/lib/sim/ecs';
import { TEST_CREDENTIALS } from '@/lib/sim/ecs/test-helpers';
import { awslogs, startLoggingService } from '@/lib/testing/ecs/logging-service';
import { createEcsSource } from '@/lib/ecs/source';
import { TaskDefinitionCache } from '@/lib/ecs/read';
import { Inventory } from '@/lib/inventory/store';
import { waitFor } from '@/lib/testing/wait';
import { LogReadError, type LogRead, type LogRequest } from '@/lib/inventory/logs';
import type { Instance, Snapshot } from '@/lib/model';
import { sampleSnapshot } from '@/lib/testing/sample-snapshot';
import { startKubeSimulator, type KubeSimulator } from '@/lib/sim/k8s';
import { createKubeSource } from '@/lib/k8s/source';
import { FakeClock } from '@/lib/util/fake-clock';
import { parseRecords, type LogRecord } from '@/lib/views/logs';
import { FollowerLimit, followersFromEnv, logsResponse } from './logs';

const base = sampleSnapshot();
const snapshot: Snapshot = { ...base, instances: base.instances.map((i) => (i.platform === 'kubernetes' ? { ...i, groupName: 'shop', containers: [{ name: 'migrate', image: 'shop/web', ready: false, restarts: 0, state: 'terminated' }, { name: 'web', image: 'nginx', ready: true, restarts: 0, state: 'running' }] } : i)) as Instance[] };
const POD = 'k8s/kind-demo/shop/Pod/web-a';
const WORKLOAD = 'k8s/kind-demo/shop/Deployment/web';
const get = (qs: string, signal?: AbortSignal) => new Request(`http://localhost/api/logs${qs}`, signal ? { signal } : {});

/** A log read of fixed lines, then (when following) lines pushed by the test; records close(). */
function fakeRead(lines: string[], follow = false) {
  const queue = [...lines];
  let wake: (() => void) | undefined;
  let closed = false;
  async function* gen(): AsyncGenerator<string> {
    for (;;) {
      if (queue.length) yield queue.shift()!;
      else if (!follow || closed) return;
      else await new Promise<void>((r) => (wake = r));
      if (closed) return;
    }
  }
  const read: LogRead & { closed(): boolean; push(l: string): void } = {
    call: 'GET /api/v1/namespaces/shop/pods/x/log?tailLines=500', lines: gen(),
    close: () => { closed = true; wake?.(); },
    closed: () => closed,
    push: (l) => { queue.push(l); wake?.(); },
  };
  return read;
}

function inventory(readLogs: (req: LogRequest) => Promise<LogRead>) {
  const asked: LogRequest[] = [];
  return { asked, inv: { snapshot: () => snapshot, version: 1, readLogs: (r: LogRequest) => { asked.push(r); return readLogs(r); } } };
}

async function records(res: Response): Promise<LogRecord[]> {
  return parseRecords(await res.text()).records;
}

describe('logsResponse', () => {
  it('streams one pod\'s lines as records with their time, asking for timestamps, tail, previous and the running container (not the init one)', async () => {
    const { asked, inv } = inventory(async () => fakeRead(['2026-01-01T00:00:01.5Z hello <b>there</b>', 'no time here']));
    const res = await logsResponse(inv, get(`?id=${encodeURIComponent(POD)}&tail=99999&previous=1`), new FollowerLimit(2));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/x-ndjson/);
    expect(await records(res)).toEqual([{ pod: 'web-a', t: '2026-01-01T00:00:01.5Z', line: 'hello <b>there</b>' }, { pod: 'web-a', line: 'no time here' }]);
    expect(asked[0]).toMatchObject({ tailLines: 5000, previous: true, timestamps: true, follow: false, container: 'web' });
  });

  it('answers 400 without id, 404 unknown, 501 for an ECS service whose container Parallax does not read, 409 for a waiting container, 404 for a gone pod, with the source', async () => {
    const never = inventory(async () => { throw new Error('not called'); }).inv;
    const limit = new FollowerLimit(2);
    expect((await logsResponse(never, get(''), limit)).status).toBe(400);
    expect((await logsResponse(never, get('?id=k8s%2Fnope'), limit)).status).toBe(404);
    const ecs = await logsResponse(never, get(`?id=${encodeURIComponent('ecs/demo/us-east-1/shop-cluster/service/web')}`), limit);
    expect(ecs.status).toBe(501);
    expect((await ecs.json()).error).toBe('container web has no logConfiguration: its log is not kept anywhere Parallax can read (Parallax reads CloudWatch Logs (awslogs) only)');
    const waiting = inventory(async () => { throw new LogReadError('400 Bad Request: container "web" in pod "web-a" is waiting to start: ContainerCreating', 'k8s/kind-demo', 400); }).inv;
    const w = await logsResponse(waiting, get(`?id=${encodeURIComponent(POD)}`), limit);
    expect(w.status).toBe(409);
    expect(await w.json()).toMatchObject({ error: expect.stringMatching(/waiting to start/), source: 'k8s/kind-demo', upstreamStatus: 400 });
    const gone = inventory(async () => { throw new LogReadError('pod shop/web-a is gone', 'k8s/kind-demo', 404); }).inv;
    expect((await logsResponse(gone, get(`?id=${encodeURIComponent(POD)}&follow=1`), limit)).status).toBe(404);
    // A failed follow gave its slot back.
    expect(limit.count).toBe(0);
  });

  it('a workload merges its pods\' lines, each marked with its pod; a pod that cannot be read is a record, not a failure', async () => {
    const { inv } = inventory(async (r) => {
      if (r.object.name === 'web-c') throw new LogReadError('container "web" in pod "web-c" is waiting to start: ContainerCreating', 'k8s/kind-demo', 400);
      return fakeRead([`2026-01-01T00:00:0${r.object.name === 'web-a' ? 1 : 2}Z from ${r.object.name}`]);
    });
    const got = await records(await logsResponse(inv, get(`?id=${encodeURIComponent(WORKLOAD)}`), new FollowerLimit(2)));
    expect(got).toHaveLength(3);
    expect(got).toContainEqual({ pod: 'web-c', error: expect.stringMatching(/waiting to start/) });
    expect(got).toContainEqual({ pod: 'web-a', t: '2026-01-01T00:00:01Z', line: 'from web-a' });
    expect(got).toContainEqual({ pod: 'web-b', t: '2026-01-01T00:00:02Z', line: 'from web-b' });
  });

  it('caps followers (429 with a message); a closed view gives its slot back and closes upstream', async () => {
    const reads: ReturnType<typeof fakeRead>[] = [];
    const { inv } = inventory(async () => { const r = fakeRead(['2026-01-01T00:00:01Z first'], true); reads.push(r); return r; });
    const limit = new FollowerLimit(1);
    const browser = new AbortController();
    const first = await logsResponse(inv, get(`?id=${encodeURIComponent(POD)}&follow=1`, browser.signal), limit);
    expect(first.status).toBe(200);
    const reader = first.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('first');
    reads[0].push('2026-01-01T00:00:02Z second');
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('second');
    const over = await logsResponse(inv, get(`?id=${encodeURIComponent(POD)}&follow=1`), limit);
    expect(over.status).toBe(429);
    expect((await over.json()).error).toMatch(/at most 1 logs at once.*PARALLAX_LOG_FOLLOWERS_MAX/);
    // Reading without following is not capped.
    expect((await logsResponse(inventory(async () => fakeRead([])).inv, get(`?id=${encodeURIComponent(POD)}`), limit)).status).toBe(200);
    // The browser leaves: upstream closed, slot free.
    browser.abort();
    expect(reads[0].closed()).toBe(true);
    expect(limit.count).toBe(0);
    // Cancelling the body (the other way a response ends) does the same.
    const second = await logsResponse(inv, get(`?id=${encodeURIComponent(POD)}&follow=1`), limit);
    expect(limit.count).toBe(1);
    await second.body!.cancel();
    expect(reads[1].closed()).toBe(true);
    expect(limit.count).toBe(0);
  });

  it('reads the cap from PARALLAX_LOG_FOLLOWERS_MAX (default 20)', () => {
    expect(followersFromEnv({})).toBe(20);
    expect(followersFromEnv({ PARALLAX_LOG_FOLLOWERS_MAX: '3' })).toBe(3);
    expect(followersFromEnv({ PARALLAX_LOG_FOLLOWERS_MAX: 'many' })).toBe(20);
  });
});

describe('logsResponse with the Kubernetes source against the simulator', () => {
  const clock = new FakeClock(Date.now());
  let sim: KubeSimulator | undefined;
  afterAll(async () => { await sim?.stop(); });

  it('follows a pod; when the browser leaves, the simulator\'s follow connection ends', async () => {
    const started = new Date(clock.now() - 60_000).toISOString();
    sim = await startKubeSimulator({ nodes: 1, clock, seed: [{
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-a', namespace: 'shop' },
      spec: { nodeName: 'demo-control-plane', containers: [{ name: 'web', image: 'nginx:1.27' }] },
      status: { phase: 'Running', podIP: '10.244.0.3', containerStatuses: [{ name: 'web', image: 'nginx:1.27', ready: true, restartCount: 0, state: { running: { startedAt: started } }, lastState: {} }] },
    }] });
    const source = createKubeSource({ platform: 'kubernetes', context: 'kind-demo', kubeconfigPaths: [], kubeconfigYaml: sim.kubeconfig('kind-demo'), demo: false }, { clock });
    const inv = { snapshot: () => snapshot, version: 1, readLogs: (r: LogRequest) => source.readLogs!(r) };
    const timers = clock.size;
    const browser = new AbortController();
    const res = await logsResponse(inv, get(`?id=${encodeURIComponent(POD)}&follow=1&tail=2`, browser.signal), new FollowerLimit(5));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    while (text.split('\n').length <= 2) text += new TextDecoder().decode((await reader.read()).value);
    const live = reader.read();
    await clock.advance(30_000);
    text += new TextDecoder().decode((await live).value);
    expect(parseRecords(text).records.length).toBeGreaterThanOrEqual(3);
    expect(parseRecords(text).records[0]).toMatchObject({ pod: 'web-a', t: expect.stringMatching(/^\d{4}-/), line: expect.stringMatching(/^10\.244\./) });
    // The simulator holds one follow timer until the client leaves.
    expect(clock.size).toBe(timers + 1);
    browser.abort();
    await new Promise((r) => setTimeout(r, 100));
    await clock.advance(0);
    expect(clock.size).toBe(timers);
    expect(sim.requests.filter((r) => r.path.endsWith('/log')).map((r) => r.method)).toEqual(['GET']);
  });
});

describe('logsResponse with the ECS source against the simulator', () => {
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
  let sim: EcsSimulator;
  const inventory = new Inventory();
  let service: string;
  const getLogEvents = () => sim.requests.filter((r) => r.operation === 'GetLogEvents').length;

  beforeAll(async () => {
    sim = await startLoggingService(clock, [
      { name: 'log_router', image: 'amazon/aws-for-fluent-bit:2', cpu: 64, memory: 64, essential: false, firelensConfiguration: { type: 'fluentbit' }, logConfiguration: awslogs('/ecs/firelens', 'firelens') },
      { name: 'web', image: 'nginx:1.27', cpu: 128, memory: 256, essential: true, logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'kinesis_firehose', region: 'us-east-1', delivery_stream: 'web-logs' } } },
      { name: 'api', image: 'nginx:1.27', cpu: 128, memory: 256, essential: true, logConfiguration: awslogs('/ecs/api') },
    ], 2);
    await inventory.add(createEcsSource({ platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint: sim.url, pollIntervalMs: 3_600_000, credentials: TEST_CREDENTIALS, demo: false }, { clock, taskDefinitionCache: new TaskDefinitionCache(), maxAttempts: 1 }));
    await clock.advance(0);
    await waitFor('the first poll', () => inventory.sources()[0]?.status === 'ok');
    service = inventory.snapshot().workloads[0].id;
  });
  afterAll(async () => {
    await inventory.stop();
    await sim?.stop();
  });

  it('a service: its tasks\' lines, each marked with its task; a container with another driver says where its log goes', async () => {
    const tasks = inventory.snapshot().instances.map((i) => i.name).sort();
    // No container named: the first main container whose log is read (api; web uses FireLens).
    const res = await logsResponse(inventory, get(`?id=${encodeURIComponent(service)}&tail=3`), new FollowerLimit(2));
    expect(res.status).toBe(200);
    const got = await records(res);
    expect(got).toHaveLength(6);
    // api's (nginx access log) lines, not the FireLens router's own (JSON).
    for (const r of got) expect('line' in r && r.line).toMatch(/^10\.\d+\.\d+\.\d+ - - \[/);
    expect([...new Set(got.map((r) => r.pod))].sort()).toEqual(tasks);
    for (const r of got) expect(r).toMatchObject({ t: expect.stringMatching(/^2026-01-01T12:\d\d:\d\d\.\d{3}Z$/), line: expect.any(String) });
    const web = await logsResponse(inventory, get(`?id=${encodeURIComponent(service)}&container=web`), new FollowerLimit(2));
    expect(web.status).toBe(501);
    expect((await web.json()).error).toBe('container web sends its logs with FireLens to Name=kinesis_firehose region=us-east-1 delivery_stream=web-logs; Parallax reads CloudWatch Logs (awslogs) only');
    // One task, the same answer from the adapter (the task definition it runs, not the service's).
    const task = inventory.snapshot().instances[0];
    const one = await logsResponse(inventory, get(`?id=${encodeURIComponent(task.id)}&container=web`), new FollowerLimit(2));
    expect(one.status).toBe(501);
    expect(await one.json()).toMatchObject({ error: expect.stringMatching(/^container web sends its logs with FireLens/), source: task.source });
  });

  it('follows a service\'s tasks; when the browser leaves, GetLogEvents stops', async () => {
    const browser = new AbortController();
    const res = await logsResponse(inventory, get(`?id=${encodeURIComponent(service)}&tail=1&follow=1`, browser.signal), new FollowerLimit(2));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    void (async () => {
      for (;;) {
        const r = await reader.read().catch(() => ({ done: true as const, value: undefined }));
        if (r.done) return;
        text += new TextDecoder().decode(r.value);
      }
    })();
    const count = () => parseRecords(text).records.length;
    await waitFor('the tail of both tasks', () => count() === 2);
    // Each task's follower polls about once a second, spaced by the source's rate gate (the
    // simulator writes a line every second or two).
    for (let i = 0; i < 30 && count() < 4; i++) {
      const before = getLogEvents();
      await clock.advance(1_000);
      await waitFor('a poll answered', () => getLogEvents() > before);
    }
    await waitFor('new lines', () => count() >= 4, 2_000);
    browser.abort();
    const atAbort = getLogEvents();
    await clock.advance(10_000);
    expect(getLogEvents()).toBe(atAbort);
  });
});

describe('errors from another bundle', () => {
  it('keep their status: a LogReadError is known by its name (the production runtime and routes are separate bundles)', async () => {
    class LogReadError extends Error {
      constructor(message: string, readonly source: string, readonly status?: number) { super(message); this.name = 'LogReadError'; }
    }
    const { inv } = inventory(async () => { throw new LogReadError('container db sends its logs with the splunk driver', 'ecs/demo/us-east-1', 501); });
    const res = await logsResponse(inv, get(`?id=${encodeURIComponent(POD)}`), new FollowerLimit(2));
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ upstreamStatus: 501 });
  });
});
