// One Kubernetes source (a kubeconfig context) as a SourceAdapter: lists every kind (paged, at most
// a few at a time), then watches each; reports coverage per kind, progress and health to the sink
// (reporter.ts). Time and randomness are parameters (clock, random) so that fault tests run on fake time.
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeSourceConfig } from '@/lib/config/types';
import type { SourceAdapter, SourceSink } from '@/lib/inventory/types';
import { toSourceError } from '@/lib/inventory/source-error';
import type { Source } from '@/lib/model/source';
import { k8sId, k8sSourceId } from '@/lib/model/ids';
import { deadline, systemClock, systemRandom, type Clock, type Random } from '@/lib/util/clock';
import { Limiter } from '@/lib/util/limiter';
import { Timers } from '@/lib/util/timers';
import { kubeConfigFor } from './kubeconfig';
import { KINDS, SCOPE_COLLECTION, SCOPES } from './kinds';
import { listPager, readServerVersion } from './list-page';
import { KindLoop, type WatchOpener } from './list-watch';
import { KubeState } from './state';
import { classifyError } from './errors';
import { KubeSourceReporter } from './reporter';
import { openWatch } from './watch-stream';
import { readKubeRaw } from './raw';
import { readPodLog } from './pod-logs';
import { readKubeMetrics as readMetrics } from './usage';
import { LogReadError, type LogRequest } from '@/lib/inventory/logs';
import type { RawRequest } from '@/lib/inventory/raw';
import type { NormalizeContext } from './normalize/common';
import type { SecretHasher } from '@/lib/secrets/hasher';

export const KUBE_DEFAULTS = {
  /** Deadline of each list page, of a watch's connect, of the version call. */
  requestTimeoutMs: 60_000,
  /**
   * A real API server sends a bookmark about once a minute to watches that ask for them (the watch
   * cache's bookmark frequency), so a watch silent for longer than a minute and a half is stalled.
   */
  staleAfterMs: 90_000,
} as const;

export interface KubeSourceOptions {
  /** Objects per list page (limit). Default 500, like kubectl's --chunk-size. */
  pageSize?: number;
  /** A ready client configuration (tests); else built from cfg. */
  kubeConfig?: KubeConfig;
  /** Time: deadlines, backoff, staleness and reported timestamps. Default the system clock. */
  clock?: Clock;
  /** Jitter. Default systemRandom (Math.random). */
  random?: Random;
  /** Lists running at once. Default 4. */
  listConcurrency?: number;
  /** Reconnect backoff. Default 500 ms doubling to 30 s, with jitter. */
  backoff?: { baseMs: number; maxMs: number };
  /** Server-side watch timeout. Default 300 s (jittered). */
  watchTimeoutSeconds?: number;
  /** Deadline of each request (list page, watch connect). Default 60 s. */
  requestTimeoutMs?: number;
  /** Hashes Secret values (the runtime passes the persistent key's); default a per-process key. */
  hasher?: SecretHasher;
  /** A connected watch with no event or bookmark for this long is stale and relisted. Default 90 s. */
  staleAfterMs?: number;
  /** Requests outstanding this long are reported as `waiting`. Default 5 s. */
  waitReportMs?: number;
  /** How often the kinds' confirmation times are reported. Default 30 s. */
  confirmReportMs?: number;
}

export function createKubeSource(cfg: KubeSourceConfig, opts: KubeSourceOptions = {}): SourceAdapter {
  const id = k8sSourceId(cfg.context);
  const clock = opts.clock ?? systemClock;
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
  const requestTimeoutMs = opts.requestTimeoutMs ?? KUBE_DEFAULTS.requestTimeoutMs;

  let loops: KindLoop[] = [];
  let reporter: KubeSourceReporter | undefined;
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
      sink.status({ status: 'down', reason: configError ?? 'no kubeconfig', error: toSourceError('load kubeconfig', { message: configError ?? 'no kubeconfig' }, clock.now()) });
      return;
    }
    const kubeConfig = kc;
    timers = new Timers(clock);
    limiter = new Limiter(opts.listConcurrency ?? 4);
    const state = new KubeState(ctx, sink);
    let health: Source['status'] = 'syncing';
    state.setCluster({ context: cfg.context, clusterName, server, status: health });
    reporter = new KubeSourceReporter({
      sink, state, timers, namespace: fallbackNamespace,
      waitReportMs: opts.waitReportMs ?? 5_000,
      confirmReportMs: opts.confirmReportMs ?? 30_000,
      onHealth: (status) => {
        health = status;
        state.setCluster({ context: cfg.context, clusterName, status });
      },
    });

    const serverUrl = server ?? 'the API server';
    const watchOpener: WatchOpener = (req, handlers) => openWatch({ kc: kubeConfig, server: server ?? '', clock, connectTimeoutMs: requestTimeoutMs, ...req }, handlers);
    const listPage = listPager(kubeConfig, server ?? '', clock);
    loops = KINDS.map((spec) => new KindLoop({
      spec, listPage, openWatch: watchOpener, state, ctx, server: serverUrl,
      pageSize: opts.pageSize ?? 500,
      events: reporter!, limiter: limiter!, timers: timers!, random: opts.random ?? systemRandom,
      requestTimeoutMs,
      watchTimeoutSeconds: opts.watchTimeoutSeconds ?? 300,
      staleAfterMs: opts.staleAfterMs ?? KUBE_DEFAULTS.staleAfterMs,
      backoff: opts.backoff ?? { baseMs: 500, maxMs: 30_000 },
      ...(fallbackNamespace ? { fallbackNamespace } : {}),
    }));

    reportServerVersion(kubeConfig, timers, sink, (version) => state.setCluster({ context: cfg.context, clusterName, version, status: health }));

    // Started, not synced: the loops run on; each list waits for a limiter slot.
    for (const loop of loops) void loop.start();
  }

  /** The server's version, for the connection and the Cluster object; its failures are reported by the lists as well. */
  function reportServerVersion(kubeConfig: KubeConfig, owner: Timers, sink: SourceSink, onVersion: (version: string) => void): void {
    const versionDeadline = deadline(clock, Math.min(15_000, requestTimeoutMs), 'get version', owner.signal);
    void readServerVersion(kubeConfig, server ?? '', clock, versionDeadline.signal).then((version) => {
      if (owner.stopped) return;
      sink.status({ connection: { context: cfg.context, ...(server ? { server } : {}), ...(context?.user ? { user: context.user } : {}), version } });
      onVersion(version);
    }, (err) => {
      if (owner.stopped) return;
      sink.status({ error: toSourceError('get version', classifyError(versionDeadline.signal.reason ?? err, server, clock), clock.now()) });
    }).finally(() => versionDeadline.clear());
  }

  async function stop(): Promise<void> {
    for (const loop of loops) loop.stop();
    loops = [];
    reporter?.stop();
    limiter?.close();
    timers?.stop();
  }

  async function readRaw(req: RawRequest) {
    if (!kc || configError || !server) throw new Error(configError ?? 'no kubeconfig');
    return readKubeRaw({ kc, server, clock, timeoutMs: Math.min(15_000, requestTimeoutMs) }, req);
  }

  async function readLogs(req: LogRequest) {
    if (!kc || configError || !server) throw new LogReadError(configError ?? 'no kubeconfig', id);
    return readPodLog({ kc, server, source: id, clock, timeoutMs: Math.min(15_000, requestTimeoutMs) }, req);
  }

  async function readKubeMetrics(signal?: AbortSignal) {
    if (!kc || configError || !server) throw new Error(configError ?? 'no kubeconfig');
    return readMetrics({ kc, server, source: id, clock, timeoutMs: Math.min(15_000, requestTimeoutMs), pageSize: opts.pageSize }, signal);
  }

  return { id, describe, start, stop, readRaw, readLogs, readKubeMetrics };
}
