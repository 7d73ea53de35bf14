// The simulator's fault switch on the wire: what each injected fault looks like to any client.
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSimulator, type KubeSimulator } from './index';

let sim: KubeSimulator;
beforeAll(async () => {
  sim = await startKubeSimulator({ bookmarkIntervalMs: 600_000 });
});
afterAll(async () => {
  await sim.stop();
});

function get(path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    https.get(`${sim.url}${path}`, { ca: Buffer.from(sim.caData, 'base64'), headers: { authorization: `Bearer ${sim.token}` } }, resolve).on('error', reject);
  });
}

const body = (res: IncomingMessage) => new Promise<string>((resolve) => {
  let text = '';
  res.on('data', (c: Buffer) => { text += c.toString(); });
  res.on('end', () => resolve(text));
  res.on('error', () => resolve(text));
});

/** The first `n` lines of a streaming answer. */
const lines = (res: IncomingMessage, n: number) => new Promise<string[]>((resolve) => {
  let text = '';
  res.on('data', (c: Buffer) => {
    text += c.toString();
    const got = text.split('\n').filter(Boolean);
    if (got.length >= n) resolve(got.slice(0, n));
  });
});

describe('k8s simulator faults', () => {
  it('a Status fault answers that code with Retry-After, for as many requests as asked, then reads work again', async () => {
    sim.faults.inject({ resource: 'configmaps', verb: 'list', fault: { type: 'status', code: 429, retryAfterSeconds: 20 }, times: 1 });
    const res = await get('/api/v1/configmaps');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('20');
    expect(JSON.parse(await body(res))).toMatchObject({ kind: 'Status', code: 429, reason: 'TooManyRequests' });
    expect(sim.requests.at(-1)).toMatchObject({ status: 429, fault: 'status' });
    expect((await get('/api/v1/configmaps')).statusCode).toBe(200);
  });

  it('a cut-off list ends the connection mid-body; a garbage list is 200 and not JSON', async () => {
    sim.faults.inject({ resource: 'namespaces', verb: 'list', fault: { type: 'truncate' }, times: 1 });
    const cut = await get('/api/v1/namespaces');
    const text = await body(cut);
    expect(Number(cut.headers['content-length'])).toBeGreaterThan(text.length);
    sim.faults.inject({ resource: 'namespaces', verb: 'list', fault: { type: 'garbage' }, times: 1 });
    const garbage = await get('/api/v1/namespaces');
    expect(garbage.statusCode).toBe(200);
    expect(await body(garbage)).toMatch(/^<html>/);
  });

  it('watch faults: expire answers an ERROR 410 event; malformedEvent garbles the next event only; endWatches ends open watches', async () => {
    sim.faults.inject({ resource: 'pods', verb: 'watch', fault: { type: 'expire' }, times: 1 });
    const expired = await get('/api/v1/pods?watch=true&resourceVersion=1');
    expect(JSON.parse(await body(expired))).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });

    sim.faults.inject({ resource: 'configmaps', verb: 'watch', fault: { type: 'malformedEvent' }, times: 1 });
    const res = await get('/api/v1/configmaps?watch=true');
    const next = lines(res, 2);
    sim.load([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default' } }]);
    const [first, second] = await next;
    expect(() => JSON.parse(first)).toThrow();
    expect(JSON.parse(second)).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'b' } } });
    const ended = body(res);
    expect(sim.faults.endWatches('configmaps')).toBe(1);
    await ended;
  });

  it('stall sends 200 and headers, then nothing; hang sends nothing at all', async () => {
    sim.faults.inject({ resource: 'nodes', verb: 'list', fault: { type: 'stall' }, times: 1 });
    const stalled = await get('/api/v1/nodes');
    expect(stalled.statusCode).toBe(200);
    let got = 0;
    stalled.on('data', () => { got++; });
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toBe(0);
    stalled.destroy();
    sim.faults.inject({ resource: 'nodes', verb: 'list', fault: { type: 'hang' }, times: 1 });
    const answered = await Promise.race([get('/api/v1/nodes').then(() => true), new Promise((r) => setTimeout(() => r(false), 200))]);
    expect(answered).toBe(false);
    expect(sim.requests.at(-1)).toMatchObject({ path: '/api/v1/nodes', fault: 'hang', status: 0 });
  });
});
