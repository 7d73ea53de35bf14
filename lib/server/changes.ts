// Which collections a change touched, for the change tick of /api/stream: the inventory keeps an
// unchanged collection's array from one snapshot to the next, so comparing arrays by identity says
// what changed without looking inside them. `sources` is listed when a source changed in more than
// its times (every change stamps lastChangeAt: that alone would name sources on every tick): its
// name, status, coverage, errors. A page refetches only the tables made of what changed.
import { COLLECTIONS, type CollectionName, type Snapshot, type Source } from '@/lib/model';

export type Changed = CollectionName | 'sources';

export function changedCollections(prev: Snapshot, next: Snapshot): Changed[] {
  const out: Changed[] = COLLECTIONS.filter((c) => prev[c] !== next[c]);
  if (prev.sources.length !== next.sources.length || prev.sources.some((s, i) => s !== next.sources[i] && untimed(s) !== untimed(next.sources[i]))) out.push('sources');
  return out;
}

/** A source without its times, as text to compare. */
function untimed(s: Source): string {
  const { lastChangeAt: _c, lastSyncAt: _s, ...rest } = s;
  return JSON.stringify(rest);
}
