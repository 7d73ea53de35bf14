/** Wire-level facts checked with plain HTTPS requests (TLS verified against the kubeconfig CA). */
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSimulator, type KubeSimulator } from './index';

let sim: KubeSimulator;

interface Reply {
  status: number;
  type: string | undefined;
  body: string;
  ms: number;
}

function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string; token?: string | null } = {}): Promise<Reply> {
  const started = Date.now();
  const url = new URL(path, sim.url);
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? sim.token}`;
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: opts.method ?? 'GET', headers, ca: Buffer.from(sim.caData, 'base64').toString('utf8') }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body, ms: Date.now() - started }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

beforeAll(async () => {
  sim = await startKubeSimulator({ nodes: 1, podReadyDelayMs: 50, controllerIntervalMs: 50 });
});
afterAll(async () => {
  await sim?.stop();
});

describe('k8s simulator wire protocol', () => {
  it('serves /version and probes anonymously, everything else needs the bearer token', async () => {
    const v = await raw('/version', { token: null });
    expect(v.status).toBe(200);
    expect(JSON.parse(v.body).gitVersion).toBe('v1.32.4');
    expect((await raw('/readyz', { token: null })).status).toBe(200);
    const denied = await raw('/api/v1/pods', { token: null });
    expect(denied.status).toBe(401);
    expect(denied.type).toBe('application/json');
    expect(JSON.parse(denied.body)).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 });
  });

  it('answers aggregated discovery requests with plain discovery documents', async () => {
    const r = await raw('/apis', { headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9' } });
    expect(r.type).toBe('application/json');
    const groups = JSON.parse(r.body).groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['apps', 'discovery.k8s.io', 'networking.k8s.io', 'autoscaling', 'batch']));
    const apps = JSON.parse((await raw('/apis/apps/v1')).body);
    expect(apps.resources.find((x: { name: string }) => x.name === 'deployments')).toMatchObject({ kind: 'Deployment', namespaced: true, shortNames: ['deploy'], singularName: 'deployment' });
    expect(apps.resources.find((x: { name: string }) => x.name === 'deployments/scale')).toMatchObject({ kind: 'Scale', group: 'autoscaling' });
  });

  it('renders Tables for kubectl and plain lists otherwise', async () => {
    const t = JSON.parse((await raw('/api/v1/namespaces', { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } })).body);
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect(t.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' });
    expect(t.rows.map((r: { cells: string[] }) => r.cells[0])).toContain('kube-system');
    const l = JSON.parse((await raw('/api/v1/namespaces')).body);
    expect(l).toMatchObject({ kind: 'NamespaceList', apiVersion: 'v1' });
    expect(Number(l.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  it('ends watches at timeoutSeconds and serves the legacy /watch/ prefix', async () => {
    const w = await raw('/api/v1/namespaces?watch=true&timeoutSeconds=1');
    expect(w.ms).toBeGreaterThanOrEqual(900);
    const lines = w.body.trim().split('\n').map((x) => JSON.parse(x) as { type: string; object: { kind: string } });
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.every((e) => e.type === 'ADDED' && e.object.kind === 'Namespace')).toBe(true);
    const legacy = await raw('/api/v1/watch/namespaces/default/services?timeoutSeconds=1');
    expect(JSON.parse(legacy.body.split('\n')[0])).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'kubernetes' } } });
  });

  it('answers a resourceVersion from the future with 504 ResourceVersionTooLarge', async () => {
    const list = await raw('/api/v1/namespaces?resourceVersion=999999999');
    expect(list.status).toBe(504);
    expect(JSON.parse(list.body).details.causes[0].reason).toBe('ResourceVersionTooLarge');
    const watch = await raw('/api/v1/namespaces?watch=true&resourceVersion=999999999');
    expect(JSON.parse(watch.body.trim())).toMatchObject({ type: 'ERROR', object: { code: 504, reason: 'Timeout' } });
  });

  it('answers errors as Status objects: 405, 422, 400, 404', async () => {
    const post = await raw('/api/v1/pods', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"metadata":{"name":"x"}}' });
    expect(post.status).toBe(405);
    const invalid = await raw('/api/v1/namespaces/default/configmaps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"metadata":{"name":"Not_Valid"}}' });
    expect(invalid.status).toBe(422);
    expect(JSON.parse(invalid.body).reason).toBe('Invalid');
    const mismatch = await raw('/api/v1/namespaces/default/configmaps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"metadata":{"name":"a","namespace":"other"}}' });
    expect(mismatch.status).toBe(400);
    expect((await raw('/api/v1/namespaces/nope/configmaps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"metadata":{"name":"a"}}' })).status).toBe(404);
    expect((await raw('/apis/nothing/v1/things')).status).toBe(404);
    expect(JSON.parse((await raw('/api/v1/namespaces/default/status')).body)).toMatchObject({ kind: 'Namespace', status: { phase: 'Active' } });
  });

  it('creates with generateName, dryRun leaves nothing behind, json-patch applies', async () => {
    const created = JSON.parse((await raw('/api/v1/namespaces/default/configmaps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"metadata":{"generateName":"gen-"},"data":{"a":"1"}}' })).body);
    expect(created.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    expect(created.metadata.uid).toBeTruthy();
    const dry = await raw('/api/v1/namespaces/default/configmaps?dryRun=All', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"metadata":{"name":"dry"}}' });
    expect(dry.status).toBe(201);
    expect((await raw('/api/v1/namespaces/default/configmaps/dry')).status).toBe(404);
    const patched = await raw(`/api/v1/namespaces/default/configmaps/${created.metadata.name}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'add', path: '/data/b', value: '2' }, { op: 'remove', path: '/data/a' }]),
    });
    expect(JSON.parse(patched.body).data).toEqual({ b: '2' });
  });
});
