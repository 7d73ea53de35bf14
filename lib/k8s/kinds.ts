// The Kubernetes resources the adapter reads: list call, watch path, normalizer. Read-only: only
// list (GET with limit/continue) and watch (GET with watch=true) are ever issued.
import {
  AppsV1Api, AutoscalingV2Api, BatchV1Api, CoreV1Api, DiscoveryV1Api, NetworkingV1Api, ServerConfiguration, VersionApi,
  createConfiguration, setHeaderMiddleware, type KubeConfig, type V1ListMeta,
} from '@kubernetes/client-node';
import { PARALLAX_USER_AGENT } from '@/lib/util/user-agent';
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

export interface Apis {
  core: CoreV1Api;
  apps: AppsV1Api;
  discovery: DiscoveryV1Api;
  networking: NetworkingV1Api;
  autoscaling: AutoscalingV2Api;
  batch: BatchV1Api;
}

/** Client configuration as kc.makeApiClient makes it, but every request says it comes from Parallax. */
function parallaxConfiguration(kc: KubeConfig) {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('No active cluster!');
  return createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kc },
    middleware: [setHeaderMiddleware('User-Agent', PARALLAX_USER_AGENT)],
  });
}

export function makeVersionApi(kc: KubeConfig): VersionApi {
  return new VersionApi(parallaxConfiguration(kc));
}

export function makeApis(kc: KubeConfig): Apis {
  const config = parallaxConfiguration(kc);
  return {
    core: new CoreV1Api(config),
    apps: new AppsV1Api(config),
    discovery: new DiscoveryV1Api(config),
    networking: new NetworkingV1Api(config),
    autoscaling: new AutoscalingV2Api(config),
    batch: new BatchV1Api(config),
  };
}

export interface ListPage {
  items: unknown[];
  metadata?: V1ListMeta;
}
/** Per-request options of the generated clients (middleware: abort signal, timeout). */
export type RequestOptions = Parameters<CoreV1Api['listNode']>[1];
export interface ListParams {
  limit: number;
  _continue?: string;
  /** List one namespace only (the fallback when the cluster-wide list is forbidden). */
  namespace?: string;
}

export interface KindSpec {
  scope: ResourceScope;
  /** API kind, as used in ids. */
  kind: string;
  /** Cluster-wide collection path for watch (and the list it mirrors). */
  path: string;
  namespaced: boolean;
  list(apis: Apis, p: ListParams, options?: RequestOptions): Promise<ListPage>;
  normalize(ctx: NormalizeContext, raw: unknown, lookups: Lookups): Entry;
}

// Raw objects cross a JSON boundary (watch) or come typed (list); normalizers read them defensively.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;
type Normalize = KindSpec['normalize'];

/** Watch path of a kind, cluster-wide or in one namespace. */
export function watchPath(spec: KindSpec, namespace?: string): string {
  return namespace && spec.namespaced ? spec.path.replace(/\/([^/]+)$/, `/namespaces/${encodeURIComponent(namespace)}/$1`) : spec.path;
}

/** Where each API group's collections live; a collection's path ends in its resource (the scope). */
const GROUP_PATH: Record<keyof Apis, string> = {
  core: '/api/v1', apps: '/apis/apps/v1', discovery: '/apis/discovery.k8s.io/v1', networking: '/apis/networking.k8s.io/v1',
  autoscaling: '/apis/autoscaling/v2', batch: '/apis/batch/v1',
};
const GROUP_CLIENT: Record<keyof Apis, { prototype: object }> = {
  core: CoreV1Api, apps: AppsV1Api, discovery: DiscoveryV1Api, networking: NetworkingV1Api, autoscaling: AutoscalingV2Api, batch: BatchV1Api,
};

type ListCall = (p: ListParams, o?: RequestOptions) => Promise<ListPage>;
/** client-node's list method by name, checked when the module loads so that a renamed method fails every test at once. */
function listMethod(group: keyof Apis, method: string): (apis: Apis) => ListCall {
  if (typeof (GROUP_CLIENT[group].prototype as Record<string, unknown>)[method] !== 'function') throw new Error(`client-node has no ${group}.${method}`);
  return (apis) => {
    const client = apis[group] as unknown as Record<string, ListCall>;
    return (p, o) => client[method](p, o);
  };
}

/**
 * One resource: client-node names its list calls after the kind (list<Kind>ForAllNamespaces and
 * listNamespaced<Kind>, or list<Kind> for cluster-scoped kinds); a namespaced list falls back to one
 * namespace when params.namespace is set.
 */
function resource(scope: ResourceScope, kind: string, group: keyof Apis, scoping: 'namespaced' | 'cluster', normalize: Normalize): KindSpec {
  const path = `${GROUP_PATH[group]}/${scope}`;
  if (scoping === 'cluster') {
    const all = listMethod(group, `list${kind}`);
    return { scope, kind, path, namespaced: false, list: (apis, p, o) => all(apis)(p, o), normalize };
  }
  const all = listMethod(group, `list${kind}ForAllNamespaces`);
  const one = listMethod(group, `listNamespaced${kind}`);
  return {
    scope, kind, path, namespaced: true, normalize,
    list: (apis, p, o) => {
      const { namespace, ...rest } = p;
      return namespace ? one(apis)({ ...rest, namespace } as ListParams, o) : all(apis)(rest, o);
    },
  };
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
