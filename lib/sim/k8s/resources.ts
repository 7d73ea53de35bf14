/** The API resources the simulator serves, with the facts discovery documents advertise. */

export type Subresource = 'status' | 'scale' | 'eviction' | 'log';

export interface ResourceDef {
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name as in URLs, e.g. `deployments`. */
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  subresources: Subresource[];
  /** Stored object generation is bumped on spec changes (workload kinds). */
  tracksGeneration: boolean;
  categories?: string[];
  /** Create-only review resources answered on the spot, never stored. */
  virtual?: boolean;
  /** Read-only resources computed from the store (metrics.k8s.io), never stored. */
  computed?: boolean;
}

const ALL = ['all'];

function def(
  group: string,
  version: string,
  name: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[] = [],
  subresources: Subresource[] = [],
  tracksGeneration = false,
  categories?: string[],
): ResourceDef {
  return {
    group,
    version,
    name,
    singularName: kind.toLowerCase(),
    kind,
    namespaced,
    shortNames,
    subresources,
    tracksGeneration,
    categories,
  };
}

export const RESOURCES: ResourceDef[] = [
  def('', 'v1', 'namespaces', 'Namespace', false, ['ns'], ['status']),
  def('', 'v1', 'nodes', 'Node', false, ['no'], ['status']),
  def('', 'v1', 'pods', 'Pod', true, ['po'], ['status', 'eviction', 'log'], false, ALL),
  def('', 'v1', 'services', 'Service', true, ['svc'], ['status'], false, ALL),
  def('', 'v1', 'configmaps', 'ConfigMap', true, ['cm']),
  def('', 'v1', 'secrets', 'Secret', true),
  def('', 'v1', 'persistentvolumes', 'PersistentVolume', false, ['pv'], ['status']),
  def('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc'], ['status']),
  def('', 'v1', 'events', 'Event', true, ['ev']),
  def('', 'v1', 'serviceaccounts', 'ServiceAccount', true, ['sa']),
  def('', 'v1', 'resourcequotas', 'ResourceQuota', true, ['quota'], ['status']),
  def('apps', 'v1', 'deployments', 'Deployment', true, ['deploy'], ['status', 'scale'], true, ALL),
  def('apps', 'v1', 'statefulsets', 'StatefulSet', true, ['sts'], ['status', 'scale'], true, ALL),
  def('apps', 'v1', 'daemonsets', 'DaemonSet', true, ['ds'], ['status'], true, ALL),
  def('apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs'], ['status', 'scale'], true, ALL),
  def('apps', 'v1', 'controllerrevisions', 'ControllerRevision', true),
  def('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true),
  def('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, ['ing'], ['status'], true),
  def('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['hpa'], ['status'], true, ALL),
  def('autoscaling', 'v1', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['hpa'], ['status'], true, ALL),
  def('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, ['sc']),
  def('batch', 'v1', 'jobs', 'Job', true, [], ['status'], true, ALL),
  def('batch', 'v1', 'cronjobs', 'CronJob', true, ['cj'], ['status'], true, ALL),
  // RBAC, stored only (the simulator authorizes by its one bearer token): so that manifests that
  // carry roles, such as deploy/kubernetes, can be applied to it.
  def('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  def('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  def('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  def('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  def('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb'], ['status'], true),
  def('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false, ['pc']),
  { ...def('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true), computed: true },
  { ...def('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false), computed: true },
  { ...def('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false), virtual: true },
];

/** Group/version string as used in `apiVersion`: `v1` or `apps/v1`. */
export function groupVersion(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/**
 * Storage key of a resource: objects of one resource share a store regardless of the version
 * they are served at (autoscaling/v1 and v2 HPAs are the same objects).
 */
export function storageKey(r: { group: string; name: string }): string {
  return r.group ? `${r.name}.${r.group}` : r.name;
}

/** `deployments.apps`, `pods` — the form used in error messages. */
export function qualifiedName(r: ResourceDef): string {
  return storageKey(r);
}

const byPath = new Map<string, ResourceDef>();
const byKind = new Map<string, ResourceDef>();
for (const r of RESOURCES) {
  byPath.set(`${groupVersion(r)}/${r.name}`, r);
  if (!byKind.has(`${groupVersion(r)}/${r.kind}`)) byKind.set(`${groupVersion(r)}/${r.kind}`, r);
}

export function findResource(gv: string, name: string): ResourceDef | undefined {
  return byPath.get(`${gv}/${name}`);
}

export function resourceForKind(apiVersion: string, kind: string): ResourceDef | undefined {
  return byKind.get(`${apiVersion}/${kind}`);
}

export function resourceByStorageKey(key: string): ResourceDef | undefined {
  return RESOURCES.find((r) => storageKey(r) === key);
}

/** Preferred definition per storage key (first listed version). */
export const PRIMARY: Record<string, ResourceDef> = {};
for (const r of RESOURCES) {
  const k = storageKey(r);
  if (!PRIMARY[k]) PRIMARY[k] = r;
}

export function groupsInOrder(): { group: string; versions: string[] }[] {
  const out: { group: string; versions: string[] }[] = [];
  for (const r of RESOURCES) {
    if (!r.group) continue;
    let g = out.find((x) => x.group === r.group);
    if (!g) out.push((g = { group: r.group, versions: [] }));
    if (!g.versions.includes(r.version)) g.versions.push(r.version);
  }
  return out;
}
