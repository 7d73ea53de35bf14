// Generic text filter + facets for tables. Facet counts follow the usual faceted-search rule: the
// count next to a value is what the table would show if that value were selected, given the text
// filter and every *other* facet (values of one facet are OR-ed, facets are AND-ed).
// The text filter speaks query.ts: words, and where the table knows them `label=value` and `platform:ecs`.
import type { Platform } from '@/lib/model';
import { labelMatches, parseQuery, type QueryTerms } from './query';
import type { TableState } from './url-state';

export interface FacetDef<R> {
  key: string;
  label: string;
  value: (row: R) => string;
  /** Display text for a value (e.g. a source id -> its name). */
  display?: (value: string) => string;
  /** Fixed order of values; otherwise by count, then name. */
  order?: readonly string[];
  /** Every value there can be (platforms, source ids…): a URL value outside it is dropped with a note. Absent: open (groups, zones). */
  known?: readonly string[];
}

/**
 * The table state with URL values that cannot match anything dropped (?platform=xyz, an unknown
 * source, a sort on no column), and a note for each, so that a bad link never shows as a ticked
 * facet that empties the page.
 */
export function sanitizeTableState<R>(state: TableState, facets: FacetDef<R>[], sortIds: readonly string[]): { state: TableState; notes: string[] } {
  const notes: string[] = [];
  const kept: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(state.facets)) {
    const f = facets.find((x) => x.key === key);
    const good = f?.known ? values.filter((v) => f.known!.includes(v)) : values;
    for (const v of values) if (!good.includes(v)) notes.push(`${key}=${v} (no such ${f!.label.toLowerCase()}; known: ${f!.known!.map((k) => f!.display?.(k) ?? k).join(', ') || 'none'})`);
    if (good.length) kept[key] = good;
  }
  let sort = state.sort;
  if (sort && !sortIds.includes(sort.id)) {
    notes.push(`sort=${sort.desc ? '-' : ''}${sort.id} (no such column; sortable: ${sortIds.join(', ')})`);
    sort = undefined;
  }
  return notes.length ? { state: { ...state, facets: kept, sort }, notes } : { state, notes };
}

/** Every whitespace-separated term must appear (case-insensitive) in the row's text. */
export function matchesText(haystack: string, q: string): boolean {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return true;
  const h = haystack.toLowerCase();
  return terms.every((t) => h.includes(t));
}

/** What the text filter reads of a row: its text, and (when the table has them) labels and platform. */
export interface RowMatcher<R> {
  text: (row: R) => string;
  /** Labels or tags, for `key=value` terms. Without it such a term is a plain word. */
  labels?: (row: R) => Record<string, string>;
  /** For `platform:ecs` terms. Without it such a term is a plain word. */
  platform?: (row: R) => Platform;
}
export type TextOf<R> = ((row: R) => string) | RowMatcher<R>;

const matcherOf = <R>(t: TextOf<R>): RowMatcher<R> => (typeof t === 'function' ? { text: t } : t);

/** The query as this table reads it: terms it has no data for fall back to words. */
function termsFor<R>(q: string, m: RowMatcher<R>): QueryTerms {
  const t = parseQuery(q);
  const words = [...t.words];
  if (!m.labels) words.push(...t.labels.map((l) => `${l.key}=${l.value}`));
  if (!m.platform) words.push(...t.platforms.map((p) => `platform:${p}`));
  return { words, labels: m.labels ? t.labels : [], platforms: m.platform ? t.platforms : [] };
}

function matchesTerms<R>(row: R, t: QueryTerms, m: RowMatcher<R>): boolean {
  if (t.platforms.length && !t.platforms.includes(m.platform!(row))) return false;
  if (t.labels.length) {
    const labels = m.labels!(row);
    if (!t.labels.every((l) => labelMatches(labels, l))) return false;
  }
  if (!t.words.length) return true;
  const h = m.text(row).toLowerCase();
  return t.words.every((w) => h.includes(w));
}

function passes<R>(row: R, state: TableState, facets: FacetDef<R>[], terms: QueryTerms, m: RowMatcher<R>, skip?: string): boolean {
  for (const f of facets) {
    if (f.key === skip) continue;
    const selected = state.facets[f.key];
    if (selected?.length && !selected.includes(f.value(row))) return false;
  }
  return matchesTerms(row, terms, m);
}

export function applyFilters<R>(rows: R[], state: TableState, facets: FacetDef<R>[], text: TextOf<R>): R[] {
  const m = matcherOf(text);
  const terms = termsFor(state.q, m);
  return rows.filter((r) => passes(r, state, facets, terms, m));
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export function facetValues<R>(rows: R[], state: TableState, facets: FacetDef<R>[], text: TextOf<R>, key: string): FacetValue[] {
  const facet = facets.find((f) => f.key === key);
  if (!facet) return [];
  const m = matcherOf(text);
  const terms = termsFor(state.q, m);
  const counts = new Map<string, number>();
  // Every value present in the data is listed, even when the other filters leave zero of it.
  for (const r of rows) counts.set(facet.value(r), 0);
  for (const r of rows) if (passes(r, state, facets, terms, m, key)) counts.set(facet.value(r), (counts.get(facet.value(r)) ?? 0) + 1);
  return facetList(facet, counts, state.facets[key] ?? []);
}

/** A facet's values with their counts, selected ones marked, in the facet's order (else by count). */
export function facetList<R>(facet: FacetDef<R>, counts: Map<string, number>, selected: string[]): FacetValue[] {
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
