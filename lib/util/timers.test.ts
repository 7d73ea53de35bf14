import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock';
import { after, Timers } from './timers';

describe('Timers', () => {
  it('runs callbacks on the clock; a cancelled one never runs; stop() cancels the rest and aborts the signal', async () => {
    const clock = new FakeClock(0);
    const timers = new Timers(clock);
    const seen: string[] = [];
    timers.after(10, () => seen.push('a'));
    const cancel = timers.after(20, () => seen.push('cancelled'));
    timers.after(30, () => seen.push('stopped'));
    cancel();
    await clock.advance(25);
    expect(seen).toEqual(['a']);
    timers.stop();
    expect(timers.signal.aborted).toBe(true);
    expect(clock.size).toBe(0);
    timers.after(1, () => seen.push('after stop'));
    await clock.advance(100);
    expect(seen).toEqual(['a']);
  });

  it('after() is one cancellable timer', async () => {
    const clock = new FakeClock(0);
    const seen: number[] = [];
    after(clock, 5, () => seen.push(clock.now()));
    after(clock, 6, () => seen.push(-1))();
    await clock.advance(10);
    expect(seen).toEqual([5]);
  });
});
