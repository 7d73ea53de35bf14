// The one timer utility: timers on an injected clock, all cancelled together when their owner
// stops (so a stopped source leaves nothing scheduled), with a signal that aborts the owner's
// requests at the same moment.
import { systemClock, type Clock, type ClockTimer } from './clock';

export class Timers {
  private readonly pending = new Set<ClockTimer>();
  private readonly controller = new AbortController();

  constructor(readonly clock: Clock = systemClock) {}

  /** Aborted on stop: pass to requests so that they end with their owner. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** Runs fn after ms (on the clock); returns a function that cancels it. Does nothing once stopped. */
  after(ms: number, fn: () => void): () => void {
    if (this.stopped) return () => undefined;
    const timer = this.clock.setTimeout(() => {
      this.pending.delete(timer);
      fn();
    }, ms);
    this.pending.add(timer);
    return () => {
      if (this.pending.delete(timer)) this.clock.clearTimeout(timer);
    };
  }

  stop(): void {
    this.controller.abort();
    for (const timer of this.pending) this.clock.clearTimeout(timer);
    this.pending.clear();
  }
}

/** One timer on `clock`; returns a function that cancels it. */
export function after(clock: Clock, ms: number, fn: () => void): () => void {
  const timer = clock.setTimeout(fn, ms);
  return () => clock.clearTimeout(timer);
}

/** Resolves after ms on `clock`, or at once when `signal` aborts (then with false). */
export function pause(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      cancel();
      resolve(false);
    };
    const cancel = after(clock, ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
