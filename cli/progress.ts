// Progress lines on stderr while the sources do their first sync: one line per change of a source's
// state, "syncing 12/19 kinds" at most once a second per source, the outcome always. Pure (the clock
// and the writer come in).
import type { Source } from '@/lib/model';

/** "k8s/kind-shop: syncing 12/19 kinds", "ecs/prod/us-east-1: ok (230 objects)", "…: down: reason". */
export function progressLine(s: Source): string {
  const p = s.progress;
  const unit = s.platform === 'kubernetes' ? 'kinds' : 'clusters';
  switch (s.status) {
    case 'syncing':
      return `${s.id}: syncing${p && p.total > 0 ? ` ${p.done}/${p.total} ${unit}` : ''}`;
    case 'ok':
      return `${s.id}: ok${p ? ` (${p.objects} objects)` : ''}`;
    default:
      return `${s.id}: ${s.status}${s.reason ? `: ${s.reason}` : ''}`;
  }
}

export interface ProgressPrinterOptions {
  write: (line: string) => void;
  now: () => number;
  /** Least time between two "syncing" lines of one source. Default 1000 ms. */
  minIntervalMs?: number;
}

export class ProgressPrinter {
  private readonly lastSyncingAt = new Map<string, number>();
  private readonly lastLine = new Map<string, string>();

  constructor(private readonly opts: ProgressPrinterOptions) {}

  update(s: Source): void {
    const line = progressLine(s);
    if (this.lastLine.get(s.id) === line) return;
    if (s.status === 'syncing') {
      const at = this.opts.now();
      const last = this.lastSyncingAt.get(s.id);
      if (last !== undefined && at - last < (this.opts.minIntervalMs ?? 1000)) return;
      this.lastSyncingAt.set(s.id, at);
    }
    this.lastLine.set(s.id, line);
    this.opts.write(line);
  }
}
