// The last hour of AWS/ECS CPUUtilization and MemoryUtilization of services (ClusterName +
// ServiceName) and clusters (ClusterName), at a 60 s period, through CloudWatch GetMetricData.
// Protocol facts: one GetMetricData call takes at most 500 queries (MetricDataQueries); a long answer
// continues with NextToken (results of the same Id then continue too); each query's Id must start
// with a lowercase letter. The values are percentages of the reservation (the task definitions' CPU
// and memory of the service's running tasks; of the cluster's registered capacity for a cluster).
// Cost: CloudWatch bills per metric asked for, so each target's answer is kept `cacheMs` (60 s, the
// period: nothing newer can exist sooner) and concurrent asks for the same target share one call.
import { GetMetricDataCommand, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ecsTargetKey, type EcsMetricsRead, type EcsMetricTarget, type UtilizationPoint } from '@/lib/inventory/usage';
import type { Clock } from '@/lib/util/clock';
import { EcsCallError } from './errors';
import { allPages, chunk } from './batch';

/** GetMetricData's limit on queries per call. */
export const GET_METRIC_DATA_MAX_QUERIES = 500;
/** Two queries (CPU, memory) per target. */
const TARGETS_PER_CALL = GET_METRIC_DATA_MAX_QUERIES / 2;
export const PERIOD_S = 60;
export const WINDOW_MS = 3_600_000;

export interface EcsMetricsReaderOptions {
  cloudwatch: () => CloudWatchClient;
  /** Runs one SDK call under a deadline, turning failures into EcsCallError (the source's ReadContext.call). */
  call<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  clock: Clock;
  /** How long an answer is reused. Default 60 s. */
  cacheMs?: number;
}

const METRICS = [['c', 'CPUUtilization', 'cpuPercent'], ['m', 'MemoryUtilization', 'memoryPercent']] as const;

/** The queries of one call: `c<i>` and `m<i>` for the i-th target (pure). */
export function metricQueries(targets: EcsMetricTarget[]): MetricDataQuery[] {
  return targets.flatMap((t, i) => METRICS.map(([prefix, name]) => ({
    Id: `${prefix}${i}`,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/ECS',
        MetricName: name,
        Dimensions: [{ Name: 'ClusterName', Value: t.cluster }, ...(t.service !== undefined ? [{ Name: 'ServiceName', Value: t.service }] : [])],
      },
      Period: PERIOD_S,
      Stat: 'Average',
    },
  })));
}

/** The results of one call (all pages) -> each target's points, oldest first, CPU and memory merged by time (pure). */
export function pointsOf(results: MetricDataResult[], count: number): UtilizationPoint[][] {
  const byTarget = Array.from({ length: count }, () => new Map<number, UtilizationPoint>());
  for (const r of results) {
    const m = /^([cm])(\d+)$/.exec(r.Id ?? '');
    if (!m) continue;
    const field = m[1] === 'c' ? 'cpuPercent' : 'memoryPercent';
    const points = byTarget[Number(m[2])];
    (r.Timestamps ?? []).forEach((ts, j) => {
      const v = r.Values?.[j];
      if (v === undefined) return;
      const t = ts.getTime();
      const p = points.get(t) ?? { t };
      p[field] = v;
      points.set(t, p);
    });
  }
  return byTarget.map((m) => [...m.values()].sort((a, b) => a.t - b.t));
}

function problemOf(err: unknown, operation: string): EcsMetricsRead {
  const e = err instanceof EcsCallError ? err : undefined;
  const message = e?.failure === 'forbidden'
    ? `${e.message} — the IAM policy needs cloudwatch:${operation} (deploy/ecs/iam-policy.json)`
    : (err as Error).message;
  return { ok: false, problem: { message, ...(e?.status !== undefined ? { status: e.status } : {}) } };
}

export interface EcsMetricsReader {
  read(targets: EcsMetricTarget[], signal?: AbortSignal): Promise<EcsMetricsRead[]>;
  /** Answers kept (for tests and the bench). */
  readonly cached: number;
}

export function createEcsMetricsReader(o: EcsMetricsReaderOptions): EcsMetricsReader {
  const cacheMs = o.cacheMs ?? 60_000;
  const cache = new Map<string, { at: number; answer: Promise<EcsMetricsRead> }>();

  /** One call (and its NextToken pages) for up to TARGETS_PER_CALL targets. */
  async function fetchBatch(targets: EcsMetricTarget[]): Promise<EcsMetricsRead[]> {
    const end = o.clock.now();
    let results: MetricDataResult[];
    try {
      results = await allPages(async (token) => {
        const page = await o.call('GetMetricData', (abortSignal) => o.cloudwatch().send(new GetMetricDataCommand({
          MetricDataQueries: metricQueries(targets),
          StartTime: new Date(end - WINDOW_MS),
          EndTime: new Date(end),
          ScanBy: 'TimestampAscending',
          NextToken: token,
        }), { abortSignal }));
        return { items: page.MetricDataResults, next: page.NextToken };
      });
    } catch (err) {
      const p = problemOf(err, 'GetMetricData');
      return targets.map(() => p);
    }
    return pointsOf(results, targets.length).map((points) => ({ ok: true, points, fetchedAt: end }));
  }

  return {
    get cached() {
      return cache.size;
    },
    async read(targets) {
      const now = o.clock.now();
      for (const [k, v] of cache) if (now - v.at >= cacheMs) cache.delete(k);
      const missing = [...new Map(targets.filter((t) => !cache.has(ecsTargetKey(t))).map((t) => [ecsTargetKey(t), t])).values()];
      for (const batch of chunk(missing, TARGETS_PER_CALL)) {
        const answers = fetchBatch(batch);
        batch.forEach((t, j) => cache.set(ecsTargetKey(t), { at: now, answer: answers.then((a) => a[j]) }));
      }
      return Promise.all(targets.map((t) => cache.get(ecsTargetKey(t))!.answer));
    },
  };
}
