/**
 * Object store of the simulator: objects per resource in Maps, one global resourceVersion
 * counter (like etcd's revision), a bounded event history for watches and continue tokens,
 * and fan-out of changes to watchers.
 *
 * Stored objects are never mutated after they are stored: writers replace them. This lets
 * serialized JSON be cached per object (lists of 10,000 pods are joined from cached strings).
 */
import { randomUUID } from 'node:crypto';
import { PRIMARY, resourceByStorageKey } from './resources';
import { ApiError, canonicalJson, type KubeObject, type WatchEventType } from './types';

export interface StoreEvent {
  rv: number;
  type: WatchEventType;
  /** Storage key of the resource (`pods`, `deployments.apps`). */
  key: string;
  obj: KubeObject;
  /** The previous version for MODIFIED events. */
  old?: KubeObject;
}

export type StoreListener = (ev: StoreEvent) => void;

const SEP = '\u0000';

export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}${SEP}${name}`;
}

function lowerBound(keys: string[], target: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ScanOptions {
  namespace?: string;
  /** Start strictly after this object key (from a continue token). */
  after?: string;
  filter?: (o: KubeObject) => boolean;
  limit?: number;
}

export interface ScanResult {
  items: KubeObject[];
  /** Object key of the last returned item when more matching items may follow. */
  lastKey?: string;
  /** Items after this page; only known without a filter. */
  remaining?: number;
}

export class Store {
  private rvCounter = 0;
  private readonly data = new Map<string, Map<string, KubeObject>>();
  private readonly sortedKeys = new Map<string, string[]>();
  /** A resource's whole list until its next write: the controller lists pods several times a pass. */
  private readonly lists = new Map<string, KubeObject[]>();
  private readonly json = new WeakMap<KubeObject, string>();
  private history: StoreEvent[] = [];
  /** Highest resourceVersion whose event was dropped from history; watches must start at or after it. */
  private droppedUpTo = 0;
  private readonly listeners = new Set<StoreListener>();

  constructor(private readonly historyLimit = 1000) {}

  get resourceVersion(): number {
    return this.rvCounter;
  }

  get oldestWatchableRv(): number {
    return this.droppedUpTo;
  }

  subscribe(l: StoreListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private bucket(key: string): Map<string, KubeObject> {
    let b = this.data.get(key);
    if (!b) this.data.set(key, (b = new Map()));
    return b;
  }

  get(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.data.get(key)?.get(objectKey(namespace, name));
  }

  /** All objects of a resource, optionally in one namespace, sorted by namespace/name. */
  list(key: string, namespace?: string, filter?: (o: KubeObject) => boolean): KubeObject[] {
    if (namespace !== undefined || filter) return this.scan(key, { namespace, filter }).items;
    let all = this.lists.get(key);
    if (!all) {
      // Shared by every caller until the next write, so frozen: sort a copy.
      all = Object.freeze(this.scan(key, {}).items) as KubeObject[];
      this.lists.set(key, all);
    }
    return all;
  }

  count(key: string): number {
    return this.data.get(key)?.size ?? 0;
  }

  private sorted(key: string): string[] {
    let keys = this.sortedKeys.get(key);
    if (!keys) {
      keys = [...(this.data.get(key)?.keys() ?? [])].sort();
      this.sortedKeys.set(key, keys);
    }
    return keys;
  }

  scan(key: string, o: ScanOptions): ScanResult {
    const b = this.data.get(key);
    if (!b) return { items: [] };
    const keys = this.sorted(key);
    const prefix = o.namespace !== undefined ? `${o.namespace}${SEP}` : '';
    let i = lowerBound(keys, prefix);
    if (o.after !== undefined && o.after >= prefix) {
      i = lowerBound(keys, o.after);
      if (keys[i] === o.after) i++;
    }
    let end = keys.length;
    if (prefix) end = lowerBound(keys, `${o.namespace}${String.fromCharCode(1)}`);
    const limit = o.limit && o.limit > 0 ? o.limit : Infinity;
    const items: KubeObject[] = [];
    for (; i < end && items.length < limit; i++) {
      const obj = b.get(keys[i]);
      if (obj && (!o.filter || o.filter(obj))) items.push(obj);
    }
    if (i >= end || items.length < limit) return { items };
    if (o.filter) {
      // Only report a continuation when another match exists.
      for (let j = i; j < end; j++) {
        const obj = b.get(keys[j]);
        if (obj && o.filter(obj)) return { items, lastKey: keys[i - 1] };
      }
      return { items };
    }
    return { items, lastKey: keys[i - 1], remaining: end - i };
  }

  /** Serialized JSON of a stored object, cached. */
  toJson(obj: KubeObject): string {
    let s = this.json.get(obj);
    if (s === undefined) {
      s = JSON.stringify(obj);
      this.json.set(obj, s);
    }
    return s;
  }

  private nextRv(): number {
    return ++this.rvCounter;
  }

  private record(ev: StoreEvent): void {
    this.history.push(ev);
    if (this.history.length > this.historyLimit * 1.25) {
      const drop = this.history.length - this.historyLimit;
      this.droppedUpTo = this.history[drop - 1].rv;
      this.history = this.history.slice(drop);
    }
    for (const l of this.listeners) l(ev);
  }

  /**
   * Events after `rv` (exclusive), or 'expired' when some of them were dropped from the
   * history (the API server answers 410 Gone then).
   */
  eventsSince(rv: number): StoreEvent[] | 'expired' {
    if (rv < this.droppedUpTo) return 'expired';
    const i = this.history.findIndex((e) => e.rv > rv);
    return i < 0 ? [] : this.history.slice(i);
  }

  /** Stores a new object; fills uid, creationTimestamp, resourceVersion, generation. */
  create(key: string, obj: KubeObject): KubeObject {
    const b = this.bucket(key);
    const k = objectKey(obj.metadata.namespace, obj.metadata.name);
    if (b.has(k)) {
      const def = resourceByStorageKey(key);
      const what = def?.group ? `${def.name}.${def.group}` : key;
      throw new ApiError(409, 'AlreadyExists', `${what} "${obj.metadata.name}" already exists`, {
        name: obj.metadata.name,
        group: def?.group ?? '',
        kind: def?.name ?? key,
      });
    }
    const m = obj.metadata;
    m.uid ??= randomUUID();
    m.creationTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    if (PRIMARY[key]?.tracksGeneration) m.generation ??= 1;
    const rv = this.nextRv();
    m.resourceVersion = String(rv);
    b.set(k, obj);
    this.sortedKeys.delete(key);
    this.lists.delete(key);
    this.record({ rv, type: 'ADDED', key, obj });
    return obj;
  }

  /**
   * Replaces a stored object. Keeps uid and creationTimestamp, bumps generation when the
   * spec changed for workload kinds. `expectRv` enforces optimistic concurrency (409 Conflict).
   */
  update(key: string, next: KubeObject, expectRv?: string): KubeObject {
    // Writers often pass shallow copies of stored objects; metadata is copied before it is set.
    const obj: KubeObject = { ...next, metadata: { ...next.metadata } };
    const b = this.bucket(key);
    const k = objectKey(obj.metadata.namespace, obj.metadata.name);
    const old = b.get(k);
    const def = resourceByStorageKey(key);
    const what = def?.group ? `${def.name}.${def.group}` : key;
    if (!old) {
      throw new ApiError(404, 'NotFound', `${what} "${obj.metadata.name}" not found`, {
        name: obj.metadata.name,
        group: def?.group ?? '',
        kind: def?.name ?? key,
      });
    }
    if (expectRv && expectRv !== old.metadata.resourceVersion) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${what} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
        { name: obj.metadata.name, group: def?.group ?? '', kind: def?.name ?? key },
      );
    }
    const m = obj.metadata;
    m.uid = old.metadata.uid;
    m.creationTimestamp = old.metadata.creationTimestamp;
    if (def?.tracksGeneration) {
      const prev = old.metadata.generation ?? 1;
      m.generation = canonicalJson(old.spec ?? {}) === canonicalJson(obj.spec ?? {}) ? prev : prev + 1;
    }
    const rv = this.nextRv();
    m.resourceVersion = String(rv);
    b.set(k, obj);
    this.lists.delete(key);
    this.record({ rv, type: 'MODIFIED', key, obj, old });
    return obj;
  }

  delete(key: string, namespace: string | undefined, name: string): KubeObject {
    const b = this.bucket(key);
    const k = objectKey(namespace, name);
    const old = b.get(k);
    if (!old) {
      const def = resourceByStorageKey(key);
      const what = def?.group ? `${def.name}.${def.group}` : key;
      throw new ApiError(404, 'NotFound', `${what} "${name}" not found`, {
        name,
        group: def?.group ?? '',
        kind: def?.name ?? key,
      });
    }
    b.delete(k);
    this.sortedKeys.delete(key);
    this.lists.delete(key);
    const rv = this.nextRv();
    // A deleted object is reported with the resourceVersion of its deletion.
    const obj: KubeObject = { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } };
    this.record({ rv, type: 'DELETED', key, obj, old });
    return obj;
  }

  keys(): string[] {
    return [...this.data.keys()];
  }

  /** Every stored object's uid, for garbage collection of dependents. */
  allUids(): Set<string> {
    const s = new Set<string>();
    for (const b of this.data.values()) for (const o of b.values()) if (o.metadata.uid) s.add(o.metadata.uid);
    return s;
  }
}
