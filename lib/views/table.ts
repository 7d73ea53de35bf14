// The table engine behind GET /api/table (pure; lib/server/table.ts serves it): a collection's rows
// filtered with the query language of query.ts and the facets, faceted in the same pass, sorted,
// and cut to the window the browser shows. At 50,000 rows a keystroke must cost a scan of
// pre-lowered texts, never a rebuild, so everything is cached on the objects that stay the same:
// - a row and its search text per model object (WeakMap on the object, rebuilt only when what the
//   row takes from elsewhere, e.g. its source's name, changed: the entry's signature),
// - the row array per collection array (WeakMap: an unchanged collection keeps its array),
// - the filtered rows and facet counts per (row array, filter), the order per (that, sort).
import type { Platform, Snapshot, Source } from '@/lib/model';
import type { FacetDef, FacetValue } from './filter';
import { labelMatches, parseQuery, type QueryTerms } from './query';
import type { SortState, TableState } from './url-state';

export type SortKey = string | number;

/** What a table is made of: how its rows are built, searched, sorted and faceted. */
export interface TableDef<O extends object, R, C = unknown> {
  /** The collection whose objects become rows (one row per object). */
  primary: (s: Snapshot) => O[];
  /** What the rows take from the rest of the snapshot (source names, revision labels), built once per row array. */
  context: (s: Snapshot) => C;
  /** The inputs the context was built from: the row array is rebuilt when one of them changes (identity or, for strings, value). */
  contextDeps: (s: Snapshot) => unknown[];
  /** Part of the row that comes from the context: a row is reshaped only when its object or this changed. */
  signature?: (o: O, ctx: C) => string;
  row: (o: O, ctx: C) => R;
  /** The searchable text of an object and its row (lowercased once by the engine). */
  text: (o: O, row: R, ctx: C) => string;
  /** Labels or tags, for `key=value` terms (rows do not carry them: read from the object). */
  labels?: (o: O) => Record<string, string>;
  platform: (r: R) => Platform;
  /** Sortable column ids -> the key rows are ordered by. */
  sortKeys: Record<string, (r: R) => SortKey>;
  facets: (sources: Source[]) => FacetDef<R>[];
  /** Rows in their order when no sort is asked (default: the collection's, by id). */
  defaultOrder?: (a: R, b: R) => number;
}

interface Entry<R> { sig: string; row: R; text: string; labels?: Record<string, string> }
interface Built<R> { deps: unknown[]; entries: Entry<R>[]; rows: R[]; filters: Map<string, Filtered<R>> }
interface Filtered<R> { entries: Entry<R>[]; counts: Map<string, Map<string, number>>; orders: Map<string, R[]> }

/** At most this many (filter) and (filter, sort) results are kept per row array: the last few typed. */
const KEEP = 12;

const sameDeps = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** One cache per table definition; collection arrays and objects are the keys, so old versions go with them. */
export class TableEngine<O extends object, R, C = unknown> {
  private readonly perObject = new WeakMap<O, Entry<R>>();
  private readonly perArray = new WeakMap<O[], Built<R>>();
  constructor(readonly def: TableDef<O, R, C>) {}

  private build(s: Snapshot): Built<R> {
    const objects = this.def.primary(s);
    const deps = this.def.contextDeps(s);
    const cached = this.perArray.get(objects);
    if (cached && sameDeps(cached.deps, deps)) return cached;
    const ctx = this.def.context(s);
    const entries = objects.map((o) => {
      const sig = this.def.signature?.(o, ctx) ?? '';
      let e = this.perObject.get(o);
      if (!e || e.sig !== sig) {
        const row = this.def.row(o, ctx);
        e = { sig, row, text: this.def.text(o, row, ctx).toLowerCase(), labels: this.def.labels?.(o) };
        this.perObject.set(o, e);
      }
      return e;
    });
    if (this.def.defaultOrder) entries.sort((a, b) => this.def.defaultOrder!(a.row, b.row));
    const built: Built<R> = { deps, entries, rows: entries.map((e) => e.row), filters: new Map() };
    this.perArray.set(objects, built);
    return built;
  }

  /** Every row (for tests and for pages that need them all), in default order. */
  rows(s: Snapshot): R[] {
    return this.build(s).rows;
  }

  query(s: Snapshot, req: TableRequest): TableAnswer<R> {
    const built = this.build(s);
    const facets = this.def.facets(s.sources);
    const terms = parseQuery(req.q);
    if (!this.def.labels) { terms.words.push(...terms.labels.map((l) => `${l.key}=${l.value}`)); terms.labels = []; }
    const fkey = JSON.stringify([terms, facets.map((f) => req.facets[f.key] ?? [])]);
    let filtered = built.filters.get(fkey);
    if (!filtered) {
      filtered = filterAndCount(built.entries, facets, req.facets, terms, this.def);
      remember(built.filters, fkey, filtered);
    }
    const sort = req.sort && this.def.sortKeys[req.sort.id] ? req.sort : undefined;
    const skey = sort ? `${sort.desc ? '-' : ''}${sort.id}` : '';
    let order = filtered.orders.get(skey);
    if (!order) {
      order = sort ? sortRows(filtered.entries.map((e) => e.row), this.def.sortKeys[sort.id], sort.desc) : filtered.entries.map((e) => e.row);
      remember(filtered.orders, skey, order);
    }
    const offset = Math.max(0, Math.min(req.offset, order.length));
    return {
      total: built.rows.length,
      filtered: order.length,
      offset,
      rows: order.slice(offset, offset + req.limit),
      facets: facets.map((f) => ({ key: f.key, label: f.label, values: facetList(f, filtered!.counts.get(f.key)!, req.facets[f.key] ?? []) })),
      sortIds: Object.keys(this.def.sortKeys),
    };
  }
}

export interface TableRequest extends TableState {
  offset: number;
  limit: number;
}

export interface TableAnswer<R> {
  /** Rows before the filter. */
  total: number;
  /** Rows the filter and facets keep. */
  filtered: number;
  offset: number;
  rows: R[];
  facets: { key: string; label: string; values: FacetValue[] }[];
  sortIds: string[];
}

function remember<V>(m: Map<string, V>, key: string, v: V): void {
  if (m.size >= KEEP) m.delete(m.keys().next().value!);
  m.set(key, v);
}

function matches<R>(e: Entry<R>, t: QueryTerms, platform: (r: R) => Platform): boolean {
  if (t.platforms.length && !t.platforms.includes(platform(e.row))) return false;
  if (t.labels.length && !t.labels.every((l) => labelMatches(e.labels ?? {}, l))) return false;
  for (const w of t.words) if (!e.text.includes(w)) return false;
  return true;
}

/**
 * One pass: the rows that pass, and per facet the count of each value among the rows that pass the
 * text and every *other* facet (what the table would show with that value ticked; filter.ts's rule).
 * Every value present in the data is listed, with 0 when the other filters leave none.
 */
function filterAndCount<O extends object, R, C>(entries: Entry<R>[], facets: FacetDef<R>[], selected: Record<string, string[]>, terms: QueryTerms, def: TableDef<O, R, C>): Filtered<R> {
  const counts = new Map(facets.map((f) => [f.key, new Map<string, number>()]));
  const sel = facets.map((f) => (selected[f.key]?.length ? new Set(selected[f.key]) : undefined));
  const kept: Entry<R>[] = [];
  const values: string[] = new Array(facets.length);
  for (const e of entries) {
    let failed = -1;
    let failures = 0;
    for (let i = 0; i < facets.length; i++) {
      const v = (values[i] = facets[i].value(e.row));
      const c = counts.get(facets[i].key)!;
      if (!c.has(v)) c.set(v, 0);
      if (sel[i] && !sel[i]!.has(v)) { failed = i; failures++; }
    }
    if (failures > 1 || !matches(e, terms, def.platform)) continue;
    if (failures === 1) {
      const c = counts.get(facets[failed].key)!;
      c.set(values[failed], c.get(values[failed])! + 1);
      continue;
    }
    kept.push(e);
    for (let i = 0; i < facets.length; i++) {
      const c = counts.get(facets[i].key)!;
      c.set(values[i], c.get(values[i])! + 1);
    }
  }
  return { entries: kept, counts, orders: new Map() };
}

function facetList<R>(facet: FacetDef<R>, counts: Map<string, number>, selected: string[]): FacetValue[] {
  const all = new Map(counts);
  // A selected value no row has any more (e.g. from a shared URL) stays visible so it can be cleared.
  for (const v of selected) if (!all.has(v)) all.set(v, 0);
  const values = [...all].map(([value, count]) => ({ value, count, label: facet.display?.(value) ?? value, selected: selected.includes(value) }));
  if (facet.order) {
    const rank = (v: string) => { const i = facet.order!.indexOf(v); return i < 0 ? facet.order!.length : i; };
    return values.sort((a, b) => rank(a.value) - rank(b.value) || a.label.localeCompare(b.label));
  }
  return values.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

const collator = new Intl.Collator('en');

/** Stable: equal keys keep the default order; strings by the English collation (as localeCompare), numbers by value. */
export function sortRows<R>(rows: R[], key: (r: R) => SortKey, desc: boolean): R[] {
  const keys = rows.map(key);
  const idx = rows.map((_, i) => i);
  const dir = desc ? -1 : 1;
  idx.sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    const c = typeof x === 'number' && typeof y === 'number' ? (x < y ? -1 : x > y ? 1 : 0) : collator.compare(String(x), String(y));
    return c * dir || a - b;
  });
  return idx.map((i) => rows[i]);
}

/** The sort as it travels in the URL and the API (`-name`), for keys and requests. */
export const sortParam = (sort?: SortState) => (sort ? `${sort.desc ? '-' : ''}${sort.id}` : '');
