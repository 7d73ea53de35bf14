// TanStack Query factories for the API routes. Keys start with 'parallax' and follow
// ['parallax', source?, cluster?, kind, namespace?, name?] as far as the API allows: the API answers
// across sources, so keys are ['parallax', '*', '*', what...]. A live tick from /api/stream
// invalidates the ['parallax'] prefix (see components/live.tsx), table windows only when their
// table's collections changed.
import { queryOptions } from '@tanstack/react-query';
import type { NotConfigured, Source } from '@/lib/model';
import type { WorkloadDetail } from '@/lib/views/detail';
import type { DriftPagePayload, DriftPairPayload, DriftSummaryPayload } from '@/lib/views/drift';
import type { OverviewPayload } from '@/lib/views/overview';
import type { ObjectPayload, RawPayload } from '@/lib/views/raw';
import type { SearchPayload } from '@/lib/views/search';
import type { UsagePayload } from '@/lib/views/usage';
import type { TableName, TablePayload } from '@/lib/views/tables';
import { writeTableState, type TableState } from '@/lib/views/url-state';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  if (res.status === 401 && typeof window !== 'undefined') {
    // The session ended (it expired, or PARALLAX_TOKEN changed): log in again, then come back here.
    window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const body = await res.json();
      // Failures answer {error, detail} (lib/server/http.ts failureResponse): what failed, and why.
      const what = body?.error ?? body?.message;
      if (what) detail = body?.detail ? `${what}: ${body.detail}` : what;
    } catch { /* not JSON */ }
    throw new ApiError(res.status, `${url}: HTTP ${res.status} ${detail}`);
  }
  return (await res.json()) as T;
}

export const ALL = '*';

export const parallaxKeys = {
  all: ['parallax'] as const,
  sources: () => ['parallax', ALL, ALL, 'sources'] as const,
  overview: () => ['parallax', ALL, ALL, 'overview'] as const,
  workload: (id: string) => ['parallax', ALL, ALL, 'workload', id] as const,
  drift: () => ['parallax', ALL, ALL, 'drift'] as const,
  driftPair: (id: string) => ['parallax', ALL, ALL, 'drift', 'pair', id] as const,
  driftSummary: (workload?: string) => ['parallax', ALL, ALL, 'drift', 'summary', workload ?? ALL] as const,
  search: (q: string) => ['parallax', ALL, ALL, 'search', q] as const,
  /** One window of a table: [..., 'table', table, request, page]; a change tick refetches only the tables whose collections changed (live.tsx). */
  table: (table: TableName, request: string, page: number) => ['parallax', ALL, ALL, 'table', table, request, page] as const,
};

/** Sources and the platforms nobody configured, as /api/sources serves them. */
export interface SourcesPayload {
  sources: Source[];
  notConfigured: NotConfigured[];
}

/** Sources (health, coverage, freshness). Also refetched every few seconds: ECS polls advance lastSyncAt without a change tick. */
export function sourcesQuery() {
  return queryOptions({
    queryKey: parallaxKeys.sources(),
    queryFn: ({ signal }) => getJson<Partial<SourcesPayload>>('/api/sources', signal).then((r): SourcesPayload => ({ sources: r.sources ?? [], notConfigured: r.notConfigured ?? [] })),
    refetchInterval: 5_000,
  });
}

/**
 * The overview as rendered (sources, matrix cells, capped chart rows), computed on the server: its
 * size does not grow with the number of pods, unlike the collections it summarises.
 */
export function overviewQuery() {
  return queryOptions({
    queryKey: parallaxKeys.overview(),
    queryFn: ({ signal }) => getJson<OverviewPayload>('/api/overview', signal),
  });
}

/** One workload and only its related objects. A 404 (unknown id) is an answer, not worth retrying. */
export function workloadQuery(id: string) {
  return queryOptions({
    queryKey: parallaxKeys.workload(id),
    queryFn: ({ signal }) => getJson<WorkloadDetail>(`/api/workload?id=${encodeURIComponent(id)}`, signal),
    enabled: id !== '',
    retry: (failures, err) => !(err instanceof ApiError && err.status === 404) && failures < 1,
  });
}

// Drift changes with the inventory (a change tick invalidates these like every other query) and
// with parallax.yaml, which sends no tick: the drift queries also poll slowly, so an edited ignore
// rule shows on an open page within this interval (the server re-reads the file when it changed).
const DRIFT_CONFIG_POLL_MS = 10_000;
const notFoundIsAnAnswer = (failures: number, err: Error) => !(err instanceof ApiError && err.status === 404) && failures < 1;

/** The drift page: pairs with counts and findings, only-on, ambiguous, not compared, config errors. */
export function driftQuery() {
  return queryOptions({
    queryKey: parallaxKeys.drift(),
    queryFn: ({ signal }) => getJson<DriftPagePayload>('/api/drift', signal),
    refetchInterval: DRIFT_CONFIG_POLL_MS,
  });
}

/** One pair side by side. A 404 (the pair is gone: unpaired, or a source not synced) is an answer. */
export function driftPairQuery(id: string) {
  return queryOptions({
    queryKey: parallaxKeys.driftPair(id),
    queryFn: ({ signal }) => getJson<DriftPairPayload>(`/api/drift/pair?id=${encodeURIComponent(id)}`, signal),
    enabled: id !== '',
    retry: notFoundIsAnAnswer,
    refetchInterval: DRIFT_CONFIG_POLL_MS,
  });
}

/** Totals for the overview card; with a workload id, that workload's pairs (its page links them). */
export function driftSummaryQuery(workload?: string) {
  return queryOptions({
    queryKey: parallaxKeys.driftSummary(workload),
    queryFn: ({ signal }) => getJson<DriftSummaryPayload>(`/api/drift/summary${workload ? `?workload=${encodeURIComponent(workload)}` : ''}`, signal),
    refetchInterval: DRIFT_CONFIG_POLL_MS,
  });
}

/** One normalized object (its page when it has no page of its own). */
export function objectQuery(id: string) {
  return queryOptions({
    queryKey: ['parallax', ALL, ALL, 'object', id] as const,
    queryFn: ({ signal }) => getJson<ObjectPayload>(`/api/object?id=${encodeURIComponent(id)}`, signal),
    enabled: id !== '',
    retry: notFoundIsAnAnswer,
  });
}

/**
 * The raw object, read from the platform on each fetch. Its key is outside ['parallax'] on purpose:
 * a change tick (up to 4 a second) must not make every open raw view call the cluster again; the
 * view has a Refresh button instead.
 */
export function rawQuery(id: string, managedFields: boolean) {
  return queryOptions({
    queryKey: ['raw', id, managedFields] as const,
    queryFn: ({ signal }) => getJson<RawPayload>(`/api/raw?id=${encodeURIComponent(id)}${managedFields ? '&managedFields=1' : ''}`, signal),
    enabled: id !== '',
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** The global search (the palette): hits grouped by concept and platform, matched on the server. */
export function searchQuery(q: string) {
  return queryOptions({
    queryKey: parallaxKeys.search(q),
    queryFn: ({ signal }) => getJson<SearchPayload>(`/api/search?q=${encodeURIComponent(q)}`, signal),
  });
}

/**
 * Usage of a workload, node or ECS cluster. Its key is outside the ['parallax'] prefix on purpose:
 * inventory change ticks say nothing about usage, which refreshes on its own period (the server
 * samples Kubernetes every PARALLAX_USAGE_INTERVAL_S; CloudWatch has a point a minute).
 */
export function usageQuery(id: string) {
  return queryOptions({
    queryKey: ['usage', id] as const,
    queryFn: ({ signal }) => getJson<UsagePayload>(`/api/usage?id=${encodeURIComponent(id)}`, signal),
    enabled: id !== '',
    retry: notFoundIsAnAnswer,
    refetchInterval: (q) => Math.max(15, q.state.data?.intervalS ?? 30) * 1000,
  });
}

/** Rows a table asks for at a time: the window on screen is one or two of these. */
export const TABLE_PAGE = 200;

/** The table request as a query string without the window (the query key's part that a filter or sort changes). */
export function tableRequest(state: TableState, facetKeys: readonly string[]): string {
  return writeTableState(new URLSearchParams(), state, facetKeys).toString();
}

/** One page of a table, filtered, sorted and faceted on the server (GET /api/table). */
export function tableQuery<R>(table: TableName, request: string, page: number) {
  return queryOptions({
    queryKey: parallaxKeys.table(table, request, page),
    queryFn: ({ signal }) => getJson<TablePayload<R>>(`/api/table?table=${table}&offset=${page * TABLE_PAGE}&limit=${TABLE_PAGE}${request ? `&${request}` : ''}`, signal),
  });
}
