// Favourites: workloads and sources a person pinned, kept in the browser (localStorage), shown
// first on the overview and the workloads page. Pure: reading what is stored (any shape: an old
// version, a hand edit) and toggling; components/pins.tsx keeps it in localStorage.
import type { Platform } from '@/lib/model';

export const PINS_KEY = 'parallax-pins';

export interface Pin {
  kind: 'workload' | 'source';
  id: string;
  /** As shown when it was pinned, so a pin still reads while its source is down or the object is gone. */
  name: string;
  platform: Platform;
  /** Namespace or cluster (workloads). */
  group?: string;
}

const isPin = (x: unknown): x is Pin => {
  const p = x as Pin;
  return !!p && typeof p === 'object' && (p.kind === 'workload' || p.kind === 'source') && typeof p.id === 'string' && p.id !== ''
    && typeof p.name === 'string' && (p.platform === 'kubernetes' || p.platform === 'ecs') && (p.group === undefined || typeof p.group === 'string');
};

/** The stored list; anything unreadable is dropped, never thrown. */
export function readPins(raw: string | null): Pin[] {
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(raw);
    if (!Array.isArray(list)) return [];
    const seen = new Set<string>();
    return list.filter(isPin).filter((p) => !seen.has(p.id) && !!seen.add(p.id));
  } catch {
    return [];
  }
}

/** Adds the pin (at the end), or removes it when its id is pinned already. */
export function togglePin(pins: readonly Pin[], pin: Pin): Pin[] {
  return pins.some((p) => p.id === pin.id) ? pins.filter((p) => p.id !== pin.id) : [...pins, pin];
}
