// A SourceSink that records what an adapter reports, for tests.
import type { SourceSink, SourceStatusUpdate } from '@/lib/inventory/types';
import type { Coverage, ModelObject, SourceError } from '@/lib/model';

export class RecordingSink implements SourceSink {
  readonly scopes = new Map<string, ModelObject[]>();
  readonly updates: SourceStatusUpdate[] = [];
  readonly errors: SourceError[] = [];
  readonly replaced: string[] = [];
  coverage = new Map<string, Coverage>();
  status_: SourceStatusUpdate['status'];
  reason?: string;
  /** Completed polls (a status of ok / degraded / down). */
  polls = 0;
  private waiters: { n: number; resolve: () => void }[] = [];

  replace(scope: string, objects: ModelObject[]): void {
    this.scopes.set(scope, objects);
    this.replaced.push(scope);
  }
  upsert(): void { throw new Error('the ECS adapter polls: it never upserts'); }
  remove(): void { throw new Error('the ECS adapter polls: it never removes'); }
  status(u: SourceStatusUpdate): void {
    this.updates.push(u);
    if (u.error) this.errors.push(u.error);
    for (const c of u.coverage ?? []) this.coverage.set(c.kind, c);
    if (u.status) { this.status_ = u.status; this.reason = u.reason; }
    if (u.status === 'ok' || u.status === 'degraded' || u.status === 'down') {
      this.polls++;
      this.waiters = this.waiters.filter((w) => (this.polls >= w.n ? (w.resolve(), false) : true));
    }
  }
  objects(): ModelObject[] { return [...this.scopes.values()].flat(); }
  of<K extends ModelObject['kind']>(kind: K): Extract<ModelObject, { kind: K }>[] {
    return this.objects().filter((o): o is Extract<ModelObject, { kind: K }> => o.kind === kind);
  }
  /** Resolves once `n` polls in total have completed. */
  waitForPolls(n: number, timeoutMs = 20_000): Promise<void> {
    if (this.polls >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out waiting for poll ${n} (have ${this.polls}); last status ${this.status_} ${this.reason ?? ''}`)), timeoutMs);
      this.waiters.push({ n, resolve: () => { clearTimeout(t); resolve(); } });
    });
  }
}
