// The Kubernetes resources the adapter reads: collection path (list and watch), normalizer.
// Read-only: only list (GET with limit/continue) and watch (GET with watch=true) are ever issued.
import type { CollectionName, ModelObject } from '@/lib/model';
import { nameOf, objId, type NormalizeContext } from './normalize/common';
import { normalizeNamespace, normalizeNode } from './normalize/infra';
import { normalizeDaemonSet, normalizeDeployment, normalizeStatefulSet, type WorkloadIndex } from './normalize/workloads';
import { normalizeControllerRevision, normalizePod, normalizeReplicaSet, type ControllerRevisionIndex, type PodIndex, type PodLookups, type ReplicaSetIndex } from './normalize/pods';
import { normalizeIngress, normalizeService, summarizeEndpointSlice, type IngressIndex, type ServiceIndex, type SliceSummary } from './normalize/network';
import {
  normalizeConfigMap, normalizeEvent, normalizeHpa, normalizePersistentVolume, normalizePersistentVolumeClaim, normalizeSecret,
  type EventLookups,
} from './normalize/resources';
import type { RefResolver } from './normalize/template';
import { normalizeCronJob, normalizeJob } from './normalize/batch';

export const SCOPES = [
  'namespaces', 'nodes', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'pods', 'services',
  'endpointslices', 'ingresses', 'configmaps', 'secrets', 'persistentvolumes', 'persistentvolumeclaims',
  'horizontalpodautoscalers', 'events', 'jobs', 'cronjobs', 'controllerrevisions',
] as const;
export type ResourceScope = (typeof SCOPES)[number];

/** The model collection each resource feeds (EndpointSlices only count a Service's ready targets). */
export const SCOPE_COLLECTION: Record<ResourceScope, CollectionName> = {
  namespaces: 'groups', nodes: 'nodes', deployments: 'workloads', statefulsets: 'workloads', daemonsets: 'workloads',
  jobs: 'workloads', cronjobs: 'workloads', replicasets: 'revisions', controllerrevisions: 'revisions', pods: 'instances',
  services: 'endpoints', endpointslices: 'endpoints', ingresses: 'endpoints', configmaps: 'configs', secrets: 'secrets',
  persistentvolumes: 'volumes', persistentvolumeclaims: 'volumes', horizontalpodautoscalers: 'autoscalers', events: 'events',
};
/** Scope of the source's single Cluster object. */
export const CLUSTER_SCOPE = 'cluster';

/** One normalized object (or, for EndpointSlices, a summary only) plus what the adapter indexes about it. */
export type Entry =
  | { id: string; obj: ModelObject; index?: undefined }
  | { id: string; obj: ModelObject & { kind: 'workload' }; index: WorkloadIndex }
  | { id: string; obj: ModelObject & { kind: 'revision' }; index: ReplicaSetIndex | ControllerRevisionIndex }
  | { id: string; obj: ModelObject & { kind: 'instance' }; index: PodIndex }
  | { id: string; obj: ModelObject & { kind: 'endpoint' }; index: ServiceIndex | IngressIndex }
  | { id: string; obj?: undefined; index: SliceSummary };

/** What normalizers may look up in the adapter's current state. */
export interface Lookups extends RefResolver, PodLookups, EventLookups {}

export interface KindSpec {
  scope: ResourceScope;
  /** API kind, as used in ids. */
  kind: string;
  /** Cluster-wide collection path, listed and watched. */
  path: string;
  namespaced: boolean;
  normalize(ctx: NormalizeContext, raw: unknown, lookups: Lookups): Entry;
}

// Raw objects are plain JSON as the API server sends it (list pages and watch events alike); normalizers read them defensively.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;
type Normalize = KindSpec['normalize'];

/** Collection path of a kind (list and watch), cluster-wide or in one namespace. */
export function collectionPath(spec: KindSpec, namespace?: string): string {
  return namespace && spec.namespaced ? spec.path.replace(/\/([^/]+)$/, `/namespaces/${encodeURIComponent(namespace)}/$1`) : spec.path;
}

/** Where each API group's collections live; a collection's path ends in its resource (the scope). */
const GROUP_PATH = {
  core: '/api/v1', apps: '/apis/apps/v1', discovery: '/apis/discovery.k8s.io/v1', networking: '/apis/networking.k8s.io/v1',
  autoscaling: '/apis/autoscaling/v2', batch: '/apis/batch/v1',
} as const;

/** One resource: its cluster-wide collection path (the list and watch path; one namespace's via collectionPath). */
function resource(scope: ResourceScope, kind: string, group: keyof typeof GROUP_PATH, scoping: 'namespaced' | 'cluster', normalize: Normalize): KindSpec {
  return { scope, kind, path: `${GROUP_PATH[group]}/${scope}`, namespaced: scoping === 'namespaced', normalize };
}

/** A normalizer that returns the model object alone. */
const plain = (normalize: (c: NormalizeContext, r: Raw, l: Lookups) => ModelObject): Normalize => (c, r, l) => {
  const obj = normalize(c, r, l);
  return { id: obj.id, obj };
};
/** A normalizer that returns the model object (under `key`) and what the adapter indexes about it. */
function indexed<N extends { index: unknown }>(normalize: (c: NormalizeContext, r: Raw, l: Lookups) => N, key: Exclude<keyof N, 'index'>): Normalize {
  return (c, r, l) => {
    const n = normalize(c, r, l);
    const obj = n[key] as ModelObject;
    return { id: obj.id, obj, index: n.index } as Entry;
  };
}

export const KINDS: KindSpec[] = [
  resource('namespaces', 'Namespace', 'core', 'cluster', plain(normalizeNamespace)),
  resource('nodes', 'Node', 'core', 'cluster', plain(normalizeNode)),
  resource('deployments', 'Deployment', 'apps', 'namespaced', indexed(normalizeDeployment, 'workload')),
  resource('statefulsets', 'StatefulSet', 'apps', 'namespaced', indexed(normalizeStatefulSet, 'workload')),
  resource('daemonsets', 'DaemonSet', 'apps', 'namespaced', indexed(normalizeDaemonSet, 'workload')),
  resource('replicasets', 'ReplicaSet', 'apps', 'namespaced', indexed(normalizeReplicaSet, 'revision')),
  resource('pods', 'Pod', 'core', 'namespaced', indexed(normalizePod, 'instance')),
  resource('services', 'Service', 'core', 'namespaced', indexed(normalizeService, 'endpoint')),
  // Only a summary: a slice's ready targets count towards its Service.
  resource('endpointslices', 'EndpointSlice', 'discovery', 'namespaced', (c, r) => ({ id: idOf(c, 'EndpointSlice', r), index: summarizeEndpointSlice(r as Raw) })),
  resource('ingresses', 'Ingress', 'networking', 'namespaced', indexed(normalizeIngress, 'endpoint')),
  resource('configmaps', 'ConfigMap', 'core', 'namespaced', plain(normalizeConfigMap)),
  resource('secrets', 'Secret', 'core', 'namespaced', plain(normalizeSecret)),
  resource('persistentvolumes', 'PersistentVolume', 'core', 'cluster', plain(normalizePersistentVolume)),
  resource('persistentvolumeclaims', 'PersistentVolumeClaim', 'core', 'namespaced', plain(normalizePersistentVolumeClaim)),
  resource('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'autoscaling', 'namespaced', plain(normalizeHpa)),
  resource('events', 'Event', 'core', 'namespaced', plain(normalizeEvent)),
  resource('controllerrevisions', 'ControllerRevision', 'apps', 'namespaced', indexed(normalizeControllerRevision, 'revision')),
  resource('jobs', 'Job', 'batch', 'namespaced', indexed(normalizeJob, 'workload')),
  resource('cronjobs', 'CronJob', 'batch', 'namespaced', indexed(normalizeCronJob, 'workload')),
];

/** Id of a raw object of a kind (for DELETED events, without normalizing). */
export function idOf(ctx: NormalizeContext, kind: string, raw: unknown): string {
  const { name, namespace } = nameOf(raw as { metadata?: never }, kind);
  return objId(ctx, namespace, kind, name);
}
