// Cross-kind derivations in the adapter state, in awkward arrival orders.
import { describe, expect, it } from 'vitest';
import type { Config, Endpoint, Instance, ModelEvent, Revision, Workload } from '@/lib/model';
import { KINDS, type ResourceScope } from './kinds';
import { KubeState } from './state';
import { TestSink } from '@/lib/testing/sink';
import { fixture } from './fixtures';
import type { NormalizeContext } from './normalize/common';

const ctx: NormalizeContext = { sourceId: 'k8s/prod', clusterId: 'k8s/prod/_/Cluster/prod' };
const spec = (scope: ResourceScope) => KINDS.find((k) => k.scope === scope)!;

function setup() {
  const sink = new TestSink();
  const state = new KubeState(ctx, sink);
  const list = (scope: ResourceScope, items: unknown[]) => state.replaceScope(scope, items.map((r) => spec(scope).normalize(ctx, r, state)));
  const upsert = (scope: ResourceScope, raw: unknown) => state.upsert(scope, spec(scope).normalize(ctx, raw, state));
  return { sink, state, list, upsert };
}

const web = fixture('deployment-web.json');
const pods = fixture('pods.json').items.slice(0, 4);
const rs = fixture('replicasets.json').items;
const net = fixture('network.json').items;
const POD = 'k8s/prod/shop/Pod/web-7c9f8b6d5-abcde';
const WEB = 'k8s/prod/shop/Deployment/web';

describe('KubeState', () => {
  it('pods listed before their ReplicaSets get the right owner once the ReplicaSets arrive', () => {
    const { sink, list } = setup();
    const renamed = structuredClone(pods[0]);
    // A ReplicaSet whose name does not follow <deployment>-<hash>: only the index can resolve it.
    renamed.metadata.ownerReferences[0].name = 'custom-rs';
    list('pods', [renamed]);
    expect(sink.get<Instance>('pods', POD)!.workload).toBeUndefined();
    const custom = structuredClone(rs[1]);
    custom.metadata.name = 'custom-rs';
    list('replicasets', [custom]);
    expect(sink.get<Instance>('pods', POD)!.workload).toBe(WEB);
    expect(sink.log.at(-1)).toMatchObject({ op: 'upsert', scope: 'pods', id: POD });
  });

  it('revision states follow sibling changes through the watch', () => {
    const { sink, list, upsert } = setup();
    list('replicasets', rs);
    const state = (name: string) => sink.get<Revision>('replicasets', `k8s/prod/shop/ReplicaSet/${name}`)!.state;
    expect([state('web-7c9f8b6d5'), state('web-66f4b7c9d'), state('web-5b7d9c8f4')]).toEqual(['current', 'previous', 'inactive']);
    const newer = structuredClone(rs[0]);
    newer.metadata.name = 'web-newhash';
    newer.metadata.annotations['deployment.kubernetes.io/revision'] = '11';
    newer.spec.replicas = 1;
    upsert('replicasets', newer);
    expect([state('web-newhash'), state('web-7c9f8b6d5')]).toEqual(['current', 'previous']);
  });

  it('a ConfigMap or Secret change re-resolves the workloads that use it, and usedBy follows workloads', () => {
    const { sink, list, upsert, state } = setup();
    list('deployments', [web]);
    const env = () => sink.get<Workload>('deployments', WEB)!.template.containers.find((c) => c.name === 'web')!.env;
    expect(env().find((e) => e.name === 'LOG_LEVEL')!.value).toBeUndefined();
    list('configmaps', [fixture('configmap.json')]);
    list('secrets', [fixture('secret.json')]);
    expect(env().find((e) => e.name === 'LOG_LEVEL')!.value).toBe('info');
    expect(env().find((e) => e.name === 'API_KEY')!.hash).toMatch(/^hmac-sha256:/);
    expect(sink.get<Config>('configmaps', 'k8s/prod/shop/ConfigMap/web-config')!.usedBy).toEqual([WEB]);
    const cm = fixture('configmap.json');
    cm.data.log_level = 'warn';
    upsert('configmaps', cm);
    expect(env().find((e) => e.name === 'LOG_LEVEL')!.value).toBe('warn');
    state.remove('deployments', WEB);
    expect(sink.get<Config>('configmaps', 'k8s/prod/shop/ConfigMap/web-config')!.usedBy).toEqual([]);
  });

  it('Services find workloads by template labels and count slice targets; Ingresses follow', () => {
    const { sink, list, upsert, state } = setup();
    list('services', net.slice(0, 2));
    list('ingresses', net.slice(4, 5));
    list('endpointslices', net.slice(2, 4));
    const svc = () => sink.get<Endpoint>('services', 'k8s/prod/shop/Service/web')!;
    expect([svc().readyTargets, svc().notReadyTargets, svc().workloads]).toEqual([2, 1, []]);
    list('deployments', [web]);
    expect(svc().workloads).toEqual([WEB]);
    const ing = () => sink.get<Endpoint>('ingresses', 'k8s/prod/shop/Ingress/shop')!;
    expect([ing().workloads, ing().readyTargets]).toEqual([[WEB], 2]);
    state.remove('endpointslices', 'k8s/prod/shop/EndpointSlice/web-v4abc');
    expect([svc().readyTargets, svc().notReadyTargets]).toEqual([1, 0]);
    expect(ing().readyTargets).toBe(1);
    expect(sink.scopes.has('endpointslices')).toBe(false);
    const moved = structuredClone(web);
    moved.spec.template.metadata.labels = { app: 'other' };
    upsert('deployments', moved);
    expect(svc().workloads).toEqual([]);
  });

  it('events listed before their pods get workloads after the full sync pass', () => {
    const { sink, list, state } = setup();
    const ev = fixture('storage-scaling-events.json').items[5];
    ev.involvedObject.name = 'web-7c9f8b6d5-abcde';
    list('events', [ev]);
    const id = sink.objects('events', 'event')[0].id;
    expect(sink.get<ModelEvent>('events', id)!.workload).toBeUndefined();
    list('replicasets', rs);
    list('pods', pods);
    state.resolveEventWorkloads();
    expect(sink.get<ModelEvent>('events', id)!.workload).toBe(WEB);
  });

  it('ControllerRevisions count the pods labelled with them; the highest revision is current', () => {
    const { sink, list, upsert, state } = setup();
    const cr = (name: string, revision: number) => ({
      apiVersion: 'apps/v1', kind: 'ControllerRevision', revision,
      metadata: { name, namespace: 'shop', labels: { 'controller.kubernetes.io/hash': name.slice(3) }, ownerReferences: [{ kind: 'StatefulSet', name: 'db', controller: true }] },
      data: { spec: { template: { spec: { containers: [{ name: 'postgres', image: revision === 1 ? 'postgres:15' : 'postgres:16' }] } } } },
    });
    list('controllerrevisions', [cr('db-5f7d6c', 1), cr('db-8a9b0c', 2)]);
    const rev = (n: string) => sink.get<Revision>('controllerrevisions', `k8s/prod/shop/ControllerRevision/${n}`)!;
    expect(rev('db-8a9b0c')).toMatchObject({ state: 'current', workload: 'k8s/prod/shop/StatefulSet/db', images: ['postgres:16'], templateRef: '8a9b0c', revision: '2' });
    expect(rev('db-5f7d6c').state).toBe('inactive');
    const pod = structuredClone(pods[2]);
    pod.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    list('pods', [pod]);
    expect(sink.get<Instance>('pods', 'k8s/prod/shop/Pod/db-0')!.revision).toBe('k8s/prod/shop/ControllerRevision/db-5f7d6c');
    expect(rev('db-5f7d6c')).toMatchObject({ state: 'previous', desired: 1, ready: 1 });
    // The pod is replaced by one of the new revision.
    pod.metadata.labels['controller-revision-hash'] = 'db-8a9b0c';
    pod.status.conditions[0].status = 'False';
    upsert('pods', pod);
    expect(rev('db-5f7d6c')).toMatchObject({ state: 'inactive', desired: 0, ready: 0 });
    expect(rev('db-8a9b0c')).toMatchObject({ state: 'current', desired: 1, ready: 0 });
    state.remove('pods', 'k8s/prod/shop/Pod/db-0');
    expect(rev('db-8a9b0c').desired).toBe(0);
  });

  it('the cluster object counts nodes', () => {
    const { sink, list, state } = setup();
    state.setCluster({ context: 'prod', clusterName: 'prod', server: 'https://x', status: 'syncing' });
    list('nodes', [fixture('node.json')]);
    expect(sink.objects('cluster', 'cluster')[0]).toMatchObject({ id: ctx.clusterId, endpoint: 'https://x', counts: { nodes: 1 } });
  });
});
