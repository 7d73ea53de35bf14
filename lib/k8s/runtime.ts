import { Observable, type ObservableMiddleware } from '@kubernetes/client-node';
import { systemClock, type Clock } from '@/lib/util/clock';
// Small runtime helpers owned by one source: a concurrency limiter for list calls, and timers that
// are all cancelled on stop (so a stopped source leaves nothing scheduled).

export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly max: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (this.closed) return undefined;
    // A finishing task hands its slot straight to the next waiter, so `max` is never exceeded.
    if (this.active < this.max) this.active++;
    else await new Promise<void>((r) => this.waiting.push(r));
    try {
      if (this.closed) return undefined;
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  close(): void {
    this.closed = true;
    while (this.waiting.length) this.waiting.shift()!();
  }
}

export class Timers {
  private readonly pending = new Set<ReturnType<Clock['setTimeout']>>();
  private readonly controller = new AbortController();

  constructor(readonly clock: Clock = systemClock) {}

  /** Aborted on stop: pass to requests so that they end with the source. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs fn after ms (on the clock); returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void {
    if (this.controller.signal.aborted) return () => undefined;
    const t = this.clock.setTimeout(() => {
      this.pending.delete(t);
      fn();
    }, ms);
    this.pending.add(t);
    return () => {
      if (this.pending.delete(t)) this.clock.clearTimeout(t);
    };
  }

  stop(): void {
    this.controller.abort();
    for (const t of this.pending) this.clock.clearTimeout(t);
    this.pending.clear();
  }
}

/**
 * Per-request options for the generated ObjectParam clients: the request is aborted by `signal`.
 * These clients call the Observable API directly, so middleware must return client-node's own
 * Observable (its rxjs stub), not a Promise.
 */
export function abortOptions<T>(signal: AbortSignal): T {
  const middleware: ObservableMiddleware = {
    pre: (c) => {
      c.setSignal(signal);
      return new Observable(Promise.resolve(c));
    },
    post: (c) => new Observable(Promise.resolve(c)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' } as T;
}
