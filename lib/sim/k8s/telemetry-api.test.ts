/**
 * pods/log and metrics.k8s.io over HTTPS on a fake clock: followed logs advance with the clock
 * (no sleeps), the stream's timer goes when the client leaves; errors are Statuses; bodies in
 * unknown types answer 415 and unproducible Accepts 406.
 */
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@/lib/util/fake-clock';
import { startKubeSimulator, type KubeObject, type KubeSimulator } from './index';
import { linesUpTo, rfc3339Nano } from '../telemetry/log-lines';

const T0 = Date.now();
const clock = new FakeClock(T0);
let sim: KubeSimulator;

const started = new Date(T0 - 60_000).toISOString();
const runningPod = (name: string, image: string, extra: object = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: name } },
  spec: { nodeName: 'demo-control-plane', containers: [{ name: 'main', image, resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } } }] },
  status: { phase: 'Running', podIP: '10.244.0.9', containerStatuses: [{ name: 'main', image, ready: true, restartCount: 0, state: { running: { startedAt: started } }, lastState: {} }], ...extra },
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, sim.url), { method, headers: { authorization: `Bearer ${sim.token}`, ...headers }, ca: Buffer.from(sim.caData, 'base64').toString('utf8') }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

async function text(res: IncomingMessage): Promise<string> {
  let s = '';
  for await (const d of res) s += String(d);
  return s;
}

beforeAll(async () => {
  const crashed = runningPod('crash', 'redis:7', {});
  crashed.status.containerStatuses[0] = {
    name: 'main', image: 'redis:7', ready: false, restartCount: 3,
    state: { waiting: { reason: 'CrashLoopBackOff' } },
    lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: started, finishedAt: started } },
  };
  const pending = runningPod('pulling', 'nginx:9.9', { phase: 'Pending' });
  pending.status.containerStatuses[0] = { name: 'main', image: 'nginx:9.9', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } };
  sim = await startKubeSimulator({ nodes: 1, clock, telemetrySeed: 7, seed: [runningPod('web', 'nginx:1.27'), crashed, pending] });
});
afterAll(async () => {
  await sim?.stop();
});

describe('pods/log', () => {
  it('answers the lines written so far as text, with tail, timestamps and limitBytes', async () => {
    const res = await get('/api/v1/namespaces/shop/pods/web/log?tailLines=3&timestamps=true');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain');
    const lines = (await text(res)).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z 10\.244\.\d+\.\d+ - - \[/);
    const cut = await text(await get('/api/v1/namespaces/shop/pods/web/log?limitBytes=10'));
    expect(Buffer.byteLength(cut)).toBe(10);
  });

  it('follows: new lines arrive as the clock moves, and leaving clears the stream', async () => {
    const timersBefore = clock.size;
    const res = await get('/api/v1/namespaces/shop/pods/web/log?follow=true&tailLines=1&timestamps=true');
    expect(res.statusCode).toBe(200);
    let got = '';
    res.on('data', (d: Buffer) => (got += d.toString()));
    await clock.advance(0);
    await new Promise((r) => setImmediate(r));
    expect(got.trimEnd().split('\n')).toHaveLength(1);
    expect(clock.size).toBe(timersBefore + 1);
    await clock.advance(20_000);
    await new Promise((r) => setImmediate(r));
    const lines = got.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    const times = lines.map((l) => Date.parse(l.split(' ')[0]));
    expect(times.at(-1)).toBeLessThanOrEqual(clock.now());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    res.destroy();
    await new Promise((r) => setTimeout(r, 50));
    await clock.advance(0);
    expect(clock.size).toBe(timersBefore);
  });

  it('previous reads the last terminated instance, and is a 400 when there is none', async () => {
    const prev = await text(await get('/api/v1/namespaces/shop/pods/crash/log?previous=true'));
    expect(prev.trimEnd().split('\n').at(-1)).toMatch(/Can't handle RDB format/);
    // A waiting container with a terminated instance shows that instance (as the kubelet does).
    expect(await text(await get('/api/v1/namespaces/shop/pods/crash/log'))).toBe(prev);
    const none = await get('/api/v1/namespaces/shop/pods/web/log?previous=true');
    expect(none.statusCode).toBe(400);
    expect(JSON.parse(await text(none))).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: 'previous terminated container "main" in pod "web" not found' });
  });

  it('explains why there are no logs yet, for a wrong container and a missing pod', async () => {
    const pulling = await get('/api/v1/namespaces/shop/pods/pulling/log');
    expect(pulling.statusCode).toBe(400);
    expect(JSON.parse(await text(pulling)).message).toBe('container "main" in pod "pulling" is waiting to start: trying and failing to pull image');
    const wrong = await get('/api/v1/namespaces/shop/pods/web/log?container=side');
    expect(JSON.parse(await text(wrong)).message).toBe('container side is not valid for pod web');
    expect((await get('/api/v1/namespaces/shop/pods/nope/log')).statusCode).toBe(404);
    expect((await get('/api/v1/namespaces/shop/pods/web/log', {}, 'POST', '{}')).statusCode).toBe(405);
    expect((await get('/api/v1/namespaces/shop/pods/web/log?tailLines=-1')).statusCode).toBe(422);
  });

  it('is the generator, on the simulator clock and seed', async () => {
    const body = await text(await get('/api/v1/namespaces/shop/pods/web/log?tailLines=2&timestamps=true'));
    const src = { namespace: 'shop', pod: 'web', container: 'main', image: 'nginx:1.27', instance: 0, startedAt: Date.parse(started) };
    const expected = linesUpTo(src, 7, clock.now(), { tailLines: 2 }).lines.map((l) => `${rfc3339Nano(l)} ${l.text}\n`).join('');
    expect(body).toBe(expected);
  });
});

describe('metrics.k8s.io', () => {
  it('is discoverable and lists PodMetrics and NodeMetrics below limits', async () => {
    const groups = JSON.parse(await text(await get('/apis')));
    expect(groups.groups.find((g: { name: string }) => g.name === 'metrics.k8s.io').preferredVersion.groupVersion).toBe('metrics.k8s.io/v1beta1');
    const rl = JSON.parse(await text(await get('/apis/metrics.k8s.io/v1beta1')));
    expect(rl.resources.map((r: { name: string; verbs: string[] }) => `${r.name}:${r.verbs}`).sort()).toEqual(['nodes:get,list', 'pods:get,list']);
    const pods = JSON.parse(await text(await get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods')));
    expect(pods.kind).toBe('PodMetricsList');
    // Running pods only (the Pending one has no sample).
    expect(pods.items.map((p: KubeObject) => p.metadata.name).sort()).toEqual(['crash', 'web']);
    const web = pods.items.find((p: KubeObject) => p.metadata.name === 'web');
    expect(web).toMatchObject({ window: '15s', containers: [{ name: 'main', usage: { cpu: expect.stringMatching(/^\d+n$/), memory: expect.stringMatching(/^\d+Ki$/) } }] });
    expect(Number(web.containers[0].usage.cpu.slice(0, -1)) / 1e6).toBeLessThanOrEqual(180);
    const one = JSON.parse(await text(await get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/web')));
    expect(one.containers).toEqual(web.containers);
    const selected = JSON.parse(await text(await get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods?labelSelector=app%3Dcrash')));
    expect(selected.items.map((p: KubeObject) => p.metadata.name)).toEqual(['crash']);
    const nodes = JSON.parse(await text(await get('/apis/metrics.k8s.io/v1beta1/nodes')));
    expect(nodes.items.map((n: KubeObject) => n.metadata.name)).toEqual(['demo-control-plane']);
    expect((await get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/pulling')).statusCode).toBe(404);
    expect((await get('/apis/metrics.k8s.io/v1beta1/nodes', { 'content-type': 'application/json' }, 'POST', '{}')).statusCode).toBe(405);
  });

  it('moves with the clock and not between samples', async () => {
    const read = async () => JSON.parse(await text(await get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/web')));
    await clock.advance(15_000 - (clock.now() % 15_000));
    const a = await read();
    await clock.advance(5_000);
    expect((await read()).containers).toEqual(a.containers);
    await clock.advance(600_000);
    const b = await read();
    expect(b.containers).not.toEqual(a.containers);
    expect(Date.parse(b.timestamp)).toBe(Math.floor(clock.now() / 15_000) * 15_000);
  });
});

describe('content negotiation', () => {
  it('answers an unknown body type 415 and an unproducible Accept 406, as Statuses', async () => {
    const cbor = await get('/api/v1/namespaces/shop/configmaps', { 'content-type': 'application/cbor' }, 'POST', 'x');
    expect(cbor.statusCode).toBe(415);
    expect(JSON.parse(await text(cbor))).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType', code: 415 });
    // k8s\0 + runtime.Unknown{typeMeta{apiVersion: apps/v1, kind: StatefulSet}}
    const typeMeta = Buffer.concat([Buffer.from([0x0a, 7]), Buffer.from('apps/v1'), Buffer.from([0x12, 11]), Buffer.from('StatefulSet')]);
    const envelope = Buffer.concat([Buffer.from('k8s\0', 'binary'), Buffer.from([0x0a, typeMeta.length]), typeMeta]).toString('latin1');
    const pb = await get('/apis/apps/v1/namespaces/shop/statefulsets', { 'content-type': 'application/vnd.kubernetes.protobuf' }, 'POST', envelope);
    expect(pb.statusCode).toBe(415);
    expect(JSON.parse(await text(pb)).message).toContain('does not decode StatefulSet (apps/v1) from protobuf');
    const accept = await get('/api/v1/namespaces/shop/configmaps', { accept: 'application/cbor' });
    expect(accept.statusCode).toBe(406);
    expect(JSON.parse(await text(accept))).toMatchObject({ kind: 'Status', reason: 'NotAcceptable' });
    expect((await get('/api/v1/namespaces/shop/configmaps', { accept: 'application/vnd.kubernetes.protobuf, application/json' })).statusCode).toBe(200);
  });
});
