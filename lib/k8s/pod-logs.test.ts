// readLogs over real HTTPS against the simulator on a fake clock: tail, timestamps, previous, errors
// with their source and status, follow (new lines as the clock moves), and close() ending the
// simulator's follow connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@/lib/util/fake-clock';
import { startKubeSimulator, type KubeObject, type KubeSimulator } from '@/lib/sim/k8s';
import type { ModelObject } from '@/lib/model';
import { LogReadError, type LogRead } from '@/lib/inventory/logs';
import { createKubeSource } from './source';
import { podLogPath } from './pod-logs';

const T0 = Date.now();
const clock = new FakeClock(T0);
let sim: KubeSimulator;
const SOURCE = 'k8s/sim';
const started = new Date(T0 - 60_000).toISOString();

const pod = (name: string, containers: string[], statuses: object[], phase = 'Running'): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'shop' },
  spec: { nodeName: 'demo-control-plane', containers: containers.map((c) => ({ name: c, image: c === 'db' ? 'redis:7' : 'nginx:1.27' })) },
  status: { phase, podIP: '10.244.0.9', containerStatuses: statuses },
});
const running = (name: string, restartCount = 0, lastState: object = {}) => ({ name, image: 'nginx:1.27', ready: true, restartCount, state: { running: { startedAt: started } }, lastState });

/** The normalized instance the route hands the adapter (only what the read uses). */
const instance = (name: string): ModelObject => ({
  id: `k8s/sim/shop/Pod/${name}`, platform: 'kubernetes', kind: 'instance', source: SOURCE, name, groupName: 'shop', labels: {}, ref: { kind: 'Pod' },
} as unknown as ModelObject);

let source: ReturnType<typeof createKubeSource>;
beforeAll(async () => {
  sim = await startKubeSimulator({
    nodes: 1, clock, telemetrySeed: 3,
    seed: [
      pod('web', ['web'], [running('web', 1, { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: started, finishedAt: started } })]),
      pod('two', ['web', 'db'], [running('web'), running('db')]),
      pod('waiting', ['web'], [{ name: 'web', image: 'nginx:1.27', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }], 'Pending'),
    ],
  });
  source = createKubeSource({ platform: 'kubernetes', context: 'sim', kubeconfigPaths: [], kubeconfigYaml: sim.kubeconfig('sim'), demo: false }, { clock });
});
afterAll(async () => {
  await sim?.stop();
});

async function all(read: LogRead): Promise<string[]> {
  const out: string[] = [];
  for await (const l of read.lines) out.push(l);
  return out;
}

describe('podLogPath', () => {
  it('asks for the tail (default 500, capped) and only the options given', () => {
    expect(podLogPath({ object: instance('web') })).toBe('/api/v1/namespaces/shop/pods/web/log?tailLines=500');
    expect(podLogPath({ object: instance('w b'), container: 'c', tailLines: 1e9, previous: true, timestamps: true, follow: true }))
      .toBe('/api/v1/namespaces/shop/pods/w%20b/log?container=c&tailLines=5000&previous=true&timestamps=true&follow=true');
    expect(() => podLogPath({ object: { ...instance('x'), platform: 'ecs' } as ModelObject })).toThrow(LogReadError);
  });
});

describe('readLogs against the simulator', () => {
  it('reads the tail as lines, with timestamps when asked, and only with GET', async () => {
    const read = await source.readLogs!({ object: instance('web'), tailLines: 3 });
    expect(read.call).toBe('GET /api/v1/namespaces/shop/pods/web/log?tailLines=3');
    const lines = await all(read);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^10\.244\.\d+\.\d+ - - \[/);
    const stamped = await all(await source.readLogs!({ object: instance('web'), tailLines: 2, timestamps: true }));
    expect(stamped).toHaveLength(2);
    for (const l of stamped) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z 10\.244\./);
    expect(sim.requests.filter((r) => r.path.endsWith('/log')).every((r) => r.method === 'GET')).toBe(true);
  });

  it('reads the previous instance after a restart (not the lines of the running one)', async () => {
    const prev = await all(await source.readLogs!({ object: instance('web'), previous: true, tailLines: 5 }));
    expect(prev.length).toBeGreaterThan(0);
    expect(prev.join('\n')).not.toEqual((await all(await source.readLogs!({ object: instance('web'), tailLines: 5 }))).join('\n'));
  });

  it('errors carry the source and the status: waiting (400), ambiguous container (400), gone (404)', async () => {
    const waiting = await source.readLogs!({ object: instance('waiting') }).catch((e: unknown) => e);
    expect(waiting).toBeInstanceOf(LogReadError);
    expect(waiting).toMatchObject({ source: SOURCE, status: 400, message: expect.stringMatching(/is waiting to start: ContainerCreating/) });
    await expect(source.readLogs!({ object: instance('two') })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/choose one of: \[web db\]/) });
    expect(await all(await source.readLogs!({ object: instance('two'), container: 'db', tailLines: 1 }))).toHaveLength(1);
    await expect(source.readLogs!({ object: instance('gone') })).rejects.toMatchObject({ source: SOURCE, status: 404, message: expect.stringMatching(/pod shop\/gone is gone/) });
    await expect(source.readLogs!({ object: instance('web'), previous: true, container: 'nope' })).rejects.toMatchObject({ status: 400 });
  });

  it('follows: new lines arrive as the simulator\'s clock moves; close() ends the simulator\'s connection', async () => {
    const timersBefore = clock.size;
    const read = await source.readLogs!({ object: instance('web'), tailLines: 1, follow: true });
    const it = read.lines;
    expect((await it.next()).done).toBe(false);
    // The simulator now waits on its clock for the next line (one timer more).
    await clock.advance(0);
    expect(clock.size).toBe(timersBefore + 1);
    const next = it.next();
    await clock.advance(30_000);
    expect((await next).value).toMatch(/^10\.244\./);
    const pending = it.next();
    read.close();
    expect((await pending).done).toBe(true);
    // The simulator saw the client leave: its follow timer is gone.
    await new Promise((r) => setTimeout(r, 50));
    await clock.advance(0);
    expect(clock.size).toBe(timersBefore);
  });

  it('an aborted signal ends the read too', async () => {
    const abort = new AbortController();
    const read = await source.readLogs!({ object: instance('web'), tailLines: 1, follow: true, signal: abort.signal });
    await read.lines.next();
    const pending = read.lines.next();
    abort.abort();
    expect((await pending).done).toBe(true);
  });

});
