// A SourceSink for adapter tests: applies the SourceSink contract as the inventory does (atomic
// scope replacement, upserts, removals, merged status) and records what was reported.
import type { SourceSink, SourceStatusUpdate } from '@/lib/inventory/types';
import type { Coverage, ModelObject, SourceError } from '@/lib/model';
import type { FakeClock } from '@/lib/util/fake-clock';

type Of<K extends ModelObject['kind']> = Extract<ModelObject, { kind: K }>;

export class TestSink implements SourceSink {
  readonly scopes = new Map<string, Map<string, ModelObject>>();
  /** Every write, in order. */
  readonly log: { op: 'replace' | 'upsert' | 'remove'; scope: string; id?: string; count?: number }[] = [];
  /** Every status update, as sent. */
  readonly updates: SourceStatusUpdate[] = [];
  readonly errors: SourceError[] = [];
  readonly coverage = new Map<string, Coverage>();
  /** The status updates merged, as the inventory merges them. */
  status_: Omit<SourceStatusUpdate, 'coverage' | 'error' | 'clearErrorsFor'> = {};
  /** Completed polls or syncs (a status of ok / degraded / down). */
  polls = 0;
  private waiters: (() => void)[] = [];

  /** `replaceOnly`: a polling adapter (ECS) never upserts or removes; doing so throws. */
  constructor(private readonly opts: { replaceOnly?: boolean } = {}) {}

  replace(scope: string, objects: ModelObject[]): void {
    const byId = new Map(objects.map((o) => [o.id, o]));
    if (byId.size !== objects.length) throw new Error(`replace ${scope}: duplicate object ids`);
    this.scopes.set(scope, byId);
    this.log.push({ op: 'replace', scope, count: objects.length });
    this.notify();
  }
  upsert(scope: string, object: ModelObject): void {
    if (this.opts.replaceOnly) throw new Error('this adapter polls: it never upserts');
    if (!this.scopes.has(scope)) this.scopes.set(scope, new Map());
    this.scopes.get(scope)!.set(object.id, object);
    this.log.push({ op: 'upsert', scope, id: object.id });
    this.notify();
  }
  remove(scope: string, id: string): void {
    if (this.opts.replaceOnly) throw new Error('this adapter polls: it never removes');
    this.scopes.get(scope)?.delete(id);
    this.log.push({ op: 'remove', scope, id });
    this.notify();
  }
  status(update: SourceStatusUpdate): void {
    this.updates.push(update);
    const { coverage, error, clearErrorsFor, ...rest } = update;
    for (const c of coverage ?? []) this.coverage.set(c.kind, c);
    if (error) this.errors.push(error);
    if (clearErrorsFor) {
      for (let i = this.errors.length - 1; i >= 0; i--) if (this.errors[i].operation === clearErrorsFor) this.errors.splice(i, 1);
    }
    this.status_ = { ...this.status_, ...rest };
    if (update.status === 'ok' || update.status === 'degraded' || update.status === 'down') this.polls++;
    this.notify();
  }

  /** The objects of one scope (of every scope without one), optionally of one kind. */
  objects<K extends ModelObject['kind']>(scope?: string, kind?: K): Of<K>[] {
    const maps = scope === undefined ? [...this.scopes.values()] : [this.scopes.get(scope) ?? new Map<string, ModelObject>()];
    const all = maps.flatMap((m) => [...m.values()]);
    return (kind ? all.filter((o) => o.kind === kind) : all) as Of<K>[];
  }
  /** The objects of one kind, whatever scope they came in. */
  of<K extends ModelObject['kind']>(kind: K): Of<K>[] {
    return this.objects(undefined, kind);
  }
  get<T extends ModelObject = ModelObject>(scope: string, id: string): T | undefined {
    return this.scopes.get(scope)?.get(id) as T | undefined;
  }
  /** The scopes replaced, in order. */
  get replaced(): string[] {
    return this.log.filter((l) => l.op === 'replace').map((l) => l.scope);
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves once `pred` holds (checked after every sink call), or rejects after timeoutMs. */
  async until(pred: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; status=${JSON.stringify(this.status_)} errors=${JSON.stringify(this.errors.slice(-3))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Resolves once `n` polls in total have completed. */
  waitForPolls(n: number, timeoutMs = 20_000): Promise<void> {
    return this.until(() => this.polls >= n, timeoutMs, `poll ${n} (have ${this.polls})`);
  }
}

/**
 * A polling adapter on fake time: moves `clock` by `ms` (the poll comes due) and waits for that
 * poll's real I/O to complete. No test waits for a real poll interval.
 */
export async function nextPoll(clock: FakeClock, sink: TestSink, ms: number): Promise<void> {
  const want = sink.polls + 1;
  await clock.advance(ms);
  await sink.waitForPolls(want);
}
