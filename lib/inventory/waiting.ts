// Requests an adapter is waiting on, reported once they are outstanding for `reportAfterMs`, so a
// source says what it waits for ("waiting for list pods (45 s)") instead of sitting silent.
// Checked every reportAfterMs while any request is outstanding; reported only when the list changes.
import type { Waiting } from '@/lib/model/source';
import type { Clock } from '@/lib/util/clock';
import { after } from '@/lib/util/timers';

export class WaitingTracker {
  private readonly entries = new Map<string, { operation: string; since: number }>();
  private cancelTimer?: () => void;
  private reported = '[]';
  private seq = 0;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly reportAfterMs: number,
    private readonly report: (waiting: Waiting[]) => void,
  ) {}

  /** One request started; call the returned function when it ends (whichever way). */
  start(operation: string): () => void {
    const key = `#${this.seq++}`;
    this.set(key, operation);
    return () => this.set(key, undefined);
  }

  /** The request under `key` (one at a time per key) started at `since`, or ended (undefined). */
  set(key: string, operation: string | undefined, since = this.clock.now()): void {
    if (operation === undefined) {
      if (!this.entries.delete(key)) return;
      if (this.reported !== '[]') this.check();
      return;
    }
    this.entries.set(key, { operation, since });
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private arm(): void {
    if (this.cancelTimer || this.stopped) return;
    this.cancelTimer = after(this.clock, this.reportAfterMs, () => {
      this.cancelTimer = undefined;
      this.check();
      if (this.entries.size) this.arm();
    });
  }

  private check(): void {
    const now = this.clock.now();
    const waiting = [...this.entries.values()]
      .filter((w) => now - w.since >= this.reportAfterMs)
      .sort((a, b) => a.since - b.since)
      .map((w) => ({ operation: w.operation, since: new Date(w.since).toISOString() }));
    const text = JSON.stringify(waiting);
    if (text === this.reported || this.stopped) return;
    this.reported = text;
    this.report(waiting);
  }
}
