'use client';
// Favourites in the browser: the pins list in localStorage (lib/views/pins.ts), shared by every
// component through useSyncExternalStore, and kept in step across tabs by the storage event.
import Link from 'next/link';
import { useCallback, useSyncExternalStore } from 'react';
import { PINS_KEY, readPins, togglePin, type Pin } from '@/lib/views/pins';
import { searchHref } from '@/lib/views/search';
import { Card, PlatformBadge } from './ui';

const CHANGED = 'parallax-pins-changed';
let cache: { raw: string | null; pins: Pin[] } = { raw: null, pins: [] };
const NONE: Pin[] = [];

function read(): Pin[] {
  let raw: string | null = null;
  try { raw = localStorage.getItem(PINS_KEY); } catch { /* storage disabled: no pins */ }
  if (raw !== cache.raw) cache = { raw, pins: readPins(raw) };
  return cache.pins;
}

function subscribe(onChange: () => void): () => void {
  const on = (e: Event) => { if (!(e instanceof StorageEvent) || e.key === PINS_KEY) onChange(); };
  window.addEventListener('storage', on);
  window.addEventListener(CHANGED, on);
  return () => { window.removeEventListener('storage', on); window.removeEventListener(CHANGED, on); };
}

export function usePins() {
  const pins = useSyncExternalStore(subscribe, read, () => NONE);
  const toggle = useCallback((pin: Pin) => {
    try { localStorage.setItem(PINS_KEY, JSON.stringify(togglePin(read(), pin))); } catch { /* storage full or disabled */ }
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  return { pins, toggle, isPinned: (id: string) => pins.some((p) => p.id === id) };
}

export function PinButton({ pin, label = false }: { pin: Pin; label?: boolean }) {
  const { isPinned, toggle } = usePins();
  const on = isPinned(pin.id);
  const what = `${pin.kind} ${pin.name}`;
  return (
    <button
      type="button"
      onClick={(e) => { e.stopPropagation(); toggle(pin); }}
      aria-pressed={on}
      aria-label={on ? `Unpin ${what}` : `Pin ${what}`}
      title={on ? 'Pinned: shown first on the overview and the workloads page (click to unpin)' : 'Pin: show it first on the overview and the workloads page'}
      data-testid="pin"
      className={`inline-flex items-center gap-1 rounded px-1 text-sm leading-5 hover:bg-surface-2 ${on ? 'text-warn' : 'text-muted hover:text-fg'}`}
    >
      <span aria-hidden>{on ? '★' : '☆'}</span>
      {label && <span className="text-xs">{on ? 'Pinned' : 'Pin'}</span>}
    </button>
  );
}

/** A pin leads where a search hit of the same object leads. */
export const pinHref = (p: Pin) => searchHref({ id: p.id, concept: p.kind, platform: p.platform, name: p.name, source: p.id, group: p.group });

/** The pinned workloads and sources (or only `kinds`), first on the page; nothing when there are none. */
export function PinnedCard({ kinds }: { kinds?: Pin['kind'][] }) {
  const all = usePins().pins;
  const pins = kinds ? all.filter((p) => kinds.includes(p.kind)) : all;
  if (!pins.length) return null;
  return (
    <Card title="Pinned">
      <ul className="flex flex-wrap gap-2" data-testid="pinned">
        {pins.map((p) => (
          <li key={p.id} className="flex min-w-0 items-center gap-1.5 rounded-full border border-line py-0.5 pl-2 pr-1 text-sm">
            <PlatformBadge platform={p.platform} />
            <Link href={pinHref(p)} className="min-w-0 truncate font-medium text-accent hover:underline">{p.name}</Link>
            <span className="text-xs text-muted">{p.kind === 'source' ? 'source' : p.group}</span>
            <PinButton pin={p} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
