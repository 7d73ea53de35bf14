// Every normalized object satisfies the shared model's zod schemas (the contract with the inventory and UI).
import { describe, expect, it } from 'vitest';
import { ObjectSchema, type ModelObject } from '@/lib/model';
import { KINDS, type ResourceScope } from '../kinds';
import { KubeState } from '../state';
import { TestSink } from '@/lib/testing/sink';
import { fixture } from '../fixtures';

const FIXTURES: [ResourceScope, unknown[]][] = [
  ['deployments', [fixture('deployment-web.json'), fixture('deployment-stuck.json'), ...fixture('apps-other.json').items.slice(2, 4)]],
  ['statefulsets', [fixture('apps-other.json').items[0]]],
  ['daemonsets', [fixture('apps-other.json').items[1]]],
  ['namespaces', [fixture('apps-other.json').items[4]]],
  ['replicasets', fixture('replicasets.json').items],
  ['pods', fixture('pods.json').items.slice(0, 4)],
  ['services', fixture('network.json').items.slice(0, 2)],
  ['endpointslices', fixture('network.json').items.slice(2, 4)],
  ['ingresses', fixture('network.json').items.slice(4)],
  ['configmaps', [fixture('configmap.json')]],
  ['secrets', [fixture('secret.json')]],
  ['nodes', [fixture('node.json')]],
  ['persistentvolumes', fixture('storage-scaling-events.json').items.slice(0, 2)],
  ['persistentvolumeclaims', fixture('storage-scaling-events.json').items.slice(2, 4)],
  ['horizontalpodautoscalers', fixture('storage-scaling-events.json').items.slice(4, 5)],
  ['events', fixture('storage-scaling-events.json').items.slice(5)],
  ['jobs', [fixture('job.json')]],
  ['cronjobs', [fixture('cj.json')]],
  ['controllerrevisions', [{ metadata: { name: 'db-5f7d6c', namespace: 'shop', ownerReferences: [{ kind: 'StatefulSet', name: 'db', controller: true }] }, revision: 1, data: {} }]],
];

describe('model contract', () => {
  it('every normalized object parses with ObjectSchema, cluster included', () => {
    const sink = new TestSink();
    const ctx = { sourceId: 'k8s/prod', clusterId: 'k8s/prod/_/Cluster/prod' };
    const state = new KubeState(ctx, sink);
    state.setCluster({ context: 'prod', clusterName: 'prod', server: 'https://x', status: 'syncing' });
    for (const [scope, items] of FIXTURES) {
      const spec = KINDS.find((k) => k.scope === scope)!;
      state.replaceScope(scope, items.map((r) => spec.normalize(ctx, r, state)));
    }
    const all: ModelObject[] = [...sink.scopes.values()].flatMap((m) => [...m.values()]);
    expect(all.length).toBeGreaterThan(30);
    for (const o of all) {
      const r = ObjectSchema.safeParse(o);
      expect(r.success, `${o.id}: ${r.success ? '' : r.error.message}`).toBe(true);
    }
  });
});
