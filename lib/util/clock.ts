// Time as a parameter: the adapters take a Clock (and a random source) instead of calling
// Date.now / setTimeout / Math.random, so fault tests drive deadlines, backoff and staleness with
// fake time (lib/util/fake-clock.ts) while the HTTP underneath stays real.

/** An opaque timer handle, given back to clearTimeout. */
export type ClockTimer = { readonly __clockTimer: true } | object;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): ClockTimer;
  clearTimeout(timer: ClockTimer): void;
}

/** Uniform in [0, 1), like Math.random. */
export type Random = () => number;

/** The process's random source: the default wherever a Random is injected. */
export const systemRandom: Random = () => Math.random();

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
};

/** The error a deadline aborts with (the same name fetch and AbortSignal.timeout use). */
export class DeadlineError extends Error {
  constructor(readonly what: string, readonly ms: number) {
    super(`${what} timed out after ${formatDuration(ms)}`);
    this.name = 'TimeoutError';
  }
}

export interface Deadline {
  /** Aborted when the deadline passes (reason: DeadlineError) or when `parent` aborts. */
  signal: AbortSignal;
  /** Cancels the timer; call once the request has finished (successfully or not). */
  clear(): void;
}

/**
 * A deadline on `clock` for one request: its signal aborts `ms` after now, or with `parent`.
 * Unlike AbortSignal.timeout it runs on the injected clock, so tests can make it pass.
 */
export function deadline(clock: Clock, ms: number, what: string, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  const timer = clock.setTimeout(() => controller.abort(new DeadlineError(what, ms)), ms);
  const onParent = () => controller.abort(parent!.reason);
  if (parent?.aborted) onParent();
  else parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clock.clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
}

/** "45 s", "3 min", "1.5 s", "250 ms" */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 10 && !Number.isInteger(s)) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${Math.round(s / 60)} min`;
}

/**
 * Exponential backoff with jitter: attempt 1 waits about `baseMs`, each next one twice as long, up
 * to `maxMs`; the wait is drawn in [half, full] of that so that many clients do not retry together.
 */
export function backoffDelay(attempt: number, o: { baseMs: number; maxMs: number }, random: Random): number {
  const exp = Math.min(o.maxMs, o.baseMs * 2 ** Math.min(Math.max(attempt, 1) - 1, 20));
  return exp / 2 + random() * (exp / 2);
}
