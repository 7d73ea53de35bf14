/**
 * Unhealthy pods on request, for demos and tests: the pod (or pod template) annotation
 * `sim.parallax.dev/fault` set to `crashloop` makes the simulated kubelet restart the
 * containers forever (CrashLoopBackOff, restartCount growing); `imagepull` leaves the pod
 * Pending in ImagePullBackOff.
 */
import type { Dict, KubeObject } from '../types';
import type { Ctl } from './types';
import { podContainers, waitingStatuses } from './util';

export const FAULT_ANNOTATION = 'sim.parallax.dev/fault';

export type PodFault = 'crashloop' | 'imagepull';

export function podFault(p: KubeObject): PodFault | undefined {
  const v = p.metadata.annotations?.[FAULT_ANNOTATION];
  return v === 'crashloop' || v === 'imagepull' ? v : undefined;
}

/** Time between simulated restarts of a crash-looping container. */
export function restartIntervalMs(ctl: Ctl): number {
  return Math.max(ctl.podReadyDelayMs * 4, 1000);
}


function notReadyConditions(p: KubeObject, now: string, scheduled: boolean): Dict[] {
  const msg = `containers with unready status: [${podContainers(p).map((c) => c.name).join(' ')}]`;
  const prev: Dict[] = Array.isArray(p.status?.conditions) ? p.status.conditions : [];
  const since = (type: string, status: string): string => {
    const c = prev.find((x) => x.type === type);
    return c && c.status === status ? String(c.lastTransitionTime) : now;
  };
  return [
    { type: 'PodReadyToStartContainers', status: scheduled ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: since('PodReadyToStartContainers', scheduled ? 'True' : 'False') },
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: since('Initialized', 'True') },
    { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: since('Ready', 'False'), reason: 'ContainersNotReady', message: msg },
    { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: since('ContainersReady', 'False'), reason: 'ContainersNotReady', message: msg },
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: since('PodScheduled', 'True') },
  ];
}

/** Applies one step of the fault: a restart for crashloop, a pull retry for imagepull. */
export function stepFault(ctl: Ctl, p: KubeObject, fault: PodFault): void {
  const host = String(p.spec?.nodeName ?? '');
  const prevStatuses: Dict[] = Array.isArray(p.status?.containerStatuses) ? p.status.containerStatuses : [];
  if (fault === 'imagepull') {
    const containerStatuses = waitingStatuses(p, (c) => ({ reason: 'ImagePullBackOff', message: `Back-off pulling image "${String(c.image)}"` }));
    ctl.update('pods', { ...p, status: { ...p.status, phase: 'Pending', conditions: notReadyConditions(p, ctl.now, true), containerStatuses } });
    for (const c of podContainers(p)) {
      ctl.event(p, 'Failed', `Failed to pull image "${String(c.image)}": rpc error: code = NotFound desc = failed to pull and unpack image "${String(c.image)}": not found`, 'kubelet', 'Warning', host);
      ctl.event(p, 'BackOff', `Back-off pulling image "${String(c.image)}"`, 'kubelet', 'Normal', host);
    }
    return;
  }
  const containerStatuses = podContainers(p).map((c) => {
    const prev = prevStatuses.find((s) => s.name === c.name);
    const restarts = Number(prev?.restartCount ?? -1) + 1;
    const backoff = Math.min(300, 10 * 2 ** Math.max(0, restarts - 1));
    const cs: Dict = {
      name: c.name,
      image: c.image,
      imageID: '',
      ready: false,
      started: false,
      restartCount: restarts,
      state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${backoff}s restarting failed container=${String(c.name)} pod=${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})` } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ctl.now, finishedAt: ctl.now } },
    };
    return cs;
  });
  ctl.update('pods', { ...p, status: { ...p.status, phase: 'Running', conditions: notReadyConditions(p, ctl.now, true), containerStatuses } });
  for (const c of podContainers(p)) {
    ctl.event(p, 'BackOff', `Back-off restarting failed container ${String(c.name)} in pod ${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})`, 'kubelet', 'Warning', host);
  }
}
