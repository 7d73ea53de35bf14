// The Kubernetes resources the adapter reads: list call, watch path, normalizer. Read-only: only
// list (GET with limit/continue) and watch (GET with watch=true) are ever issued.
import {
  AppsV1Api, AutoscalingV2Api, BatchV1Api, CoreV1Api, DiscoveryV1Api, NetworkingV1Api, ServerConfiguration, VersionApi,
  createConfiguration, setHeaderMiddleware, type KubeConfig, type V1ListMeta,
} from '@kubernetes/client-node';
import { PARALLAX_USER_AGENT } from '@/lib/util/user-agent';
import type { CollectionName, ModelObject } from '@/lib/model';
import { nameOf, type NormalizeContext } from './normalize/common';
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
import { objId } from './normalize/common';

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

const plain = (obj: ModelObject): Entry => ({ id: obj.id, obj });

type AllList = (p: ListParams, o?: RequestOptions) => Promise<ListPage>;
type OneList = (p: ListParams & { namespace: string }, o?: RequestOptions) => Promise<ListPage>;
/** All namespaces, or one when params.namespace is set. */
function ns(p: ListParams, o: RequestOptions | undefined, all: AllList, one: OneList): Promise<ListPage> {
  const { namespace, ...rest } = p;
  return namespace ? one({ ...rest, namespace }, o) : all(rest, o);
}

/** Watch path of a kind, cluster-wide or in one namespace. */
export function watchPath(spec: KindSpec, namespace?: string): string {
  return namespace && spec.namespaced ? spec.path.replace(/\/([^/]+)$/, `/namespaces/${encodeURIComponent(namespace)}/$1`) : spec.path;
}

export const KINDS: KindSpec[] = [
  { scope: 'namespaces', kind: 'Namespace', path: '/api/v1/namespaces', namespaced: false,
    list: (a, p, o) => a.core.listNamespace(p, o), normalize: (c, r: Raw) => plain(normalizeNamespace(c, r)) },
  { scope: 'nodes', kind: 'Node', path: '/api/v1/nodes', namespaced: false,
    list: (a, p, o) => a.core.listNode(p, o), normalize: (c, r: Raw) => plain(normalizeNode(c, r)) },
  { scope: 'deployments', kind: 'Deployment', path: '/apis/apps/v1/deployments', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.apps.listDeploymentForAllNamespaces(p, o), (p, o) => a.apps.listNamespacedDeployment(p, o)),
    normalize: (c, r: Raw, l) => { const n = normalizeDeployment(c, r, l); return { id: n.workload.id, obj: n.workload, index: n.index }; } },
  { scope: 'statefulsets', kind: 'StatefulSet', path: '/apis/apps/v1/statefulsets', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.apps.listStatefulSetForAllNamespaces(p, o), (p, o) => a.apps.listNamespacedStatefulSet(p, o)),
    normalize: (c, r: Raw, l) => { const n = normalizeStatefulSet(c, r, l); return { id: n.workload.id, obj: n.workload, index: n.index }; } },
  { scope: 'daemonsets', kind: 'DaemonSet', path: '/apis/apps/v1/daemonsets', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.apps.listDaemonSetForAllNamespaces(p, o), (p, o) => a.apps.listNamespacedDaemonSet(p, o)),
    normalize: (c, r: Raw, l) => { const n = normalizeDaemonSet(c, r, l); return { id: n.workload.id, obj: n.workload, index: n.index }; } },
  { scope: 'replicasets', kind: 'ReplicaSet', path: '/apis/apps/v1/replicasets', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.apps.listReplicaSetForAllNamespaces(p, o), (p, o) => a.apps.listNamespacedReplicaSet(p, o)),
    normalize: (c, r: Raw) => { const n = normalizeReplicaSet(c, r); return { id: n.revision.id, obj: n.revision, index: n.index }; } },
  { scope: 'pods', kind: 'Pod', path: '/api/v1/pods', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.core.listPodForAllNamespaces(p, o), (p, o) => a.core.listNamespacedPod(p, o)),
    normalize: (c, r: Raw, l) => { const n = normalizePod(c, r, l); return { id: n.instance.id, obj: n.instance, index: n.index }; } },
  { scope: 'services', kind: 'Service', path: '/api/v1/services', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.core.listServiceForAllNamespaces(p, o), (p, o) => a.core.listNamespacedService(p, o)),
    normalize: (c, r: Raw) => { const n = normalizeService(c, r); return { id: n.endpoint.id, obj: n.endpoint, index: n.index }; } },
  { scope: 'endpointslices', kind: 'EndpointSlice', path: '/apis/discovery.k8s.io/v1/endpointslices', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.discovery.listEndpointSliceForAllNamespaces(p, o), (p, o) => a.discovery.listNamespacedEndpointSlice(p, o)),
    normalize: (c, r: Raw) => ({ id: idOf(c, 'EndpointSlice', r), index: summarizeEndpointSlice(r) }) },
  { scope: 'ingresses', kind: 'Ingress', path: '/apis/networking.k8s.io/v1/ingresses', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.networking.listIngressForAllNamespaces(p, o), (p, o) => a.networking.listNamespacedIngress(p, o)),
    normalize: (c, r: Raw) => { const n = normalizeIngress(c, r); return { id: n.endpoint.id, obj: n.endpoint, index: n.index }; } },
  { scope: 'configmaps', kind: 'ConfigMap', path: '/api/v1/configmaps', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.core.listConfigMapForAllNamespaces(p, o), (p, o) => a.core.listNamespacedConfigMap(p, o)), normalize: (c, r: Raw) => plain(normalizeConfigMap(c, r)) },
  { scope: 'secrets', kind: 'Secret', path: '/api/v1/secrets', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.core.listSecretForAllNamespaces(p, o), (p, o) => a.core.listNamespacedSecret(p, o)), normalize: (c, r: Raw) => plain(normalizeSecret(c, r)) },
  { scope: 'persistentvolumes', kind: 'PersistentVolume', path: '/api/v1/persistentvolumes', namespaced: false,
    list: (a, p, o) => a.core.listPersistentVolume(p, o), normalize: (c, r: Raw) => plain(normalizePersistentVolume(c, r)) },
  { scope: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', path: '/api/v1/persistentvolumeclaims', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.core.listPersistentVolumeClaimForAllNamespaces(p, o), (p, o) => a.core.listNamespacedPersistentVolumeClaim(p, o)), normalize: (c, r: Raw) => plain(normalizePersistentVolumeClaim(c, r)) },
  { scope: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', path: '/apis/autoscaling/v2/horizontalpodautoscalers', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.autoscaling.listHorizontalPodAutoscalerForAllNamespaces(p, o), (p, o) => a.autoscaling.listNamespacedHorizontalPodAutoscaler(p, o)), normalize: (c, r: Raw) => plain(normalizeHpa(c, r)) },
  { scope: 'events', kind: 'Event', path: '/api/v1/events', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.core.listEventForAllNamespaces(p, o), (p, o) => a.core.listNamespacedEvent(p, o)), normalize: (c, r: Raw, l) => plain(normalizeEvent(c, r, l)) },
  { scope: 'controllerrevisions', kind: 'ControllerRevision', path: '/apis/apps/v1/controllerrevisions', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.apps.listControllerRevisionForAllNamespaces(p, o), (p, o) => a.apps.listNamespacedControllerRevision(p, o)),
    normalize: (c, r: Raw) => { const n = normalizeControllerRevision(c, r); return { id: n.revision.id, obj: n.revision, index: n.index }; } },
  { scope: 'jobs', kind: 'Job', path: '/apis/batch/v1/jobs', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.batch.listJobForAllNamespaces(p, o), (p, o) => a.batch.listNamespacedJob(p, o)),
    normalize: (c, r: Raw, l) => { const n = normalizeJob(c, r, l); return { id: n.workload.id, obj: n.workload, index: n.index }; } },
  { scope: 'cronjobs', kind: 'CronJob', path: '/apis/batch/v1/cronjobs', namespaced: true,
    list: (a, p, o) => ns(p, o, (p, o) => a.batch.listCronJobForAllNamespaces(p, o), (p, o) => a.batch.listNamespacedCronJob(p, o)),
    normalize: (c, r: Raw, l) => { const n = normalizeCronJob(c, r, l); return { id: n.workload.id, obj: n.workload, index: n.index }; } },
];

/** Id of a raw object of a kind (for DELETED events, without normalizing). */
export function idOf(ctx: NormalizeContext, kind: string, raw: unknown): string {
  const { name, namespace } = nameOf(raw as { metadata?: never }, kind);
  return objId(ctx, namespace, kind, name);
}
