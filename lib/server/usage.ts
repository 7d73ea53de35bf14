// GET /api/usage?id=<workload, node or ECS cluster id>: current usage against requests/limits and the
// last hour, or `covered: false` with the reason. Kubernetes: metrics.k8s.io sampled by the server
// (usage-history.ts: sampling runs while pages ask, PARALLAX_USAGE_INTERVAL_S apart). ECS: CloudWatch's
// AWS/ECS utilization of the service, or of the cluster for a container instance (CloudWatch has no
// per-instance figure in AWS/ECS), read through the adapter's 60 s cache. A failed read is data in
// the answer (200 with `error`), never a blank: the page keeps every other section.
import type { Instance, ModelObject, Node, Snapshot, Workload } from '@/lib/model';
import type { UsageReaders } from '@/lib/inventory/usage';
import type { UsageBounds, UsagePayload } from '@/lib/views/usage';
import { systemClock, type Clock } from '@/lib/util/clock';
import { findObject } from './raw';
import { errorResponse, json } from './http';
import { servedSnapshot, type SnapshotReader } from './views';
import { KubeUsageSampler } from './usage-history';

export interface UsageInventory extends SnapshotReader {
  usageReaders(source: string): UsageReaders | undefined;
}

export interface UsageServiceOptions {
  clock?: Clock;
  /** Kubernetes sampling period. Default 30 s (PARALLAX_USAGE_INTERVAL_S). */
  intervalMs?: number;
  /** Sampling stops this long after the last request. Default 5 min. */
  idleMs?: number;
}

/** PARALLAX_USAGE_INTERVAL_S: seconds between Kubernetes usage samples, 15 to 600 (metrics-server's resolution is 15 s). Default 30. */
export function usageIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const s = Number(env.PARALLAX_USAGE_INTERVAL_S ?? '');
  return Number.isFinite(s) && s > 0 ? Math.min(600, Math.max(15, s)) * 1000 : 30_000;
}

const K8S_FROM = 'metrics.k8s.io (metrics-server), sampled by Parallax';
const ECS_FROM = 'CloudWatch AWS/ECS CPUUtilization and MemoryUtilization (1 min average)';

const sum = (xs: (number | undefined)[]): number | undefined => (xs.length && xs.every((x) => x !== undefined) ? xs.reduce((a: number, b) => a + b!, 0) : undefined);

/** A pod's limit: its running containers' limits summed, when every one has a limit. */
function podLimit(w: Workload, resource: 'cpuMillis' | 'memoryBytes'): number | undefined {
  return sum(w.template.containers.filter((c) => c.role !== 'init').map((c) => c.limits[resource]));
}

function runningOf(s: Snapshot, w: Workload): Instance[] {
  return s.instances.filter((i) => i.workload === w.id && i.state === 'running');
}

export class UsageService {
  private readonly clock: Clock;
  private readonly samplers = new Map<string, KubeUsageSampler>();

  constructor(private readonly o: UsageServiceOptions = {}) {
    this.clock = o.clock ?? systemClock;
  }

  stop(): void {
    for (const s of this.samplers.values()) s.stop();
    this.samplers.clear();
  }

  async respond(inv: UsageInventory, url: string): Promise<Response> {
    const id = new URL(url).searchParams.get('id');
    if (!id) return errorResponse(400, 'missing ?id= (a workload, node or ECS cluster id, as listed by /api/snapshot)');
    const snapshot = servedSnapshot(inv);
    const o = findObject(snapshot, id);
    if (!o) return errorResponse(404, `no object ${id}`);
    if (o.kind !== 'workload' && o.kind !== 'node' && !(o.kind === 'cluster' && o.platform === 'ecs')) {
      return errorResponse(400, `usage is shown for workloads, nodes and ECS clusters, not for ${o.ref.kind} ${o.name}`);
    }
    const readers = inv.usageReaders(o.source);
    return json(o.platform === 'kubernetes' ? await this.kube(inv, readers, o as Workload | Node) : await this.ecs(snapshot, readers, o));
  }

  private sampler(inv: UsageInventory, source: string, readers: UsageReaders): KubeUsageSampler {
    let s = this.samplers.get(source);
    if (!s) {
      s = new KubeUsageSampler({
        read: () => readers.readKubeMetrics!(),
        objects: () => {
          const snap = servedSnapshot(inv);
          return { instances: snap.instances.filter((i) => i.source === source), nodes: snap.nodes.filter((n) => n.source === source) };
        },
        clock: this.clock, intervalMs: this.o.intervalMs, idleMs: this.o.idleMs,
      });
      this.samplers.set(source, s);
    }
    return s;
  }

  private async kube(inv: UsageInventory, readers: UsageReaders | undefined, o: Workload | Node): Promise<UsagePayload> {
    const base = { id: o.id, name: o.name, platform: o.platform, subject: o.kind, from: K8S_FROM, measure: 'absolute' as const, series: [] };
    if (!readers?.readKubeMetrics) return { ...base, covered: false, reason: `source ${o.source} does not read metrics`, cpu: {}, memory: {}, intervalS: 0 };
    const sampler = this.sampler(inv, o.source, readers);
    await sampler.touch();
    const st = sampler.state();
    const intervalS = st.intervalMs / 1000;
    const snapshot = servedSnapshot(inv);
    let cpu: UsageBounds;
    let memory: UsageBounds;
    if (o.kind === 'node') {
      cpu = { request: o.requested.cpuMillis, capacity: o.allocatable.cpuMillis };
      memory = { request: o.requested.memoryBytes, capacity: o.allocatable.memoryBytes };
    } else {
      const pods = runningOf(snapshot, o);
      const limit = (r: 'cpuMillis' | 'memoryBytes') => { const l = podLimit(o, r); return l === undefined || !pods.length ? undefined : l * pods.length; };
      cpu = { request: sum(pods.map((p) => p.requests.cpuMillis)), limit: limit('cpuMillis') };
      memory = { request: sum(pods.map((p) => p.requests.memoryBytes)), limit: limit('memoryBytes') };
    }
    const problem = o.kind === 'node' ? st.problems.nodes : st.problems.pods;
    const samples = sampler.series(o.id);
    const series = samples.map((s) => ({ t: s.t, cpu: s.cpuMillis, memory: s.memoryBytes }));
    const last = samples.at(-1);
    const current = last && last.t === st.lastAt ? { t: last.t, cpu: last.cpuMillis, memory: last.memoryBytes, ...(o.kind === 'workload' ? { pods: last.pods } : {}) } : undefined;
    const payload: UsagePayload = { ...base, covered: true, cpu, memory, series, intervalS, ...(st.collectingSince !== undefined ? { collectingSince: st.collectingSince } : {}), ...(current ? { current } : {}) };
    if (problem) return { ...payload, covered: !problem.notCovered, reason: problem.message, ...(problem.notCovered ? {} : { error: true }) };
    if (!current) payload.reason = o.kind === 'node' ? 'metrics-server has no sample of this node (not Ready?)' : 'no running pod of this workload has metrics yet';
    return payload;
  }

  private async ecs(snapshot: Snapshot, readers: UsageReaders | undefined, o: ModelObject): Promise<UsagePayload> {
    const service = o.kind === 'workload' && (o as Workload).workloadKind === 'Service' ? o.name : undefined;
    const cluster = o.kind === 'cluster' ? o.name : o.groupName ?? '';
    const base = {
      id: o.id, name: o.name, platform: o.platform, subject: service !== undefined ? 'workload' as const : 'cluster' as const, from: ECS_FROM,
      measure: 'percent' as const, cpu: { capacity: 100 }, memory: { capacity: 100 }, series: [], intervalS: 60,
    };
    if (o.kind === 'workload' && service === undefined) {
      return { ...base, covered: false, reason: 'AWS/ECS has utilization per service and per cluster only: standalone tasks are not covered' };
    }
    if (!readers?.readEcsMetrics) return { ...base, covered: false, reason: `source ${o.source} does not read metrics` };
    const [r] = await readers.readEcsMetrics([{ cluster, ...(service !== undefined ? { service } : {}) }]);
    if (!r.ok) return { ...base, covered: true, error: true, reason: r.problem.message };
    const series = r.points.map((p) => ({ t: p.t, cpu: p.cpuPercent, memory: p.memoryPercent }));
    const payload: UsagePayload = { ...base, covered: true, series, ...(series.length ? { current: series[series.length - 1] } : {}) };
    if (o.kind === 'workload') {
      const w = o as Workload;
      const tasks = runningOf(snapshot, w).length;
      const per = w.template.reserved;
      payload.reservation = { tasks, ...(per.cpuMillis !== undefined ? { cpuMillis: per.cpuMillis * tasks } : {}), ...(per.memoryBytes !== undefined ? { memoryBytes: per.memoryBytes * tasks } : {}) };
    }
    if (o.kind === 'node') payload.reason = `CloudWatch's AWS/ECS namespace has no per-instance figure: these are cluster ${cluster}'s, of its registered capacity`;
    if (!series.length) payload.reason = `CloudWatch has no AWS/ECS data points for ${service !== undefined ? `service ${service}` : `cluster ${cluster}`} in the last hour (no running tasks, or not published yet)`;
    return payload;
  }
}

const KEY = Symbol.for('parallax.usage');

/** One service per process (route bundles may load this module more than once). */
export function usageService(): UsageService {
  const g = globalThis as { [KEY]?: UsageService };
  return (g[KEY] ??= new UsageService({ intervalMs: usageIntervalMs() }));
}
