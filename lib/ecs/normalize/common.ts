// Shared helpers for the pure ECS normalizers: ids, ARNs, timestamps, tags.
import { ecsId } from '@/lib/model/ids';
import type { Base } from '@/lib/model';

/** valueFrom -> keyed hash of the value ECS injects, where it was read (lib/ecs/secret-values.ts). */
export type SecretHashLookup = (valueFrom: string) => string | undefined;

export interface EcsNormalizeContext {
  /** ecsSourceId(profile, region). */
  sourceId: string;
  /** Cluster name (not ARN). */
  cluster: string;
  /** Hashes of secret values, when the source reads them (PARALLAX_ECS_SECRET_HASHES); else secrets are references only. */
  secretHash?: SecretHashLookup;
}

/** An item a normalizer skipped because it was malformed; reported, never thrown. */
export interface SkippedItem {
  kind: string;
  name: string;
  message: string;
}

export type EcsKind =
  | 'cluster' | 'group' | 'service' | 'taskdef' | 'deployment' | 'task' | 'containerinstance'
  | 'loadbalancer' | 'registry' | 'config' | 'secret' | 'volume' | 'scalabletarget' | 'event';

export function idOf(ctx: EcsNormalizeContext, kind: EcsKind, name: string): string {
  return ecsId(ctx.sourceId, ctx.cluster, kind, name);
}
export const clusterIdOf = (ctx: EcsNormalizeContext) => idOf(ctx, 'cluster', ctx.cluster);
export const groupIdOf = (ctx: EcsNormalizeContext) => idOf(ctx, 'group', ctx.cluster);
export const serviceIdOf = (ctx: EcsNormalizeContext, service: string) => idOf(ctx, 'service', service);

/** Base fields shared by every object; `cluster`/`group` omitted for the cluster itself. */
export function baseOf(ctx: EcsNormalizeContext, kind: EcsKind, name: string, refKind: string, extra: { arn?: string; labels?: Record<string, string>; createdAt?: unknown; inCluster?: boolean } = {}): Base {
  const inCluster = extra.inCluster ?? true;
  return {
    id: idOf(ctx, kind, name),
    platform: 'ecs',
    source: ctx.sourceId,
    name,
    ...(inCluster ? { cluster: clusterIdOf(ctx) } : {}),
    group: groupIdOf(ctx),
    groupName: ctx.cluster,
    labels: extra.labels ?? {},
    ...(iso(extra.createdAt) ? { createdAt: iso(extra.createdAt) } : {}),
    ref: { kind: refKind, ...(extra.arn ? { arn: extra.arn } : {}) },
  };
}

/**
 * The SDK parses timestamps into Date; JSON fixtures and emulators may give epoch seconds
 * (AWS JSON 1.1 wire format) or ISO strings. Everything becomes an ISO string.
 */
export function iso(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  let d: Date;
  if (v instanceof Date) d = v;
  else if (typeof v === 'number') d = new Date(v < 1e11 ? v * 1000 : v);
  else if (typeof v === 'string') d = /^\d+(\.\d+)?$/.test(v) ? new Date(Number(v) * 1000) : new Date(v);
  else return undefined;
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** ECS tags ({key, value}) and ELB/EC2 tags ({Key, Value}) -> labels. */
export function tagsToLabels(tags: readonly { key?: string; value?: string; Key?: string; Value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    const k = t.key ?? t.Key;
    if (k) out[k] = t.value ?? t.Value ?? '';
  }
  return out;
}

/**
 * Last path segment of an ARN resource. Both ARN formats exist: the old
 * `task/<id>` / `container-instance/<id>` and the long `task/<cluster>/<id>`.
 */
export function arnName(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const resource = arn.split(':').slice(5).join(':');
  const s = resource || arn;
  const parts = s.split('/');
  return parts[parts.length - 1] || undefined;
}

/** Cluster name from a cluster ARN (`...:cluster/NAME`), or the value itself when it is a name. */
export function clusterNameOf(arnOrName: string): string {
  return arnOrName.startsWith('arn:') ? (arnName(arnOrName) ?? arnOrName) : arnOrName;
}

/** `family:revision` of a task definition ARN (`...:task-definition/family:3`) or of `family:3`. */
export function taskDefRef(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const i = arn.lastIndexOf('task-definition/');
  return i >= 0 ? arn.slice(i + 'task-definition/'.length) : arn;
}

/** Account id from any ARN. */
export function accountOf(arn: string | undefined): string | undefined {
  return arn?.split(':')[4] || undefined;
}

/** Maps items through `fn`, skipping (and reporting) any item whose normalization throws. */
export function tolerant<I, O>(items: readonly I[] | undefined, kind: string, nameOf: (i: I) => string | undefined, skipped: SkippedItem[], fn: (i: I) => O | O[] | undefined): O[] {
  const out: O[] = [];
  for (const item of items ?? []) {
    try {
      const r = fn(item);
      if (Array.isArray(r)) out.push(...r);
      else if (r !== undefined) out.push(r);
    } catch (e) {
      let name = '?';
      try { name = nameOf(item) ?? '?'; } catch { /* the item is not even an object */ }
      skipped.push({ kind, name, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}

export function num(v: unknown, fallback = 0): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

export function required<T>(v: T | undefined | null, what: string): T {
  if (v === undefined || v === null || v === '') throw new Error(`missing ${what}`);
  return v;
}
