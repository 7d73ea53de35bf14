/** State shared by the HTTP handlers and the controller of one simulator instance. */
import type { ServerResponse } from 'node:http';
import type { Clock } from '@/lib/util/clock';
import type { Allocators } from './defaults';
import type { FaultSwitch } from './faults';
import { groupVersion, storageKey, type ResourceDef } from './resources';
import type { Store } from './store';
import { ApiError, type KubeObject } from './types';

export interface SimContext {
  store: Store;
  alloc: Allocators;
  /**
   * Resources whose reads (get, list, watch) answer 403, like a read-only role missing them
   * (`secrets`, `deployments` or `deployments.apps`). Writes stay allowed so tests can seed.
   */
  forbidden: Set<string>;
  /** Injected read faults (hangs, stalls, Status codes, garbled watch events...). */
  faults: FaultSwitch;
  /** Whether metrics.k8s.io is served (false: a cluster without metrics-server, the group absent). */
  metricsApi: boolean;
  bookmarkIntervalMs: number;
  /** Open watch responses and the storage key each watches; ended by stop() and faults.endWatches(). */
  watches: Map<ServerResponse, string>;
  /** Responses held open (injected hang/stall faults, followed logs), destroyed by stop(). */
  held: Set<ServerResponse>;
  /** Time of generated log lines and metrics (the controller keeps real time). */
  clock: Clock;
  /** Seed of generated log lines and metrics. */
  seed: number;
  /** Called after every API write so the controller reacts promptly. */
  onWrite(): void;
}

export function checkForbidden(ctx: SimContext, def: ResourceDef, verb: string, namespace?: string): void {
  if (!ctx.forbidden.has(def.name) && !ctx.forbidden.has(storageKey(def))) return;
  const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  throw new ApiError(
    403,
    'Forbidden',
    `${storageKey(def)} is forbidden: User "system:serviceaccount:parallax:reader" cannot ${verb} resource "${def.name}" in API group "${def.group}" ${where}`,
    { group: def.group, kind: def.name },
  );
}

/** The object as served at `def`'s version (autoscaling/v1 and v2 share storage). */
export function served(def: ResourceDef, obj: KubeObject): KubeObject {
  const gv = groupVersion(def);
  return obj.apiVersion === gv ? obj : { ...obj, apiVersion: gv };
}

export function servedJson(ctx: SimContext, def: ResourceDef, obj: KubeObject): string {
  const gv = groupVersion(def);
  return obj.apiVersion === gv ? ctx.store.toJson(obj) : JSON.stringify({ ...obj, apiVersion: gv });
}

export function notFound(def: ResourceDef, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${storageKey(def)} "${name}" not found`, { name, group: def.group, kind: def.name });
}
