// The table engine behind GET /api/table (pure; lib/server/table.ts serves it): a collection's rows
// filtered with the query language of query.ts and the facets, faceted in the same pass, sorted,
// and cut to the window the browser shows. At 50,000 rows a keystroke must cost a scan of
// pre-lowered texts, never a rebuild, so everything is cached on the objects that stay the same:
// - a row and its search text per model object (WeakMap on the object, rebuilt only when what the
//   row takes from elsewhere, e.g. its source's name, changed: the entry's signature),
// - the row array per collection array (WeakMap: an unchanged collection keeps its array),
// - the filtered rows and facet counts per (row array, filter), the order per (that, sort).
import type { Platform, Snapshot, Source } from '@/lib/model';
import { facetList, type FacetDef, type FacetValue } from './filter';
import { labelKeyNames, parseQuery, type QueryTerms } from './query';
import type { SortState, TableState } from './url-state';

export type SortKey = string | number;

/** What a table is made of: how its rows are built, searched, sorted and faceted. */
export interface TableDef<O extends object, R, C = unknown> {
  /** The collection whose objects become rows (one row per object). */
  primary: (s: Snapshot) => O[];
  /**
   * What the rows take from the rest of the snapshot (source names, revision labels) and from what
   * the server adds (`extra`: the drift engine's pairs), built once per row array.
   */
  context: (s: Snapshot, extra?: unknown) => C;
  /** The inputs the context was built from: the row array is rebuilt when one of them changes (identity or, for strings, value). */
  contextDeps: (s: Snapshot, extra?: unknown) => unknown[];
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

/** A row, its lowered search text, and its labels as `\nname=value\n` lines (every name a key answers to: labelKeyNames). */
interface Entry<R> { sig: string; row: R; text: string; labels?: string }
interface Built<R> { deps: unknown[]; entries: Entry<R>[]; rows: R[]; filters: Map<string, Filtered<R>>; facetCodes?: FacetCodes }
/** Each facet's distinct values, and per row the index of its value: counting is then array increments. */
interface FacetCodes { keys: string; values: string[][]; codes: Int32Array[] }
interface Filtered<R> { entries: Entry<R>[]; counts: Map<string, Map<string, number>>; orders: Map<string, R[]> }

/** At most this many (filter) and (filter, sort) results are kept per row array: the last few typed. */
const KEEP = 12;

const sameDeps = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** One cache per table definition; collection arrays and objects are the keys, so old versions go with them. */
export class TableEngine<O extends object, R, C = unknown> {
  private readonly perObject = new WeakMap<O, Entry<R>>();
  private readonly perArray = new WeakMap<O[], Built<R>>();
  constructor(readonly def: TableDef<O, R, C>) {}

  private build(s: Snapshot, extra?: unknown): Built<R> {
    const objects = this.def.primary(s);
    const deps = this.def.contextDeps(s, extra);
    const cached = this.perArray.get(objects);
    if (cached && sameDeps(cached.deps, deps)) return cached;
    const ctx = this.def.context(s, extra);
    const entries = objects.map((o) => {
      const sig = this.def.signature?.(o, ctx) ?? '';
      let e = this.perObject.get(o);
      if (!e || e.sig !== sig) {
        const row = this.def.row(o, ctx);
        e = { sig, row, text: this.def.text(o, row, ctx).toLowerCase(), labels: this.def.labels && labelLines(this.def.labels(o)) };
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

  query(s: Snapshot, req: TableRequest, extra?: unknown): TableAnswer<R> {
    const built = this.build(s, extra);
    const facets = this.def.facets(s.sources);
    const terms = parseQuery(req.q);
    if (!this.def.labels) { terms.words.push(...terms.labels.map((l) => `${l.key}=${l.value}`)); terms.labels = []; }
    const fkey = JSON.stringify([terms, facets.map((f) => req.facets[f.key] ?? [])]);
    let filtered = built.filters.get(fkey);
    if (!filtered) {
      filtered = filterAndCount(built, facets, req.facets, terms, this.def.platform);
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

/** `key=value` terms are then substring tests: `\napp=web\n` (that value), `\napp=` (any value). */
function labelLines(labels: Record<string, string>): string {
  let out = '\n';
  for (const [k, v] of Object.entries(labels)) for (const name of labelKeyNames(k)) out += `${name}=${v.toLowerCase()}\n`;
  return out;
}

function matches<R>(e: Entry<R>, t: QueryTerms, platform: (r: R) => Platform): boolean {
  if (t.platforms.length && !t.platforms.includes(platform(e.row))) return false;
  for (const l of t.labels) if (!(e.labels ?? '').includes(l.value === '' ? `\n${l.key}=` : `\n${l.key}=${l.value}\n`)) return false;
  for (const w of t.words) if (!e.text.includes(w)) return false;
  return true;
}

function facetCodes<R>(built: Built<R>, facets: FacetDef<R>[]): FacetCodes {
  const keys = facets.map((f) => f.key).join('\n');
  if (built.facetCodes?.keys === keys) return built.facetCodes;
  const values: string[][] = [];
  const codes: Int32Array[] = [];
  for (const f of facets) {
    const index = new Map<string, number>();
    const code = new Int32Array(built.entries.length);
    built.entries.forEach((e, r) => {
      const v = f.value(e.row);
      let c = index.get(v);
      if (c === undefined) index.set(v, (c = index.size));
      code[r] = c;
    });
    values.push([...index.keys()]);
    codes.push(code);
  }
  return (built.facetCodes = { keys, values, codes });
}

/**
 * One pass: the rows that pass, and per facet the count of each value among the rows that pass the
 * text and every *other* facet (what the table would show with that value ticked; filter.ts's rule).
 * Every value present in the data is listed, with 0 when the other filters leave none.
 */
function filterAndCount<R>(built: Built<R>, facets: FacetDef<R>[], selected: Record<string, string[]>, terms: QueryTerms, platform: (r: R) => Platform): Filtered<R> {
  const { values, codes } = facetCodes(built, facets);
  const tally = values.map((v) => new Int32Array(v.length));
  // Per facet, which value codes are ticked (undefined: the facet is not filtering).
  const ticked = facets.map((f, i) => {
    const sel = selected[f.key];
    if (!sel?.length) return undefined;
    const set = new Set(sel);
    return Uint8Array.from(values[i], (v) => (set.has(v) ? 1 : 0));
  });
  const kept: Entry<R>[] = [];
  const n = facets.length;
  const anyTerms = terms.words.length + terms.labels.length + terms.platforms.length > 0;
  built.entries.forEach((e, r) => {
    let failed = -1;
    let failures = 0;
    for (let i = 0; i < n; i++) if (ticked[i] && !ticked[i]![codes[i][r]]) { failed = i; failures++; }
    if (failures > 1 || (anyTerms && !matches(e, terms, platform))) return;
    if (failures === 1) { tally[failed][codes[failed][r]]++; return; }
    kept.push(e);
    for (let i = 0; i < n; i++) tally[i][codes[i][r]]++;
  });
  const counts = new Map(facets.map((f, i) => [f.key, new Map(values[i].map((v, c) => [v, tally[i][c]]))]));
  return { entries: kept, counts, orders: new Map() };
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
