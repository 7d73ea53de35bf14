// List + watch for one resource, with the protocol's rules:
// - lists are paged (limit/continue); the scope is replaced only once every page is in;
// - a 410 on a continue token means the snapshot expired: the list restarts from the beginning;
// - the watch starts at the list's resourceVersion with allowWatchBookmarks; bookmarks and events
//   advance it; resourceVersion is opaque and only ever echoed back;
// - a watch that ends normally (server timeout) resumes from the last resourceVersion;
// - a 410 (HTTP status, or an ERROR event carrying a Status with code 410) means that version is gone
//   from the watch cache: relist. A 410 again right after a relist is not compaction but a broken
//   server or proxy: those relists back off (with jitter) like any failure and are reported;
// - a line that cannot be decoded ends the watch and relists (the event it held is lost), as
//   client-go's reflector does;
// - every request has a deadline on the injected clock: a list page and a watch's connect must be
//   answered in time or are aborted (the list slot is freed);
// - with bookmarks requested the server sends something at least every bookmark interval (about a
//   minute on a real API server), so a connected watch silent for longer than that plus slack is
//   stalled: the scope is reported stale and relisted;
// - other failures reconnect with exponential backoff and jitter; Retry-After (429) is honoured.
import { DeadlineError, backoffDelay, deadline, type Random } from '@/lib/util/clock';
import { classifyError, httpError, KubeError } from './errors';
import { collectionPath, idOf, type KindSpec } from './kinds';
import type { ListPage, ListPager } from './list-page';
import type { KubeState } from './state';
import type { NormalizeContext } from './normalize/common';
import { LimiterClosedError, type Limiter } from '@/lib/util/limiter';
import type { Timers } from '@/lib/util/timers';
import type { OpenWatch, WatchHandlers } from './watch-stream';

export interface LoopEvents {
  /** A complete list replaced the scope; `namespace` when only that namespace could be listed. */
  listed(scope: string, count: number, namespace?: string): void;
  /** The list or the watch failed and is retried in `retryInMs`; `listFailed` when the scope was never listed. */
  failed(scope: string, err: KubeError, op: 'list' | 'watch', listFailed: boolean, retryInMs: number): void;
  /** An object could not be normalized: skipped. */
  malformed(scope: string, err: Error): void;
  /** Objects read by list pages so far (progress). */
  pageRead(scope: string, items: number): void;
  /** A watch event changed the state. */
  changed(scope: string): void;
  /** The watch is (re)connected (the server answered 200). */
  connected(scope: string): void;
  /** The scope was confirmed current at `at` (clock ms): by a complete list, or by a watch event, bookmark or clean end. */
  confirmed(scope: string, at: number, byWatch: boolean): void;
  /** The connected watch sent nothing since `since`: it was dropped; the kind is relisted in `retryInMs`. */
  stale(scope: string, since: number, retryInMs: number): void;
  /** A request of this scope started (`operation`, at `since`), or the last one ended (undefined). */
  waiting(scope: string, operation: string | undefined, since?: number): void;
}

export type WatchOpener = (req: { path: string; params: Record<string, string | number | boolean | undefined> }, h: WatchHandlers) => OpenWatch;

export interface KindLoopOptions {
  spec: KindSpec;
  /** Reads one list page as plain JSON (list-page.ts). */
  listPage: ListPager;
  openWatch: WatchOpener;
  state: KubeState;
  ctx: NormalizeContext;
  pageSize: number;
  server: string;
  events: LoopEvents;
  limiter: Limiter;
  /** On the source's clock; cancelled on stop. */
  timers: Timers;
  random: Random;
  /** Deadline of each list page request. */
  requestTimeoutMs: number;
  /** Server-side watch timeout (seconds); jittered so that watches do not all end together. */
  watchTimeoutSeconds: number;
  /** A connected watch with no event or bookmark for this long is stale. */
  staleAfterMs: number;
  backoff: { baseMs: number; maxMs: number };
  /** The context's namespace: listed alone when the cluster-wide list is forbidden (namespace-scoped RBAC). */
  fallbackNamespace?: string;
}

export class KindLoop {
  /** Where the watch resumes: the list's, then the last event's or bookmark's (opaque, only echoed back). */
  private resourceVersion?: string;
  private generation = 0;
  private watch?: OpenWatch;
  /** Consecutive failures: the exponent of the backoff. */
  private failures = 0;
  /** Relists forced by the watch (410, undecodable line, stall) with no working watch in between. */
  private forcedRelists = 0;
  private stopped = false;
  private listedOnce = false;
  private watchStartedAt = 0;
  private confirmedAt = 0;
  private cancelStaleCheck?: () => void;
  /** Set once the cluster-wide list was forbidden and the fallback namespace is used instead. */
  private namespace?: string;

  constructor(private readonly options: KindLoopOptions) {}

  /** Lists, then watches. Resolves after the first list attempt (successful or not). */
  async start(): Promise<void> {
    await this.listThenWatch();
  }

  stop(): void {
    this.stopped = true;
    this.endWatch();
  }

  private get scope(): string {
    return this.options.spec.scope;
  }

  private now(): number {
    return this.options.timers.clock.now();
  }

  private async listThenWatch(): Promise<void> {
    if (this.stopped) return;
    let ok = false;
    try {
      await this.options.limiter.run(async () => {
        if (this.stopped) return;
        try {
          await this.list();
          ok = true;
        } catch (err) {
          if (this.stopped) return;
          const failure = classifyError(err, this.options.server, this.options.timers.clock);
          // Namespace-scoped RBAC: a 403 on the cluster-wide list, but the context names a namespace.
          if (failure.status === 403 && !this.namespace && this.options.spec.namespaced && this.options.fallbackNamespace) {
            this.namespace = this.options.fallbackNamespace;
            this.options.timers.after(0, () => void this.listThenWatch());
            return;
          }
          // The next attempt tries the cluster-wide list again first.
          if (!this.listedOnce) this.namespace = undefined;
          const delay = this.nextDelay(failure);
          this.options.events.failed(this.scope, failure, 'list', !this.listedOnce, delay);
          this.options.timers.after(delay, () => void this.listThenWatch());
        } finally {
          this.options.events.waiting(this.scope, undefined);
        }
      });
    } catch (err) {
      // Stopped while waiting for a slot.
      if (err instanceof LimiterClosedError) return;
      throw err;
    }
    if (ok && !this.stopped) this.startWatch();
  }

  private async page(continueToken: string | undefined): Promise<ListPage> {
    const what = `list ${this.scope}`;
    this.options.events.waiting(this.scope, what, this.now());
    const pageDeadline = deadline(this.options.timers.clock, this.options.requestTimeoutMs, what, this.options.timers.signal);
    try {
      const path = collectionPath(this.options.spec, this.namespace);
      return await this.options.listPage({ path, limit: this.options.pageSize, ...(continueToken ? { continue: continueToken } : {}) }, pageDeadline.signal);
    } catch (err) {
      // fetch reports an abort as its own error: the deadline is the cause worth telling.
      if (pageDeadline.signal.reason instanceof DeadlineError) throw pageDeadline.signal.reason;
      throw err;
    } finally {
      pageDeadline.clear();
    }
  }

  private async list(): Promise<void> {
    const { spec, ctx, state, events } = this.options;
    const entries = [];
    let continueToken: string | undefined;
    let listVersion: string | undefined;
    let restarts = 0;
    for (;;) {
      if (this.stopped) return;
      let page;
      try {
        page = await this.page(continueToken);
      } catch (err) {
        const e = classifyError(err, this.options.server, this.options.timers.clock);
        // The continue token's snapshot was compacted away: only a fresh list is consistent.
        if (e.expired && continueToken && restarts < 5) {
          restarts++;
          entries.length = 0;
          continueToken = undefined;
          continue;
        }
        throw e;
      }
      for (const raw of page.items ?? []) {
        try {
          entries.push(spec.normalize(ctx, raw, state));
        } catch (err) {
          events.malformed(spec.scope, err as Error);
        }
      }
      events.pageRead(spec.scope, page.items?.length ?? 0);
      listVersion = page.metadata?.resourceVersion;
      continueToken = page.metadata?.continue || undefined;
      if (!continueToken) break;
    }
    if (this.stopped) return;
    state.replaceScope(spec.scope, entries);
    this.resourceVersion = listVersion;
    this.listedOnce = true;
    this.failures = 0;
    events.listed(spec.scope, entries.length, this.namespace);
    this.confirm(false);
  }

  private startWatch(): void {
    if (this.stopped) return;
    const generation = ++this.generation;
    const timeoutSeconds = Math.round(this.options.watchTimeoutSeconds * (0.8 + this.options.random() * 0.4));
    this.watchStartedAt = this.now();
    this.options.events.waiting(this.scope, `watch ${this.scope}`, this.watchStartedAt);
    this.watch = this.options.openWatch(
      { path: collectionPath(this.options.spec, this.namespace), params: { allowWatchBookmarks: true, timeoutSeconds, resourceVersion: this.resourceVersion } },
      {
        connected: () => {
          if (generation !== this.generation || this.stopped) return;
          this.options.events.waiting(this.scope, undefined);
          this.options.events.connected(this.scope);
          this.scheduleStaleCheck(generation);
        },
        event: (type, obj) => this.onEvent(generation, type, obj),
        done: (err) => this.onDone(generation, err),
      },
    );
  }

  private endWatch(): void {
    this.generation++;
    this.watch?.abort();
    this.watch = undefined;
    this.cancelStaleCheck?.();
    this.cancelStaleCheck = undefined;
  }

  private confirm(byWatch: boolean): void {
    this.confirmedAt = this.now();
    this.options.events.confirmed(this.scope, this.confirmedAt, byWatch);
  }

  /** Checks for silence lazily: one timer per stale period, not one per event. */
  private scheduleStaleCheck(generation: number): void {
    const due = Math.max(this.confirmedAt, this.watchStartedAt) + this.options.staleAfterMs;
    this.cancelStaleCheck = this.options.timers.after(Math.max(0, due - this.now()), () => {
      if (generation !== this.generation || this.stopped) return;
      const since = Math.max(this.confirmedAt, this.watchStartedAt);
      if (this.now() - since < this.options.staleAfterMs) {
        this.scheduleStaleCheck(generation);
        return;
      }
      this.endWatch();
      this.options.events.waiting(this.scope, undefined);
      const delay = this.forcedRelistDelay();
      this.options.events.stale(this.scope, this.confirmedAt, delay);
      this.relistAfter(delay);
    });
  }

  private onEvent(generation: number, type: string, obj: unknown): void {
    if (generation !== this.generation || this.stopped) return;
    const { spec, ctx, state, events } = this.options;
    const eventVersion = (obj as { metadata?: { resourceVersion?: string } } | undefined)?.metadata?.resourceVersion;
    if (type === 'ERROR') {
      const code = typeof (obj as { code?: unknown }).code === 'number' ? (obj as { code: number }).code : 500;
      this.endWatch();
      this.onDone(this.generation, httpError(code, obj, this.options.server), true);
      return;
    }
    if (type !== 'BOOKMARK' && type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return;
    if (eventVersion) this.resourceVersion = eventVersion;
    // Anything the server sends shows the watch works: failures and forced relists start over.
    this.failures = 0;
    this.forcedRelists = 0;
    this.confirm(true);
    if (type === 'BOOKMARK') return;
    try {
      if (type === 'DELETED') state.remove(spec.scope, idOf(ctx, spec.kind, obj));
      else state.upsert(spec.scope, spec.normalize(ctx, obj, state));
      events.changed(spec.scope);
    } catch (err) {
      events.malformed(spec.scope, err as Error);
    }
  }

  private onDone(generation: number, err?: KubeError, fromEvent = false): void {
    if (generation !== this.generation || this.stopped) return;
    if (!fromEvent) this.endWatch();
    this.options.events.waiting(this.scope, undefined);
    // The watch's version is gone (410), or an event was lost (undecodable line): only a list is whole.
    if (err?.expired || err?.code === 'MalformedWatchEvent') {
      this.resourceVersion = undefined;
      const delay = this.forcedRelistDelay();
      // One 410 is ordinary compaction; a second in a row, or any lost event, is a fault to show.
      if (err.code === 'MalformedWatchEvent' || this.forcedRelists > 1) {
        const shown = err.expired
          ? new KubeError(`410 Gone: the watch expired ${this.forcedRelists} times in a row (${err.message})`, err.opts)
          : err;
        this.options.events.failed(this.scope, shown, 'watch', false, delay);
      }
      this.relistAfter(delay);
      return;
    }
    if (err) {
      const delay = this.nextDelay(err);
      this.options.events.failed(this.scope, err, 'watch', false, delay);
      this.options.timers.after(delay, () => this.startWatch());
      return;
    }
    // A clean end (the server's timeoutSeconds): everything up to now was delivered.
    this.confirm(true);
    // A watch that ends at once, again and again, must not spin.
    if (this.now() - this.watchStartedAt < 1000) {
      this.options.timers.after(this.nextDelay(), () => this.startWatch());
      return;
    }
    this.startWatch();
  }

  private relistAfter(delay: number): void {
    if (delay <= 0) void this.listThenWatch();
    else this.options.timers.after(delay, () => void this.listThenWatch());
  }

  /** The first forced relist is immediate; the next ones back off, since the server keeps failing us. */
  private forcedRelistDelay(): number {
    this.forcedRelists++;
    return this.forcedRelists === 1 ? 0 : backoffDelay(this.forcedRelists - 1, this.options.backoff, this.options.random);
  }

  private nextDelay(err?: KubeError): number {
    this.failures++;
    const { maxMs } = this.options.backoff;
    let delay = backoffDelay(this.failures, this.options.backoff, this.options.random);
    // Permissions and served API versions rarely change quickly: retry those at the slow end.
    if (err?.status === 403 || err?.status === 404) delay = Math.max(delay, maxMs / 2);
    if (err?.opts.retryAfterMs !== undefined) delay = Math.max(delay, err.opts.retryAfterMs);
    return delay;
  }
}
