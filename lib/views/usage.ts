// Usage against requests and limits, as GET /api/usage serves it and the UI shows it: the payload,
// and its pure shaping into bars and chart rows (runs on server and browser).
import { formatBytes, type Platform } from '@/lib/model';

/** One point of a series: Kubernetes CPU in millicores and memory in bytes; ECS both in percent of the reservation. */
export interface UsagePoint {
  t: number;
  cpu?: number;
  memory?: number;
}

/** What usage is measured against (same unit as the usage). */
export interface UsageBounds {
  /** Kubernetes: the pods' summed requests (a node: what its pods request). */
  request?: number;
  /** Kubernetes: the pods' summed limits, when every container has one. */
  limit?: number;
  /** A node's allocatable; ECS: the reservation (100%). */
  capacity?: number;
}

export interface UsagePayload {
  id: string;
  name: string;
  platform: Platform;
  /** What the figures are of: a workload (its pods or tasks), a node, an ECS cluster (for a container instance). */
  subject: 'workload' | 'node' | 'cluster';
  /** Where the figures come from, for display. */
  from: string;
  /** absolute: millicores and bytes; percent: of the ECS reservation. */
  measure: 'absolute' | 'percent';
  /** false: the platform has no such metrics here (no metrics-server…): shown as "not covered", never zero. */
  covered: boolean;
  /** Why not covered, or what failed (`error`), or a note (no data points yet). */
  reason?: string;
  error?: boolean;
  /** The newest point; `pods` counted in it (a Kubernetes workload). */
  current?: UsagePoint & { pods?: number };
  cpu: UsageBounds;
  memory: UsageBounds;
  /** The last hour, oldest first. */
  series: UsagePoint[];
  /** Kubernetes: when the server started sampling (its history starts there). */
  collectingSince?: number;
  /** Seconds between points. */
  intervalS: number;
  /** ECS: what 100% is — the task size (or containers' reservations) times the running tasks. */
  reservation?: { tasks: number; cpuMillis?: number; memoryBytes?: number };
}

/** Millicores as a person reads them: "3.2m", "250m", "1.25 cores". */
export function formatMillicores(m: number | undefined): string {
  if (m === undefined || !Number.isFinite(m)) return '—';
  if (m >= 1000) {
    const cores = Number((m / 1000).toFixed(2));
    return `${cores} core${cores === 1 ? '' : 's'}`;
  }
  return m < 10 ? `${Number(m.toFixed(1))}m` : `${Math.round(m)}m`;
}

const formatPercent = (p: number | undefined) => (p === undefined ? '—' : `${p < 10 ? p.toFixed(1) : Math.round(p)}%`);

export interface UsageMark {
  /** "request = limit" when both are the same value. */
  label: string;
  /** Position on the bar, 0–100. */
  at: number;
  text: string;
}

export interface UsageBar {
  resource: 'cpu' | 'memory';
  label: string;
  /** Fill, 0–100 of the bar's scale; undefined when there is no current value. */
  fill?: number;
  /** Fill relative to the tightest bound (limit, else allocatable, else request): the tone. */
  tone: 'ok' | 'warn' | 'bad';
  used: string;
  /** "of 500m requested · limit 1 core" */
  against: string;
  marks: UsageMark[];
}

/** The bounds to draw, equal ones merged ("request = limit"), in the resource's unit (pure). */
export function boundLines(p: UsagePayload, resource: 'cpu' | 'memory'): [string, number][] {
  const b = p[resource];
  const all: [string, number | undefined][] = p.measure === 'percent'
    ? [['reservation', 100]]
    : [['request', b.request], ['limit', b.limit], ['allocatable', b.capacity]];
  const out: [string, number][] = [];
  for (const [label, v] of all) {
    if (v === undefined || v <= 0) continue;
    const same = out.find((x) => x[1] === v);
    if (same) same[0] += ` = ${label}`;
    else out.push([label, v]);
  }
  return out;
}

/** The current value against its bounds, as one bar per resource (pure). */
export function usageBars(p: UsagePayload): UsageBar[] {
  return (['cpu', 'memory'] as const).map((resource) => {
    const used = p.current?.[resource];
    const b = p[resource];
    const fmt = p.measure === 'percent' ? formatPercent : resource === 'cpu' ? formatMillicores : (v: number | undefined) => formatBytes(v === undefined ? undefined : Math.round(v));
    const present = boundLines(p, resource);
    // The scale leaves room past the largest of the value and its bounds.
    const scale = Math.max(used ?? 0, ...present.map((x) => x[1])) * 1.1 || 1;
    const pct = (v: number) => Math.min(100, (v / scale) * 100);
    const tightest = p.measure === 'percent' ? 100 : (b.limit ?? b.capacity ?? b.request);
    const ratio = used !== undefined && tightest ? used / tightest : 0;
    const against = present.map(([label, v]) => `${label} ${fmt(v)}`).join(' · ');
    let usedText = fmt(used);
    if (p.measure === 'percent' && used !== undefined && p.reservation) {
      const total = resource === 'cpu' ? p.reservation.cpuMillis : p.reservation.memoryBytes;
      if (total !== undefined) usedText += ` ≈ ${resource === 'cpu' ? formatMillicores((used / 100) * total) : formatBytes(Math.round((used / 100) * total))} of ${resource === 'cpu' ? formatMillicores(total) : formatBytes(total)}`;
    }
    return {
      resource,
      label: resource === 'cpu' ? 'CPU' : 'Memory',
      ...(used !== undefined ? { fill: pct(used) } : {}),
      tone: p.measure === 'absolute' && !b.limit && !b.capacity ? 'ok' : ratio >= 0.9 ? 'bad' : ratio >= 0.7 ? 'warn' : 'ok',
      used: usedText,
      against: against || (p.measure === 'absolute' && p.subject === 'workload' ? 'no request or limit set' : ''),
      marks: present.map(([label, v]) => ({ label, at: pct(v), text: `${label} ${fmt(v)}` })),
    };
  });
}

export interface UsageChartRow {
  t: number;
  cpu?: number;
  /** In memoryAxis(p).unit (absolute) or percent */
  memory?: number;
}

/** The memory axis of absolute figures: GiB from 2 GiB up (round ticks), else MiB (pure). */
export function memoryAxis(p: UsagePayload): { unit: 'MiB' | 'GiB'; divisor: number } {
  const top = Math.max(0, ...p.series.map((s) => s.memory ?? 0), p.memory.request ?? 0, p.memory.limit ?? 0);
  return top >= 2 * 2 ** 30 ? { unit: 'GiB', divisor: 2 ** 30 } : { unit: 'MiB', divisor: 2 ** 20 };
}

/** Chart rows: absolute memory in MiB or GiB (memoryAxis), so axis ticks stay short and round (pure). */
export function usageChartRows(p: UsagePayload): UsageChartRow[] {
  const round = (v: number | undefined, d: number) => (v === undefined ? undefined : Math.round(v * 10 ** d) / 10 ** d);
  const mem = memoryAxis(p);
  return p.series.map((s) => ({
    t: s.t,
    cpu: round(s.cpu, 1),
    memory: p.measure === 'absolute' ? round(s.memory === undefined ? undefined : s.memory / mem.divisor, mem.unit === 'GiB' ? 2 : 1) : round(s.memory, 1),
  }));
}

/** "18:40" in the viewer's time zone. */
export const clockTime = (t: number): string => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Ticks of a one-hour axis ending at `end`: every 15 minutes, on the quarter hour (pure). */
export function hourTicks(end: number): number[] {
  const step = 15 * 60_000;
  const out: number[] = [];
  for (let t = Math.ceil((end - 3_600_000) / step) * step; t <= end; t += step) out.push(t);
  return out;
}

