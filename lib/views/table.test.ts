import { describe, expect, it } from 'vitest';
import type { Instance, Node, Snapshot } from '@/lib/model';
import { ECS, K8S, sampleInstance, sampleSnapshot } from '@/lib/testing/sample-snapshot';
import { sortRows } from './table';
import { tableEngine, type InstanceRow } from './tables';
import type { NodeRow } from './nodes';

const N = 50_000;

/** 50,000 pods and tasks: every 5th on ECS, 20 namespaces, a web app label on every 10th, states cycling. */
function bigSnapshot(): Snapshot {
  const snap = sampleSnapshot();
  const states: Instance['state'][] = ['running', 'pending', 'failed', 'running', 'succeeded'];
  snap.instances = Array.from({ length: N }, (_, i) => {
    const ecs = i % 5 === 0;
    const name = `pod-${String(i).padStart(5, '0')}`;
    return sampleInstance({
      id: `${ecs ? 'ecs/demo/us-east-1/c' : 'k8s/kind-demo/ns'}-${i % 20}/${name}`, platform: ecs ? 'ecs' : 'kubernetes', source: ecs ? ECS.id : K8S.id, name,
      groupName: `ns-${i % 20}`, state: states[i % 5], restarts: i % 7, labels: i % 10 === 0 ? { 'app.kubernetes.io/name': 'web' } : { app: 'other' },
      revision: i % 2 ? 'k8s/kind-demo/shop/ReplicaSet/web-2' : undefined, nodeName: `node-${i % 3}`, node: `k8s/kind-demo/_/Node/node-${i % 3}`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    });
  });
  return snap;
}

const q = (over: Partial<Parameters<ReturnType<typeof tableEngine>['query']>[1]> = {}) => ({ q: '', facets: {}, offset: 0, limit: 200, ...over });

describe('the table engine at 50,000 rows', () => {
  const snap = bigSnapshot();
  const engine = tableEngine('instances');

  it('answers a window with the totals, row-shaped (no labels, containers or requests)', () => {
    const a = engine.query(snap, q({ offset: 100, limit: 50 }));
    expect(a).toMatchObject({ total: N, filtered: N, offset: 100 });
    expect(a.rows).toHaveLength(50);
    const row = a.rows[0] as InstanceRow & Record<string, unknown>;
    expect(row.id).toBe(snap.instances[100].id);
    expect(row.revisionLabel).toBe(undefined);
    expect((a.rows[1] as InstanceRow).revisionLabel).toBe('2'); // the revision's label, not its id
    for (const k of ['labels', 'containers', 'requests', 'ref', 'kind']) expect(row).not.toHaveProperty(k);
  });

  it('filters with the query language: words, label terms, platform', () => {
    expect(engine.query(snap, q({ q: 'pod-0424' })).filtered).toBe(10);
    expect(engine.query(snap, q({ q: 'app=web' })).filtered).toBe(N / 10);
    expect(engine.query(snap, q({ q: 'app=web platform:ecs' })).filtered).toBe(N / 10); // every 10th is also every 5th
    expect(engine.query(snap, q({ q: 'platform:k8s ns-3' })).filtered).toBe(N / 20);
    // Words match the source's name and the state, as the browser-side filter did.
    expect(engine.query(snap, q({ q: 'demo/us-east-1 failed' })).filtered).toBe(0); // ECS rows are i%5==0, failed is i%5==2
    expect(engine.query(snap, q({ q: 'kind-demo failed' })).filtered).toBe(N / 5);
  });

  it('counts facets in one pass: each value as if ticked, given the text and the other facets', () => {
    const a = engine.query(snap, q({ q: 'ns-1', facets: { platform: ['ecs'] } }));
    const platform = a.facets.find((f) => f.key === 'platform')!.values;
    // ns-1 matches ns-1 and ns-10..ns-19 (11 of 20 namespaces); platform counts ignore the platform facet itself.
    const ns1 = snap.instances.filter((i) => i.groupName!.startsWith('ns-1'));
    expect(platform).toEqual([
      { value: 'kubernetes', label: 'Kubernetes', count: ns1.filter((i) => i.platform === 'kubernetes').length, selected: false },
      { value: 'ecs', label: 'ECS', count: ns1.filter((i) => i.platform === 'ecs').length, selected: true },
    ]);
    expect(a.filtered).toBe(ns1.filter((i) => i.platform === 'ecs').length);
    const groups = a.facets.find((f) => f.key === 'group')!.values;
    expect(groups).toHaveLength(20); // every group present is listed, 0 where the filter leaves none
    expect(groups.find((g) => g.value === 'ns-2')!.count).toBe(0);
    expect(groups.find((g) => g.value === 'ns-10')!.count).toBe(ns1.filter((i) => i.platform === 'ecs' && i.groupName === 'ns-10').length);
  });

  it('sorts on the server, stable, and pages through the same order', () => {
    const first = engine.query(snap, q({ sort: { id: 'restarts', desc: true }, limit: 1000 }));
    expect(first.rows.every((r) => (r as InstanceRow).restarts === 6)).toBe(true);
    const names = (first.rows as InstanceRow[]).map((r) => r.name);
    expect(names).toEqual([...names].sort()); // ties keep the collection's order
    const byAge = engine.query(snap, q({ sort: { id: 'age', desc: false }, limit: 2 }));
    expect((byAge.rows[0] as InstanceRow).name).toBe('pod-49999'); // newest first, as the Age column
    const last = engine.query(snap, q({ sort: { id: 'name', desc: true }, offset: N - 1, limit: 10 }));
    expect(last.rows.map((r) => (r as InstanceRow).name)).toEqual(['pod-00000']);
  });

  it('reuses rows and texts for objects that did not change, and sees the ones that did', () => {
    const before = engine.query(snap, q({ q: 'pod-00001' })).rows[0];
    const changed = { ...snap.instances[1], state: 'failed' as const, phase: 'Failed' };
    const next: Snapshot = { ...snap, instances: snap.instances.map((i, k) => (k === 1 ? changed : i)).concat(sampleInstance({ id: 'k8s/kind-demo/ns-0/new-pod', platform: 'kubernetes', source: K8S.id, name: 'new-pod', labels: {} })) };
    expect(engine.query(next, q({ q: 'pod-00001' })).rows[0]).toMatchObject({ state: 'failed' });
    expect(engine.query(next, q({ q: 'pod-00002' })).rows[0]).toBe(engine.query(snap, q({ q: 'pod-00002' })).rows[0]);
    expect(engine.query(next, q({ q: 'new-pod' })).filtered).toBe(1);
    expect(engine.query(next, q()).total).toBe(N + 1);
    expect(before).toMatchObject({ state: 'pending' });
  });

  it('rebuilds a row when what it takes from elsewhere changes (a source renamed)', () => {
    const renamed: Snapshot = { ...snap, sources: snap.sources.map((s) => (s.id === K8S.id ? { ...s, name: 'prod-east' } : s)) };
    expect(engine.query(renamed, q({ q: 'prod-east' })).filtered).toBe(N * 4 / 5);
    expect(engine.query(renamed, q({ q: 'kind-demo' })).filtered).toBe(N / 2); // now only through the revision id in the text
  });
});

describe('other tables', () => {
  it('nodes count the pods placed on them on the server', () => {
    const snap = bigSnapshot();
    const node = (name: string): Node => ({
      id: `k8s/kind-demo/_/Node/${name}`, kind: 'node', platform: 'kubernetes', source: K8S.id, name, labels: {}, ref: { kind: 'Node' },
      status: 'Ready', ready: true, unschedulable: false, roles: [], taints: [], capacity: {}, allocatable: { cpuMillis: 4000 }, requested: { cpuMillis: 1000 },
    } as unknown as Node);
    snap.nodes = [node('node-0'), node('node-1'), node('node-2')];
    const a = tableEngine('nodes').query(snap, q({ sort: { id: 'name', desc: false } }));
    const live = (k: number) => snap.instances.filter((i, n) => n % 3 === k && (i.state === 'running' || i.state === 'pending')).length;
    expect((a.rows as NodeRow[]).map((r) => r.instances)).toEqual([live(0), live(1), live(2)]);
  });

  it('secrets carry their keys and references, never the keys\u2019 hashes', () => {
    const snap = sampleSnapshot();
    snap.secrets = [{ id: 's1', kind: 'secret', platform: 'kubernetes', source: K8S.id, name: 'db', labels: {}, ref: { kind: 'Secret' }, secretKind: 'secret', keys: [{ key: 'password', hash: 'deadbeef' }], usedBy: [] }];
    const text = JSON.stringify(tableEngine('secrets').query(snap, q()).rows);
    expect(text).toContain('password');
    expect(text).not.toContain('deadbeef');
  });

  it('events come newest first', () => {
    const snap = sampleSnapshot();
    const ev = (id: string, at: string) => ({ id, kind: 'event' as const, platform: 'kubernetes' as const, source: K8S.id, name: id, labels: {}, ref: { kind: 'Event' }, type: 'Normal' as const, reason: 'r', message: 'm', at, count: 1, involved: { kind: 'Pod', name: 'p' } });
    snap.events = [ev('e1', '2026-01-01T00:00:00Z'), ev('e2', '2026-01-02T00:00:00Z'), ev('e3', '2026-01-03T00:00:00Z')];
    expect(tableEngine('events').query(snap, q()).rows.map((r) => (r as { id: string }).id)).toEqual(['e3', 'e2', 'e1']);
  });
});

describe('sortRows', () => {
  it('orders strings as localeCompare does and numbers by value, descending reversed but ties stable', () => {
    expect(sortRows(['b', 'B', 'a', 'c'], (x) => x, false)).toEqual(['a', 'b', 'B', 'c']);
    expect(sortRows([10, 9, 100], (x) => x, false)).toEqual([9, 10, 100]);
    expect(sortRows([{ k: 1, i: 0 }, { k: 2, i: 1 }, { k: 1, i: 2 }], (x) => x.k, true).map((x) => x.i)).toEqual([1, 0, 2]);
  });
});
