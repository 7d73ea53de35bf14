'use client';
// URL-backed table state (text filter, facets, sort) and the controls that edit it.
// Components using this must sit under a <Suspense> boundary (useSearchParams in the App Router).
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { sanitizeTableState, type FacetDef, type FacetValue } from '@/lib/views/filter';
import { readTableState, toggleFacet, writeTableState, type TableState } from '@/lib/views/url-state';

/** How long the URL waits after the last change: typing never waits for the router. */
const URL_DELAY_MS = 250;

/**
 * The table state: local (a keystroke or a click shows at once) and written to the URL after a
 * short pause (debounced), so that the router's re-render never sits between a keystroke and its
 * rows. The URL wins when it changes from outside (back / forward, a link).
 */
export function useTableUrlState(facetKeys: readonly string[]) {
  const params = useSearchParams();
  const pathname = usePathname();
  const keysKey = facetKeys.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const fromUrl = useMemo(() => readTableState(new URLSearchParams(params.toString()), facetKeys), [params, keysKey]);
  const [state, setLocal] = useState(fromUrl);
  // The query string this hook wrote last: the URL coming back with it is not a change from outside
  // (and must not undo what was typed since).
  const written = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (written.current !== undefined && written.current === params.toString()) return;
    setLocal(fromUrl);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromUrl]);
  // Leaving the page drops a pending write: it would rewrite the next page's URL.
  useEffect(() => () => clearTimeout(timer.current), []);
  const setState = useCallback((next: TableState) => {
    setLocal(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const qs = writeTableState(new URLSearchParams(window.location.search), next, facetKeys).toString();
      written.current = qs;
      // Native replaceState is synced into useSearchParams by the App Router, without a server round trip.
      window.history.replaceState(window.history.state, '', qs ? `${pathname}?${qs}` : pathname);
    }, URL_DELAY_MS);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathname, keysKey]);
  return [state, setState] as const;
}

/**
 * Drops URL values that cannot match (lib/views/filter.ts sanitizeTableState) once the data that
 * decides it (the sources) is there, rewriting the URL; returns the notes to show.
 */
export function useUrlSanitizer<R>(state: TableState, setState: (s: TableState) => void, facets: FacetDef<R>[] | undefined, sortIds: readonly string[]): string[] {
  const [notes, setNotes] = useState<string[]>([]);
  useEffect(() => {
    if (!facets) return;
    const clean = sanitizeTableState(state, facets, sortIds);
    if (!clean.notes.length) return;
    setNotes((old) => [...new Set([...old, ...clean.notes])]);
    setState(clean.state);
  }, [state, setState, facets, sortIds]);
  return notes;
}

/** "Ignored from the link: platform=xyz (…)". */
export function UrlNotes({ notes }: { notes: (string | undefined)[] }) {
  const shown = notes.filter((n): n is string => !!n);
  if (!shown.length) return null;
  return (
    <p role="status" data-testid="url-notes" className="rounded-md border border-warn/40 bg-warn-bg px-3 py-1.5 text-sm text-warn [overflow-wrap:anywhere]">
      Ignored from the link: {shown.join('; ')}.
    </p>
  );
}

/**
 * The text filter: the table state changes on every keystroke (pages render the rows deferred, or ask
 * the server); the URL follows after a pause (useTableUrlState). ("/" opens the global search.)
 */
export function FilterBox({ state, setState, placeholder, shown, total, noun, one = noun.replace(/s$/, ''), busy = false }: {
  state: TableState; setState: (s: TableState) => void; placeholder: string; shown: number; total: number; noun: string;
  /** The noun for one row ("finding"); default: noun without its final s. */
  one?: string;
  /** The counts are of the previous filter while the new one loads. */
  busy?: boolean;
}) {
  const setText = (q: string) => setState({ ...state, q });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <label className="relative flex-1 min-w-64 max-w-xl">
        <span className="sr-only">Filter {noun}</span>
        <input
          data-filter
          data-testid="filter"
          type="search"
          value={state.q}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Escape') { setText(''); } }}
          placeholder={placeholder}
          className="w-full rounded-md border border-line bg-surface px-3 py-1.5 text-sm placeholder:text-muted"
        />
      </label>
      <span className={`text-sm text-muted tabular ${busy ? 'opacity-60' : ''}`} data-testid="row-count" aria-live="polite" aria-busy={busy || undefined}>
        {shown === total ? `${total.toLocaleString('en-US')} ${total === 1 ? one : noun}` : `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${total === 1 ? one : noun}`}
      </span>
    </div>
  );
}

export function FacetPanel({ facets, state, setState, wrapLabels = false }: {
  facets: { key: string; label: string; values: FacetValue[] }[]; state: TableState; setState: (s: TableState) => void;
  /** Long values (source pairs) wrap instead of being cut. */
  wrapLabels?: boolean;
}) {
  const active = Object.values(state.facets).some((v) => v.length) || state.q;
  const ticked = Object.values(state.facets).reduce((n, v) => n + v.length, 0);
  // Ticks follow the state at once (a click shows before the counts, which may come from the server, follow).
  // Below md the facets fold behind a button, so that the table comes first on a phone.
  const [open, setOpen] = useState(false);
  return (
    <div className="min-w-0">
      <button type="button" aria-expanded={open} aria-controls="facets" data-testid="facets-toggle" onClick={() => setOpen(!open)}
        className="mb-1 rounded border border-line px-2 py-0.5 text-xs text-muted hover:text-fg md:hidden">
        {open ? 'Hide filters' : 'Filters'}{ticked ? ` (${ticked})` : ''}
      </button>
      <aside id="facets" aria-label="Facets" className={`space-y-3 text-sm ${open ? '' : 'max-md:hidden'}`}>
        {facets.filter((f) => f.values.length > 0).map((f) => (
          <fieldset key={f.key} data-testid={`facet-${f.key}`}>
            <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">{f.label}</legend>
            <ul className="max-h-48 space-y-0.5 overflow-auto">
              {f.values.map((v) => (
                <li key={v.value}>
                  <label className={`flex cursor-pointer ${wrapLabels ? 'items-start' : 'items-center'} gap-2 rounded px-1 hover:bg-surface-2 ${v.count === 0 && !(state.facets[f.key] ?? []).includes(v.value) ? 'text-muted' : ''}`}>
                    <input type="checkbox" checked={(state.facets[f.key] ?? []).includes(v.value)} onChange={() => setState(toggleFacet(state, f.key, v.value))} className="accent-[var(--accent)]" />
                    <span className={`min-w-0 flex-1 ${wrapLabels ? '[overflow-wrap:anywhere]' : 'truncate'}`} title={v.label}>{v.label}</span>
                    <span className="tabular text-xs text-muted">{v.count}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
        {active && (
          <button type="button" className="text-xs text-accent hover:underline" onClick={() => setState({ q: '', facets: {}, sort: state.sort })}>
            Clear filters
          </button>
        )}
      </aside>
    </div>
  );
}
