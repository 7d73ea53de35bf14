// Data for the overview's charts (recharts): plain arrays of plain numbers.
import type { Instance, Node, Source, Workload } from '@/lib/model';
import { PLATFORM_LABEL } from './format';
import { INSTANCE_STATES, collectionCoverage } from './matrix';

export interface DesiredReadyDatum { id: string; label: string; desired: number; ready: number }

/** Desired vs ready per workload, the largest first, at most `limit` bars (the rest is summarised by the caller). */
export function desiredVsReady(workloads: Workload[], limit = 24): DesiredReadyDatum[] {
  return [...workloads]
    .sort((a, b) => b.desired - a.desired || (b.desired - b.ready) - (a.desired - a.ready) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((w) => ({ id: w.id, label: `${w.name} · ${PLATFORM_LABEL[w.platform]}`, desired: w.desired, ready: w.ready }));
}

export interface CapacityDatum {
  id: string;
  label: string;
  /** cores */
  cpuRequested: number;
  cpuAllocatable: number;
  /** GiB */
  memRequested: number;
  memAllocatable: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** CPU (cores) and memory (GiB) requested vs allocatable per node / container instance. */
export function nodeCapacity(nodes: Node[], limit = 24): CapacityDatum[] {
  return [...nodes]
    .sort((a, b) => (a.platform === b.platform ? 0 : a.platform === 'kubernetes' ? -1 : 1) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((n) => ({
      id: n.id,
      label: `${n.name} · ${PLATFORM_LABEL[n.platform]}`,
      cpuRequested: round2((n.requested.cpuMillis ?? 0) / 1000),
      cpuAllocatable: round2((n.allocatable.cpuMillis ?? 0) / 1000),
      memRequested: round2((n.requested.memoryBytes ?? 0) / 2 ** 30),
      memAllocatable: round2((n.allocatable.memoryBytes ?? 0) / 2 ** 30),
    }));
}

export type StateDatum = { source: string; label: string } & Partial<Record<(typeof INSTANCE_STATES)[number], number>>;

/** Instances by state, one stacked bar per source (sources with no instances still get a bar). */
export function instancesByState(instances: Instance[], sources: Source[]): { data: StateDatum[]; states: (typeof INSTANCE_STATES)[number][] } {
  // A source whose instances could not be read says so in its label rather than showing an empty bar as "none".
  const rows = new Map<string, StateDatum>(sources.map((s) => [s.id, {
    source: s.id,
    label: `${s.name} · ${PLATFORM_LABEL[s.platform]}${collectionCoverage(s, 'instances').state === 'not-covered' ? ' (not covered)' : ''}`,
  }]));
  const seen = new Set<(typeof INSTANCE_STATES)[number]>();
  for (const i of instances) {
    const row = rows.get(i.source);
    if (!row) continue;
    row[i.state] = (row[i.state] ?? 0) + 1;
    seen.add(i.state);
  }
  return { data: [...rows.values()], states: INSTANCE_STATES.filter((s) => seen.has(s)) };
}
