// What a Kubernetes source tells the inventory, from its loops' events: coverage per kind, health
// (lib/k8s/health.ts), errors, progress, requests outstanding for a while, and when each kind's data
// was last confirmed current. Status updates are rate-limited: watch traffic and confirmations are
// reported at most once a second and every confirmReportMs respectively, not per event.
import type { SourceSink, SourceStatusUpdate } from '@/lib/inventory/types';
import type { Coverage, Source } from '@/lib/model/source';
import { WaitingTracker } from '@/lib/inventory/waiting';
import type { KubeError } from './errors';
import { coverageOf, overallHealth, type ScopeHealth } from './health';
import { SCOPE_COLLECTION, SCOPES, type ResourceScope } from './kinds';
import { retryText, type LoopEvents } from './list-watch';
import type { KubeState } from './state';
import type { Timers } from './runtime';

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

  constructor(private readonly o: ReporterOptions) {
    this.inflight = new WaitingTracker(o.timers.clock, o.waitReportMs, (waiting) => o.sink.status({ waiting }));
    this.scheduleConfirmReport();
  }

  stop(): void {
    this.inflight.stop();
  }

  private get now(): number {
    return this.o.timers.clock.now();
  }

  private h(scope: string): ScopeHealth {
    return this.scopes.get(scope as ResourceScope)!;
  }

  private doneCount(): number {
    return [...this.scopes.values()].filter((x) => x.state !== 'pending').length;
  }

  private cov(scope: ResourceScope): Coverage {
    return coverageOf(scope, SCOPE_COLLECTION[scope], this.h(scope));
  }

  private emit(extra: SourceStatusUpdate = {}): void {
    const o = overallHealth(this.scopes, { now: this.now, lastFailure: this.lastFailure, namespace: this.o.namespace });
    this.o.sink.status({ status: o.status, reason: o.reason, progress: { done: this.doneCount(), total: SCOPES.length, objects: this.objects }, ...extra });
    if (o.status !== this.health) {
      this.health = o.status;
      this.o.onHealth(o.status);
    }
  }

  private emitScope(scope: ResourceScope, extra: SourceStatusUpdate = {}): void {
    this.emit({ coverage: [this.cov(scope)], ...extra });
  }

  private error(op: string, err: KubeError): SourceStatusUpdate['error'] {
    return { operation: op, ...(err.status !== undefined ? { status: err.status } : {}), ...(err.code ? { code: err.code } : {}), message: err.message, at: iso(this.now) };
  }

  listed(scope: string, count: number, namespace?: string): void {
    const h = this.h(scope);
    h.state = 'ok';
    h.count = count;
    h.message = namespace ? `namespace "${namespace}" only: listing all namespaces is forbidden` : undefined;
    h.namespaceOnly = !!namespace;
    // A list answered: the server is reachable and not throttling this kind any more.
    if (h.problem?.kind === 'reconnecting' || h.problem?.kind === 'throttled') h.problem = undefined;
    this.o.sink.status({ clearErrorsFor: `list ${scope}` });
    const allDone = this.doneCount() === SCOPES.length;
    this.emitScope(scope as ResourceScope, allDone ? { lastSyncAt: iso(this.now) } : {});
    if (allDone && !this.synced) {
      this.synced = true;
      this.o.state.resolveEventWorkloads();
    }
  }

  failed(scope: string, err: KubeError, op: 'list' | 'watch', listFailed: boolean, retryInMs: number): void {
    const h = this.h(scope);
    const retryAt = this.now + retryInMs;
    if (!err.throttled) this.lastFailure = err;
    const error = this.error(err.code === 'MalformedWatchEvent' ? `decode ${op} ${scope}` : `${op} ${scope}`, err);
    if (err.throttled) {
      h.problem = { kind: 'throttled', message: `${err.message}; ${retryText(retryInMs)}`, retryAt };
      // Never read yet: not "not covered", just not read yet.
      if (listFailed) h.message = `throttled, ${retryText(retryInMs)}`;
    } else if (listFailed) {
      h.state = err.status === 403 ? 'forbidden' : 'error';
      h.count = 0;
      h.message = err.message;
      h.problem = undefined;
    } else {
      const kind = err.code === 'MalformedWatchEvent' ? 'malformed' : err.expired ? 'expired' : 'reconnecting';
      h.problem = { kind, message: `${err.message}; ${retryText(retryInMs)}`, retryAt };
    }
    this.emitScope(scope as ResourceScope, { error });
  }

  malformed(scope: string, err: Error): void {
    this.o.sink.status({ error: { operation: `normalize ${scope}`, code: 'Malformed', message: err.message, at: iso(this.now) } });
  }

  pageRead(_scope: string, items: number): void {
    this.objects += items;
    if (!this.synced) this.o.sink.status({ progress: { done: this.doneCount(), total: SCOPES.length, objects: this.objects } });
  }

  changed(scope: string): void {
    this.changedScopes.add(scope as ResourceScope);
    // Throttled: at most one status update per second from watch traffic, the last one trailing.
    if (this.changeTimer) return;
    this.changeTimer = true;
    this.o.timers.after(Math.max(0, 1000 - (this.now - this.lastChangeEmit)), () => this.flushChanges());
  }

  private flushChanges(): void {
    this.changeTimer = false;
    this.lastChangeEmit = this.now;
    const updates: Coverage[] = [];
    for (const scope of this.changedScopes) {
      this.h(scope).count = this.o.state.count(scope);
      updates.push(this.cov(scope));
    }
    this.changedScopes.clear();
    this.o.sink.status({ lastChangeAt: iso(this.lastChangeEmit), coverage: updates });
  }

  connected(scope: string): void {
    const h = this.h(scope);
    this.o.sink.status({ clearErrorsFor: `watch ${scope}` });
    if (h.problem?.kind === 'reconnecting' || h.problem?.kind === 'throttled') {
      h.problem = undefined;
      this.emitScope(scope as ResourceScope);
    }
  }

  confirmed(scope: string, at: number, byWatch: boolean): void {
    const h = this.h(scope);
    h.confirmedAt = at;
    this.confirmDirty = true;
    // Expired, undecodable or stalled watches are over once a watch delivers again.
    if (byWatch && h.problem) {
      h.problem = undefined;
      this.emitScope(scope as ResourceScope);
    }
  }

  stale(scope: string, since: number, retryInMs: number): void {
    const h = this.h(scope);
    const silent = Math.round((this.now - since) / 1000);
    h.problem = { kind: 'stale', message: `watch silent, data last confirmed ${silent} s ago; relisting, ${retryText(retryInMs)}`, retryAt: this.now + retryInMs };
    this.emitScope(scope as ResourceScope, {
      error: { operation: `watch ${scope} (stalled)`, code: 'Stale', message: `watch silent (no event or bookmark): data last confirmed ${silent} s ago (${iso(since)}); relisting`, at: iso(this.now) },
    });
  }

  waiting(scope: string, operation: string | undefined, since?: number): void {
    this.inflight.set(scope, operation, since);
  }

  private scheduleConfirmReport(): void {
    this.o.timers.after(this.o.confirmReportMs, () => {
      if (this.confirmDirty) {
        this.confirmDirty = false;
        this.o.sink.status({ coverage: SCOPES.map((s) => this.cov(s)) });
      }
      this.scheduleConfirmReport();
    });
  }
}
