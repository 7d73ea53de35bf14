import { describe, expect, it } from 'vitest';
import { fixture } from '@/lib/k8s/fixtures';
import { describeRelations, type RelationCase } from '@/lib/testing/relation-cases';
import type { ApiObject } from './rules';
import {
  controllerOf, controllerRevisionName, deploymentOfReplicaSetName, ingressBackends, isTemplateClaim, KUBERNETES_RELATIONS,
  kubernetesDependents, templateRefs,
} from './kubernetes';

// Objects as `kubectl get -o json` prints them (lib/k8s/fixtures), plus a few built the same way.
const byName = (file: string) => {
  const doc = fixture(file);
  return (kind: string, name: string): ApiObject => (doc.items ?? [doc]).find((o: ApiObject) => o.kind === kind && o.metadata.name === name);
};
const pods = byName('pods.json');
const replicaSets = byName('replicasets.json');
const apps = byName('apps-other.json');
const net = byName('network.json');
const storage = byName('storage-scaling-events.json');
const web = fixture('deployment-web.json');
const api = fixture('deployment-stuck.json');
const webPod = pods('Pod', 'web-7c9f8b6d5-abcde');
const dbPod = pods('Pod', 'db-0');
const meta = (kind: string, name: string, more: Record<string, unknown> = {}, namespace = 'shop'): ApiObject =>
  ({ kind, metadata: { name, namespace, ...more } });
const owned = (kind: string, name: string, ownerKind: string, owner: string, namespace = 'shop', labels: Record<string, string> = {}) =>
  meta(kind, name, { labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: ownerKind, name: owner, uid: 'u', controller: true, blockOwnerDeletion: true }] }, namespace);
const exporterPod = owned('Pod', 'node-exporter-x7k2p', 'DaemonSet', 'node-exporter', 'monitoring', { 'controller-revision-hash': '6b9c8d7f5' });
const otherNamespace = (o: ApiObject) => ({ ...o, metadata: { ...o.metadata, namespace: 'staging' } });

const CASES: RelationCase[] = [
  ['Pod', 'ReplicaSet', 'owner', webPod, replicaSets('ReplicaSet', 'web-7c9f8b6d5'), true, 'controller owner reference'],
  ['Pod', 'ReplicaSet', 'owner', webPod, replicaSets('ReplicaSet', 'web-5b7d9c8f4'), false, 'a sibling ReplicaSet'],
  ['Pod', 'ReplicaSet', 'owner', webPod, otherNamespace(replicaSets('ReplicaSet', 'web-7c9f8b6d5')), false, 'same name, other namespace'],
  ['Pod', 'Deployment', 'naming', webPod, web, true, '<deployment>-<pod-template-hash>'],
  ['Pod', 'Deployment', 'naming', webPod, api, false, 'another deployment'],
  ['Pod', 'StatefulSet', 'owner', dbPod, apps('StatefulSet', 'db'), true, 'StatefulSet pod'],
  ['Pod', 'StatefulSet', 'owner', webPod, apps('StatefulSet', 'db'), false, 'owned by a ReplicaSet'],
  ['ReplicaSet', 'Deployment', 'owner', replicaSets('ReplicaSet', 'web-7c9f8b6d5'), web, true, 'controller owner reference'],
  ['ReplicaSet', 'Deployment', 'owner', replicaSets('ReplicaSet', 'web-7c9f8b6d5'), api, false, 'another deployment'],
  ['ControllerRevision', 'StatefulSet', 'owner', owned('ControllerRevision', 'db-5f7d6c', 'StatefulSet', 'db'), apps('StatefulSet', 'db'), true, 'owner'],
  ['ControllerRevision', 'DaemonSet', 'owner', owned('ControllerRevision', 'db-5f7d6c', 'StatefulSet', 'db'), apps('DaemonSet', 'node-exporter'), false, 'owned by a StatefulSet'],
  ['Pod', 'ControllerRevision', 'label', dbPod, owned('ControllerRevision', 'db-5f7d6c', 'StatefulSet', 'db'), true, 'StatefulSet pods carry the name'],
  ['Pod', 'ControllerRevision', 'label', exporterPod, owned('ControllerRevision', 'node-exporter-6b9c8d7f5', 'DaemonSet', 'node-exporter', 'monitoring'), true, 'DaemonSet pods carry only the hash'],
  ['Pod', 'ControllerRevision', 'label', dbPod, owned('ControllerRevision', 'db-7a8b9c', 'StatefulSet', 'db'), false, 'an older revision'],
  ['Deployment', 'ConfigMap', 'config-ref', web, fixture('configmap.json'), true, 'env valueFrom, envFrom and a volume'],
  ['Deployment', 'ConfigMap', 'config-ref', web, meta('ConfigMap', 'kube-root-ca.crt'), true, 'a projected volume source'],
  ['Deployment', 'ConfigMap', 'config-ref', web, otherNamespace(fixture('configmap.json')), false, 'same name, other namespace'],
  ['Deployment', 'Secret', 'secret-ref', web, fixture('secret.json'), true, 'env secretKeyRef and envFrom'],
  ['Deployment', 'Secret', 'secret-ref', web, meta('Secret', 'registry-creds'), true, 'imagePullSecrets'],
  ['Deployment', 'Secret', 'secret-ref', web, meta('Secret', 'web-db'), true, 'an init container'],
  ['Deployment', 'Secret', 'secret-ref', api, fixture('secret.json'), false, 'not referenced'],
  ['Deployment', 'PersistentVolumeClaim', 'claim', web, storage('PersistentVolumeClaim', 'web-data'), true, 'volumes[].persistentVolumeClaim'],
  ['Deployment', 'PersistentVolumeClaim', 'claim', web, storage('PersistentVolumeClaim', 'pending-claim'), false, 'not referenced'],
  ['StatefulSet', 'PersistentVolumeClaim', 'naming', apps('StatefulSet', 'db'), meta('PersistentVolumeClaim', 'pgdata-db-0'), true, '<template>-<statefulset>-<ordinal>'],
  ['StatefulSet', 'PersistentVolumeClaim', 'naming', apps('StatefulSet', 'db'), meta('PersistentVolumeClaim', 'pgdata-dbx-0'), false, 'a look-alike'],
  ['Service', 'Deployment', 'selector', net('Service', 'web'), web, true, 'selector within the template labels'],
  ['Service', 'StatefulSet', 'selector', net('Service', 'web'), apps('StatefulSet', 'db'), false, 'labels differ'],
  ['Service', 'Deployment', 'selector', otherNamespace(net('Service', 'web')), web, false, 'other namespace'],
  ['EndpointSlice', 'Service', 'label', net('EndpointSlice', 'web-v4abc'), net('Service', 'web'), true, 'kubernetes.io/service-name'],
  ['EndpointSlice', 'Service', 'label', net('EndpointSlice', 'web-v4abc'), net('Service', 'db'), false, 'another service'],
  ['EndpointSlice', 'Service', 'label', otherNamespace(net('EndpointSlice', 'web-v4abc')), net('Service', 'web'), false, 'same name, other namespace'],
  ['Ingress', 'Service', 'backend', net('Ingress', 'shop'), net('Service', 'web'), true, 'networking/v1 backend'],
  ['Ingress', 'Service', 'backend', net('Ingress', 'test-ingress'), meta('Service', 'test', {}, 'default'), true, 'legacy serviceName'],
  ['Ingress', 'Service', 'backend', net('Ingress', 'shop'), net('Service', 'db'), false, 'not a backend'],
  ['Pod', 'Node', 'node', webPod, fixture('node.json'), true, 'spec.nodeName'],
  ['Pod', 'Node', 'node', dbPod, fixture('node.json'), false, 'not scheduled'],
  ['HorizontalPodAutoscaler', 'Deployment', 'scale-target', storage('HorizontalPodAutoscaler', 'web'), web, true, 'scaleTargetRef'],
  ['HorizontalPodAutoscaler', 'Deployment', 'scale-target', storage('HorizontalPodAutoscaler', 'web'), api, false, 'another deployment'],
  ['Event', 'ReplicaSet', 'involved', storage('Event', 'web-7c9f8b6d5.17f0'), replicaSets('ReplicaSet', 'web-7c9f8b6d5'), true, 'involvedObject'],
  ['Event', 'Pod', 'involved', storage('Event', 'api-6d8f7-crash1.17f0a1b2c3d4e5f6'), webPod, false, 'another pod'],
];

describeRelations('Kubernetes relations', KUBERNETES_RELATIONS, CASES);

describe('Kubernetes relations and the adapter', () => {
  it('the adapter re-derives exactly these kinds after a whole kind was replaced', () => {
    const kinds = ['Namespace', 'Node', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod', 'Service', 'EndpointSlice', 'Ingress',
      'ConfigMap', 'Secret', 'PersistentVolume', 'PersistentVolumeClaim', 'HorizontalPodAutoscaler', 'Event', 'Job', 'CronJob', 'ControllerRevision'];
    const workloads = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
    const graph = Object.fromEntries(kinds.map((k) => [k, kubernetesDependents(k, kinds)]).filter(([, deps]) => deps.length));
    expect(graph).toEqual({
      Node: ['Pod'], // zones of pods listed before their nodes
      ReplicaSet: ['Pod'], // a pod's workload is its ReplicaSet's Deployment
      Pod: ['ControllerRevision'], // counts of StatefulSet / DaemonSet revisions
      ...Object.fromEntries(workloads.map((w) => [w, ['Service', 'ConfigMap', 'Secret', 'PersistentVolumeClaim']])),
      ConfigMap: workloads, // env values
      Secret: workloads,
      EndpointSlice: ['Service'],
      Service: ['Ingress'],
    });
  });
});

describe('Kubernetes link readers', () => {
  it('templateRefs: every place a pod spec names a ConfigMap, Secret or claim, each once', () => {
    expect(templateRefs(web.spec.template.spec)).toEqual({
      configs: ['web-config', 'kube-root-ca.crt'],
      secrets: ['web-db', 'web-secrets', 'web-tls', 'registry-creds'],
      claims: ['web-data'],
    });
    expect(templateRefs({})).toEqual({ configs: [], secrets: [], claims: [] });
  });
  it('controllerOf: the controller reference, else the first', () => {
    const refs = [{ kind: 'ReplicaSet', name: 'a' }, { kind: 'ReplicaSet', name: 'b', controller: true }];
    expect(controllerOf({ metadata: { ownerReferences: refs } })).toEqual({ kind: 'ReplicaSet', name: 'b' });
    expect(controllerOf({ metadata: { ownerReferences: [refs[0]] } })).toEqual({ kind: 'ReplicaSet', name: 'a' });
    expect(controllerOf({ metadata: {} })).toBeUndefined();
  });
  it('naming rules', () => {
    expect(deploymentOfReplicaSetName('web-7c9f8b6d5', '7c9f8b6d5')).toBe('web');
    expect(deploymentOfReplicaSetName('7c9f8b6d5', '7c9f8b6d5')).toBeUndefined();
    expect(deploymentOfReplicaSetName('web-7c9f8b6d5', undefined)).toBeUndefined();
    expect(controllerRevisionName('db', 'db-5f7d6c')).toBe('db-5f7d6c');
    expect(controllerRevisionName('node-exporter', '6b9c8d7f5')).toBe('node-exporter-6b9c8d7f5');
    expect(['pgdata-db-0', 'pgdata-db-12', 'pgdata-db-', 'pgdata-db-x', 'pgdata-dbx-0'].map((c) => isTemplateClaim(c, 'pgdata', 'db')))
      .toEqual([true, true, false, false, false]);
  });
  it('ingressBackends: the default backend first, then each path with its host', () => {
    expect(ingressBackends(net('Ingress', 'shop').spec).map((b) => [b.host, b.path, b.backend.service?.name])).toEqual([
      [undefined, undefined, 'web'], ['shop.example.com', '/', 'web'], ['shop.example.com', '/api', 'api'],
    ]);
  });
});
