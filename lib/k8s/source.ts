// One Kubernetes source (a kubeconfig context) as a SourceAdapter: lists every kind (paged, at most
// a few at a time), then watches each; reports coverage per kind, progress and health to the sink.
import { KubeConfig, VersionApi, Watch } from '@kubernetes/client-node';
import type { KubeSourceConfig } from '@/lib/config/types';
import type { SourceAdapter, SourceSink, SourceStatusUpdate } from '@/lib/inventory/types';
import type { Coverage, Source } from '@/lib/model/source';
import { k8sId, k8sSourceId } from '@/lib/model/ids';
import { kubeConfigFor } from './kubeconfig';
import { KINDS, makeApis, SCOPE_COLLECTION, SCOPES, type ResourceScope } from './kinds';
import { KindLoop, type LoopEvents } from './list-watch';
import { KubeState } from './state';
import { abortOptions, Limiter, Timers } from './runtime';
import { classifyError, type KubeError } from './errors';
import type { NormalizeContext } from './normalize/common';
import type { SecretHasher } from '@/lib/secrets/hasher';

export interface KubeSourceOptions {
  /** Objects per list page (limit). Default 500, like kubectl's --chunk-size. */
  pageSize?: number;
  /** A ready client configuration (tests); else built from cfg. */
  kubeConfig?: KubeConfig;
  now?: () => Date;
  /** Lists running at once. Default 4. */
  listConcurrency?: number;
  /** Reconnect backoff. Default 500 ms doubling to 30 s, with jitter. */
  backoff?: { baseMs: number; maxMs: number };
  /** Server-side watch timeout. Default 300 s (jittered). */
  watchTimeoutSeconds?: number;
  /** A watch with no data (not even a bookmark) for this long is restarted. Default 120 s. */
  watchInactivityMs?: number;
  /** Per list request. Default 60 s. */
  requestTimeoutMs?: number;
  /** Hashes Secret values (the runtime passes the persistent key's); default a per-process key. */
  hasher?: SecretHasher;
}

type CoverageState = Coverage['state'];

export function createKubeSource(cfg: KubeSourceConfig, opts: KubeSourceOptions = {}): SourceAdapter {
  const id = k8sSourceId(cfg.context);
  const now = opts.now ?? (() => new Date());
  let kc: KubeConfig | undefined = opts.kubeConfig;
  let configError: string | undefined;
  if (!kc) {
    try {
      kc = kubeConfigFor(cfg);
    } catch (e) {
      configError = (e as Error).message;
    }
  }
  const context = kc?.getContextObject(cfg.context) ?? (kc ? kc.getContextObject(kc.getCurrentContext()) : null);
  const clusterName = context?.cluster ?? cfg.context;
  const server = kc?.getCurrentCluster()?.server;
  const fallbackNamespace = context?.namespace || undefined;
  const ctx: NormalizeContext = { sourceId: id, clusterId: k8sId(id, undefined, 'Cluster', clusterName), ...(opts.hasher ? { hasher: opts.hasher } : {}) };

  let loops: KindLoop[] = [];
  let timers: Timers | undefined;
  let limiter: Limiter | undefined;

  const describe = (): Source => ({
    id,
    platform: 'kubernetes',
    name: cfg.context,
    status: configError ? 'down' : 'syncing',
    ...(configError ? { reason: configError } : {}),
    demo: cfg.demo,
    connection: {
      context: cfg.context,
      ...(server ? { server } : {}),
      ...(context?.user ? { user: context.user } : {}),
    },
    coverage: SCOPES.map((kind) => ({ kind, collections: [SCOPE_COLLECTION[kind]], state: 'pending' as const, count: 0 })),
    errors: [],
    freshness: { mode: 'watch' },
    progress: { done: 0, total: SCOPES.length, objects: 0 },
  });

  async function start(sink: SourceSink): Promise<void> {
    if (!kc || configError) {
      sink.status({ status: 'down', reason: configError ?? 'no kubeconfig', error: { operation: 'load kubeconfig', message: configError ?? 'no kubeconfig', at: now().toISOString() } });
      return;
    }
    timers = new Timers();
    limiter = new Limiter(opts.listConcurrency ?? 4);
    const t = timers;
    const state = new KubeState(ctx, sink);
    state.setCluster({ context: cfg.context, clusterName, server, status: 'syncing' });

    const coverage = new Map<ResourceScope, { state: CoverageState; count: number; message?: string }>(
      SCOPES.map((s) => [s, { state: 'pending', count: 0 }]));
    let objects = 0;
    let lastChangeEmit = 0;
    let synced = false;
    let lastFailure: KubeError | undefined;
    let health: Source['status'] = 'syncing';

    // Kinds listed once whose list or watch is failing now (the data shown is getting stale).
    const disconnected = new Set<ResourceScope>();
    // Kinds readable in the context's namespace only.
    const namespaceOnly = new Set<ResourceScope>();

    const overall = (): { status: Source['status']; reason?: string } => {
      const states = [...coverage.values()];
      const ok = SCOPES.filter((s) => coverage.get(s)!.state === 'ok');
      if (states.some((c) => c.state === 'pending')) {
        // Nothing at all could be read yet and the server does not answer: down already.
        if (ok.length === 0 && lastFailure?.network) return { status: 'down', reason: lastFailure.message };
        return { status: 'syncing' };
      }
      if (ok.length === 0) return { status: 'down', reason: lastFailure?.message ?? 'no kind could be read' };
      if (ok.every((s) => disconnected.has(s))) return { status: 'down', reason: `connection lost: ${lastFailure?.message ?? 'unknown error'}` };
      if (ok.length === states.length && disconnected.size === 0 && namespaceOnly.size === 0) return { status: 'ok' };
      const missing = SCOPES.filter((s) => coverage.get(s)!.state !== 'ok');
      const stale = SCOPES.filter((s) => disconnected.has(s));
      const partial = SCOPES.filter((s) => namespaceOnly.has(s));
      return {
        status: 'degraded',
        reason: [
          missing.length ? `not covered: ${missing.join(', ')}` : '',
          partial.length ? `namespace "${fallbackNamespace}" only: ${partial.join(', ')}` : '',
          stale.length ? `reconnecting: ${stale.join(', ')}` : '',
        ].filter(Boolean).join('; '),
      };
    };
    const doneCount = () => [...coverage.values()].filter((x) => x.state !== 'pending').length;
    const emit = (extra: SourceStatusUpdate = {}) => {
      const o = overall();
      const changedHealth = o.status !== health;
      health = o.status;
      sink.status({ status: o.status, reason: o.reason, progress: { done: doneCount(), total: SCOPES.length, objects }, ...extra });
      if (changedHealth) state.setCluster({ context: cfg.context, clusterName, status: o.status });
    };
    const setCoverage = (scope: ResourceScope, c: { state: CoverageState; count: number; message?: string }) => {
      coverage.set(scope, c);
      const allDone = doneCount() === SCOPES.length;
      emit({ coverage: [{ kind: scope, collections: [SCOPE_COLLECTION[scope]], ...c }], ...(allDone && c.state === 'ok' ? { lastSyncAt: now().toISOString() } : {}) });
      if (allDone && !synced) {
        synced = true;
        state.resolveEventWorkloads();
      }
    };

    const changedScopes = new Set<ResourceScope>();
    let changeTimer = false;
    const flushChanges = () => {
      changeTimer = false;
      lastChangeEmit = now().getTime();
      const updates: Coverage[] = [];
      for (const scope of changedScopes) {
        const c = coverage.get(scope)!;
        c.count = state.count(scope);
        updates.push({ kind: scope, collections: [SCOPE_COLLECTION[scope]], state: c.state, count: c.count, ...(c.message ? { message: c.message } : {}) });
      }
      changedScopes.clear();
      sink.status({ lastChangeAt: new Date(lastChangeEmit).toISOString(), coverage: updates });
    };

    const events: LoopEvents = {
      listed(scope, count, namespace) {
        disconnected.delete(scope as ResourceScope);
        sink.status({ clearErrorsFor: `list ${scope}` });
        if (namespace) namespaceOnly.add(scope as ResourceScope);
        setCoverage(scope as ResourceScope, {
          state: 'ok', count, ...(namespace ? { message: `namespace "${namespace}" only: listing all namespaces is forbidden` } : {}),
        });
      },
      failed(scope, err, op, listFailed) {
        lastFailure = err;
        const error = { operation: `${op} ${scope}`, ...(err.status !== undefined ? { status: err.status } : {}), ...(err.code ? { code: err.code } : {}), message: err.message, at: now().toISOString() };
        if (listFailed) {
          sink.status({ error });
          setCoverage(scope as ResourceScope, { state: err.status === 403 ? 'forbidden' : 'error', count: 0, message: err.message });
        } else {
          disconnected.add(scope as ResourceScope);
          emit({ error });
        }
      },
      malformed(scope, err) {
        sink.status({ error: { operation: `normalize ${scope}`, code: 'Malformed', message: err.message, at: now().toISOString() } });
      },
      pageRead(_scope, items) {
        objects += items;
        if (!synced) sink.status({ progress: { done: doneCount(), total: SCOPES.length, objects } });
      },
      changed(scope) {
        changedScopes.add(scope as ResourceScope);
        // Throttled: at most one status update per second from watch traffic, the last one trailing.
        if (changeTimer) return;
        changeTimer = true;
        t.after(Math.max(0, 1000 - (now().getTime() - lastChangeEmit)), flushChanges);
      },
      connected(scope) {
        sink.status({ clearErrorsFor: `watch ${scope}` });
        if (disconnected.delete(scope as ResourceScope)) emit();
      },
    };

    const watch = new Watch(kc);
    // client-node aborts a watch after 30 s without data; a quiet resource only gets bookmarks
    // about once a minute, so the inactivity limit must be longer than that.
    (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs = opts.watchInactivityMs ?? 120_000;
    const apis = makeApis(kc);
    loops = KINDS.map((spec) => new KindLoop({
      spec, apis, watch, state, ctx, server: server ?? 'the API server',
      pageSize: opts.pageSize ?? 500,
      events, limiter: limiter!, timers: t,
      requestTimeoutMs: opts.requestTimeoutMs ?? 60_000,
      watchTimeoutSeconds: opts.watchTimeoutSeconds ?? 300,
      backoff: opts.backoff ?? { baseMs: 500, maxMs: 30_000 },
      ...(fallbackNamespace ? { fallbackNamespace } : {}),
    }));

    // Server version for the cluster object; failures here are reported by the lists as well.
    const versionApi = kc.makeApiClient(VersionApi);
    void versionApi.getCode(abortOptions(AbortSignal.any([t.signal, AbortSignal.timeout(15_000)]))).then((v) => {
      if (t.signal.aborted) return;
      sink.status({ connection: { context: cfg.context, ...(server ? { server } : {}), ...(context?.user ? { user: context.user } : {}), version: v.gitVersion } });
      state.setCluster({ context: cfg.context, clusterName, version: v.gitVersion, status: health });
    }, (err) => {
      if (t.signal.aborted) return;
      const e = classifyError(err, server);
      sink.status({ error: { operation: 'get version', ...(e.status !== undefined ? { status: e.status } : {}), ...(e.code ? { code: e.code } : {}), message: e.message, at: now().toISOString() } });
    });

    // Started, not synced: the loops run on; each list waits for a limiter slot.
    for (const loop of loops) void loop.start();
  }

  async function stop(): Promise<void> {
    for (const l of loops) l.stop();
    loops = [];
    limiter?.close();
    timers?.stop();
  }

  return { id, describe, start, stop };
}
