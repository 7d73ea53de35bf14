/**
 * Scheduler and kubelet stand-ins: Pending pods are bound to Ready nodes (least loaded,
 * honouring nodeSelector and NoSchedule taints), get IPs, and turn Running/Ready after
 * `podReadyDelayMs`. Pods already past Pending (e.g. seeded Running pods) are left alone.
 */
import { isRecord, type Dict, type KubeObject } from '../types';
import { podFault, restartIntervalMs, stepFault } from './faults';
import type { Ctl } from './types';
import { isActivePod, podContainers, shortHex, waitingStatuses } from './util';

export function isNodeReady(n: KubeObject): boolean {
  const conds: unknown = n.status?.conditions;
  return !n.spec?.unschedulable && Array.isArray(conds) && conds.some((c) => isRecord(c) && c.type === 'Ready' && c.status === 'True');
}

function tolerates(tolerations: Dict[], taint: Dict): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** Whether a pod spec may run on a node (nodeSelector, taints with NoSchedule/NoExecute). */
export function fitsNode(podSpec: Dict, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  const sel: unknown = podSpec.nodeSelector;
  if (isRecord(sel)) for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  const tolerations = Array.isArray(podSpec.tolerations) ? (podSpec.tolerations as unknown[]).filter(isRecord) : [];
  const taints = Array.isArray(node.spec?.taints) ? (node.spec.taints as unknown[]).filter(isRecord) : [];
  return taints.every((t) => t.effect === 'PreferNoSchedule' || tolerates(tolerations, t));
}


function qosClass(p: KubeObject): string {
  const cs = podContainers(p);
  const res = cs.map((c) => (isRecord(c.resources) ? c.resources : {}));
  if (res.every((r) => !r.requests && !r.limits)) return 'BestEffort';
  const guaranteed = res.every((r) => isRecord(r.limits) && r.limits.cpu && r.limits.memory && (!r.requests || JSON.stringify(r.requests) === JSON.stringify(r.limits)));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function imageId(image: string): string {
  const ref = image.includes('/') ? image : `docker.io/library/${image}`;
  return `${ref.replace(/:[^/:]+$/, '')}@sha256:${shortHex(image, 64)}`;
}

function podCondition(type: string, status: string, now: string, reason?: string, message?: string): Dict {
  const c: Dict = { type, status, lastProbeTime: null, lastTransitionTime: now };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/**
 * Pod IPs come from the node's podCIDR (a /24 per node, as kind's kube-controller-manager
 * assigns), lowest free address first; nodes without one use the cluster-wide pool.
 */
class PodIps {
  private readonly used = new Map<string, Set<string>>();

  constructor(private readonly ctl: Ctl, pods: KubeObject[]) {
    for (const p of pods) {
      const n = p.spec?.nodeName;
      if (typeof n === 'string' && typeof p.status?.podIP === 'string' && isActivePod(p)) this.set(n).add(p.status.podIP);
    }
  }

  private set(node: string): Set<string> {
    let s = this.used.get(node);
    if (!s) this.used.set(node, (s = new Set()));
    return s;
  }

  next(node: KubeObject | undefined): string {
    const m = /^(\d+\.\d+\.\d+)\.0\/24$/.exec(String(node?.spec?.podCIDR ?? ''));
    if (node && m) {
      const used = this.set(node.metadata.name);
      for (let x = 2; x < 255; x++) {
        const ip = `${m[1]}.${x}`;
        if (!used.has(ip)) {
          used.add(ip);
          return ip;
        }
      }
    }
    return this.ctl.ctx.alloc.podIp();
  }
}

function maxPods(node: KubeObject): number {
  const v = Number(node.status?.allocatable?.pods ?? 110);
  return Number.isFinite(v) && v > 0 ? v : 110;
}

function scheduledStatus(ctl: Ctl, p: KubeObject, node: KubeObject | undefined, ips: PodIps): Dict {
  const hostIP = (Array.isArray(node?.status?.addresses) ? (node.status.addresses as Dict[]) : []).find((a) => a.type === 'InternalIP')?.address ?? '172.18.0.2';
  const podIP = p.spec?.hostNetwork ? hostIP : ips.next(node);
  const notReady = `containers with unready status: [${podContainers(p).map((c) => c.name).join(' ')}]`;
  return {
    phase: 'Pending',
    conditions: [
      podCondition('PodReadyToStartContainers', 'False', ctl.now),
      podCondition('Initialized', 'True', ctl.now),
      podCondition('Ready', 'False', ctl.now, 'ContainersNotReady', notReady),
      podCondition('ContainersReady', 'False', ctl.now, 'ContainersNotReady', notReady),
      podCondition('PodScheduled', 'True', ctl.now),
    ],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: ctl.now,
    containerStatuses: waitingStatuses(p, { reason: 'ContainerCreating' }),
    qosClass: qosClass(p),
  };
}

function runningStatus(ctl: Ctl, p: KubeObject): Dict {
  const st: Dict = { ...(p.status ?? {}) };
  st.phase = 'Running';
  st.conditions = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((t) => podCondition(t, 'True', ctl.now));
  st.containerStatuses = podContainers(p).map((c) => ({
    name: c.name,
    image: c.image,
    imageID: imageId(String(c.image ?? '')),
    containerID: `containerd://${shortHex(`${p.metadata.uid}/${String(c.name)}`, 64)}`,
    ready: true,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: ctl.now } },
    lastState: {},
  }));
  return st;
}

function activePodsPerNode(pods: KubeObject[]): Map<string, number> {
  const load = new Map<string, number>();
  for (const p of pods) {
    const n = p.spec?.nodeName;
    if (typeof n === 'string' && isActivePod(p)) load.set(n, (load.get(n) ?? 0) + 1);
  }
  return load;
}

export function reconcilePods(ctl: Ctl, pods: KubeObject[], nodes: KubeObject[]): void {
  const ready = nodes.filter(isNodeReady);
  // Node loads and used IPs are walks over every pod: done only when a pod is to be placed.
  let loadByNode: Map<string, number> | undefined;
  const nodeLoad = () => (loadByNode ??= activePodsPerNode(pods));
  let podIps: PodIps | undefined;
  const ips = () => (podIps ??= new PodIps(ctl, pods));
  const byName = new Map(nodes.map((n) => [n.metadata.name, n]));
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) {
      const since = ctl.terminatingSince.get(p.metadata.uid ?? '');
      if (since === undefined) ctl.terminatingSince.set(p.metadata.uid ?? '', ctl.nowMs);
      if (since !== undefined && ctl.nowMs - since >= ctl.podTerminationDelayMs) ctl.ctx.store.delete('pods', p.metadata.namespace, p.metadata.name);
      else ctl.wakeAt((since ?? ctl.nowMs) + ctl.podTerminationDelayMs);
      continue;
    }
    const phase = p.status?.phase;
    if (phase !== 'Pending' && phase !== 'Running') continue;
    const fault = podFault(p);
    if (phase === 'Running' && fault !== 'crashloop') continue;
    const uid = p.metadata.uid ?? '';
    if (!p.spec?.nodeName) {
      const load = nodeLoad();
      const fitting = ready.filter((n) => fitsNode(p.spec ?? {}, n));
      // The node's allocatable `pods` (110 by default) caps how many pods it runs.
      const candidates = fitting.filter((n) => (load.get(n.metadata.name) ?? 0) < maxPods(n));
      if (candidates.length === 0) {
        const full = fitting.length;
        const reasons = [full ? `${full} Too many pods` : '', nodes.length - full ? `${nodes.length - full} node(s) didn't match Pod's node affinity/selector or had untolerated taint or were not ready` : '']
          .filter(Boolean)
          .join(', ');
        const msg = `0/${nodes.length} nodes are available: ${nodes.length === 0 ? 'no nodes available to schedule pods' : reasons}. preemption: 0/${nodes.length} nodes are available.`;
        const conds: unknown = p.status?.conditions;
        if (Array.isArray(conds) && conds.some((c) => isRecord(c) && c.type === 'PodScheduled' && c.message === msg)) continue;
        ctl.update('pods', { ...p, status: { ...p.status, conditions: [podCondition('PodScheduled', 'False', ctl.now, 'Unschedulable', msg)] } });
        ctl.event(p, 'FailedScheduling', msg, 'default-scheduler', 'Warning');
        continue;
      }
      candidates.sort((a, b) => (load.get(a.metadata.name) ?? 0) - (load.get(b.metadata.name) ?? 0) || a.metadata.name.localeCompare(b.metadata.name));
      const node = candidates[0];
      load.set(node.metadata.name, (load.get(node.metadata.name) ?? 0) + 1);
      const bound: KubeObject = { ...p, spec: { ...p.spec, nodeName: node.metadata.name } };
      bound.status = scheduledStatus(ctl, bound, node, ips());
      ctl.update('pods', bound);
      ctl.scheduledAt.set(uid, ctl.nowMs);
      ctl.wakeAt(ctl.nowMs + ctl.podReadyDelayMs);
      ctl.event(p, 'Scheduled', `Successfully assigned ${p.metadata.namespace}/${p.metadata.name} to ${node.metadata.name}`, 'default-scheduler');
      continue;
    }
    if (!p.status?.podIP) {
      // Created already bound (DaemonSet pods, or nodeName set by the client).
      ctl.update('pods', { ...p, status: scheduledStatus(ctl, p, byName.get(p.spec.nodeName), ips()) });
      ctl.scheduledAt.set(uid, ctl.nowMs);
      ctl.wakeAt(ctl.nowMs + ctl.podReadyDelayMs);
      ctl.event(p, 'Scheduled', `Successfully assigned ${p.metadata.namespace}/${p.metadata.name} to ${String(p.spec.nodeName)}`, 'default-scheduler');
      continue;
    }
    const at = ctl.scheduledAt.get(uid);
    const restarted = Array.isArray(p.status?.containerStatuses) && p.status.containerStatuses.some((c: unknown) => isRecord(c) && isRecord(c.state) && isRecord(c.state.waiting) && c.state.waiting.reason !== 'ContainerCreating');
    const delay = restarted ? restartIntervalMs(ctl) : ctl.podReadyDelayMs;
    if (at === undefined) {
      ctl.scheduledAt.set(uid, ctl.nowMs);
      ctl.wakeAt(ctl.nowMs + delay);
      continue;
    }
    if (ctl.nowMs - at < delay) {
      ctl.wakeAt(at + delay);
      continue;
    }
    if (fault) {
      // Faulty pods keep their clock: the next restart or pull retry comes after an interval.
      ctl.scheduledAt.set(uid, ctl.nowMs);
      stepFault(ctl, p, fault);
      ctl.wakeAt(ctl.nowMs + ctl.podReadyDelayMs);
      continue;
    }
    ctl.scheduledAt.delete(uid);
    ctl.update('pods', { ...p, status: runningStatus(ctl, p) });
    const host = String(p.spec.nodeName);
    for (const c of podContainers(p)) {
      ctl.event(p, 'Pulled', `Container image "${String(c.image)}" already present on machine`, 'kubelet', 'Normal', host);
      ctl.event(p, 'Created', `Created container: ${String(c.name)}`, 'kubelet', 'Normal', host);
      ctl.event(p, 'Started', `Started container ${String(c.name)}`, 'kubelet', 'Normal', host);
    }
  }
}
