'use client';
// Live updates. Why a pushed "changed" tick plus a refetch, rather than polling or pushing data:
// - Kubernetes changes must reach an open page within 2 s. Polling the normalized JSON that often
//   would re-download everything every second from every open tab, mostly unchanged.
// - Pushing the objects themselves would duplicate the API's shapes and filtering in the stream and
//   make every client replay deltas correctly (missed events, reconnects, ordering).
// - A tiny SSE tick ({version, sources}, throttled to ≤ 4/s by the server) costs nothing when idle,
//   arrives within milliseconds, and the refetch goes through the same queryOptions, so the data on
//   screen is always a consistent answer of the API. EventSource reconnects by itself; on (re)connect
//   we refetch once, since ticks may have been missed, and while disconnected queries fall back to polling.
// - A tick lists the collections that changed: a table page (GET /api/table) refetches its window
//   only when its table is made of one of them (or the sources changed); page-shaped reads refetch on
//   every tick. TanStack refetches only queries on screen: a table's pages out of view just go stale.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Query } from '@tanstack/react-query';
import { parallaxKeys } from '@/components/queries';
import { TABLE_COLLECTIONS, isTableName } from '@/lib/views/tables';

export type StreamState = 'connecting' | 'live' | 'down';

interface Live {
  state: StreamState;
  /** Server inventory version of the last tick. */
  version?: number;
  lastTickAt?: number;
}

const LiveContext = createContext<Live>({ state: 'connecting' });

export function useLive(): Live {
  return useContext(LiveContext);
}

export function LiveUpdates({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [live, setLive] = useState<Live>({ state: 'connecting' });
  const refresh = useRef({ running: false, dirty: false });

  useEffect(() => {
    // Coalesce ticks: never cancel a refetch in flight (a stream of ticks would starve it); if a tick
    // arrives meanwhile, refetch once more when it finishes, so the last change is never missed.
    // What changed since the last refetch: undefined when unknown (a reconnect, a tick without the list).
    let changed: Set<string> | undefined = new Set();
    const invalidate = async (collections?: string[]) => {
      if (!collections) changed = undefined;
      else collections.forEach((c) => changed?.add(c));
      const r = refresh.current;
      if (r.running) { r.dirty = true; return; }
      r.running = true;
      try {
        do {
          r.dirty = false;
          const now = changed;
          changed = new Set();
          await qc.invalidateQueries({ queryKey: parallaxKeys.all, predicate: (q) => touched(q, now) }, { cancelRefetch: false });
        } while (r.dirty);
      } finally {
        r.running = false;
      }
    };
    let opened = false;
    const es = new EventSource('/api/stream');
    es.onopen = () => {
      setLive((l) => ({ ...l, state: 'live' }));
      if (opened) void invalidate();
      opened = true;
    };
    es.onerror = () => setLive((l) => ({ ...l, state: es.readyState === EventSource.CLOSED ? 'down' : 'connecting' }));
    es.addEventListener('change', (ev) => {
      let version: number | undefined;
      let collections: string[] | undefined;
      try { ({ version, collections } = JSON.parse((ev as MessageEvent<string>).data)); } catch { /* tick without body */ }
      setLive({ state: 'live', version, lastTickAt: Date.now() });
      void invalidate(Array.isArray(collections) ? collections : undefined);
    });
    return () => es.close();
  }, [qc]);

  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

/** Whether a change of these collections (undefined: unknown) touches a query: a table only when it is made of one of them. */
function touched(q: Query, changed: Set<string> | undefined): boolean {
  const [, , , what, table] = q.queryKey as unknown[];
  if (!changed || what !== 'table' || typeof table !== 'string' || !isTableName(table)) return true;
  return changed.has('sources') || TABLE_COLLECTIONS[table].some((c) => changed.has(c));
}

/** Poll while the stream is not live, so data stays fresh without it. */
export function useFallbackInterval(): number | false {
  return useLive().state === 'live' ? false : 5_000;
}
