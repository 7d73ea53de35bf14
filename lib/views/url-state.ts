// Table view state (text filter, facets, sort) kept in the URL so a view can be shared and survives reload.
// Facet values are repeated parameters (?source=a&source=b): ids may hold any character.

export interface SortState {
  id: string;
  desc: boolean;
}

export interface TableState {
  q: string;
  facets: Record<string, string[]>;
  sort?: SortState;
}

export function parseSort(raw: string | null | undefined): SortState | undefined {
  if (!raw) return undefined;
  const desc = raw.startsWith('-');
  const id = desc ? raw.slice(1) : raw;
  return id ? { id, desc } : undefined;
}

export function formatSort(sort: SortState | undefined): string | undefined {
  return sort ? `${sort.desc ? '-' : ''}${sort.id}` : undefined;
}

/** Reads q, sort and the given facet keys; unknown parameters are ignored. */
export function readTableState(params: URLSearchParams, facetKeys: readonly string[]): TableState {
  const facets: Record<string, string[]> = {};
  for (const key of facetKeys) {
    const values = [...new Set(params.getAll(key).filter((v) => v !== ''))];
    if (values.length) facets[key] = values;
  }
  return { q: params.get('q') ?? '', facets, sort: parseSort(params.get('sort')) };
}

/** Writes the state back, keeping parameters this table does not own (e.g. a detail id). */
export function writeTableState(base: URLSearchParams, state: TableState, facetKeys: readonly string[]): URLSearchParams {
  const out = new URLSearchParams(base);
  out.delete('q');
  out.delete('sort');
  for (const key of facetKeys) out.delete(key);
  if (state.q.trim()) out.set('q', state.q);
  for (const key of facetKeys) for (const v of state.facets[key] ?? []) out.append(key, v);
  const sort = formatSort(state.sort);
  if (sort) out.set('sort', sort);
  return out;
}

/** Adds or removes one facet value. */
export function toggleFacet(state: TableState, key: string, value: string): TableState {
  const current = state.facets[key] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const facets = { ...state.facets };
  if (next.length) facets[key] = next;
  else delete facets[key];
  return { ...state, facets };
}

/** Query string for a link to a filtered table: href('/workloads', { source: ['k8s/x'] }). */
export function tableHref(path: string, facets: Record<string, string | string[] | undefined>, q?: string): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  for (const [k, v] of Object.entries(facets)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  }
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/** Route of a workload's detail page (ids contain "/" and "%", so they travel as an encoded query value). */
export function workloadHref(id: string): string {
  return `/workloads/view?id=${encodeURIComponent(id)}`;
}

/** The page of any object (its summary and its Raw tab); workloads have their own page. */
export function objectHref(id: string, tab?: 'raw'): string {
  return `/resources/view?id=${encodeURIComponent(id)}${tab ? `&tab=${tab}` : ''}`;
}
