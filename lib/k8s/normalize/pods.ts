// Pod -> Instance, ReplicaSet -> Revision.
//
// Protocol facts: a Deployment's ReplicaSets are named <deployment>-<pod-template-hash> and carry the
// deployment.kubernetes.io/revision annotation (a decimal counter); Pods point at their ReplicaSet
// (or StatefulSet / DaemonSet / Job) through the controller ownerReference. A Pod with a
// deletionTimestamp is terminating whatever its phase says.
import type { V1ContainerStatus, V1ControllerRevision, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { Instance, Revision } from '@/lib/model/workload';
import {
  CONTROLLER_REVISION_HASH, controllerOf, controllerRevisionName, deploymentOfReplicaSetName, POD_TEMPLATE_HASH, WORKLOAD_KINDS,
} from '@/lib/relations/kubernetes';
import { annotation, asArray, baseOf, intern, iso, sharedRecord, nameOf, num, objId, type NormalizeContext } from './common';
import { effectiveRequests, podSpecContainers } from './template';
import { cpuToMillis, memoryToBytes } from '@/lib/model/units';

export interface PodLookups {
  /** Deployment name owning a ReplicaSet, when the ReplicaSet is known; null when known to have none. */
  replicaSetOwner(namespace: string, replicaSet: string): string | null | undefined;
  nodeZone(nodeName: string): string | undefined;
}

export interface PodIndex {
  namespace: string;
  replicaSet?: string;
}

/** Waiting reasons that mean the container cannot run without intervention. */
const BAD_WAITING = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError',
  'CreateContainerError', 'RunContainerError', 'InvalidImageName', 'ErrImageNeverPull', 'PreCreateHookError', 'PostStartHookError']);
/** Reasons that mean "still starting", not worth surfacing over the phase. */
const BENIGN_WAITING = new Set(['ContainerCreating', 'PodInitializing']);

/** Workload id of a ReplicaSet's Deployment; falls back to the naming rule while the ReplicaSet is unknown. */
export function replicaSetWorkload(ctx: NormalizeContext, ns: string, rs: string, templateHash: string | undefined, lookups: Pick<PodLookups, 'replicaSetOwner'>): string | undefined {
  const owner = lookups.replicaSetOwner(ns, rs);
  if (owner) return objId(ctx, ns, 'Deployment', owner);
  if (owner === null) return undefined;
  const byName = deploymentOfReplicaSetName(rs, templateHash);
  return byName ? objId(ctx, ns, 'Deployment', byName) : undefined;
}

function containerState(s: V1ContainerStatus | undefined): string {
  return s?.state?.running ? 'running' : s?.state?.terminated ? 'terminated' : 'waiting';
}

function containerReason(s: V1ContainerStatus | undefined): string | undefined {
  const reason = s?.state?.running ? undefined : s?.state?.terminated ? s.state.terminated.reason : s?.state?.waiting?.reason;
  return reason ? intern(reason) : undefined;
}

function statusOf(st: NonNullable<V1Pod['status']>, name: string): V1ContainerStatus | undefined {
  return asArray(st.initContainerStatuses).find((s) => s?.name === name) ?? asArray(st.containerStatuses).find((s) => s?.name === name);
}

export function normalizePod(ctx: NormalizeContext, pod: V1Pod, lookups: PodLookups): { instance: Instance; index: PodIndex } {
  const base = baseOf(ctx, pod, 'Pod');
  const ns = base.groupName ?? 'default';
  const spec = pod.spec ?? { containers: [] };
  const st = pod.status ?? {};
  const owner = controllerOf(pod);
  let workload: string | undefined;
  let revision: string | undefined;
  let replicaSet: string | undefined;
  if (owner?.kind === 'ReplicaSet') {
    replicaSet = owner.name;
    revision = objId(ctx, ns, 'ReplicaSet', owner.name);
    workload = replicaSetWorkload(ctx, ns, owner.name, pod.metadata?.labels?.[POD_TEMPLATE_HASH], lookups);
  } else if (owner && WORKLOAD_KINDS.has(owner.kind)) {
    workload = objId(ctx, ns, owner.kind, owner.name);
    // StatefulSet pods carry the ControllerRevision name, DaemonSet pods only its hash.
    const hash = pod.metadata?.labels?.[CONTROLLER_REVISION_HASH];
    if (hash && (owner.kind === 'StatefulSet' || owner.kind === 'DaemonSet')) {
      revision = objId(ctx, ns, 'ControllerRevision', controllerRevisionName(owner.name, hash));
    }
  }

  const specContainers = podSpecContainers(spec);
  const requests = effectiveRequests(specContainers);
  // Pod overhead (RuntimeClass) is added to the pod's requests by the scheduler.
  const oc = cpuToMillis(spec.overhead?.cpu as string | undefined);
  const om = memoryToBytes(spec.overhead?.memory as string | undefined);
  if (oc !== undefined) requests.cpuMillis = (requests.cpuMillis ?? 0) + oc;
  if (om !== undefined) requests.memoryBytes = (requests.memoryBytes ?? 0) + om;

  let containersKey = 'C';
  const containers = specContainers.map((c) => {
    const s = statusOf(st, c.name);
    const container = { name: intern(c.name), image: intern(c.image), ready: s?.ready ?? false, restarts: num(s?.restartCount) ?? 0, state: containerState(s), reason: containerReason(s) };
    containersKey += `\0${container.name}\0${container.image}\0${container.ready}\0${container.restarts}\0${container.state}\0${container.reason ?? ''}`;
    return container;
  });
  const restarts = containers.reduce((n, c) => n + c.restarts, 0);
  const ready = asArray(st.conditions).some((c) => c.type === 'Ready' && c.status === 'True');
  const phase = st.phase ?? 'Pending';
  const bad = containers.find((c) => c.state === 'waiting' && c.reason && BAD_WAITING.has(c.reason));
  const waiting = containers.find((c) => c.state === 'waiting' && c.reason && !BENIGN_WAITING.has(c.reason));
  const terminating = Boolean(iso(pod.metadata?.deletionTimestamp));

  let state: Instance['state'];
  switch (phase) {
    case 'Pending': state = 'pending'; break;
    case 'Running': state = 'running'; break;
    case 'Succeeded': state = 'succeeded'; break;
    case 'Failed': state = 'failed'; break;
    default: state = 'unknown';
  }
  // A crash-looping container keeps the phase at Running (or Pending): surfaced as failed, with the reason.
  if (bad?.reason === 'CrashLoopBackOff' && (state === 'running' || state === 'pending')) state = 'failed';
  if (terminating && state !== 'succeeded' && state !== 'failed') state = 'stopped';

  const reason = terminating ? 'Terminating' : bad?.reason ?? st.reason ?? waiting?.reason;
  const health: Instance['health'] = bad || phase === 'Failed' ? 'unhealthy'
    : ready ? 'healthy'
    : phase === 'Running' ? 'unhealthy' : 'unknown';
  let stoppedAt: string | undefined;
  if (phase === 'Succeeded' || phase === 'Failed') {
    for (const s of [...asArray(st.initContainerStatuses), ...asArray(st.containerStatuses)]) {
      const f = iso(s?.state?.terminated?.finishedAt);
      if (f && (!stoppedAt || f > stoppedAt)) stoppedAt = f;
    }
  }
  const nodeName = spec.nodeName;
  const zone = nodeName ? lookups.nodeZone(nodeName) : undefined;
  // Usually the creation time to the second: one string kept for both.
  const startedAt = iso(st.startTime) === base.createdAt ? base.createdAt : iso(st.startTime);
  // One literal with every key, absent ones undefined (JSON drops them): V8 builds it from one
  // boilerplate. Conditional spreads, or adding the optional keys one by one, made 50,000 pods'
  // objects of many shapes through V8's slow paths: 40 µs a pod, against 6 µs now.
  const instance: Instance = {
    id: base.id, platform: base.platform, source: base.source, name: base.name, cluster: base.cluster,
    group: base.group, groupName: base.groupName, labels: base.labels, createdAt: base.createdAt,
    ref: { kind: base.ref.kind, uid: base.ref.uid, resourceVersion: base.ref.resourceVersion },
    kind: 'instance',
    workload: workload ? intern(workload) : undefined,
    revision: revision ? intern(revision) : undefined,
    node: nodeName ? intern(objId(ctx, undefined, 'Node', nodeName)) : undefined,
    nodeName: nodeName ? intern(nodeName) : undefined,
    state,
    phase: intern(phase),
    desiredState: terminating ? 'stopped' : undefined,
    ready,
    restarts,
    ip: st.podIP || undefined,
    hostIp: st.hostIP ? intern(st.hostIP) : undefined,
    zone,
    startedAt,
    stoppedAt,
    reason: reason ? intern(reason) : undefined,
    health,
    requests: sharedRecord(`R\0${requests.cpuMillis}\0${requests.memoryBytes}`, requests),
    containers: sharedRecord(containersKey, containers),
  };
  const index = sharedRecord(`P\0${ns}\0${replicaSet ?? ''}`, { namespace: intern(ns), replicaSet: intern(replicaSet) });
  return { instance, index };
}

export interface ReplicaSetIndex {
  namespace: string;
  /** Owning Deployment name; null when the ReplicaSet has no Deployment owner. */
  deployment: string | null;
  revision: number;
  /** Replicas wanted or still running: an older revision with any is "previous", else "inactive". */
  replicas: number;
}

export function normalizeReplicaSet(ctx: NormalizeContext, rs: V1ReplicaSet): { revision: Revision; index: ReplicaSetIndex } {
  const base = baseOf(ctx, rs, 'ReplicaSet');
  const { namespace } = nameOf(rs, 'ReplicaSet');
  const ns = namespace ?? 'default';
  const owner = controllerOf(rs);
  const deployment = owner?.kind === 'Deployment' ? owner.name : null;
  const revText = annotation(rs, 'deployment.kubernetes.io/revision') ?? '0';
  const revNum = Number.parseInt(revText, 10);
  const desired = num(rs.spec?.replicas) ?? 1;
  const total = num(rs.status?.replicas) ?? 0;
  const ready = num(rs.status?.readyReplicas) ?? 0;
  const hash = rs.metadata?.labels?.[POD_TEMPLATE_HASH] ?? rs.spec?.template?.metadata?.labels?.[POD_TEMPLATE_HASH];
  const images = [...asArray(rs.spec?.template?.spec?.initContainers), ...asArray(rs.spec?.template?.spec?.containers)]
    .map((c) => c.image ?? '').filter((i) => i !== '');
  const replicas = Math.max(desired, total);
  const revision: Revision = {
    ...base,
    kind: 'revision',
    ...(deployment ? { workload: objId(ctx, ns, 'Deployment', deployment) } : {}),
    revision: revText,
    ...(hash ? { templateRef: hash } : {}),
    images,
    state: replicas > 0 ? 'previous' : 'inactive',
    status: 'ReplicaSet',
    desired,
    ready,
    ...(total > ready ? { pending: total - ready } : {}),
  };
  return { revision, index: { namespace: ns, deployment, revision: Number.isFinite(revNum) ? revNum : 0, replicas } };
}

/**
 * Revision states of one Deployment's ReplicaSets: current = highest revision; previous = older with
 * replicas; inactive = older scaled to zero. Pure; returns id -> state.
 */
export function revisionStates(entries: { id: string; index: { revision: number; replicas: number }; createdAt?: string }[]): Map<string, Revision['state']> {
  let best: (typeof entries)[number] | undefined;
  for (const e of entries) {
    if (!best || e.index.revision > best.index.revision
      || (e.index.revision === best.index.revision && (e.createdAt ?? '') > (best.createdAt ?? ''))) best = e;
  }
  const out = new Map<string, Revision['state']>();
  for (const e of entries) out.set(e.id, e === best ? 'current' : e.index.replicas > 0 ? 'previous' : 'inactive');
  return out;
}

export interface ControllerRevisionIndex {
  namespace: string;
  /** Owning StatefulSet / DaemonSet workload id; null when none. */
  owner: string | null;
  revision: number;
}

/**
 * ControllerRevision (StatefulSet / DaemonSet history) -> Revision. Its `data` holds the pod
 * template patch; counts and state come from the pods labelled with it (filled in by the adapter).
 */
export function normalizeControllerRevision(ctx: NormalizeContext, cr: V1ControllerRevision): { revision: Revision; index: ControllerRevisionIndex } {
  const base = baseOf(ctx, cr, 'ControllerRevision');
  const { name, namespace } = nameOf(cr, 'ControllerRevision');
  const ns = namespace ?? 'default';
  const owner = controllerOf(cr);
  const ownerId = owner && (owner.kind === 'StatefulSet' || owner.kind === 'DaemonSet') ? objId(ctx, ns, owner.kind, owner.name) : null;
  const spec = (cr.data as { spec?: { template?: { spec?: { containers?: { image?: string }[]; initContainers?: { image?: string }[] } } } } | undefined)?.spec?.template?.spec;
  const images = [...asArray(spec?.initContainers), ...asArray(spec?.containers)].map((c) => c?.image ?? '').filter((i) => i !== '');
  const hash = cr.metadata?.labels?.['controller.kubernetes.io/hash'] ?? cr.metadata?.labels?.[CONTROLLER_REVISION_HASH]
    ?? (owner && name.startsWith(`${owner.name}-`) ? name.slice(owner.name.length + 1) : undefined);
  const revNum = num(cr.revision) ?? Number.parseInt(String(cr.revision ?? '0'), 10);
  return {
    revision: {
      ...base,
      kind: 'revision',
      ...(ownerId ? { workload: ownerId } : {}),
      revision: String(cr.revision ?? '0'),
      ...(hash ? { templateRef: hash } : {}),
      images,
      state: 'inactive',
      status: 'ControllerRevision',
      desired: 0,
      ready: 0,
    },
    index: { namespace: ns, owner: ownerId, revision: Number.isFinite(revNum) ? revNum : 0 },
  };
}
