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
  /** Set by a controller that waits on time, so the next pass runs even without changes. */
  pending: boolean;
  /** Creates through admission (defaults, validation) as an API client would. */
  create(storageKey: string, obj: KubeObject): KubeObject;
  update(storageKey: string, obj: KubeObject): KubeObject;
  remove(storageKey: string, obj: KubeObject): void;
  event(involved: KubeObject, reason: string, message: string, component: string, type?: 'Normal' | 'Warning', host?: string): void;
}
