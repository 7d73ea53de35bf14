// Waiting until every source of an inventory has finished its first sync, for the one-shot readers
// (the CLI, the bench) that read the sources once and exit. "Finished" is any status but "syncing":
// ok, degraded (some kinds not covered) or down (nothing could be read) all answer the question
// "what is there?" as well as it can be answered; a source still syncing at the deadline does not.
import type { Source } from '@/lib/model';
import type { InventoryChange } from './store';
import { systemClock, type Clock } from '@/lib/util/clock';
import { after } from '@/lib/util/timers';

/** What of the inventory the wait reads: the sources and their change ticks. */
export interface SyncingInventory {
  sources(): Source[];
  subscribe(listener: (c: InventoryChange) => void): () => void;
}

export interface FirstSyncOptions {
  timeoutMs: number;
  /** Called with a source each time its status or progress changes, and once for each at the start. */
  onProgress?: (source: Source) => void;
  /** The deadline's clock (tests: a FakeClock). Default the system clock. */
  clock?: Clock;
}

export interface FirstSyncResult {
  /** Every source as it was when the wait ended. */
  sources: Source[];
  /** Sources still syncing at the deadline; empty when every source finished in time. */
  stillSyncing: Source[];
}

const isSyncing = (s: Source) => s.status === 'syncing';

/** What of a source the progress callback reports on: status, reason and progress counts. */
function progressKey(s: Source): string {
  return JSON.stringify([s.status, s.reason, s.progress?.done, s.progress?.total]);
}

/** Resolves once no source is syncing, or at the deadline with those that still are. Never rejects. */
export function waitForFirstSync(inventory: SyncingInventory, opts: FirstSyncOptions): Promise<FirstSyncResult> {
  const clock = opts.clock ?? systemClock;
  const seen = new Map<string, string>();
  const report = (sources: Source[]) => {
    for (const s of sources) {
      const key = progressKey(s);
      if (seen.get(s.id) === key) continue;
      seen.set(s.id, key);
      opts.onProgress?.(s);
    }
  };
  return new Promise((resolve) => {
    let done = false;
    let unsubscribe = () => {};
    let cancelTimer = () => {};
    const finish = (sources: Source[]) => {
      if (done) return;
      done = true;
      unsubscribe();
      cancelTimer();
      resolve({ sources, stillSyncing: sources.filter(isSyncing) });
    };
    const check = () => {
      const sources = inventory.sources();
      report(sources);
      if (!sources.some(isSyncing)) finish(sources);
    };
    unsubscribe = inventory.subscribe(check);
    cancelTimer = after(clock, opts.timeoutMs, () => finish(inventory.sources()));
    check();
  });
}
