// The last hour of Kubernetes usage, kept by the server: metrics.k8s.io only gives the current value,
// so one sampler per Kubernetes source lists PodMetrics and NodeMetrics every `intervalMs` and keeps
// a bounded series (a ring of the last hour) per workload (its pods summed) and per node.
// Cost at scale: one sample is one list of every pod's metrics (about 150 bytes a pod: 20 MB at
// 150,000 pods), so a sampler only runs while someone looks — it starts on the first usage request
// and stops `idleMs` after the last one, dropping its series (the UI says since when it collects).
// Memory: 4 numbers a sample, `window / interval + 1` samples a key (121 at 30 s: ~4 KB a workload).
import type { Instance, Node } from '@/lib/model';
import type { KubeMetricsRead, PodUsage, UsageProblem } from '@/lib/inventory/usage';
import type { Clock, ClockTimer } from '@/lib/util/clock';

export interface UsageSample {
  /** ms since the epoch */
  t: number;
  cpuMillis: number;
  memoryBytes: number;
  /** Pods counted (a workload's); 0 for a node. */
  pods: number;
}

/** A fixed-size ring of samples, oldest overwritten first. */
export class SeriesRing {
  private readonly buf: Float64Array;
  private head = 0;
  private length = 0;

  constructor(readonly capacity: number) {
    this.buf = new Float64Array(capacity * 4);
  }

  push(s: UsageSample): void {
    const i = ((this.head + this.length) % this.capacity) * 4;
    this.buf.set([s.t, s.cpuMillis, s.memoryBytes, s.pods], i);
    if (this.length < this.capacity) this.length++;
    else this.head = (this.head + 1) % this.capacity;
  }

  get size(): number {
    return this.length;
  }

  /** The samples at or after `from`, oldest first. */
  samples(from = -Infinity): UsageSample[] {
    const out: UsageSample[] = [];
    for (let k = 0; k < this.length; k++) {
      const i = ((this.head + k) % this.capacity) * 4;
      if (this.buf[i] >= from) out.push({ t: this.buf[i], cpuMillis: this.buf[i + 1], memoryBytes: this.buf[i + 2], pods: this.buf[i + 3] });
    }
    return out;
  }

  latest(): UsageSample | undefined {
    if (!this.length) return undefined;
    const i = ((this.head + this.length - 1) % this.capacity) * 4;
    return { t: this.buf[i], cpuMillis: this.buf[i + 1], memoryBytes: this.buf[i + 2], pods: this.buf[i + 3] };
  }
}

/** Pods' usage summed per workload id, through the source's instances (namespace/name -> workload). Pure. */
export function sumByWorkload(pods: PodUsage[], instances: Instance[]): Map<string, Omit<UsageSample, 't'>> {
  const owner = new Map<string, string>();
  for (const i of instances) if (i.workload && i.groupName) owner.set(`${i.groupName}/${i.name}`, i.workload);
  const out = new Map<string, Omit<UsageSample, 't'>>();
  for (const p of pods) {
    const w = owner.get(`${p.namespace}/${p.name}`);
    if (!w) continue;
    const acc = out.get(w) ?? { cpuMillis: 0, memoryBytes: 0, pods: 0 };
    acc.cpuMillis += p.cpuMillis;
    acc.memoryBytes += p.memoryBytes;
    acc.pods++;
    out.set(w, acc);
  }
  return out;
}

export interface KubeUsageSamplerOptions {
  read(): Promise<KubeMetricsRead>;
  /** The source's instances and nodes now (from the inventory's snapshot). */
  objects(): { instances: Instance[]; nodes: Node[] };
  clock: Clock;
  /** Default 30 s. */
  intervalMs?: number;
  /** Sampling stops this long after the last request. Default 5 min. */
  idleMs?: number;
  /** Kept history. Default one hour. */
  windowMs?: number;
}

export interface SamplerState {
  /** The start of the current run (its first sample); undefined while idle. */
  collectingSince?: number;
  intervalMs: number;
  /** The parts of the last read that failed. */
  problems: { pods?: UsageProblem; nodes?: UsageProblem };
  lastAt?: number;
}

export class KubeUsageSampler {
  readonly intervalMs: number;
  private readonly idleMs: number;
  private readonly windowMs: number;
  private readonly rings = new Map<string, SeriesRing>();
  private timer?: ClockTimer;
  private first?: Promise<void>;
  private lastAsked = 0;
  private since?: number;
  private lastAt?: number;
  private problems: SamplerState['problems'] = {};
  private stopped = false;

  constructor(private readonly o: KubeUsageSamplerOptions) {
    this.intervalMs = o.intervalMs ?? 30_000;
    this.idleMs = o.idleMs ?? 300_000;
    this.windowMs = o.windowMs ?? 3_600_000;
  }

  /** A page asked for usage: (re)starts sampling; resolves once the run has its first sample. */
  touch(): Promise<void> {
    this.lastAsked = this.o.clock.now();
    if (!this.first && !this.stopped) this.first = this.tick();
    return this.first ?? Promise.resolve();
  }

  get running(): boolean {
    return this.first !== undefined;
  }

  state(): SamplerState {
    return { collectingSince: this.since, intervalMs: this.intervalMs, problems: this.problems, lastAt: this.lastAt };
  }

  /** A workload's or node's samples of the last window, oldest first. */
  series(id: string): UsageSample[] {
    return this.rings.get(id)?.samples(this.o.clock.now() - this.windowMs) ?? [];
  }

  stop(): void {
    this.stopped = true;
    this.idle();
  }

  private idle(): void {
    if (this.timer) this.o.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.first = undefined;
    this.since = undefined;
    this.rings.clear();
  }

  private async tick(): Promise<void> {
    let read: KubeMetricsRead;
    try {
      read = await this.o.read();
    } catch (err) {
      read = { at: this.o.clock.now(), pods: { ok: false, problem: { message: (err as Error).message } }, nodes: { ok: false, problem: { message: (err as Error).message } } };
    }
    if (this.stopped) return;
    this.record(read);
    this.timer = this.o.clock.setTimeout(() => {
      if (this.o.clock.now() - this.lastAsked >= this.idleMs) this.idle();
      else void this.tick();
    }, this.intervalMs);
  }

  private record(read: KubeMetricsRead): void {
    const t = read.at;
    this.since ??= t;
    this.lastAt = t;
    this.problems = { ...(read.pods.ok ? {} : { pods: read.pods.problem }), ...(read.nodes.ok ? {} : { nodes: read.nodes.problem }) };
    const { instances, nodes } = this.o.objects();
    const capacity = Math.ceil(this.windowMs / this.intervalMs) + 1;
    const push = (id: string, s: Omit<UsageSample, 't'>) => {
      let ring = this.rings.get(id);
      if (!ring) this.rings.set(id, (ring = new SeriesRing(capacity)));
      ring.push({ t, ...s });
    };
    if (read.pods.ok) for (const [w, s] of sumByWorkload(read.pods.items, instances)) push(w, s);
    if (read.nodes.ok) {
      const ids = new Map(nodes.map((n) => [n.name, n.id]));
      for (const n of read.nodes.items) {
        const id = ids.get(n.name);
        if (id) push(id, { cpuMillis: n.cpuMillis, memoryBytes: n.memoryBytes, pods: 0 });
      }
    }
    // Workloads and nodes gone for a whole window are forgotten.
    for (const [id, ring] of this.rings) if ((ring.latest()?.t ?? 0) < t - this.windowMs) this.rings.delete(id);
  }
}
