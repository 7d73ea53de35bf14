'use client';
// The global search: a command palette on Ctrl-K / Cmd-K, or "/" outside a text field. It asks
// /api/search (the index lives on the server) and lists the hits grouped by concept and platform.
// Keyboard only: arrows move, Enter opens the object's page, Esc closes; Tab stays in the dialog.
// ARIA combobox pattern: focus stays in the input, the active option is aria-activedescendant.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { PLATFORM_NAME } from '@/lib/views/format';
import { CONCEPT_LABEL, type SearchHit } from '@/lib/views/search';
import { searchQuery } from './queries';
import { pinHref, usePins } from './pins';
import { PlatformBadge } from './ui';

const editable = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
};

/** The text typed, sent after a short pause so that each keystroke does not cost a request. */
function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Opens on the shortcuts; the header's button opens it too (phones have no keyboard shortcut). */
export function SearchPalette() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        if (!open) opener.current = document.activeElement as HTMLElement | null;
        setOpen((o) => !o);
      } else if (e.key === '/' && !mod && !e.altKey && !open && !editable(e.target)) {
        e.preventDefault();
        opener.current = document.activeElement as HTMLElement | null;
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  const close = useCallback(() => {
    setOpen(false);
    // Back where the person was (the dialog took focus).
    opener.current?.focus?.();
  }, []);
  return (
    <>
      <button
        type="button"
        data-testid="search-open"
        onClick={(e) => { opener.current = e.currentTarget; setOpen(true); }}
        className="flex items-center gap-2 rounded border border-line px-2 py-0.5 text-xs text-muted hover:text-fg"
        aria-keyshortcuts="Control+K Meta+K /"
        aria-label="Search everything (Ctrl K or /)"
      >
        <span aria-hidden>⌕</span>
        <span className="hidden sm:inline">Search</span>
        <kbd aria-hidden className="hidden rounded border border-line px-1 text-[11px] sm:inline">Ctrl K</kbd>
      </button>
      {open && <PaletteDialog onClose={close} />}
    </>
  );
}

function PaletteDialog({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), 120);
  const { data, isFetching, error } = useQuery({ ...searchQuery(q), enabled: q !== '', placeholderData: keepPreviousData });
  const { pins } = usePins();
  const ids = useId();
  const listId = `${ids}-list`;
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);

  // With nothing typed, the pins are the options: a pinned workload is one Enter away.
  const groups = useMemo(() => {
    if (!q) {
      const hits: SearchHit[] = pins.map((p) => ({ id: p.id, concept: p.kind, platform: p.platform, name: p.name, source: '', sourceName: p.kind === 'source' ? 'source' : '', group: p.group, href: pinHref(p) }));
      return hits.length ? [{ title: 'Pinned', total: hits.length, hits }] : [];
    }
    return (data?.groups ?? []).map((g) => ({ title: `${CONCEPT_LABEL[g.concept]} · ${PLATFORM_NAME[g.platform]}`, total: g.total, hits: g.hits }));
  }, [q, data, pins]);
  const options: SearchHit[] = useMemo(() => groups.flatMap((g) => g.hits), [groups]);
  // A new query starts at the top; a refetch of the same one (a live tick) keeps the place.
  useEffect(() => { setActive(0); }, [q]);
  const current = Math.min(active, Math.max(0, options.length - 1));
  useEffect(() => { input.current?.focus(); }, []);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    onClose();
    router.push(hit.href);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const n = options.length;
    if (e.key === 'ArrowDown') { e.preventDefault(); if (n) setActive((current + 1) % n); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); if (n) setActive((current - 1 + n) % n); }
    else if (e.key === 'Home' && n) { e.preventDefault(); setActive(0); }
    else if (e.key === 'End' && n) { e.preventDefault(); setActive(n - 1); }
    else if (e.key === 'Enter') { e.preventDefault(); go(options[current]); }
    else if (e.key === 'Escape') { e.preventDefault(); onClose(); }
    // The input is the dialog's only stop: Tab must not wander to the page behind.
    else if (e.key === 'Tab') e.preventDefault();
  };

  const activeId = options.length ? `${ids}-opt-${current}` : undefined;
  let index = -1;
  const status = !q ? (pins.length ? 'Pinned workloads and sources' : 'Type a name, namespace, image or label')
    : error ? `Search failed: ${error instanceof Error ? error.message : String(error)}`
    : !data || data.q !== q ? 'Searching…'
    : data.total === 0 ? `Nothing matches “${q}”`
    : data.total === data.shown ? `${data.total} ${data.total === 1 ? 'match' : 'matches'}` : `${data.total.toLocaleString('en-US')} matches, the best ${data.shown} shown`;

  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/40 px-2 pt-[8vh] sm:px-4" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div role="dialog" aria-modal="true" aria-label="Search everything" data-testid="search-palette" className="flex max-h-[80vh] w-full max-w-2xl flex-col overflow-hidden rounded-lg border border-line bg-surface shadow-2xl" onKeyDown={onKeyDown}>
        <div className="flex items-center gap-2 border-b-2 border-line px-3 focus-within:border-accent">
          <span aria-hidden className="text-muted">⌕</span>
          <input
            ref={input}
            role="combobox"
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-activedescendant={activeId}
            aria-autocomplete="list"
            aria-label="Search workloads, instances, nodes, config, secrets… by name, namespace, image or label"
            data-testid="search-input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Search everything: web, shop, nginx:1.27, app=web, platform:ecs"
            // The row's accent border shows the focus: the global outline would be cut by the dialog's edge.
            style={{ outline: 'none' }}
            className="min-w-0 flex-1 bg-transparent py-3 text-base placeholder:text-muted sm:text-sm"
            autoComplete="off"
            spellCheck={false}
          />
          {isFetching && <span className="text-xs text-muted" aria-hidden>…</span>}
          <kbd aria-hidden className="rounded border border-line px-1 text-[11px] text-muted">Esc</kbd>
        </div>
        <p className="border-b border-line px-3 py-1 text-xs text-muted" role="status" data-testid="search-status">{status}</p>
        <div ref={list} id={listId} role="listbox" aria-label="Results" aria-busy={!!q && data?.q !== q} className="min-h-0 flex-1 overflow-y-auto py-1">
          {groups.map((g) => (
            <div key={g.title} role="group" aria-label={g.title} data-testid="search-group">
              <div aria-hidden className="flex items-baseline justify-between gap-2 px-3 pb-0.5 pt-2 text-[11px] font-semibold uppercase tracking-wide text-muted">
                <span className="truncate">{g.title}</span>
                <span className="shrink-0 font-normal normal-case tabular">{g.total > g.hits.length ? `${g.hits.length} of ${g.total.toLocaleString('en-US')}` : g.total}</span>
              </div>
              {g.hits.map((hit) => {
                index++;
                const i = index;
                const selected = i === current;
                return (
                  <div
                    key={`${g.title}|${hit.id}`}
                    id={`${ids}-opt-${i}`}
                    role="option"
                    aria-selected={selected}
                    data-index={i}
                    data-testid="search-option"
                    onMouseMove={() => setActive(i)}
                    onClick={() => go(hit)}
                    className={`mx-1 flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm ${selected ? 'bg-accent/15 text-fg' : ''}`}
                  >
                    <PlatformBadge platform={hit.platform} />
                    <span className="min-w-0 shrink truncate font-medium">{hit.name}</span>
                    <span className="min-w-0 flex-1 truncate text-xs text-muted">
                      {[hit.group, hit.sourceName].filter(Boolean).join(' · ')}
                      {hit.matched && <> · {hit.matched.field} <span className="font-mono">{hit.matched.text}</span></>}
                    </span>
                    {selected && <span aria-hidden className="hidden text-xs text-muted sm:inline">↵</span>}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <p className="hidden border-t border-line px-3 py-1.5 text-[11px] text-muted sm:block" aria-hidden>
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close · words are fuzzy; <span className="font-mono">app=web</span> a label or tag; <span className="font-mono">platform:ecs</span>
        </p>
      </div>
    </div>
  );
}
