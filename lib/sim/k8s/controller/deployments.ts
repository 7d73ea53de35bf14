/**
 * Deployment and ReplicaSet controllers. A Deployment owns ReplicaSets named
 * `<deploy>-<pod-template-hash>` carrying `deployment.kubernetes.io/revision`; a template change
 * makes a new ReplicaSet and a rolling update (maxSurge/maxUnavailable), old ones stay at 0
 * replicas up to revisionHistoryLimit.
 */
import { randSuffix } from '../defaults';
import { deepClone, type Dict, type KubeObject } from '../types';
import type { Ctl } from './types';
import type { UnchangedInputs } from './unchanged';
import { intOrPercent, isPodReady, ownerRef, podTemplateLabels, sameJson, setCondition, templateHash } from './util';

const REVISION = 'deployment.kubernetes.io/revision';

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? '0') || 0;
}

function replicas(o: KubeObject): number {
  return typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1;
}

function scaleRs(ctl: Ctl, d: KubeObject, rs: KubeObject, to: number): void {
  const from = replicas(rs);
  if (from === to) return;
  const next = deepClone(rs);
  next.spec.replicas = to;
  next.metadata.annotations = { ...(next.metadata.annotations ?? {}), 'deployment.kubernetes.io/desired-replicas': String(replicas(d)) };
  ctl.update('replicasets.apps', next);
  ctl.event(d, 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, 'deployment-controller');
}

function newReplicaSet(ctl: Ctl, d: KubeObject, hash: string, revision: number, initial: number): KubeObject {
  const template = deepClone(d.spec.template ?? {});
  template.metadata = { ...(template.metadata ?? {}), labels: { ...podTemplateLabels(d), 'pod-template-hash': hash } };
  const selector = deepClone(d.spec.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), 'pod-template-hash': hash };
  const rs = ctl.create('replicasets.apps', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...podTemplateLabels(d), 'pod-template-hash': hash },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas(d)),
        'deployment.kubernetes.io/max-replicas': String(replicas(d) + 1),
        [REVISION]: String(revision),
      },
      ownerReferences: [ownerRef(d)],
    },
    spec: { replicas: initial, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
  });
  if (initial > 0) ctl.event(d, 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from 0 to ${initial}`, 'deployment-controller');
  return rs;
}

function reconcileDeployment(ctl: Ctl, d: KubeObject, owned: KubeObject[]): void {
  const desired = replicas(d);
  const hash = templateHash(d.spec?.template);
  let rsList = owned.filter((rs) => !rs.metadata.deletionTimestamp);
  const maxRev = rsList.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
  let newRs = rsList.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const olds = rsList.filter((rs) => rs !== newRs);
  const oldTotal = olds.reduce((n, rs) => n + replicas(rs), 0);
  const recreate = d.spec?.strategy?.type === 'Recreate';
  const surge = recreate ? 0 : intOrPercent(d.spec?.strategy?.rollingUpdate?.maxSurge, desired, true, 1);
  let unavail = recreate ? desired : intOrPercent(d.spec?.strategy?.rollingUpdate?.maxUnavailable, desired, false, 0);
  if (surge === 0 && unavail === 0) unavail = 1;

  if (!newRs) {
    const initial = oldTotal === 0 ? desired : recreate ? 0 : Math.max(0, Math.min(desired, desired + surge - oldTotal));
    newRs = newReplicaSet(ctl, d, hash, maxRev + 1, initial);
    rsList = [...rsList, newRs];
  } else if (revisionOf(newRs) < maxRev) {
    // Rolling back to an older template re-labels that ReplicaSet with the next revision.
    const next = deepClone(newRs);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: String(maxRev + 1) };
    newRs = ctl.update('replicasets.apps', next);
  } else if (oldTotal === 0) {
    scaleRs(ctl, d, newRs, desired);
  } else if (!recreate) {
    const total = oldTotal + replicas(newRs);
    const up = Math.min(desired, replicas(newRs) + Math.max(0, desired + surge - total));
    if (up > replicas(newRs)) scaleRs(ctl, d, newRs, up);
  }

  if (oldTotal > 0) {
    const minAvailable = desired - unavail;
    let available = rsList.reduce((n, rs) => n + Number(rs.status?.availableReplicas ?? 0), 0);
    const sorted = [...olds].sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of sorted) {
      const cur = replicas(rs);
      if (cur === 0) continue;
      const unhealthy = Math.max(0, cur - Number(rs.status?.availableReplicas ?? 0));
      const canDrop = recreate ? cur : unhealthy + Math.max(0, Math.min(cur - unhealthy, available - minAvailable));
      if (canDrop <= 0) continue;
      available -= Math.max(0, canDrop - unhealthy);
      scaleRs(ctl, d, rs, cur - canDrop);
    }
    if (recreate && rsList.every((rs) => rs === newRs || Number(rs.status?.replicas ?? 0) === 0)) scaleRs(ctl, d, newRs, desired);
  }

  // Revision history: old ReplicaSets at zero beyond revisionHistoryLimit are deleted.
  const limit = typeof d.spec?.revisionHistoryLimit === 'number' ? d.spec.revisionHistoryLimit : 10;
  const idle = olds.filter((rs) => replicas(rs) === 0 && Number(rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) ctl.remove('replicasets.apps', rs);

  updateDeploymentStatus(ctl, d, rsList, newRs, desired, unavail);
}

/**
 * The Progressing condition: NewReplicaSetAvailable when done; ReplicaSetUpdated while replica
 * counts move (lastUpdateTime refreshed on progress); ProgressDeadlineExceeded (status False,
 * which fails `kubectl rollout status`) after progressDeadlineSeconds without progress.
 */
function progressing(ctl: Ctl, d: KubeObject, newRs: KubeObject, complete: boolean, counts: number[]): Dict {
  const rs = newRs.metadata.name;
  if (complete) return { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs}" has successfully progressed.` };
  const prev: Dict | undefined = (Array.isArray(d.status?.conditions) ? (d.status.conditions as Dict[]) : []).find((c) => c.type === 'Progressing');
  const s = d.status ?? {};
  const moved = !sameJson(counts, [s.replicas ?? 0, s.updatedReplicas ?? 0, s.readyReplicas ?? 0, s.availableReplicas ?? 0]);
  const updating: Dict = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rs}" is progressing.` };
  if (moved || !prev || prev.message !== updating.message && prev.reason !== 'ProgressDeadlineExceeded') {
    return prev?.reason === 'ReplicaSetUpdated' && moved ? { ...prev, lastUpdateTime: ctl.now } : updating;
  }
  const deadline = Number(d.spec?.progressDeadlineSeconds ?? 600) * 1000;
  const since = Date.parse(String(prev.lastUpdateTime ?? ctl.now));
  if (prev.reason === 'ProgressDeadlineExceeded' || ctl.nowMs - since > deadline) {
    return { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rs}" has timed out progressing.` };
  }
  ctl.wakeAt(since + deadline + 1);
  return prev;
}

function updateDeploymentStatus(ctl: Ctl, d: KubeObject, rsList: KubeObject[], newRs: KubeObject, desired: number, unavail: number): void {
  const sum = (f: (rs: KubeObject) => unknown): number => rsList.reduce((n, rs) => n + Number(f(rs) ?? 0), 0);
  const current = ctl.ctx.store.get('replicasets.apps', newRs.metadata.namespace, newRs.metadata.name) ?? newRs;
  const total = sum((rs) => rs.status?.replicas);
  const updated = Number(current.status?.replicas ?? 0);
  const ready = sum((rs) => rs.status?.readyReplicas);
  const available = sum((rs) => rs.status?.availableReplicas);
  const complete = updated === desired && total === desired && available === desired && Number(current.status?.observedGeneration ?? 0) >= (current.metadata.generation ?? 1);
  let conds: Dict[] = Array.isArray(d.status?.conditions) ? d.status.conditions : [];
  const availableOk = available >= desired - unavail;
  conds = setCondition(conds, {
    type: 'Available',
    status: availableOk ? 'True' : 'False',
    reason: availableOk ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
    message: availableOk ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
  }, ctl.now);
  conds = setCondition(conds, progressing(ctl, d, newRs, complete, [total, updated, ready, available]), ctl.now);
  const status: Dict = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: total,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: available,
    conditions: conds.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0)),
  };
  if (total - available > 0) status.unavailableReplicas = total - available;
  for (const k of ['readyReplicas', 'availableReplicas', 'updatedReplicas', 'replicas'] as const) if (status[k] === 0) delete status[k];
  const rev = newRs.metadata.annotations?.[REVISION];
  const annotations = { ...(d.metadata.annotations ?? {}) };
  if (rev) annotations[REVISION] = rev;
  if (sameJson(status, d.status) && sameJson(annotations, d.metadata.annotations ?? {})) return;
  ctl.update('deployments.apps', { ...d, metadata: { ...d.metadata, annotations }, status });
}

export function reconcileDeployments(ctl: Ctl, deployments: KubeObject[], rsByOwner: Map<string, KubeObject[]>, unchanged: UnchangedInputs): void {
  for (const d of deployments) {
    if (d.metadata.deletionTimestamp || d.spec?.paused) continue;
    const owned = rsByOwner.get(d.metadata.uid ?? '') ?? [];
    unchanged.run(ctl, d, owned, (c) => reconcileDeployment(c, d, owned));
  }
}

/** ReplicaSet controller: keeps `spec.replicas` pods owned by each ReplicaSet. */
export function reconcileReplicaSets(ctl: Ctl, replicaSets: KubeObject[], podsByOwner: Map<string, KubeObject[]>, unchanged: UnchangedInputs): void {
  for (const rs of replicaSets) {
    if (rs.metadata.deletionTimestamp) continue;
    const owned = podsByOwner.get(rs.metadata.uid ?? '') ?? [];
    unchanged.run(ctl, rs, owned, (c) => reconcileReplicaSet(c, rs, owned));
  }
}

function reconcileReplicaSet(ctl: Ctl, rs: KubeObject, owned: KubeObject[]): void {
  let pods = owned.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
  const want = replicas(rs);
  if (pods.length < want) {
    for (let i = pods.length; i < want; i++) {
      const pod = ctl.create('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${rs.metadata.name}-${randSuffix(5)}`,
          generateName: `${rs.metadata.name}-`,
          namespace: rs.metadata.namespace,
          labels: podTemplateLabels(rs),
          annotations: { ...(rs.spec?.template?.metadata?.annotations ?? {}) },
          ownerReferences: [ownerRef(rs)],
        },
        spec: deepClone(rs.spec?.template?.spec ?? {}),
      });
      ctl.event(rs, 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller');
      pods = [...pods, pod];
    }
  } else if (pods.length > want) {
    const rank = (p: KubeObject): number => (!p.spec?.nodeName ? 0 : p.status?.phase === 'Pending' ? 1 : isPodReady(p) ? 3 : 2);
    const victims = [...pods].sort((a, b) => rank(a) - rank(b) || String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp))).slice(0, pods.length - want);
    for (const p of victims) {
      ctl.remove('pods', p);
      ctl.event(rs, 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'replicaset-controller');
    }
    pods = pods.filter((p) => !victims.includes(p));
  }
  const ready = pods.filter(isPodReady).length;
  const status: Dict = {
    replicas: pods.length,
    fullyLabeledReplicas: pods.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const) if (status[k] === 0) delete status[k];
  if (!sameJson(status, rs.status)) ctl.update('replicasets.apps', { ...rs, status });
}
