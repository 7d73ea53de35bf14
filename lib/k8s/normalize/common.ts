// Shared pieces of the Kubernetes normalizers.
//
// Inputs are plain JSON as the API server sends it, from list pages and watch events alike
// (lib/k8s/list-page.ts, watch-stream.ts): timestamps are RFC 3339 strings, never Date objects.
// client-node's types describe the shapes; they are only types here (its Date-typed fields included).
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { k8sId } from '@/lib/model/ids';
import type { Base } from '@/lib/model/base';
import type { SecretHasher } from '@/lib/secrets/hasher';

export interface NormalizeContext {
  /** k8sSourceId(context). */
  sourceId: string;
  /** Id of the source's Cluster object. */
  clusterId: string;
  /** Hashes Secret values; default a key that lives as long as the process (lib/secrets/hasher.ts). */
  hasher?: SecretHasher;
}

/** A raw object that cannot be normalized (no name, wrong shape): skipped and reported, never fatal. */
export class MalformedObjectError extends Error {
  constructor(kind: string, detail: string) {
    super(`malformed ${kind}: ${detail}`);
    this.name = 'MalformedObjectError';
  }
}

export interface RawObject {
  metadata?: V1ObjectMeta;
}

/**
 * A pool of shared values by key that starts over when it holds `max` (a bound on memory, not a
 * cache size worth tuning): the value already pooled under the key, else this one, now pooled.
 */
function sharedPool<V>(max: number): (key: string, value: V) => V {
  const pool = new Map<string, V>();
  return (key, value) => {
    const shared = pool.get(key);
    if (shared !== undefined) return shared;
    if (pool.size >= max) pool.clear();
    pool.set(key, value);
    return value;
  };
}

const strings = sharedPool<string>(200_000);

/**
 * One shared copy of a string that recurs across objects (namespaces, node names, images, label
 * values, ids of owners and nodes): JSON.parse makes a new string per occurrence, and 50,000 pods
 * would otherwise keep 50,000 copies of each. Only for values that repeat; unique ones (names,
 * uids, IPs) would just fill the pool.
 */
export function intern<T extends string | undefined>(s: T): T {
  return s === undefined ? s : (strings(s, s) as T);
}

const records = sharedPool<object>(100_000);

/**
 * One shared, frozen copy of a small record that recurs across objects: a template's labels, its
 * pods' requests and container states. 50,000 pods of 5,000 Deployments keep about 5,000 of each,
 * not 50,000 (about 300 bytes a pod). `key` must say everything `value` holds; keys join fields
 * with NUL, which label syntax, image references and reasons do not contain. Frozen when pooled,
 * since one change would show on every object that shares it.
 */
export function sharedRecord<T extends object>(key: string, value: T): T {
  const shared = records(key, value) as T;
  return shared === value ? Object.freeze(value) : shared;
}

/**
 * The same object, copied once with one spread. Objects made with conditional spreads
 * (`{...base, ...(x ? { x } : {})}`) got a hidden class of their own each in V8 once the spread
 * sites went megamorphic: about 700 bytes of map and descriptors per pod. The copy's properties
 * follow V8's shared transition tree, so pods share a few classes. Not a copy by keyed assignment
 * (`out[k] = o[k]`), which this was: past about 16 properties V8 turns an object built that way into
 * a dictionary, and at 150,000 pods every Instance (26 keys) was one, 1.45 KB of hash table each.
 */
export function shaped<T extends object>(o: T): T {
  return { ...o };
}

/** A timestamp as the API sends it (RFC 3339 string); anything else is absent. */
export function iso(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function nsId(ctx: NormalizeContext, namespace: string): string {
  return k8sId(ctx.sourceId, undefined, 'Namespace', namespace);
}

export function objId(ctx: NormalizeContext, namespace: string | undefined, kind: string, name: string): string {
  return k8sId(ctx.sourceId, namespace, kind, name);
}

/** Name and namespace of an object, or a MalformedObjectError. */
export function nameOf(raw: RawObject | undefined, kind: string): { name: string; namespace?: string } {
  const m = raw?.metadata;
  if (!m || typeof m !== 'object' || typeof m.name !== 'string' || m.name === '') {
    throw new MalformedObjectError(kind, 'metadata.name is missing');
  }
  const namespace = typeof m.namespace === 'string' && m.namespace !== '' ? m.namespace : undefined;
  return { name: m.name, namespace };
}

const NO_STRINGS: Record<string, string> = Object.freeze({});

/** A string map (labels, selectors), shared with every other object that has the same one. */
function stringRecord(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object') return NO_STRINGS;
  const out: Record<string, string> = {};
  let key = 'L';
  // Keys come internalized from JSON.parse; values (app names, template hashes, tiers) repeat too.
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (typeof val === 'string') {
      out[k] = intern(val);
      key += `\0${k}\0${val}`;
    }
  }
  return key === 'L' ? NO_STRINGS : sharedRecord(key, out);
}

export function labelsOf(raw: RawObject | undefined): Record<string, string> {
  return stringRecord(raw?.metadata?.labels);
}

export function annotation(raw: RawObject | undefined, key: string): string | undefined {
  const a = raw?.metadata?.annotations;
  return a && typeof a[key] === 'string' ? a[key] : undefined;
}

/**
 * The Base fields of a model object. Annotations are deliberately not kept: on Secrets,
 * kubectl.kubernetes.io/last-applied-configuration holds the data values.
 */
export function baseOf(ctx: NormalizeContext, raw: RawObject, kind: string): Omit<Base, 'platform'> & { platform: 'kubernetes' } {
  const { name, namespace } = nameOf(raw, kind);
  const m = raw.metadata!;
  return {
    id: objId(ctx, namespace, kind, name),
    platform: 'kubernetes',
    source: ctx.sourceId,
    name,
    cluster: ctx.clusterId,
    ...(namespace ? { group: intern(nsId(ctx, namespace)), groupName: intern(namespace) } : {}),
    labels: labelsOf(raw),
    ...(iso(m.creationTimestamp) ? { createdAt: iso(m.creationTimestamp) } : {}),
    ref: {
      kind,
      ...(m.uid ? { uid: m.uid } : {}),
      ...(m.resourceVersion ? { resourceVersion: m.resourceVersion } : {}),
    },
  };
}

export function asArray<T>(v: T[] | undefined | null): T[] {
  return Array.isArray(v) ? v : [];
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function selectorLabels(sel: { matchLabels?: Record<string, string> } | undefined | null): Record<string, string> | undefined {
  if (!sel || typeof sel !== 'object') return undefined;
  return stringRecord(sel.matchLabels);
}
