// The one concurrency limiter (a semaphore): at most `max` tasks run at once, the rest wait in FIFO
// order. Used for a Kubernetes source's lists and for an ECS source's SDK calls. RateGate spaces
// calls out in time instead (an API quota in requests per second), on the injected clock.
import type { Clock } from './clock';
import { pause } from './timers';

/** Why a task waiting for a slot did not run: its limiter was closed (its source stopped). */
export class LimiterClosedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'LimiterClosedError';
  }
}

export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly max: number) {}

  /** Runs fn once a slot is free; rejects with LimiterClosedError when closed before it could run. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new LimiterClosedError();
    // A finishing task hands its slot straight to the next waiter, so `max` is never exceeded.
    if (this.active < this.max) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      if (this.closed) throw new LimiterClosedError();
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Waiting tasks end with LimiterClosedError; running ones finish. */
  close(): void {
    this.closed = true;
    while (this.waiting.length) this.waiting.shift()!();
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/**
 * At most `perSecond` calls start per second, in the order they asked: each caller gets the next free
 * slot (1000 / perSecond ms after the previous one) and waits for it on the clock.
 */
export class RateGate {
  private nextSlot = 0;
  constructor(private readonly clock: Clock, readonly perSecond: number) {}

  /** Resolves at the caller's slot: true, or false at once when `signal` aborts first. */
  wait(signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    const now = this.clock.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + 1000 / this.perSecond;
    return at > now ? pause(this.clock, at - now, signal) : Promise.resolve(true);
  }
}
