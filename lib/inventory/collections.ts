// The snapshot's collections, each kept sorted by id with its own version, and rebuilt only when
// something in it changed. A collection nothing touched keeps the same array object from one
// snapshot to the next, so caches keyed on the array (WeakMap: masking, serialized bytes, views)
// survive other collections' changes. A watch event costs a copy of its one collection plus a
// binary search, not a gather and sort of every object (0.3 s at 50,000 pods, 1 s at 150,000).
import { COLLECTIONS, COLLECTION_OF, type CollectionName, type ModelObject } from '@/lib/model';

/** Above this many pending changes, one filter and merge beats a binary search and splice per change. */
const SPLICE_LIMIT = 64;

const byId = (a: ModelObject, b: ModelObject) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** First index in `sorted` whose id is >= `id`. */
function lowerBound(sorted: readonly ModelObject[], id: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `sorted` with the changes applied (null: removed); a new array, `sorted` untouched. */
export function applyChanges(sorted: readonly ModelObject[], changes: ReadonlyMap<string, ModelObject | null>): ModelObject[] {
  if (changes.size <= SPLICE_LIMIT) {
    const out = sorted.slice();
    for (const [id, obj] of changes) {
      const at = lowerBound(out, id);
      const present = at < out.length && out[at].id === id;
      if (obj && present) out[at] = obj;
      else if (obj) out.splice(at, 0, obj);
      else if (present) out.splice(at, 1);
    }
    return out;
  }
  const adds: ModelObject[] = [];
  for (const obj of changes.values()) if (obj) adds.push(obj);
  adds.sort(byId);
  const out: ModelObject[] = [];
  let j = 0;
  for (const o of sorted) {
    if (changes.has(o.id)) continue;
    while (j < adds.length && adds[j].id < o.id) out.push(adds[j++]);
    out.push(o);
  }
  while (j < adds.length) out.push(adds[j++]);
  return out;
}

export class Collections {
  private readonly arrays = Object.fromEntries(COLLECTIONS.map((c) => [c, []])) as unknown as Record<CollectionName, ModelObject[]>;
  private readonly versions = Object.fromEntries(COLLECTIONS.map((c) => [c, 0])) as Record<CollectionName, number>;
  /** Changes by id since the last build, per collection (null: removed). */
  private readonly pending = new Map<CollectionName, Map<string, ModelObject | null>>();
  /** Collections to gather whole again (a scope was replaced). */
  private readonly stale = new Set<CollectionName>();

  upserted(obj: ModelObject): void {
    const c = COLLECTION_OF[obj.kind];
    if (this.stale.has(c)) return;
    let p = this.pending.get(c);
    if (!p) this.pending.set(c, (p = new Map()));
    p.set(obj.id, obj);
  }

  removed(obj: ModelObject): void {
    const c = COLLECTION_OF[obj.kind];
    if (this.stale.has(c)) return;
    let p = this.pending.get(c);
    if (!p) this.pending.set(c, (p = new Map()));
    p.set(obj.id, null);
  }

  /** Objects of these kinds came or went wholesale: their collections are gathered again. */
  replaced(objects: Iterable<ModelObject>): void {
    for (const o of objects) {
      const c = COLLECTION_OF[o.kind];
      this.stale.add(c);
      this.pending.delete(c);
    }
  }

  /**
   * The collections as of now; those changed since the last call are rebuilt and take `version`.
   * `all` yields every object in the store (read only when a collection is gathered whole).
   */
  build(version: number, all: () => Iterable<ModelObject>): Readonly<Record<CollectionName, ModelObject[]>> {
    if (this.stale.size) {
      const gathered = new Map<CollectionName, ModelObject[]>([...this.stale].map((c) => [c, []]));
      for (const o of all()) gathered.get(COLLECTION_OF[o.kind])?.push(o);
      for (const [c, objs] of gathered) this.arrays[c] = objs.sort(byId);
      for (const c of this.stale) this.versions[c] = version;
      this.stale.clear();
    }
    for (const [c, changes] of this.pending) {
      this.arrays[c] = applyChanges(this.arrays[c], changes);
      this.versions[c] = version;
    }
    this.pending.clear();
    return this.arrays;
  }

  /** Inventory version at which each collection last changed (as of the last build). */
  versionsNow(): Readonly<Record<CollectionName, number>> {
    return this.versions;
  }
}
