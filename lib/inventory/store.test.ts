import { describe, expect, it } from 'vitest';
import type { Instance, Node, Source } from '@/lib/model';
import { Inventory } from './store';
import type { SourceAdapter, SourceSink } from './types';

const baseSource = (id: string): Source => ({
  id, platform: 'kubernetes', name: id, status: 'syncing', demo: false, connection: {},
  coverage: [], errors: [], freshness: { mode: 'watch' },
});

/** A hand-driven adapter: the test pushes through the sink it was given. */
class ManualAdapter implements SourceAdapter {
  sink?: SourceSink;
  stopped = false;
  constructor(readonly id: string, private readonly failStart = false) {}
  describe() { return baseSource(this.id); }
  async start(sink: SourceSink) {
    if (this.failStart) throw new Error('kubeconfig has no cluster');
    this.sink = sink;
  }
  async stop() { this.stopped = true; }
}

const node = (src: string, name: string): Node => ({
  id: `${src}/_/Node/${name}`, platform: 'kubernetes', source: src, name, labels: {}, ref: { kind: 'Node' }, kind: 'node',
  ready: true, status: 'Ready', roles: [], capacity: { cpuMillis: 4000 }, allocatable: { cpuMillis: 3800, memoryBytes: 8 * 2 ** 30 },
  requested: {}, taints: [], unschedulable: false,
});
const pod = (src: string, name: string, nodeId: string, state: Instance['state'] = 'running'): Instance => ({
  id: `${src}/shop/Pod/${name}`, platform: 'kubernetes', source: src, name, labels: {}, ref: { kind: 'Pod' }, kind: 'instance',
  node: nodeId, state, phase: 'Running', ready: state === 'running', restarts: 0, health: 'unknown',
  requests: { cpuMillis: 250, memoryBytes: 2 ** 28 }, containers: [],
});

describe('Inventory', () => {
  it('replaces a scope atomically and applies watch upserts and deletes', async () => {
    const inv = new Inventory();
    const a = new ManualAdapter('k8s/a');
    await inv.add(a);
    a.sink!.replace('pods', [pod('k8s/a', 'p1', 'n'), pod('k8s/a', 'p2', 'n')]);
    expect(inv.snapshot().instances.map((i) => i.name)).toEqual(['p1', 'p2']);
    a.sink!.upsert('pods', { ...pod('k8s/a', 'p2', 'n'), restarts: 3 });
    a.sink!.remove('pods', 'k8s/a/shop/Pod/p1');
    a.sink!.replace('nodes', [node('k8s/a', 'n')]);
    const snap = inv.snapshot();
    expect(snap.instances).toHaveLength(1);
    expect(snap.instances[0].restarts).toBe(3);
    // A relist replaces the whole scope: objects gone from the list are gone from the store.
    a.sink!.replace('pods', [pod('k8s/a', 'p9', 'n')]);
    expect(inv.snapshot().instances.map((i) => i.name)).toEqual(['p9']);
    expect(inv.snapshot().nodes).toHaveLength(1);
  });

  it('caches the snapshot per version and bumps the version on every change', async () => {
    const inv = new Inventory();
    const a = new ManualAdapter('k8s/a');
    await inv.add(a);
    const seen: number[] = [];
    inv.subscribe((c) => seen.push(c.version));
    const s1 = inv.snapshot();
    expect(inv.snapshot()).toBe(s1);
    a.sink!.upsert('pods', pod('k8s/a', 'p1', 'n'));
    expect(inv.snapshot()).not.toBe(s1);
    expect(seen).toEqual([inv.version]);
  });

  it('merges status: coverage by kind, errors appended and cleared per operation', async () => {
    const inv = new Inventory({ maxErrors: 2 });
    const a = new ManualAdapter('k8s/a');
    await inv.add(a);
    const at = new Date(0).toISOString();
    a.sink!.status({ status: 'ok', connection: { server: 'https://x' }, coverage: [{ kind: 'pods', collections: ['instances'], state: 'ok', count: 2 }] });
    a.sink!.status({ status: 'degraded', coverage: [{ kind: 'secrets', collections: ['secrets'], state: 'forbidden', count: 0, message: 'secrets is forbidden' }] });
    a.sink!.status({ connection: { version: 'v1.32.4' }, error: { operation: 'list secrets', status: 403, message: 'forbidden', at } });
    a.sink!.status({ error: { operation: 'watch pods', message: 'reset', at } });
    a.sink!.status({ error: { operation: 'watch pods', message: 'reset again', at } });
    a.sink!.status({ error: { operation: 'watch pods', message: 'reset again', at: new Date(1).toISOString() } });
    let src = inv.sources()[0];
    expect(src.status).toBe('degraded');
    expect(src.connection).toEqual({ server: 'https://x', version: 'v1.32.4' });
    expect(src.coverage.map((c) => `${c.kind}:${c.state}`)).toEqual(['pods:ok', 'secrets:forbidden']);
    expect(src.errors.map((e) => e.message)).toEqual(['reset', 'reset again']);
    a.sink!.status({ clearErrorsFor: 'watch pods' });
    src = inv.sources()[0];
    expect(src.errors).toEqual([]);
  });

  it('keeps other sources working when one fails to start, and marks it down with the reason', async () => {
    const inv = new Inventory();
    const good = new ManualAdapter('k8s/good');
    await inv.add(new ManualAdapter('k8s/bad', true));
    await inv.add(good);
    good.sink!.replace('pods', [pod('k8s/good', 'p1', 'n')]);
    const [bad, ok] = inv.sources();
    expect(bad.status).toBe('down');
    expect(bad.reason).toContain('kubeconfig has no cluster');
    expect(ok.status).toBe('syncing');
    expect(inv.snapshot().instances).toHaveLength(1);
    await inv.stop();
    expect(good.stopped).toBe(true);
  });

  it('derives Kubernetes node requests from the pods placed on them, ignoring finished pods', async () => {
    const inv = new Inventory();
    const a = new ManualAdapter('k8s/a');
    await inv.add(a);
    const n = node('k8s/a', 'n1');
    a.sink!.replace('nodes', [n]);
    a.sink!.replace('pods', [pod('k8s/a', 'p1', n.id), pod('k8s/a', 'p2', n.id), pod('k8s/a', 'p3', n.id, 'succeeded')]);
    expect(inv.snapshot().nodes[0].requested).toEqual({ cpuMillis: 500, memoryBytes: 2 ** 29 });
  });

  it('a change rebuilds only its collection: the others are the same arrays, each with its own version', async () => {
    const inv = new Inventory();
    const a = new ManualAdapter('k8s/a');
    await inv.add(a);
    const n = node('k8s/a', 'n1');
    a.sink!.replace('nodes', [n]);
    a.sink!.replace('pods', [pod('k8s/a', 'p1', n.id), pod('k8s/a', 'p3', n.id)]);
    const s1 = inv.snapshot();
    const v1 = inv.collectionVersions();
    expect(v1.instances).toBe(inv.version);
    // A restart changes no request sums: instances is a new array, nodes (derived from it) is not.
    a.sink!.upsert('pods', { ...pod('k8s/a', 'p1', n.id), restarts: 2 });
    const s2 = inv.snapshot();
    expect(s2.instances).not.toBe(s1.instances);
    expect(s2.instances.map((i) => [i.name, i.restarts])).toEqual([['p1', 2], ['p3', 0]]);
    expect(s2.nodes).toBe(s1.nodes);
    expect(s2.workloads).toBe(s1.workloads);
    expect(inv.collectionVersions()).toEqual({ ...v1, instances: inv.version });
    // A new pod on the node changes its requests: nodes is new, the unchanged groups array is not.
    a.sink!.upsert('pods', pod('k8s/a', 'p2', n.id));
    const s3 = inv.snapshot();
    expect(s3.instances.map((i) => i.name)).toEqual(['p1', 'p2', 'p3']);
    expect(s3.nodes).not.toBe(s2.nodes);
    expect(s3.nodes[0].requested.cpuMillis).toBe(750);
    expect(s3.groups).toBe(s1.groups);
    a.sink!.remove('pods', pod('k8s/a', 'p3', n.id).id);
    a.sink!.remove('pods', 'k8s/a/shop/Pod/never-there');
    expect(inv.snapshot().instances.map((i) => i.name)).toEqual(['p1', 'p2']);
  });
});
