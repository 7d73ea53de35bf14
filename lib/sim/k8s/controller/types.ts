/** What each simulated controller gets for one reconcile pass. */
import type { SimContext } from '../context';
import type { KubeObject } from '../types';

export interface Ctl {
  ctx: SimContext;
  /** Pass start, ISO seconds and epoch ms. */
  now: string;
  nowMs: number;
  podReadyDelayMs: number;
  podTerminationDelayMs: number;
  /** Pod uid -> when it was first seen Terminating (kubelet stop clock). */
  terminatingSince: Map<string, number>;
  /** Pod uid -> when it was bound to a node (kubelet start clock). */
  scheduledAt: Map<string, number>;
  /**
   * A controller waiting on time (a pod's start delay, a progress deadline) says when it next needs
   * a pass: passes run on changes and at these times, not on every tick.
   */
  wakeAt(ms: number): void;
  /** Creates through admission (defaults, validation) as an API client would. */
  create(storageKey: string, obj: KubeObject): KubeObject;
  update(storageKey: string, obj: KubeObject): KubeObject;
  remove(storageKey: string, obj: KubeObject): void;
  event(involved: KubeObject, reason: string, message: string, component: string, type?: 'Normal' | 'Warning', host?: string): void;
}
