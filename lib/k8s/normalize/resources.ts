// ConfigMap -> Config, Secret -> Secret (keys + keyed hashes, never values), PV/PVC -> Volume,
// HorizontalPodAutoscaler (autoscaling/v2, tolerating v1) -> Autoscaler, core/v1 Event -> event.
import type { CoreV1Event, V1ConfigMap, V1PersistentVolume, V1PersistentVolumeClaim, V1Secret, V2HorizontalPodAutoscaler, V2MetricSpec, V2MetricStatus, V2MetricTarget, V2MetricValueStatus } from '@kubernetes/client-node';
import type { Autoscaler, Config, ModelEvent, Secret, Volume } from '@/lib/model/resources';
import { cpuToMillis, memoryToBytes, parseQuantity } from '@/lib/model/units';
import { WORKLOAD_KINDS } from '@/lib/relations/kubernetes';
import { asArray, baseOf, iso, nameOf, num, objId, type NormalizeContext } from './common';
import { hashBase64, processHasher } from '@/lib/secrets/hasher';

/** usedBy is filled in by the adapter from its reference index. */
export function normalizeConfigMap(ctx: NormalizeContext, cm: V1ConfigMap): Config {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(cm.data ?? {})) if (typeof v === 'string') data[k] = v;
  return {
    ...baseOf(ctx, cm, 'ConfigMap'),
    kind: 'config',
    configKind: 'configMap',
    data,
    binaryKeys: Object.keys(cm.binaryData ?? {}).sort(),
    usedBy: [],
  };
}

/** Only key names and keyed hashes of the decoded values leave this function. */
export function normalizeSecret(ctx: NormalizeContext, s: V1Secret): Secret {
  const keys = Object.entries(s.data ?? {})
    .filter(([, v]) => typeof v === 'string')
    .map(([key, v]) => ({ key, hash: hashBase64(ctx.hasher ?? processHasher, v) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    ...baseOf(ctx, s, 'Secret'),
    kind: 'secret',
    secretKind: 'secret',
    type: s.type ?? 'Opaque',
    keys,
    usedBy: [],
  };
}

function storageBytes(r: Record<string, unknown> | undefined): number | undefined {
  return memoryToBytes(r?.storage as string | undefined);
}

export function normalizePersistentVolume(ctx: NormalizeContext, pv: V1PersistentVolume): Volume {
  const spec = pv.spec ?? {};
  const claim = spec.claimRef;
  const backing = spec.hostPath ? 'hostPath' : spec.nfs ? 'nfs' : spec.csi ? `csi:${spec.csi.driver}` : spec.local ? 'local'
    : Object.keys(spec).find((k) => ['awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk', 'azureFile', 'cephfs', 'rbd', 'iscsi', 'fc', 'cinder', 'glusterfs'].includes(k)) ?? 'PersistentVolume';
  const cap = storageBytes(spec.capacity as Record<string, unknown> | undefined);
  return {
    ...baseOf(ctx, pv, 'PersistentVolume'),
    kind: 'volume',
    volumeKind: spec.hostPath || spec.local ? 'host' : spec.nfs ? 'network' : 'persistent',
    backing,
    ...(spec.storageClassName ? { storageClass: spec.storageClassName } : {}),
    ...(cap !== undefined ? { capacityBytes: cap } : {}),
    accessModes: asArray(spec.accessModes),
    ...(pv.status?.phase ? { phase: pv.status.phase } : {}),
    ...(claim?.name ? { boundTo: objId(ctx, claim.namespace, 'PersistentVolumeClaim', claim.name) } : {}),
    ...(spec.hostPath?.path ? { hostPath: spec.hostPath.path } : spec.local?.path ? { hostPath: spec.local.path } : {}),
    usedBy: [],
  };
}

/** usedBy is filled in by the adapter from its reference index. */
export function normalizePersistentVolumeClaim(ctx: NormalizeContext, pvc: V1PersistentVolumeClaim): Volume {
  const spec = pvc.spec ?? {};
  const cap = storageBytes(pvc.status?.capacity as Record<string, unknown> | undefined);
  const req = storageBytes(spec.resources?.requests as Record<string, unknown> | undefined);
  const modes = asArray(pvc.status?.accessModes).length ? asArray(pvc.status?.accessModes) : asArray(spec.accessModes);
  return {
    ...baseOf(ctx, pvc, 'PersistentVolumeClaim'),
    kind: 'volume',
    volumeKind: 'persistent',
    backing: 'PersistentVolumeClaim',
    ...(spec.storageClassName ? { storageClass: spec.storageClassName } : {}),
    ...(cap !== undefined ? { capacityBytes: cap } : {}),
    ...(req !== undefined ? { requestBytes: req } : {}),
    accessModes: modes,
    ...(pvc.status?.phase ? { phase: pvc.status.phase } : {}),
    ...(spec.volumeName ? { boundTo: objId(ctx, undefined, 'PersistentVolume', spec.volumeName) } : {}),
    usedBy: [],
  };
}

function quantityFor(resource: string, q: unknown): number | undefined {
  if (q === undefined || q === null) return undefined;
  const s = q as string | number;
  if (resource === 'cpu') return cpuToMillis(s);
  if (resource === 'memory') return memoryToBytes(s);
  return parseQuantity(s);
}

function targetOf(resource: string, t: V2MetricTarget | undefined): { targetType: string; target: number } | undefined {
  if (!t) return undefined;
  if (t.type === 'Utilization' && t.averageUtilization !== undefined) return { targetType: 'utilization', target: t.averageUtilization };
  if (t.type === 'AverageValue' && t.averageValue !== undefined) return { targetType: 'averageValue', target: quantityFor(resource, t.averageValue) ?? 0 };
  if (t.type === 'Value' && t.value !== undefined) return { targetType: 'value', target: quantityFor(resource, t.value) ?? 0 };
  return undefined;
}

function currentOf(resource: string, targetType: string, c: V2MetricValueStatus | undefined): number | undefined {
  if (!c) return undefined;
  if (targetType === 'utilization') return num(c.averageUtilization);
  if (targetType === 'averageValue') return quantityFor(resource, c.averageValue);
  return quantityFor(resource, c.value);
}

function metricName(m: V2MetricSpec | V2MetricStatus): { name: string; resource: string } | undefined {
  switch (m.type) {
    case 'Resource': return m.resource ? { name: m.resource.name, resource: m.resource.name } : undefined;
    case 'ContainerResource': return m.containerResource ? { name: `${m.containerResource.container}/${m.containerResource.name}`, resource: m.containerResource.name } : undefined;
    case 'Pods': return m.pods ? { name: m.pods.metric.name, resource: m.pods.metric.name } : undefined;
    case 'Object': return m.object ? { name: m.object.metric.name, resource: m.object.metric.name } : undefined;
    case 'External': return m.external ? { name: m.external.metric.name, resource: m.external.metric.name } : undefined;
    default: return undefined;
  }
}

function specTarget(m: V2MetricSpec): V2MetricTarget | undefined {
  return m.resource?.target ?? m.containerResource?.target ?? m.pods?.target ?? m.object?.target ?? m.external?.target;
}

function statusCurrent(m: V2MetricStatus): V2MetricValueStatus | undefined {
  return m.resource?.current ?? m.containerResource?.current ?? m.pods?.current ?? m.object?.current ?? m.external?.current;
}

export function normalizeHpa(ctx: NormalizeContext, hpa: V2HorizontalPodAutoscaler): Autoscaler {
  const { namespace } = nameOf(hpa, 'HorizontalPodAutoscaler');
  const spec = hpa.spec ?? ({} as V2HorizontalPodAutoscaler['spec'] & object);
  const ref = spec?.scaleTargetRef;
  const current = new Map<string, V2MetricValueStatus>();
  for (const s of asArray(hpa.status?.currentMetrics)) {
    const n = metricName(s);
    const c = statusCurrent(s);
    if (n && c) current.set(n.name, c);
  }
  const metrics: Autoscaler['metrics'] = [];
  for (const m of asArray(spec?.metrics)) {
    const n = metricName(m);
    const t = n && targetOf(n.resource, specTarget(m));
    if (!n || !t) continue;
    const cur = currentOf(n.resource, t.targetType, current.get(n.name));
    metrics.push({ name: n.name, ...t, ...(cur !== undefined ? { current: cur } : {}) });
  }
  // autoscaling/v1 shape (as stored in older fixtures): a single CPU utilization target.
  const v1 = spec as unknown as { targetCPUUtilizationPercentage?: number };
  if (!metrics.length && typeof v1?.targetCPUUtilizationPercentage === 'number') {
    const cur = (hpa.status as unknown as { currentCPUUtilizationPercentage?: number } | undefined)?.currentCPUUtilizationPercentage;
    metrics.push({ name: 'cpu', targetType: 'utilization', target: v1.targetCPUUtilizationPercentage, ...(typeof cur === 'number' ? { current: cur } : {}) });
  }
  const target = ref?.kind && ref.name && WORKLOAD_KINDS.has(ref.kind) ? objId(ctx, namespace, ref.kind, ref.name) : undefined;
  return {
    ...baseOf(ctx, hpa, 'HorizontalPodAutoscaler'),
    kind: 'autoscaler',
    ...(target ? { target } : {}),
    targetName: ref?.name ? `${ref.kind ?? ''}/${ref.name}` : '',
    min: num(spec?.minReplicas) ?? 1,
    max: num(spec?.maxReplicas) ?? 0,
    ...(num(hpa.status?.currentReplicas) !== undefined ? { current: hpa.status!.currentReplicas } : {}),
    ...(num(hpa.status?.desiredReplicas) !== undefined ? { desired: hpa.status!.desiredReplicas } : {}),
    metrics,
  };
}

export interface EventLookups {
  /** Workload id for an involved Pod or ReplicaSet, when known. */
  workloadOf(kind: string, namespace: string, name: string): string | undefined;
}

/** Kinds whose object ids the model knows, for involved.id. */
const ID_KINDS = new Set(['Pod', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Node', 'Service', 'Ingress',
  'ConfigMap', 'Secret', 'PersistentVolume', 'PersistentVolumeClaim', 'HorizontalPodAutoscaler', 'Namespace']);
const CLUSTER_SCOPED = new Set(['Node', 'PersistentVolume', 'Namespace']);

export function normalizeEvent(ctx: NormalizeContext, ev: CoreV1Event, lookups: EventLookups): ModelEvent {
  const base = baseOf(ctx, ev, 'Event');
  const io = ev.involvedObject ?? {};
  const kind = io.kind ?? '';
  const name = io.name ?? '';
  const ns = io.namespace ?? ev.metadata?.namespace ?? '';
  const id = kind && name && ID_KINDS.has(kind) ? objId(ctx, CLUSTER_SCOPED.has(kind) ? undefined : ns, kind, name) : undefined;
  const workload = WORKLOAD_KINDS.has(kind) ? id : kind && name ? lookups.workloadOf(kind, ns, name) : undefined;
  const at = iso(ev.lastTimestamp) ?? iso(ev.eventTime) ?? iso(ev.firstTimestamp) ?? iso(ev.metadata?.creationTimestamp) ?? '';
  return {
    ...base,
    kind: 'event',
    type: ev.type === 'Warning' ? 'Warning' : 'Normal',
    reason: ev.reason ?? '',
    message: ev.message ?? '',
    at,
    count: num(ev.count) ?? num(ev.series?.count) ?? 1,
    involved: { kind, name, ...(id ? { id } : {}) },
    ...(workload ? { workload } : {}),
  };
}
