import { describe, expect, it } from 'vitest';
import { backoffDelay, deadline, DeadlineError, formatDuration } from './clock';
import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('fires timers in time order only when advanced, and lets promise chains run between them', async () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push('b@20'), 20);
    clock.setTimeout(() => {
      seen.push('a@10');
      void Promise.resolve().then(() => clock.setTimeout(() => seen.push('c@15'), 5));
    }, 10);
    const cancelled = clock.setTimeout(() => seen.push('never'), 15);
    clock.clearTimeout(cancelled);
    await clock.advance(9);
    expect(seen).toEqual([]);
    await clock.advance(11);
    expect(seen).toEqual(['a@10', 'c@15', 'b@20']);
    expect(clock.now()).toBe(20);
    expect(clock.size).toBe(0);
  });
});

describe('deadline', () => {
  it('aborts with a DeadlineError on the clock, or with its parent; clear() cancels it', async () => {
    const clock = new FakeClock(0);
    const d = deadline(clock, 1000, 'list pods');
    await clock.advance(999);
    expect(d.signal.aborted).toBe(false);
    await clock.advance(1);
    expect(d.signal.reason).toBeInstanceOf(DeadlineError);
    expect((d.signal.reason as Error).message).toBe('list pods timed out after 1 s');

    const parent = new AbortController();
    const p = deadline(clock, 1000, 'x', parent.signal);
    parent.abort(new Error('stopped'));
    expect((p.signal.reason as Error).message).toBe('stopped');

    const c = deadline(clock, 1000, 'y');
    c.clear();
    await clock.advance(2000);
    expect(c.signal.aborted).toBe(false);
  });
});

describe('backoffDelay and formatDuration', () => {
  it('doubles from base to max, drawn in [half, full]', () => {
    const o = { baseMs: 500, maxMs: 30_000 };
    expect([1, 2, 3, 4, 7, 8, 30].map((n) => backoffDelay(n, o, () => 0))).toEqual([250, 500, 1000, 2000, 15_000, 15_000, 15_000]);
    expect(backoffDelay(1, o, () => 0.999_999)).toBeCloseTo(500, 0);
  });
  it('says durations the way the status does', () => {
    expect([250, 1500, 20_000, 45_000, 180_000].map(formatDuration)).toEqual(['250 ms', '1.5 s', '20 s', '45 s', '3 min']);
  });
});
