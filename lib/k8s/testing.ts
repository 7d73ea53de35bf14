// Test helpers: an in-memory SourceSink that applies the SourceSink contract (atomic scope
// replacement, upserts, removals, merged status), and a fixture loader.
import fs from 'node:fs';
import path from 'node:path';
import type { SourceSink, SourceStatusUpdate } from '@/lib/inventory/types';
import type { Coverage, ModelObject, SourceError } from '@/lib/model';

export class MemorySink implements SourceSink {
  readonly scopes = new Map<string, Map<string, ModelObject>>();
  readonly log: { op: 'replace' | 'upsert' | 'remove'; scope: string; id?: string; count?: number }[] = [];
  readonly errors: SourceError[] = [];
  readonly coverage = new Map<string, Coverage>();
  status_: Omit<SourceStatusUpdate, 'coverage' | 'error' | 'clearErrorsFor'> = {};
  private waiters: (() => void)[] = [];

  replace(scope: string, objects: ModelObject[]): void {
    this.scopes.set(scope, new Map(objects.map((o) => [o.id, o])));
    this.log.push({ op: 'replace', scope, count: objects.length });
    this.notify();
  }
  upsert(scope: string, object: ModelObject): void {
    if (!this.scopes.has(scope)) this.scopes.set(scope, new Map());
    this.scopes.get(scope)!.set(object.id, object);
    this.log.push({ op: 'upsert', scope, id: object.id });
    this.notify();
  }
  remove(scope: string, id: string): void {
    this.scopes.get(scope)?.delete(id);
    this.log.push({ op: 'remove', scope, id });
    this.notify();
  }
  status(update: SourceStatusUpdate): void {
    const { coverage, error, clearErrorsFor, ...rest } = update;
    for (const c of coverage ?? []) this.coverage.set(c.kind, c);
    if (error) this.errors.push(error);
    if (clearErrorsFor) {
      for (let i = this.errors.length - 1; i >= 0; i--) if (this.errors[i].operation === clearErrorsFor) this.errors.splice(i, 1);
    }
    this.status_ = { ...this.status_, ...rest };
    this.notify();
  }

  objects<K extends ModelObject['kind']>(scope: string, kind?: K): Extract<ModelObject, { kind: K }>[] {
    const all = [...(this.scopes.get(scope)?.values() ?? [])];
    return (kind ? all.filter((o) => o.kind === kind) : all) as Extract<ModelObject, { kind: K }>[];
  }
  get<T extends ModelObject = ModelObject>(scope: string, id: string): T | undefined {
    return this.scopes.get(scope)?.get(id) as T | undefined;
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
}

const FIXTURES = path.join(__dirname, 'fixtures');

// Fixtures are JSON as `kubectl get -o json` prints it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fixture(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
}
