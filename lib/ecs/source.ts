// The ECS SourceAdapter: polls one AWS profile + region (or an emulator endpoint) every
// pollIntervalMs, first poll immediately, and replaces its scopes at the end of each poll.
// Every call has a deadline (SDK retries included) on the injected clock, so a hung endpoint can
// freeze no poll; calls outstanding for a while are reported as `waiting`. Throttling is degraded,
// never down, and stretches the poll interval with backoff until the service stops throttling.
import type { EcsSourceConfig } from '@/lib/config/types';
import type { SourceAdapter, SourceSink } from '@/lib/inventory/types';
import { COLLECTION_OF, ecsSourceId, type Coverage, type ModelObject, type Source } from '@/lib/model';
import { backoffDelay, DeadlineError, deadline, formatDuration, systemClock, systemRandom, type Clock, type Random } from '@/lib/util/clock';
import { Limiter, RateGate } from '@/lib/util/limiter';
import { Timers } from '@/lib/util/timers';
import { createEcsClients, type EcsClients } from './clients';
import { classifyError, type EcsCallError } from './errors';
import { taskDefinitionCache, type ReadContext, type TaskDefinitionCache } from './read';
import { pollOnce } from './poll';
import { SCOPE_COVERAGE, type PollResult, type ScopeOutcome } from './assemble';
import { createSecretValueReader, SECRET_VALUES_KIND, secretRefsOf, secretValuesCoverage } from './secret-values';
import { processHasher, type SecretHasher } from '@/lib/secrets/hasher';
import { WaitingTracker } from '@/lib/inventory/waiting';
import { toSourceError } from '@/lib/inventory/source-error';
import type { RawRequest } from '@/lib/inventory/raw';
import { readEcsRaw } from './raw';
import { createEcsMetricsReader, type EcsMetricsReader } from './usage';
import type { EcsMetricTarget } from '@/lib/inventory/usage';
import type { LogRequest } from '@/lib/inventory/logs';
import { LOG_POLLS_PER_SECOND, readTaskLog } from './task-logs';

export const ECS_DEFAULTS = {
  /** Deadline of one AWS call, the SDK's retries included. */
  callTimeoutMs: 30_000,
} as const;

export interface EcsSourceOptions {
  /** Time: polls, deadlines, throttling backoff and reported timestamps. Default the system clock. */
  clock?: Clock;
  /** Jitter of the throttling backoff. Default systemRandom (Math.random). */
  random?: Random;
  /** SDK calls in flight at once, for the whole source. Default 4. */
  concurrency?: number;
  /** SDK attempts per call (retries of throttling and 5xx included). Default 3. */
  maxAttempts?: number;
  /** Deadline of each call, retries included. Default 30 s. */
  callTimeoutMs?: number;
  /** Calls outstanding this long are reported as `waiting`. Default 5 s. */
  waitReportMs?: number;
  /** Stopped tasks described per cluster and poll. Default 100. */
  maxStoppedTasks?: number;
  /** Events kept per service (DescribeServices returns up to 100, newest first). Default 50. */
  maxEventsPerService?: number;
  /** Defaults to the process-wide cache. */
  taskDefinitionCache?: TaskDefinitionCache;
  /** Hashes secret values when cfg.secretHashes (the runtime passes the persistent key's); default a per-process key. */
  hasher?: SecretHasher;
  /** How long a secret value's hash (default 5 min) and an unreadable reference (default 1 min) are reused. */
  secretValueTtl?: { hashMs?: number; failureMs?: number };
  /** How often each log follower polls GetLogEvents (default 1 s; lib/ecs/task-logs.ts). */
  logPollMs?: number;
}

const COVERAGE_KINDS = [...new Set(Object.values(SCOPE_COVERAGE).flat())];

export function createEcsSource(cfg: EcsSourceConfig, opts: EcsSourceOptions = {}): SourceAdapter {
  const id = ecsSourceId(cfg.profile, cfg.region);
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? systemRandom;
  const isoNow = () => new Date(clock.now()).toISOString();
  const intervalMs = cfg.pollIntervalMs;
  const callTimeoutMs = opts.callTimeoutMs ?? ECS_DEFAULTS.callTimeoutMs;
  const endpoint = cfg.endpoint ?? process.env.AWS_ENDPOINT_URL_ECS ?? process.env.AWS_ENDPOINT_URL;
  const ctxForErrors = { profile: cfg.profile, region: cfg.region, endpoint };
  const cache = opts.taskDefinitionCache ?? taskDefinitionCache;
  const cacheNamespace = endpoint ?? `aws/${cfg.profile}/${cfg.region}`;

  let clients: EcsClients | undefined;
  /** The poll schedule; its signal aborts the calls in flight when the source stops. */
  let timers = new Timers(clock);
  let running: Promise<void> | undefined;
  let stopped = false;
  let waiting: WaitingTracker | undefined;
  /** Made on first use; its cache lives as long as the source runs. */
  let metrics: EcsMetricsReader | undefined;
  /** Consecutive polls that met throttling: the exponent of the poll backoff. */
  let throttledPolls = 0;
  /** Last objects replaced per scope, and their signature (unchanged scopes are not replaced again). */
  const current = new Map<string, { objects: ModelObject[]; signature: string }>();
  const reportedOps = new Set<string>();
  // Lives as long as the adapter, so that its cache spans polls (and restarts).
  const secretValueReader = cfg.secretHashes
    ? createSecretValueReader({ hasher: opts.hasher ?? processHasher, now: () => clock.now(), ttlMs: opts.secretValueTtl?.hashMs, failureTtlMs: opts.secretValueTtl?.failureMs })
    : undefined;
  /** All log followers of this source share one GetLogEvents rate (lib/ecs/task-logs.ts). */
  const logGate = new RateGate(clock, LOG_POLLS_PER_SECOND);
  /** Per coverage kind, when it was last read whole (kept while the kind fails). */
  const confirmedAt = new Map<string, string>();

  const describe = (): Source => ({
    id,
    platform: 'ecs',
    name: `${cfg.profile}/${cfg.region}`,
    status: 'syncing',
    demo: cfg.demo,
    connection: { profile: cfg.profile, region: cfg.region, ...(endpoint ? { endpoint } : {}) },
    // ECS coverage is kept per collection: each kind is the collection it names.
    coverage: [...COVERAGE_KINDS, ...(secretValueReader ? [SECRET_VALUES_KIND] : [])].map((kind) => ({ kind, collections: [kind], state: 'pending', count: 0 })),
    errors: [],
    freshness: { mode: 'poll', intervalMs },
  });

  const sourceError = (e: EcsCallError) => toSourceError(e.operation, e, clock.now());

  /** The next poll's delay: the interval, or longer with backoff while the service throttles us. */
  function nextDelay(throttled: boolean): number {
    throttledPolls = throttled ? throttledPolls + 1 : 0;
    if (!throttled) return intervalMs;
    return Math.max(intervalMs, backoffDelay(throttledPolls + 1, { baseMs: intervalMs, maxMs: Math.max(intervalMs, 300_000) }, random));
  }

  const throttleText = (errors: EcsCallError[], delay: number) =>
    `throttled (${[...new Set(errors.map((e) => e.operation))].join(', ')}), retrying in ${formatDuration(delay)}`;

  function apply(sink: SourceSink, result: PollResult, delay: number): void {
    let changed = false;
    const seen = new Set<string>();
    for (const outcome of result.outcomes) {
      seen.add(outcome.scope);
      if (!outcome.objects) continue;
      const signature = JSON.stringify(outcome.objects);
      if (current.get(outcome.scope)?.signature === signature) continue;
      current.set(outcome.scope, { objects: outcome.objects, signature });
      sink.replace(outcome.scope, outcome.objects);
      changed = true;
    }
    // Scopes of clusters that no longer exist (or are no longer listed) become empty.
    for (const scope of [...current.keys()]) {
      if (seen.has(scope)) continue;
      current.delete(scope);
      sink.replace(scope, []);
      changed = true;
    }
    const coverage = [...coverageOf(result.outcomes), ...(result.secretValues ? [secretValuesCoverage(result.secretValues)] : [])];
    const failedOps = new Set(result.errors.map((e) => e.operation));
    for (const e of result.errors) {
      sink.status({ error: sourceError(e) });
      reportedOps.add(e.operation);
    }
    for (const s of result.skipped.slice(0, 5)) {
      sink.status({ error: toSourceError('normalize', { message: `skipped malformed ${s.kind} ${s.name}: ${s.message}` }, clock.now()) });
    }
    for (const op of [...reportedOps]) {
      if (failedOps.has(op)) continue;
      sink.status({ clearErrorsFor: op });
      reportedOps.delete(op);
    }
    const throttled = result.errors.filter((e) => e.failure === 'throttled');
    const missing = coverage.filter((c) => c.state !== 'ok').map((c) => c.kind);
    const reasons = [...(throttled.length ? [throttleText(throttled, delay)] : []), ...(missing.length ? [`not covered: ${missing.join(', ')}`] : [])];
    const at = isoNow();
    sink.status({
      status: reasons.length ? 'degraded' : 'ok',
      reason: reasons.length ? reasons.join('; ') : undefined,
      coverage,
      lastSyncAt: at,
      ...(changed ? { lastChangeAt: at } : {}),
      connection: { profile: cfg.profile, region: cfg.region, ...(endpoint ? { endpoint } : {}), ...(result.account ? { account: result.account } : {}) },
      progress: { done: result.clusters.length, total: result.clusters.length, objects: countObjects() },
    });
  }

  function countObjects(): number {
    let n = 0;
    for (const { objects } of current.values()) n += objects.length;
    return n;
  }

  function coverageOf(outcomes: ScopeOutcome[]): Coverage[] {
    const counts = new Map<string, number>();
    for (const { objects } of current.values()) for (const o of objects) counts.set(COLLECTION_OF[o.kind], (counts.get(COLLECTION_OF[o.kind]) ?? 0) + 1);
    const at = isoNow();
    return COVERAGE_KINDS.map((kind): Coverage => {
      const feeding = outcomes.filter((o) => SCOPE_COVERAGE[o.kind].includes(kind));
      const failed = feeding.filter((o) => o.error);
      const messages = [...new Set([
        ...failed.map((o) => (o.error!.message.includes(`cluster ${o.cluster}`) ? o.error!.message : `${o.error!.message} (cluster ${o.cluster})`)),
        ...feeding.flatMap((o) => o.notes),
      ])];
      const state = failed.some((o) => o.error!.failure !== 'forbidden') ? 'error' : failed.length ? 'forbidden' : 'ok';
      if (state === 'ok') confirmedAt.set(kind, at);
      const confirmed = confirmedAt.get(kind);
      return { kind, collections: [kind], state, count: counts.get(kind) ?? 0, ...(messages.length ? { message: messages.slice(0, 3).join('; ') } : {}), ...(confirmed ? { confirmedAt: confirmed } : {}) };
    });
  }

  const classify = (op: string, err: unknown) => classifyError(op, err, ctxForErrors);

  /** SDK calls under `limiter`, each with its deadline, ended by `signal`, failures classified. */
  function readContextOf(limiter: Limiter, signal: AbortSignal): ReadContext {
    return {
      clients: clients!,
      call: (operation, fn) => limiter.run(async () => {
        if (signal.aborted) throw new Error('source stopped');
        const callDeadline = deadline(clock, callTimeoutMs, operation, signal);
        const ended = waiting!.start(operation);
        try {
          return await fn(callDeadline.signal);
        } catch (e) {
          // The SDK reports an abort as its own AbortError: the deadline is the cause worth telling.
          throw classify(operation, callDeadline.signal.reason instanceof DeadlineError ? callDeadline.signal.reason : e);
        } finally {
          ended();
          callDeadline.clear();
        }
      }),
    };
  }

  /** One poll; resolves with the delay until the next one. */
  async function poll(sink: SourceSink): Promise<number> {
    const readContext = readContextOf(new Limiter(opts.concurrency ?? 4), timers.signal);
    try {
      const result = await pollOnce({
        readContext, sourceId: id, clusters: cfg.clusters, cache, cacheNamespace,
        maxStoppedTasks: opts.maxStoppedTasks ?? 100,
        maxEventsPerService: opts.maxEventsPerService ?? 50,
        classify,
        ...(secretValueReader ? {
          secretValues: (tds, account) => secretValueReader.read({ readContext, stores: clients!.secretStores, valueFroms: secretRefsOf(tds), region: cfg.region, account }),
        } : {}),
        onClusterDone: (done, total) => { if (!stopped) sink.status({ progress: { done, total, objects: countObjects() } }); },
      });
      const delay = nextDelay(result.errors.some((e) => e.failure === 'throttled'));
      if (!stopped) apply(sink, result, delay);
      return delay;
    } catch (e) {
      if (stopped) return intervalMs;
      const err = classify('ListClusters', e);
      const throttled = err.failure === 'throttled';
      const delay = nextDelay(throttled);
      // Nothing could be read this poll: previous objects stay, the source says why. A throttled
      // service is up and asking us to slow down: degraded, not down.
      sink.status({ status: throttled ? 'degraded' : 'down', reason: throttled ? throttleText([err], delay) : err.message, error: sourceError(err) });
      reportedOps.add(err.operation);
      return delay;
    }
  }

  function schedule(sink: SourceSink, delay: number): void {
    if (stopped) return;
    timers.after(delay, () => {
      let next = intervalMs;
      running = poll(sink).then((d) => { next = d; }).finally(() => {
        running = undefined;
        schedule(sink, next);
      });
    });
  }

  return {
    id,
    describe,
    async start(sink: SourceSink) {
      stopped = false;
      timers = new Timers(clock);
      throttledPolls = 0;
      clients = createEcsClients(cfg, { maxAttempts: opts.maxAttempts });
      waiting = new WaitingTracker(clock, opts.waitReportMs ?? 5_000, (w) => { if (!stopped) sink.status({ waiting: w }); });
      sink.status({ status: 'syncing', freshness: { mode: 'poll', intervalMs }, progress: { done: 0, total: 0, objects: 0 } });
      schedule(sink, 0);
    },
    /** One object's Describe* (lib/ecs/raw.ts), outside the poll's limiter: a user is waiting for it. */
    async readRaw(req: RawRequest) {
      if (!clients || stopped) throw new Error('the source is not running');
      const signal = req.signal ? AbortSignal.any([timers.signal, req.signal]) : timers.signal;
      return readEcsRaw(readContextOf(new Limiter(2), signal), req);
    },
    /** The last hour of services' and clusters' utilization (lib/ecs/usage.ts): batched, cached 60 s, outside the poll's limiter. */
    async readEcsMetrics(targets: EcsMetricTarget[]) {
      if (!clients || stopped) throw new Error('the source is not running');
      metrics ??= createEcsMetricsReader({ cloudwatch: () => clients!.cloudwatch, call: readContextOf(new Limiter(2), timers.signal).call, clock });
      return metrics.read(targets);
    },
    /** A task container's CloudWatch Logs (lib/ecs/task-logs.ts), outside the poll's limiter. */
    async readLogs(req: LogRequest) {
      if (!clients || stopped) throw new Error('the source is not running');
      return readTaskLog({
        readContext: (signal) => readContextOf(new Limiter(2), signal), signal: timers.signal, source: id, region: cfg.region,
        clock, random, gate: logGate, cache, cacheNamespace, pollMs: opts.logPollMs,
      }, req);
    },
    async stop() {
      stopped = true;
      metrics = undefined;
      timers.stop();
      await running?.catch(() => undefined);
      waiting?.stop();
      clients?.destroy();
      clients = undefined;
    },
  };
}
