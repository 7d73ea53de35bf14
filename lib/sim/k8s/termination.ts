/**
 * Graceful pod deletion as the API server does it: a bound pod first gets `deletionTimestamp`
 * (now + grace period) and `deletionGracePeriodSeconds`, shows as Terminating, and is removed
 * once its kubelet reports the containers stopped (the controller, after a short delay).
 * Unbound pods and a grace period of 0 delete at once.
 */
import type { Store } from './store';
import type { KubeObject } from './types';

export function graceSeconds(pod: KubeObject, requested: unknown): number {
  if (typeof requested === 'number' && requested >= 0) return requested;
  if (typeof requested === 'string' && /^\d+$/.test(requested)) return Number(requested);
  const spec = pod.spec?.terminationGracePeriodSeconds;
  return typeof spec === 'number' ? spec : 30;
}

/** Marks a pod Terminating; undefined when it must be deleted immediately instead. */
export function beginPodTermination(store: Store, pod: KubeObject, grace: number): KubeObject | undefined {
  if (!pod.spec?.nodeName || grace === 0) return undefined;
  if (pod.metadata.deletionTimestamp) return pod;
  const at = new Date(Date.now() + grace * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  return store.update('pods', { ...pod, metadata: { ...pod.metadata, deletionTimestamp: at, deletionGracePeriodSeconds: grace } });
}

/** Deletes a pod the way a controller or the garbage collector does (gracefully). */
export function deletePod(store: Store, pod: KubeObject): void {
  const cur = store.get('pods', pod.metadata.namespace, pod.metadata.name);
  if (!cur) return;
  if (!beginPodTermination(store, cur, graceSeconds(cur, undefined))) store.delete('pods', pod.metadata.namespace, pod.metadata.name);
}
