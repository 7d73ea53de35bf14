import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@/lib/model';
import { ECS, K8S, sampleSnapshot, sampleWorkload } from '@/lib/testing/sample-snapshot';
import { buildSearchIndex, searchIndex } from './search-index';

function snapshot(): Snapshot {
  const s = sampleSnapshot();
  const webApi = sampleWorkload({ id: 'k8s/kind-demo/shop/Deployment/web-api', platform: 'kubernetes', source: K8S.id, name: 'web-api', labels: { 'app.kubernetes.io/name': 'web-api', team: 'payments' } });
  const worker = sampleWorkload({ id: 'ecs/demo/us-east-1/shop-cluster/service/worker', platform: 'ecs', source: ECS.id, name: 'worker' });
  worker.template.containers[0].image = { raw: 'docker.io/library/nginx:1.27', registry: 'docker.io', repository: 'library/nginx', tag: '1.27', canonical: 'docker.io/library/nginx:1.27' };
  return {
    ...s,
    workloads: [...s.workloads, webApi, worker],
    groups: [
      { id: 'k8s/kind-demo/_/Namespace/shop', platform: 'kubernetes', source: K8S.id, name: 'shop', labels: {}, ref: { kind: 'Namespace' }, kind: 'group', status: 'Active' },
      { id: 'ecs/demo/us-east-1/shop-cluster/group/shop-cluster', platform: 'ecs', source: ECS.id, name: 'shop-cluster', labels: {}, ref: { kind: 'Cluster' }, kind: 'group', status: 'ACTIVE' },
    ],
    clusters: [{ id: 'ecs/demo/us-east-1/shop-cluster/cluster/shop-cluster', platform: 'ecs', source: ECS.id, name: 'shop-cluster', labels: {}, ref: { kind: 'Cluster' }, kind: 'cluster', status: 'ACTIVE', counts: {}, capacityProviders: [] }],
  };
}

const index = buildSearchIndex(snapshot());
const first = (q: string) => searchIndex(index, q).groups[0]?.hits[0];
const all = (q: string) => searchIndex(index, q).groups.flatMap((g) => g.hits.map((h) => `${h.concept}:${h.platform}:${h.name}`));

describe('global search index', () => {
  it('tolerates typos: a swapped letter, a cut-off word, a wrong letter', () => {
    expect(all('wbe')).toContain('workload:kubernetes:web-api');
    expect(first('web-ap')?.name).toBe('web-api');
    expect(first('wokrer')?.name).toBe('worker');
    expect(first('shpo')?.name).toBe('shop');
  });

  it('ranks an exact name first, then prefixes, then other fields', () => {
    const r = searchIndex(index, 'web');
    expect(r.groups[0]).toMatchObject({ concept: 'workload', platform: 'kubernetes' });
    expect(r.groups[0].hits.map((h) => h.name)).toEqual(['web', 'web-api', 'api']); // api runs image shop/web
    expect(r.groups[0].hits[2].matched).toEqual({ field: 'image', text: 'shop/web:1.8.2' });
  });

  it('app=web finds by label (the key by its short name), on both platforms', () => {
    const r = searchIndex(index, 'app=web');
    expect(r.groups.map((g) => `${g.concept}:${g.platform}`)).toEqual(['workload:kubernetes', 'workload:ecs']);
    expect(r.total).toBe(2); // not web-api: the value must be equal
    expect(all('team=payments')).toEqual(['workload:kubernetes:web-api']);
    expect(all('team=')).toEqual(['workload:kubernetes:web-api']);
    expect(all('name=web-api')).toEqual(['workload:kubernetes:web-api']);
  });

  it('several words must all match, in any field; platform:ecs narrows', () => {
    expect(all('nginx worker')).toEqual(['workload:ecs:worker']);
    expect(all('nginx:1.27')).toEqual(['workload:ecs:worker']);
    expect(all('web platform:ecs')).toEqual(['workload:ecs:web']);
    expect(searchIndex(index, 'platform:ecs').total).toBe(0); // a filter alone is not a search
  });

  it('groups by concept and platform, each with its total, hits capped', () => {
    const r = searchIndex(index, 'web', { perGroup: 1 });
    const k8sWorkloads = r.groups.find((g) => g.concept === 'workload' && g.platform === 'kubernetes')!;
    expect(k8sWorkloads.total).toBe(3);
    expect(k8sWorkloads.hits).toHaveLength(1);
    expect(r.shown).toBe(r.groups.length);
    expect(r.total).toBe(r.groups.reduce((n, g) => n + g.total, 0));
    expect(new Set(r.groups.map((g) => `${g.concept}|${g.platform}`)).size).toBe(r.groups.length);
    // Instances, endpoints, config and revisions of web come in groups of their own.
    expect(r.groups.map((g) => g.concept)).toEqual(expect.arrayContaining(['instance', 'endpoint', 'config', 'revision']));
  });

  it('each hit links to its page', () => {
    expect(first('web-api')?.href).toBe('/workloads/view?id=k8s%2Fkind-demo%2Fshop%2FDeployment%2Fweb-api');
    expect(first('web-a')).toMatchObject({ concept: 'instance', href: expect.stringMatching(/^\/resources\/view\?id=k8s%2Fkind-demo%2F/) });
    expect(first('shop')).toMatchObject({ concept: 'group', href: '/workloads?source=k8s%2Fkind-demo&group=shop' });
    expect(first('kind-demo')).toMatchObject({ concept: 'source', href: '/sources#k8s%2Fkind-demo' });
  });

  it('an ECS cluster is listed once (as a cluster, not also as a group)', () => {
    expect(all('shop-cluster').filter((h) => h.endsWith(':shop-cluster'))).toEqual(['cluster:ecs:shop-cluster']);
  });

  it('secrets by name and key only: a hash or a value never matches', () => {
    expect(first('password')).toMatchObject({ concept: 'secret', name: 'shop-db', matched: { field: 'key', text: 'password' } });
    expect(searchIndex(index, 'h1').groups.filter((g) => g.concept === 'secret')).toEqual([]);
    // Config values stay out of the index too (keys are in it): LOG=info has the key LOG.
    expect(searchIndex(index, 'info').groups.filter((g) => g.concept === 'config')).toEqual([]);
    expect(all('LOG')).toContain('config:kubernetes:web');
  });

  it('an empty query or one with nothing to match returns nothing', () => {
    expect(searchIndex(index, '  ')).toEqual({ q: '  ', total: 0, shown: 0, groups: [] });
    expect(searchIndex(index, 'zzzzqqq').total).toBe(0);
    expect(searchIndex(index, '-').total).toBeGreaterThan(0); // no word character: a plain substring (web-api, shop-db…)
  });
});

describe('GET /api/search', () => {
  it('answers from one index per snapshot, 400 for an overlong query', async () => {
    const { searchIndexOf, searchResponse } = await import('./search');
    const s = snapshot();
    const inv = { snapshot: () => s, version: 3 };
    const res = searchResponse(inv, 'http://localhost/api/search?q=wbe');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-parallax-version')).toBe('3');
    const body = await res.json();
    expect(body.groups[0].hits.map((h: { name: string }) => h.name)).toContain('web');
    const { servedSnapshot } = await import('./views');
    expect(searchIndexOf(servedSnapshot(inv))).toBe(searchIndexOf(servedSnapshot(inv)));
    expect(searchResponse(inv, `http://localhost/api/search?q=${'a'.repeat(201)}`).status).toBe(400);
    expect(await searchResponse(inv, 'http://localhost/api/search').json()).toEqual({ q: '', total: 0, shown: 0, groups: [] });
  });
});
