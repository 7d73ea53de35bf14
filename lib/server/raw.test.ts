import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RawNotFoundError, type RawRead, type RawRequest } from '@/lib/inventory/raw';
import { SECRET_VALUE_REMOVED } from '@/lib/security/raw';
import { sampleSnapshot } from '@/lib/testing/sample-snapshot';
import { objectResponse, rawResponse, type RawPayload } from './raw';

const snapshot = sampleSnapshot();
const inventory = (readRaw: (req: RawRequest) => Promise<RawRead>) => ({ snapshot: () => snapshot, version: 1, readRaw });
const get = (qs: string) => new Request(`http://localhost/api/raw${qs}`);
const SECRET_ID = 'k8s/kind-demo/shop/Secret/shop-db';
const planted = Buffer.from('raw-route-planted').toString('base64');

describe('rawResponse', () => {
  it('sends a Kubernetes object as YAML, Secret values replaced, managedFields only when asked', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-db', managedFields: [{ manager: 'kubectl' }] }, data: { password: planted } };
    const inv = inventory(async ({ object }) => ({ call: `GET /api/v1/namespaces/shop/secrets/${object.name}`, object: secret }));
    const res = await rawResponse(inv, get(`?id=${encodeURIComponent(SECRET_ID)}`), () => new Date('2026-01-01T00:00:00Z'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as RawPayload;
    expect(body).toMatchObject({ id: SECRET_ID, format: 'yaml', sourceName: 'kind-demo', managedFields: { count: 1, shown: false }, fetchedAt: '2026-01-01T00:00:00.000Z' });
    expect(body.text).not.toContain(planted);
    expect(parse(body.text)).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-db' }, data: { password: SECRET_VALUE_REMOVED } });
    const withFields = (await (await rawResponse(inv, get(`?id=${encodeURIComponent(SECRET_ID)}&managedFields=1`))).json()) as RawPayload;
    expect(parse(withFields.text).metadata.managedFields).toEqual([{ manager: 'kubectl' }]);
    expect(withFields.managedFields.shown).toBe(true);
  });

  it('sends ECS as JSON', async () => {
    const res = await rawResponse(inventory(async () => ({ call: 'DescribeServices', object: { serviceName: 'web', createdAt: new Date(0) } })), get(`?id=${encodeURIComponent('ecs/demo/us-east-1/shop-cluster/service/web')}`));
    const body = (await res.json()) as RawPayload;
    expect(body.format).toBe('json');
    expect(JSON.parse(body.text)).toEqual({ serviceName: 'web', createdAt: '1970-01-01T00:00:00.000Z' });
  });

  it('answers 400 without id, 404 for an unknown id or a gone object, 503 with the reason when the source fails', async () => {
    const never = inventory(async () => { throw new Error('not called'); });
    expect((await rawResponse(never, get(''))).status).toBe(400);
    const unknown = await rawResponse(never, get('?id=k8s%2Fnope'));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatch(/no object/);
    const gone = await rawResponse(inventory(async () => { throw new RawNotFoundError('GET …: 404 Not Found'); }), get(`?id=${encodeURIComponent(SECRET_ID)}`));
    expect(gone.status).toBe(404);
    // The production runtime and the route handlers are separate bundles: the class the adapter threw is another copy.
    class CopiedRawNotFoundError extends Error { override name = 'RawNotFoundError'; }
    const goneFromOtherBundle = await rawResponse(inventory(async () => { throw new CopiedRawNotFoundError('GET …: 404 Not Found'); }), get(`?id=${encodeURIComponent(SECRET_ID)}`));
    expect(goneFromOtherBundle.status).toBe(404);
    const down = await rawResponse(inventory(async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:6443'); }), get(`?id=${encodeURIComponent(SECRET_ID)}`));
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toMatch(/json/);
    expect((await down.json()).error).toMatch(/kind-demo could not be read: connect ECONNREFUSED/);
  });
});

describe('objectResponse', () => {
  it('answers one normalized object with its source name; 400 without id, 404 unknown', async () => {
    const inv = { snapshot: () => snapshot, version: 1 };
    const res = objectResponse(inv, `http://localhost/api/object?id=${encodeURIComponent(SECRET_ID)}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ object: { id: SECRET_ID, kind: 'secret' }, sourceName: 'kind-demo' });
    expect(objectResponse(inv, 'http://localhost/api/object').status).toBe(400);
    expect(objectResponse(inv, 'http://localhost/api/object?id=nope').status).toBe(404);
  });
});
