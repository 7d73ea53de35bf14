// TanStack Query factories for the API routes. Keys start with 'parallax' and follow
// ['parallax', source?, cluster?, kind, namespace?, name?] as far as the API allows: the API serves
// whole collections across sources, so snapshot keys are ['parallax', '*', kind...]. One live tick
// from /api/stream invalidates the ['parallax'] prefix (see components/live.tsx).
import { queryOptions } from '@tanstack/react-query';
import type { CollectionName, Snapshot, Source } from '@/lib/model';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const body = await res.json();
      detail = body?.error ?? body?.message ?? detail;
    } catch { /* not JSON */ }
    throw new ApiError(res.status, `${url}: HTTP ${res.status} ${detail}`);
  }
  return (await res.json()) as T;
}

export const ALL = '*';

export const parallaxKeys = {
  all: ['parallax'] as const,
  sources: () => ['parallax', ALL, ALL, 'sources'] as const,
  collections: (collections: readonly CollectionName[]) => ['parallax', ALL, ALL, ...[...collections].sort()] as const,
};

/** Sources (health, coverage, freshness). Also refetched every few seconds: ECS polls advance lastSyncAt without a change tick. */
export function sourcesQuery() {
  return queryOptions({
    queryKey: parallaxKeys.sources(),
    queryFn: ({ signal }) => getJson<{ sources: Source[] }>('/api/sources', signal).then((r) => r.sources),
    refetchInterval: 5_000,
  });
}

/** Only the collections a page needs (the others come back empty). Sources always come along. */
export function snapshotQuery(collections: readonly CollectionName[]) {
  const list = [...collections].sort();
  return queryOptions({
    queryKey: parallaxKeys.collections(list),
    queryFn: ({ signal }) => getJson<Snapshot>(`/api/snapshot?collections=${list.join(',')},sources`, signal),
  });
}

export const OVERVIEW_COLLECTIONS: CollectionName[] = ['workloads', 'revisions', 'instances', 'endpoints', 'configs', 'secrets', 'volumes', 'autoscalers', 'nodes'];
export const DETAIL_COLLECTIONS: CollectionName[] = ['workloads', 'revisions', 'instances', 'endpoints', 'configs', 'secrets', 'volumes', 'autoscalers', 'events'];
