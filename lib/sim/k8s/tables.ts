/**
 * Server-side printing: the `Table` (meta.k8s.io/v1) answers kubectl asks for with
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. Columns follow kube-apiserver's
 * printers; `priority: 1` columns appear only with `-o wide`. Cells are rendered server-side.
 */
import { isRecord, type Dict, type KubeObject } from './types';

interface Column {
  name: string;
  type?: 'string' | 'integer' | 'date';
  format?: string;
  description?: string;
  priority?: number;
  cell: (o: KubeObject, now: number) => string | number;
}

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}

function since(ts: unknown, now: number): string {
  if (typeof ts !== 'string') return '<unknown>';
  return humanDuration(now - Date.parse(ts));
}

const name: Column = { name: 'Name', format: 'name', cell: (o) => o.metadata.name };
const age: Column = { name: 'Age', cell: (o, now) => since(o.metadata.creationTimestamp, now) };
const arr = (v: unknown): Dict[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const orNone = (s: string): string => (s === '' ? '<none>' : s);

function podTemplateContainers(o: KubeObject): Dict[] {
  return arr(o.spec?.template?.spec?.containers);
}
const containers: Column = { name: 'Containers', priority: 1, cell: (o) => orNone(podTemplateContainers(o).map((c) => c.name).join(',')) };
const images: Column = { name: 'Images', priority: 1, cell: (o) => orNone(podTemplateContainers(o).map((c) => c.image).join(',')) };

function selectorString(sel: unknown): string {
  if (!isRecord(sel)) return '<none>';
  const parts: string[] = [];
  if (isRecord(sel.matchLabels)) for (const [k, v] of Object.entries(sel.matchLabels)) parts.push(`${k}=${String(v)}`);
  for (const e of arr(sel.matchExpressions)) {
    const vals = Array.isArray(e.values) ? e.values.join(',') : '';
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(String(e.key));
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return orNone(parts.join(','));
}
const selector: Column = { name: 'Selector', priority: 1, cell: (o) => selectorString(o.spec?.selector) };

function podStatus(o: KubeObject): string {
  let reason: string = o.status?.reason || o.status?.phase || 'Unknown';
  let initializing = false;
  arr(o.status?.initContainerStatuses).forEach((c, i) => {
    const st = c.state ?? {};
    if (st.terminated?.exitCode === 0) return;
    if (st.terminated) reason = `Init:${st.terminated.reason || 'Error'}`;
    else if (st.waiting?.reason && st.waiting.reason !== 'PodInitializing') reason = `Init:${st.waiting.reason}`;
    else reason = `Init:${i}/${arr(o.spec?.initContainers).length}`;
    initializing = true;
  });
  if (!initializing) {
    let hasRunning = false;
    for (const c of arr(o.status?.containerStatuses).reverse()) {
      const st = c.state ?? {};
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated?.reason) reason = st.terminated.reason;
      else if (st.running && c.ready) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = 'Running';
  }
  if (o.metadata.deletionTimestamp) reason = o.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

/** Restart count, with the age of the last restart as kubectl shows it: `3 (25s ago)`. */
function podRestarts(o: KubeObject, now: number): string {
  const statuses = arr(o.status?.containerStatuses);
  const n = statuses.reduce((sum, c) => sum + num(c.restartCount), 0);
  const last = statuses
    .map((c) => c.lastState?.terminated?.finishedAt)
    .filter((t): t is string => typeof t === 'string')
    .sort()
    .pop();
  return n > 0 && last ? `${n} (${since(last, now)} ago)` : String(n);
}

function servicePorts(o: KubeObject): string {
  const ports = arr(o.spec?.ports).map((p) => {
    const proto = p.protocol ?? 'TCP';
    return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
  });
  return orNone(ports.join(','));
}

function externalIp(o: KubeObject): string {
  const type = o.spec?.type ?? 'ClusterIP';
  const ext = Array.isArray(o.spec?.externalIPs) ? (o.spec.externalIPs as string[]) : [];
  if (type === 'LoadBalancer') {
    const ing = arr(o.status?.loadBalancer?.ingress).map((i) => i.ip ?? i.hostname).filter(Boolean);
    const all = [...ing, ...ext];
    return all.length ? all.join(',') : '<pending>';
  }
  if (type === 'ExternalName') return String(o.spec?.externalName ?? '<none>');
  return ext.length ? ext.join(',') : '<none>';
}

function nodeRoles(o: KubeObject): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.sort().join(',') : '<none>';
}

function nodeStatus(o: KubeObject): string {
  const ready = arr(o.status?.conditions).find((c) => c.type === 'Ready');
  let s = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  if (o.spec?.unschedulable) s += ',SchedulingDisabled';
  return s;
}

function nodeAddress(o: KubeObject, type: string): string {
  return orNone(arr(o.status?.addresses).filter((a) => a.type === type).map((a) => a.address).join(','));
}

function accessModes(modes: unknown): string {
  const short: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
  return Array.isArray(modes) ? modes.map((m) => short[String(m)] ?? String(m)).join(',') : '';
}

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    name,
    { name: 'Ready', cell: (o) => `${arr(o.status?.containerStatuses).filter((c) => c.ready).length}/${arr(o.spec?.containers).length}` },
    { name: 'Status', cell: podStatus },
    { name: 'Restarts', cell: podRestarts },
    age,
    { name: 'IP', priority: 1, cell: (o) => o.status?.podIP ?? '<none>' },
    { name: 'Node', priority: 1, cell: (o) => o.spec?.nodeName ?? '<none>' },
    { name: 'Nominated Node', priority: 1, cell: (o) => o.status?.nominatedNodeName ?? '<none>' },
    { name: 'Readiness Gates', priority: 1, cell: (o) => (arr(o.spec?.readinessGates).length ? `0/${arr(o.spec?.readinessGates).length}` : '<none>') },
  ],
  Deployment: [
    name,
    { name: 'Ready', cell: (o) => `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas ?? 1)}` },
    { name: 'Up-to-date', type: 'integer', cell: (o) => num(o.status?.updatedReplicas) },
    { name: 'Available', type: 'integer', cell: (o) => num(o.status?.availableReplicas) },
    age, containers, images, selector,
  ],
  ReplicaSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => num(o.spec?.replicas ?? 1) },
    { name: 'Current', type: 'integer', cell: (o) => num(o.status?.replicas) },
    { name: 'Ready', type: 'integer', cell: (o) => num(o.status?.readyReplicas) },
    age, containers, images, selector,
  ],
  StatefulSet: [
    name,
    { name: 'Ready', cell: (o) => `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas ?? 1)}` },
    age, containers, images,
  ],
  DaemonSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => num(o.status?.desiredNumberScheduled) },
    { name: 'Current', type: 'integer', cell: (o) => num(o.status?.currentNumberScheduled) },
    { name: 'Ready', type: 'integer', cell: (o) => num(o.status?.numberReady) },
    { name: 'Up-to-date', type: 'integer', cell: (o) => num(o.status?.updatedNumberScheduled) },
    { name: 'Available', type: 'integer', cell: (o) => num(o.status?.numberAvailable) },
    { name: 'Node Selector', cell: (o) => orNone(Object.entries(o.spec?.template?.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(',')) },
    age, containers, images, selector,
  ],
  Service: [
    name,
    { name: 'Type', cell: (o) => o.spec?.type ?? 'ClusterIP' },
    { name: 'Cluster-IP', cell: (o) => o.spec?.clusterIP ?? '<none>' },
    { name: 'External-IP', cell: externalIp },
    { name: 'Port(s)', cell: servicePorts },
    age,
    { name: 'Selector', priority: 1, cell: (o) => orNone(Object.entries(o.spec?.selector ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(',')) },
  ],
  Node: [
    name,
    { name: 'Status', cell: nodeStatus },
    { name: 'Roles', cell: nodeRoles },
    age,
    { name: 'Version', cell: (o) => o.status?.nodeInfo?.kubeletVersion ?? '' },
    { name: 'Internal-IP', priority: 1, cell: (o) => nodeAddress(o, 'InternalIP') },
    { name: 'External-IP', priority: 1, cell: (o) => nodeAddress(o, 'ExternalIP') },
    { name: 'OS-Image', priority: 1, cell: (o) => o.status?.nodeInfo?.osImage ?? '' },
    { name: 'Kernel-Version', priority: 1, cell: (o) => o.status?.nodeInfo?.kernelVersion ?? '' },
    { name: 'Container-Runtime', priority: 1, cell: (o) => o.status?.nodeInfo?.containerRuntimeVersion ?? '' },
  ],
  Namespace: [name, { name: 'Status', cell: (o) => o.status?.phase ?? 'Active' }, age],
  ConfigMap: [name, { name: 'Data', type: 'integer', cell: (o) => Object.keys(isRecord(o.data) ? o.data : {}).length + Object.keys(isRecord(o.binaryData) ? o.binaryData : {}).length }, age],
  Secret: [
    name,
    { name: 'Type', cell: (o) => String(o.type ?? 'Opaque') },
    { name: 'Data', type: 'integer', cell: (o) => Object.keys(isRecord(o.data) ? o.data : {}).length },
    age,
  ],
  PersistentVolume: [
    name,
    { name: 'Capacity', cell: (o) => o.spec?.capacity?.storage ?? '' },
    { name: 'Access Modes', cell: (o) => accessModes(o.spec?.accessModes) },
    { name: 'Reclaim Policy', cell: (o) => o.spec?.persistentVolumeReclaimPolicy ?? 'Retain' },
    { name: 'Status', cell: (o) => o.status?.phase ?? 'Pending' },
    { name: 'Claim', cell: (o) => (o.spec?.claimRef ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}` : '') },
    { name: 'StorageClass', cell: (o) => o.spec?.storageClassName ?? '' },
    { name: 'VolumeAttributesClass', cell: () => '<unset>' },
    { name: 'Reason', cell: (o) => o.status?.reason ?? '' },
    age,
    { name: 'VolumeMode', priority: 1, cell: (o) => o.spec?.volumeMode ?? 'Filesystem' },
  ],
  PersistentVolumeClaim: [
    name,
    { name: 'Status', cell: (o) => o.status?.phase ?? 'Pending' },
    { name: 'Volume', cell: (o) => o.spec?.volumeName ?? '' },
    { name: 'Capacity', cell: (o) => o.status?.capacity?.storage ?? '' },
    { name: 'Access Modes', cell: (o) => accessModes(o.status?.accessModes) },
    { name: 'StorageClass', cell: (o) => o.spec?.storageClassName ?? '' },
    { name: 'VolumeAttributesClass', cell: () => '<unset>' },
    age,
    { name: 'VolumeMode', priority: 1, cell: (o) => o.spec?.volumeMode ?? 'Filesystem' },
  ],
  Event: [
    { name: 'Last Seen', cell: (o, now) => since(o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp, now) },
    { name: 'Type', cell: (o) => String(o.type ?? '') },
    { name: 'Reason', cell: (o) => String(o.reason ?? '') },
    { name: 'Object', cell: (o) => (isRecord(o.involvedObject) ? `${String(o.involvedObject.kind).toLowerCase()}/${String(o.involvedObject.name)}` : '') },
    { name: 'Message', cell: (o) => String(o.message ?? '') },
    { name: 'Source', priority: 1, cell: (o) => (isRecord(o.source) ? String(o.source.component ?? '') : '') },
    { name: 'First Seen', priority: 1, cell: (o, now) => since(o.firstTimestamp, now) },
    { name: 'Count', priority: 1, type: 'integer', cell: (o) => num(o.count) },
    { name: 'Name', priority: 1, cell: (o) => o.metadata.name },
  ],
  EndpointSlice: [
    name,
    { name: 'AddressType', cell: (o) => String(o.addressType ?? 'IPv4') },
    { name: 'Ports', cell: (o) => orNone(arr(o.ports).map((p) => String(p.port)).join(',')) },
    { name: 'Endpoints', cell: (o) => orNone(arr(o.endpoints).flatMap((e) => (Array.isArray(e.addresses) ? e.addresses : [])).slice(0, 3).join(',')) },
    age,
  ],
  Ingress: [
    name,
    { name: 'Class', cell: (o) => o.spec?.ingressClassName ?? '<none>' },
    { name: 'Hosts', cell: (o) => arr(o.spec?.rules).map((r) => r.host ?? '*').join(',') || '*' },
    { name: 'Address', cell: (o) => arr(o.status?.loadBalancer?.ingress).map((i) => i.ip ?? i.hostname).join(',') },
    { name: 'Ports', cell: (o) => (arr(o.spec?.tls).length ? '80, 443' : '80') },
    age,
  ],
  HorizontalPodAutoscaler: [
    name,
    { name: 'Reference', cell: (o) => `${o.spec?.scaleTargetRef?.kind}/${o.spec?.scaleTargetRef?.name}` },
    { name: 'Targets', cell: (o) => (arr(o.spec?.metrics).length ? arr(o.spec.metrics).map(() => '<unknown>/80%').join(', ') : '<none>') },
    { name: 'MinPods', type: 'integer', cell: (o) => num(o.spec?.minReplicas ?? 1) },
    { name: 'MaxPods', type: 'integer', cell: (o) => num(o.spec?.maxReplicas) },
    { name: 'Replicas', type: 'integer', cell: (o) => num(o.status?.currentReplicas) },
    age,
  ],
  StorageClass: [
    { ...name, cell: (o) => (o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? `${o.metadata.name} (default)` : o.metadata.name) },
    { name: 'Provisioner', cell: (o) => String(o.provisioner ?? '') },
    { name: 'ReclaimPolicy', cell: (o) => String(o.reclaimPolicy ?? 'Delete') },
    { name: 'VolumeBindingMode', cell: (o) => String(o.volumeBindingMode ?? 'Immediate') },
    { name: 'AllowVolumeExpansion', cell: (o) => String(o.allowVolumeExpansion ?? false) },
    age,
  ],
  Job: [
    name,
    { name: 'Status', cell: (o) => (num(o.status?.succeeded) >= num(o.spec?.completions ?? 1) ? 'Complete' : 'Running') },
    { name: 'Completions', cell: (o) => `${num(o.status?.succeeded)}/${num(o.spec?.completions ?? 1)}` },
    { name: 'Duration', cell: (o, now) => since(o.status?.startTime ?? o.metadata.creationTimestamp, now) },
    age, containers, images, selector,
  ],
  CronJob: [
    name,
    { name: 'Schedule', cell: (o) => o.spec?.schedule ?? '' },
    { name: 'Timezone', cell: (o) => o.spec?.timeZone ?? '<none>' },
    { name: 'Suspend', cell: (o) => (o.spec?.suspend ? 'True' : 'False') },
    { name: 'Active', type: 'integer', cell: (o) => arr(o.status?.active).length },
    { name: 'Last Schedule', cell: (o, now) => (o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : '<none>') },
    age,
  ],
};

const DEFAULT: Column[] = [name, { name: 'Created At', type: 'date', cell: (o) => o.metadata.creationTimestamp ?? '' }];

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function tableColumns(kind: string): Dict[] {
  return (COLUMNS[kind] ?? DEFAULT).map((c) => ({
    name: c.name,
    type: c.type ?? 'string',
    format: c.format ?? '',
    description: c.description ?? c.name,
    priority: c.priority ?? 0,
  }));
}

export function tableRow(o: KubeObject, include: IncludeObject, now = Date.now()): Dict {
  const cols = COLUMNS[o.kind] ?? DEFAULT;
  const row: Dict = { cells: cols.map((c) => c.cell(o, now)) };
  if (include === 'Object') row.object = o;
  else if (include === 'Metadata') {
    row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
  }
  return row;
}

export function table(kind: string, items: KubeObject[], listMeta: Dict, include: IncludeObject, withColumns = true): Dict {
  const now = Date.now();
  const t: Dict = {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    rows: items.map((o) => tableRow(o, include, now)),
  };
  if (withColumns) t.columnDefinitions = tableColumns(kind);
  return t;
}
