import { describe, expect, it } from 'vitest';
import { Limiter, LimiterClosedError, RateGate } from './limiter';
import { FakeClock } from './fake-clock';

/** A task the test finishes when it wants (no timers). */
function deferred() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => { finish = resolve; });
  return { done, finish };
}
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Limiter', () => {
  it('runs at most `max` tasks at once, the rest in FIFO order as slots free up', async () => {
    const limiter = new Limiter(2);
    const tasks = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const all = Promise.all(tasks.map((t, i) => limiter.run(async () => { started.push(i); await t.done; return i; })));
    await turn();
    expect([started, limiter.running, limiter.queued]).toEqual([[0, 1], 2, 3]);
    tasks[1].finish();
    await turn();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.running).toBe(2);
    for (const t of tasks) t.finish();
    expect(await all).toEqual([0, 1, 2, 3, 4]);
    expect([limiter.running, limiter.queued]).toEqual([0, 0]);
  });

  it('close() ends the waiting tasks with LimiterClosedError; running ones finish; later runs are refused', async () => {
    const limiter = new Limiter(1);
    const first = deferred();
    const running = limiter.run(async () => { await first.done; return 'ran'; });
    let waitingRan = false;
    const waiting = limiter.run(async () => { waitingRan = true; });
    await turn();
    limiter.close();
    await expect(waiting).rejects.toBeInstanceOf(LimiterClosedError);
    first.finish();
    await expect(running).resolves.toBe('ran');
    expect(waitingRan).toBe(false);
    await expect(limiter.run(async () => 1)).rejects.toBeInstanceOf(LimiterClosedError);
  });

  it('a failing task frees its slot', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });
});

describe('RateGate', () => {
  it('spaces calls 1000 / perSecond ms apart, in order, and an aborted waiter returns at once', async () => {
    const clock = new FakeClock(0);
    const gate = new RateGate(clock, 4);
    const passed: [number, number][] = [];
    const abort = new AbortController();
    const waits = [0, 1, 2].map((i) => gate.wait(i === 2 ? abort.signal : undefined).then((ok) => { if (ok) passed.push([i, clock.now()]); return ok; }));
    await clock.advance(0);
    expect(passed).toEqual([[0, 0]]);
    abort.abort();
    expect(await waits[2]).toBe(false);
    await clock.advance(250);
    expect(passed).toEqual([[0, 0], [1, 250]]);
    expect(clock.size).toBe(0);
    // Later callers queue behind the slots already handed out (the aborted one's included).
    const late = gate.wait();
    await clock.advance(499);
    expect(passed.length).toBe(2);
    await clock.advance(1);
    expect(await late).toBe(true);
    expect(clock.now()).toBe(750);
  });
});
