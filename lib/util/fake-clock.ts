// A Clock whose time only moves when a test says so. Timers fire in time order during advance(),
// with the event loop turned between them so that promise chains and real I/O callbacks (an
// aborted fetch rejecting, a socket closing) run as they would between real timer ticks.
import type { Clock, ClockTimer } from './clock';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly pending = new Map<ClockTimer, Pending>();

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    const handle: ClockTimer = {};
    this.pending.set(handle, { at: this.t + Math.max(0, ms), seq: this.seq++, fn });
    return handle;
  }

  clearTimeout(timer: ClockTimer): void {
    this.pending.delete(timer);
  }

  /** Timers waiting to fire. */
  get size(): number {
    return this.pending.size;
  }

  /** When the waiting timers come due (ms since the epoch), soonest first. */
  get dueAt(): number[] {
    return [...this.pending.values()].map((p) => p.at).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, firing every timer that comes due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await turn();
    for (;;) {
      const next = this.nextDue(end);
      if (!next) break;
      this.pending.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
      await turn();
    }
    this.t = end;
    await turn();
  }

  private nextDue(end: number): [ClockTimer, Pending] | undefined {
    let best: [ClockTimer, Pending] | undefined;
    for (const entry of this.pending) {
      const p = entry[1];
      if (p.at > end) continue;
      if (!best || p.at < best[1].at || (p.at === best[1].at && p.seq < best[1].seq)) best = entry;
    }
    return best;
  }
}
