// CloudWatch GetMetricData for the AWS/ECS service metrics (CPUUtilization, MemoryUtilization per
// ClusterName+ServiceName, and per ClusterName). Protocol fact: @aws-sdk/client-cloudwatch 3.1141.0
// speaks AWS JSON 1.0 (X-Amz-Target: GraniteServiceVersion20100801.<Op>, timestamps as epoch
// seconds, `awsQueryCompatible`: error codes also travel in the `x-amzn-query-error` header);
// botocore 1.43's model lists smithy-rpc-v2-cbor first, yet the aws CLI 1.45 sends JSON 1.0 too
// (captured); CBOR and the query protocol are not simulated.
// Values are computed, never stored: one sample a minute per series, deterministic from the
// series and the minute, below 100, and only for minutes the service (or cluster) existed.
import { hash, rng } from '../telemetry/prng';
import { ApiError } from './errors';
import { isObject, type Json, type Params } from './params';
import type { SimState } from './state';

export const METRICS_TARGET_PREFIX = 'GraniteServiceVersion20100801.';

const MINUTE = 60_000;
const METRICS = new Set(['CPUUtilization', 'MemoryUtilization']);
const STATS: Record<string, (xs: number[]) => number> = {
  Average: (xs) => xs.reduce((a, b) => a + b, 0) / xs.length,
  Maximum: (xs) => Math.max(...xs),
  Minimum: (xs) => Math.min(...xs),
};

const invalid = (message: string): ApiError => new ApiError('InvalidParameterValueException', message);

/** One minute's sample of a series: a slow wave around a per-series level, plus noise. */
function sample(series: string, minute: number): number {
  const h = hash(series);
  const level = 15 + (h % 45); // 15..59
  const wave = 12 * Math.sin((minute / (20 + (h % 40))) * 2 * Math.PI);
  const noise = (rng(hash(`${series}/${minute}`))() - 0.5) * 8;
  return Math.round(Math.min(99.5, Math.max(0.5, level + wave + noise)) * 100) / 100;
}

interface Series {
  /** When data starts: minutes before this have no sample. */
  since: number;
  /** The sample at a minute (ms, aligned). */
  at(minute: number): number;
}

function series(state: SimState, metric: string, dims: Map<string, string>): Series | undefined {
  const clusterName = dims.get('ClusterName');
  if (!clusterName || !METRICS.has(metric)) return undefined;
  const cluster = [...state.clusters.values()].find((c) => c.name === clusterName);
  if (!cluster) return undefined;
  const services = [...state.services.values()].filter((s) => s.clusterArn === cluster.arn);
  const serviceName = dims.get('ServiceName');
  if (dims.size === 2 && serviceName) {
    const svc = services.find((s) => s.name === serviceName);
    if (!svc) return undefined;
    const key = `${cluster.name}/${svc.name}/${metric}`;
    return { since: svc.createdAt, at: (m) => sample(key, m / MINUTE) };
  }
  if (dims.size !== 1) return undefined;
  // A cluster's figure is the mean of its services' (its own series when it has none).
  const keys = services.length > 0 ? services.map((s) => `${cluster.name}/${s.name}/${metric}`) : [`${cluster.name}/${metric}`];
  return { since: cluster.createdAt, at: (m) => Math.round((keys.reduce((a, k) => a + sample(k, m / MINUTE), 0) / keys.length) * 100) / 100 };
}

/** JSON 1.0 timestamps are epoch seconds (possibly fractional). */
function epochMs(p: Params, key: string): number {
  const v = p.raw[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(`The parameter ${key} is required.`);
  return Math.round(v * 1000);
}

function query(state: SimState, q: Json, start: number, end: number, now: number, ascending: boolean): Json {
  const id = typeof q.Id === 'string' ? q.Id : '';
  if (!/^[a-z][a-zA-Z0-9_]*$/.test(id)) throw invalid(`The value ${id} for parameter MetricDataQueries.member.Id is not valid. It must start with a lowercase letter and contain only letters, numbers and underscores.`);
  const stat = isObject(q.MetricStat) ? q.MetricStat : undefined;
  if (!stat) throw invalid('Exactly one of Expression and MetricStat must be specified (expressions are not simulated).');
  const metric = isObject(stat.Metric) ? stat.Metric : {};
  const name = typeof metric.MetricName === 'string' ? metric.MetricName : '';
  const period = typeof stat.Period === 'number' ? stat.Period : 0;
  if (period < 60 || period % 60 !== 0) throw invalid('The parameter MetricDataQueries.member.MetricStat.Period must be a multiple of 60.');
  const dims = new Map((Array.isArray(metric.Dimensions) ? metric.Dimensions.filter(isObject) : []).map((d) => [String(d.Name), String(d.Value)]));
  const reduce = typeof stat.Stat === 'string' ? STATS[stat.Stat] : undefined;
  const s = metric.Namespace === 'AWS/ECS' && reduce ? series(state, name, dims) : undefined;
  const timestamps: number[] = [];
  const values: number[] = [];
  if (s && reduce) {
    const step = period * 1000;
    // Buckets align to the period; the bucket still being written is left out.
    for (let t = Math.ceil(start / step) * step; t < end && t + step <= now; t += step) {
      const minutes: number[] = [];
      for (let m = t; m < t + step; m += MINUTE) if (m >= Math.floor(s.since / MINUTE) * MINUTE) minutes.push(s.at(m));
      if (minutes.length === 0) continue;
      timestamps.push(t / 1000);
      values.push(Math.round(reduce(minutes) * 100) / 100);
    }
  }
  if (!ascending) {
    timestamps.reverse();
    values.reverse();
  }
  return { Id: id, Label: typeof q.Label === 'string' ? q.Label : name, Timestamps: timestamps, Values: values, StatusCode: 'Complete' };
}

export function getMetricData(state: SimState, p: Params): Json {
  const queries = p.objList('MetricDataQueries') ?? [];
  if (queries.length === 0 || queries.length > 500) throw invalid('The parameter MetricDataQueries must contain between 1 and 500 queries.');
  const start = epochMs(p, 'StartTime');
  const end = epochMs(p, 'EndTime');
  if (start >= end) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = p.str('ScanBy') ?? 'TimestampDescending';
  const now = state.now();
  return { MetricDataResults: queries.map((q) => query(state, q, start, end, now, scanBy === 'TimestampAscending')), Messages: [] };
}

export const METRICS_HANDLERS: Record<string, (state: SimState, p: Params) => Json> = {
  GetMetricData: getMetricData,
};
