// What a Kubernetes source tells the inventory, from its loops' events: coverage per kind, health
// (lib/k8s/health.ts), errors, progress, requests outstanding for a while, and when each kind's data
// was last confirmed current. Status updates are rate-limited: watch traffic and confirmations are
// reported at most once a second and every confirmReportMs respectively, not per event.
import type { SourceSink, SourceStatusUpdate } from '@/lib/inventory/types';
import type { Coverage, Source } from '@/lib/model/source';
import { WaitingTracker } from '@/lib/inventory/waiting';
import { toSourceError } from '@/lib/inventory/source-error';
import type { KubeError } from './errors';
import { coverageOf, overallHealth, scopeAfter, type ScopeHealth } from './health';
import { SCOPE_COLLECTION, SCOPES, type ResourceScope } from './kinds';
import type { LoopEvents } from './list-watch';
import type { KubeState } from './state';
import type { Timers } from '@/lib/util/timers';

export interface ReporterOptions {
  sink: SourceSink;
  state: KubeState;
  timers: Timers;
  /** The context's namespace (for the namespace-only reason). */
  namespace?: string;
  /** Requests outstanding longer than this are reported as `waiting`. */
  waitReportMs: number;
  /** How often changed confirmation times are reported. */
  confirmReportMs: number;
  /** The source's health changed (the Cluster object shows it too). */
  onHealth(status: Source['status']): void;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class KubeSourceReporter implements LoopEvents {
  private readonly scopes = new Map<ResourceScope, ScopeHealth>(SCOPES.map((s) => [s, { state: 'pending', count: 0 }]));
  private readonly inflight: WaitingTracker;
  private readonly changedScopes = new Set<ResourceScope>();
  private objects = 0;
  private synced = false;
  private health: Source['status'] = 'syncing';
  private lastFailure?: KubeError;
  private lastChangeEmit = 0;
  private changeTimer = false;
  private confirmDirty = false;

  constructor(private readonly options: ReporterOptions) {
    this.inflight = new WaitingTracker(options.timers.clock, options.waitReportMs, (waiting) => options.sink.status({ waiting }));
    this.scheduleConfirmReport();
  }

  stop(): void {
    this.inflight.stop();
  }

  private get now(): number {
    return this.options.timers.clock.now();
  }

  private scopeHealth(scope: string): ScopeHealth {
    return this.scopes.get(scope as ResourceScope)!;
  }

  private doneCount(): number {
    return [...this.scopes.values()].filter((x) => x.state !== 'pending').length;
  }

  private coverageOf(scope: ResourceScope): Coverage {
    return coverageOf(scope, SCOPE_COLLECTION[scope], this.scopeHealth(scope));
  }

  private emit(extra: SourceStatusUpdate = {}): void {
    const health = overallHealth(this.scopes, { now: this.now, lastFailure: this.lastFailure, namespace: this.options.namespace });
    this.options.sink.status({ status: health.status, reason: health.reason, progress: { done: this.doneCount(), total: SCOPES.length, objects: this.objects }, ...extra });
    if (health.status !== this.health) {
      this.health = health.status;
      this.options.onHealth(health.status);
    }
  }

  private emitScope(scope: ResourceScope, extra: SourceStatusUpdate = {}): void {
    this.emit({ coverage: [this.coverageOf(scope)], ...extra });
  }

  /** Applies one of the pure transitions (health.ts) to a scope; true when its problem changed. */
  private update(scope: string, next: (h: ScopeHealth) => ScopeHealth): boolean {
    const before = this.scopeHealth(scope);
    const after = next(before);
    this.scopes.set(scope as ResourceScope, after);
    return before.problem !== after.problem;
  }

  listed(scope: string, count: number, namespace?: string): void {
    this.update(scope, (h) => scopeAfter.listed(h, count, namespace));
    this.options.sink.status({ clearErrorsFor: `list ${scope}` });
    const allDone = this.doneCount() === SCOPES.length;
    this.emitScope(scope as ResourceScope, allDone ? { lastSyncAt: iso(this.now) } : {});
    if (allDone && !this.synced) {
      this.synced = true;
      this.options.state.resolveEventWorkloads();
    }
  }

  failed(scope: string, err: KubeError, op: 'list' | 'watch', listFailed: boolean, retryInMs: number): void {
    if (!err.throttled) this.lastFailure = err;
    const error = toSourceError(err.code === 'MalformedWatchEvent' ? `decode ${op} ${scope}` : `${op} ${scope}`, err, this.now);
    this.update(scope, (h) => scopeAfter.failed(h, err, { listFailed, retryInMs, now: this.now }));
    this.emitScope(scope as ResourceScope, { error });
  }

  malformed(scope: string, err: Error): void {
    this.options.sink.status({ error: toSourceError(`normalize ${scope}`, { code: 'Malformed', message: err.message }, this.now) });
  }

  pageRead(_scope: string, items: number): void {
    this.objects += items;
    if (!this.synced) this.options.sink.status({ progress: { done: this.doneCount(), total: SCOPES.length, objects: this.objects } });
  }

  changed(scope: string): void {
    this.changedScopes.add(scope as ResourceScope);
    // Throttled: at most one status update per second from watch traffic, the last one trailing.
    if (this.changeTimer) return;
    this.changeTimer = true;
    this.options.timers.after(Math.max(0, 1000 - (this.now - this.lastChangeEmit)), () => this.flushChanges());
  }

  private flushChanges(): void {
    this.changeTimer = false;
    this.lastChangeEmit = this.now;
    const updates: Coverage[] = [];
    for (const scope of this.changedScopes) {
      this.scopes.set(scope, { ...this.scopeHealth(scope), count: this.options.state.count(scope) });
      updates.push(this.coverageOf(scope));
    }
    this.changedScopes.clear();
    this.options.sink.status({ lastChangeAt: iso(this.lastChangeEmit), coverage: updates });
  }

  connected(scope: string): void {
    this.options.sink.status({ clearErrorsFor: `watch ${scope}` });
    if (this.update(scope, scopeAfter.connected)) this.emitScope(scope as ResourceScope);
  }

  confirmed(scope: string, at: number, byWatch: boolean): void {
    this.confirmDirty = true;
    if (this.update(scope, (h) => scopeAfter.confirmed(h, at, byWatch))) this.emitScope(scope as ResourceScope);
  }

  stale(scope: string, since: number, retryInMs: number): void {
    const silent = Math.round((this.now - since) / 1000);
    this.update(scope, (h) => scopeAfter.stale(h, { since, now: this.now, retryInMs }));
    this.emitScope(scope as ResourceScope, {
      error: toSourceError(`watch ${scope} (stalled)`, { code: 'Stale', message: `watch silent (no event or bookmark): data last confirmed ${silent} s ago (${iso(since)}); relisting` }, this.now),
    });
  }

  waiting(scope: string, operation: string | undefined, since?: number): void {
    this.inflight.set(scope, operation, since);
  }

  private scheduleConfirmReport(): void {
    this.options.timers.after(this.options.confirmReportMs, () => {
      if (this.confirmDirty) {
        this.confirmDirty = false;
        this.options.sink.status({ coverage: SCOPES.map((s) => this.coverageOf(s)) });
      }
      this.scheduleConfirmReport();
    });
  }
}
