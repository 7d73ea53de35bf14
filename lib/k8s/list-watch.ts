// List + watch for one resource, with the protocol's rules:
// - lists are paged (limit/continue); the scope is replaced only once every page is in;
// - a 410 on a continue token means the snapshot expired: the list restarts from the beginning;
// - the watch starts at the list's resourceVersion with allowWatchBookmarks; bookmarks and events
//   advance it; resourceVersion is opaque and only ever echoed back;
// - a watch that ends normally (server timeout) resumes from the last resourceVersion;
// - a 410 (HTTP status, or an ERROR event carrying a Status with code 410) means that version is gone
//   from the watch cache: relist;
// - other failures reconnect with exponential backoff and jitter; 429 honours Retry-After.
import type { Watch } from '@kubernetes/client-node';
import { classifyError, httpError, KubeError } from './errors';
import { idOf, watchPath, type Apis, type KindSpec, type RequestOptions } from './kinds';
import type { KubeState } from './state';
import type { NormalizeContext } from './normalize/common';
import { abortOptions, type Limiter, type Timers } from './runtime';

export interface LoopEvents {
  /** A complete list replaced the scope; `namespace` when only that namespace could be listed. */
  listed(scope: string, count: number, namespace?: string): void;
  /** The list or the watch failed; `listFailed` when the scope could not be listed. */
  failed(scope: string, err: KubeError, op: 'list' | 'watch', listFailed: boolean): void;
  /** An object could not be normalized: skipped. */
  malformed(scope: string, err: Error): void;
  /** Objects read by list pages so far (progress). */
  pageRead(scope: string, items: number): void;
  /** A watch event changed the state. */
  changed(scope: string): void;
  /** The watch is (re)connected (the server answered 200). */
  connected(scope: string): void;
}

export interface KindLoopOptions {
  spec: KindSpec;
  apis: Apis;
  watch: Watch;
  state: KubeState;
  ctx: NormalizeContext;
  pageSize: number;
  server: string;
  events: LoopEvents;
  limiter: Limiter;
  timers: Timers;
  /** Per list request timeout. */
  requestTimeoutMs: number;
  /** Server-side watch timeout (seconds); jittered so that watches do not all end together. */
  watchTimeoutSeconds: number;
  backoff: { baseMs: number; maxMs: number };
  /** The context's namespace: listed alone when the cluster-wide list is forbidden (namespace-scoped RBAC). */
  fallbackNamespace?: string;
}

export class KindLoop {
  private rv?: string;
  private generation = 0;
  private controller?: AbortController;
  private failures = 0;
  private stopped = false;
  private listedOnce = false;
  private expired = false;
  private watchStartedAt = 0;
  /** Set once the cluster-wide list was forbidden and the fallback namespace is used instead. */
  private namespace?: string;

  constructor(private readonly o: KindLoopOptions) {}

  /** Lists, then watches. Resolves after the first list attempt (successful or not). */
  async start(): Promise<void> {
    await this.listThenWatch();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.controller?.abort();
    this.controller = undefined;
  }

  private requestOptions(): RequestOptions {
    const signal = AbortSignal.any([this.o.timers.signal, AbortSignal.timeout(this.o.requestTimeoutMs)]);
    return abortOptions<RequestOptions>(signal);
  }

  private async listThenWatch(): Promise<void> {
    if (this.stopped) return;
    let ok = false;
    await this.o.limiter.run(async () => {
      if (this.stopped) return;
      try {
        await this.list();
        ok = true;
      } catch (err) {
        if (this.stopped) return;
        const e = classifyError(err, this.o.server);
        // Namespace-scoped RBAC: a 403 on the cluster-wide list, but the context names a namespace.
        if (e.status === 403 && !this.namespace && this.o.spec.namespaced && this.o.fallbackNamespace) {
          this.namespace = this.o.fallbackNamespace;
          this.o.timers.after(0, () => void this.listThenWatch());
          return;
        }
        // The next attempt tries the cluster-wide list again first.
        if (!this.listedOnce) this.namespace = undefined;
        this.o.events.failed(this.o.spec.scope, e, 'list', !this.listedOnce);
        this.retryLater(() => void this.listThenWatch(), e);
      }
    });
    if (ok && !this.stopped) void this.startWatch();
  }

  private async list(): Promise<void> {
    const { spec, apis, ctx, state, pageSize, events } = this.o;
    const entries = [];
    let cont: string | undefined;
    let rv: string | undefined;
    let restarts = 0;
    for (;;) {
      if (this.stopped) return;
      let page;
      try {
        page = await spec.list(apis, { limit: pageSize, ...(cont ? { _continue: cont } : {}), ...(this.namespace ? { namespace: this.namespace } : {}) }, this.requestOptions());
      } catch (err) {
        const e = classifyError(err, this.o.server);
        // The continue token's snapshot was compacted away: only a fresh list is consistent.
        if (e.expired && cont && restarts < 5) {
          restarts++;
          entries.length = 0;
          cont = undefined;
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
      rv = page.metadata?.resourceVersion;
      cont = page.metadata?._continue || undefined;
      if (!cont) break;
    }
    if (this.stopped) return;
    state.replaceScope(spec.scope, entries);
    this.rv = rv;
    this.listedOnce = true;
    this.failures = 0;
    events.listed(spec.scope, entries.length, this.namespace);
  }

  private async startWatch(): Promise<void> {
    if (this.stopped) return;
    const gen = ++this.generation;
    const { spec, watch } = this.o;
    const timeoutSeconds = Math.round(this.o.watchTimeoutSeconds * (0.8 + Math.random() * 0.4));
    this.watchStartedAt = Date.now();
    this.expired = false;
    try {
      const controller = await watch.watch(
        watchPath(spec, this.namespace),
        { allowWatchBookmarks: true, timeoutSeconds, ...(this.rv ? { resourceVersion: this.rv } : {}) },
        (type, obj) => this.onEvent(gen, type, obj),
        (err) => this.onDone(gen, err),
      );
      // The generation moved on if done() already ran (an error before or right after connecting).
      if (this.stopped || gen !== this.generation) {
        controller.abort();
      } else {
        this.controller = controller;
        this.o.events.connected(spec.scope);
      }
    } catch (err) {
      this.onDone(gen, err);
    }
  }

  private onEvent(gen: number, type: string, obj: unknown): void {
    if (gen !== this.generation || this.stopped) return;
    const { spec, ctx, state, events } = this.o;
    const rv = (obj as { metadata?: { resourceVersion?: string } } | undefined)?.metadata?.resourceVersion;
    try {
      switch (type) {
        case 'BOOKMARK':
          if (rv) this.rv = rv;
          return;
        case 'ERROR': {
          const st = obj as { code?: number } | undefined;
          const code = typeof st?.code === 'number' ? st.code : 500;
          if (code === 410) this.expired = true;
          this.controller?.abort();
          this.onDone(gen, code === 410 ? undefined : httpError(code, obj, this.o.server));
          return;
        }
        case 'ADDED':
        case 'MODIFIED':
          if (rv) this.rv = rv;
          state.upsert(spec.scope, spec.normalize(ctx, obj, state));
          break;
        case 'DELETED':
          if (rv) this.rv = rv;
          state.remove(spec.scope, idOf(ctx, spec.kind, obj));
          break;
        default:
          return;
      }
      this.failures = 0;
      events.changed(spec.scope);
    } catch (err) {
      // client-node's Watch swallows exceptions thrown by the callback: report them here.
      events.malformed(spec.scope, err as Error);
    }
  }

  private onDone(gen: number, err: unknown): void {
    if (gen !== this.generation || this.stopped) return;
    this.generation++;
    this.controller = undefined;
    const e = err ? classifyError(err, this.o.server) : undefined;
    if (this.expired || e?.expired) {
      this.expired = false;
      this.rv = undefined;
      void this.listThenWatch();
      return;
    }
    // An inactivity timeout is a stalled watch, not a failure: resume from the last version.
    const stalled = e?.code === 'TimeoutError';
    if (e && !stalled) {
      this.o.events.failed(this.o.spec.scope, e, 'watch', false);
      this.retryLater(() => void this.startWatch(), e);
      return;
    }
    // A watch that ends at once, again and again, must not spin.
    if (Date.now() - this.watchStartedAt < 1000) {
      this.retryLater(() => void this.startWatch());
      return;
    }
    void this.startWatch();
  }

  private retryLater(fn: () => void, err?: KubeError): void {
    if (this.stopped) return;
    this.failures++;
    const { baseMs, maxMs } = this.o.backoff;
    const exp = Math.min(maxMs, baseMs * 2 ** Math.min(this.failures - 1, 16));
    let delay = exp / 2 + Math.random() * (exp / 2);
    // Permissions and served API versions rarely change quickly: retry those at the slow end.
    if (err?.status === 403 || err?.status === 404) delay = Math.max(delay, maxMs / 2);
    if (err?.opts.retryAfterMs !== undefined) delay = Math.max(delay, err.opts.retryAfterMs);
    this.o.timers.after(delay, fn);
  }
}
