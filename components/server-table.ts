'use client';
// A table the server filters, sorts and pages (GET /api/table): the first page carries the totals,
// facets and sources and is always asked; the pages under the rows on screen are asked as the table
// scrolls (ResourceTable reports its window). While a new filter or sort loads, the previous answer
// stays on screen (marked busy) instead of an empty table; a row not loaded yet is a placeholder.
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { TableName } from '@/lib/views/tables';
import type { TableState } from '@/lib/views/url-state';
import { useFallbackInterval } from './live';
import { TABLE_PAGE, tableQuery, tableRequest } from './queries';

export function useServerTable<R>(table: TableName, state: TableState, facetKeys: readonly string[]) {
  const fallback = useFallbackInterval();
  const request = tableRequest(state, facetKeys);
  const first = useQuery({ ...tableQuery<R>(table, request, 0), placeholderData: keepPreviousData, refetchInterval: fallback });
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const pages = useMemo(() => {
    const out: number[] = [];
    for (let p = Math.floor(range[0] / TABLE_PAGE); p <= Math.floor(range[1] / TABLE_PAGE); p++) if (p > 0) out.push(p);
    return out;
  }, [range]);
  const rest = useQueries({ queries: pages.map((p) => ({ ...tableQuery<R>(table, request, p), refetchInterval: fallback })) });
  // The previous answer stands in only for the same table (another table's rows do not fit these columns).
  const meta = first.data?.table === table ? first.data : undefined;
  const busy = !!meta && first.isPlaceholderData;
  const byPage = new Map<number, R[]>();
  if (first.data && !first.isPlaceholderData) byPage.set(0, first.data.rows);
  pages.forEach((p, i) => { const d = rest[i].data; if (d) byPage.set(p, d.rows); });
  const previous = busy ? meta.rows : undefined;
  const rowAt = (i: number): R | undefined => byPage.get(Math.floor(i / TABLE_PAGE))?.[i % TABLE_PAGE] ?? (i < TABLE_PAGE ? previous?.[i] : undefined);
  const onRange = useCallback((start: number, end: number) => setRange((r) => (r[0] === start && r[1] === end ? r : [start, end])), []);
  return {
    /** The first page's answer (totals, facets, sources, version); the previous request's while a new one loads. */
    meta,
    error: first.error ?? rest.find((q) => q.error)?.error ?? null,
    isPending: !meta && !first.error,
    /** A new filter or sort is loading: what shows is the previous answer. */
    busy,
    rowAt,
    onRange,
  };
}
