// Workload rows for the cross-platform table: one flat, sortable shape per workload.
import { shortImage, type Platform, type Source, type Workload } from '@/lib/model';
import { PLATFORM_LABEL, platformName } from './format';
import type { FacetDef, RowMatcher } from './filter';

export type Health = 'healthy' | 'progressing' | 'degraded';
export const HEALTH_ORDER: readonly Health[] = ['healthy', 'progressing', 'degraded'];
export const PLATFORMS = ['kubernetes', 'ecs'] as const;
/** Every workloadKind the adapters produce (lib/k8s/normalize, lib/ecs/normalize). */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service'] as const;

/**
 * healthy: every desired instance ready and no rollout in flight; progressing: a rollout or scaling
 * under way (some ready); degraded: the rollout failed, or nothing is ready although something is desired.
 */
export function workloadHealth(w: Pick<Workload, 'desired' | 'ready' | 'rollout'>): Health {
  if (w.rollout.state === 'failed') return 'degraded';
  if (w.desired > 0 && w.ready === 0) return 'degraded';
  if (w.rollout.state === 'progressing' || w.ready !== w.desired) return 'progressing';
  return 'healthy';
}

export interface WorkloadRow {
  id: string;
  platform: Platform;
  source: string;
  sourceName: string;
  group: string;
  name: string;
  kind: string;
  images: string[];
  desired: number;
  ready: number;
  rollout: Workload['rollout']['state'];
  rolloutMessage?: string;
  health: Health;
  /** The source is down: this is the last state seen, not the current one. */
  stale: boolean;
  createdAt?: string;
  /** Labels (Kubernetes) or tags (ECS), for `key=value` filter terms (not in the server's rows: it filters). */
  labels?: Record<string, string>;
  /** The drift engine's pair this workload is in (the server adds it: lib/views/tables.ts), when the table groups by pair. */
  pair?: { key: string; by: string };
}

export function sourceNames(sources: Source[]): Map<string, string> {
  return new Map(sources.map((s) => [s.id, s.name]));
}

export function workloadRowOf(w: Workload, names: Map<string, string>, down: Set<string>): Omit<WorkloadRow, 'labels'> {
  return {
    id: w.id,
    platform: w.platform,
    source: w.source,
    sourceName: names.get(w.source) ?? w.source,
    group: w.groupName ?? w.group ?? '',
    name: w.name,
    kind: w.workloadKind,
    images: w.template.containers.filter((c) => c.role !== 'init').map((c) => shortImage(c.image)),
    desired: w.desired,
    ready: w.ready,
    rollout: w.rollout.state,
    rolloutMessage: w.rollout.message,
    health: workloadHealth(w),
    stale: down.has(w.source),
    createdAt: w.createdAt,
  };
}

/** The sources that are down (their workloads are the last state seen). */
export const downSources = (sources: Source[]) => new Set(sources.filter((s) => s.status === 'down').map((s) => s.id));

export function workloadRows(workloads: Workload[], sources: Source[]): WorkloadRow[] {
  const names = sourceNames(sources);
  const down = downSources(sources);
  return workloads.map((w) => ({ ...workloadRowOf(w, names, down), labels: w.labels }));
}

/** The pairs as the drift engine made them (/api/drift's pairs: lib/drift/pairing.ts), by workload id. */
export function pairKeys(pairs: readonly { key: string; by: string; left: { workloadId: string }; right: { workloadId: string } }[]): Map<string, { key: string; by: string }> {
  const out = new Map<string, { key: string; by: string }>();
  // With three or more sources a workload can be in several pairs: the first (the engine's order) names it.
  for (const p of pairs) for (const side of [p.left, p.right]) if (!out.has(side.workloadId)) out.set(side.workloadId, { key: p.key, by: p.by });
  return out;
}

/**
 * Sort key of the pair column: the pair key (an unpaired workload's own name), paired before
 * unpaired, Kubernetes before ECS, then source: both sides of an app end up next to each other.
 */
export function pairSortKey(r: WorkloadRow): string {
  return [(r.pair?.key ?? r.name).toLowerCase(), r.pair ? 0 : 1, r.platform === 'kubernetes' ? 0 : 1, r.sourceName, r.group].join('\u0000');
}

/** The sort that groups the table by pair (?sort=pair). */
export const PAIR_SORT = 'pair';

export function workloadText(r: WorkloadRow): string {
  return [r.name, r.group, r.sourceName, r.kind, PLATFORM_LABEL[r.platform], r.platform, r.health, r.rollout, ...r.images].join(' ');
}

/** Text, labels and platform: the filter understands `app=web` and `platform:ecs` here. */
export const workloadMatcher: RowMatcher<WorkloadRow> = { text: workloadText, labels: (r) => r.labels ?? {}, platform: (r) => r.platform };

export function workloadFacets(sources: Source[]): FacetDef<WorkloadRow>[] {
  const names = sourceNames(sources);
  return [
    { key: 'platform', label: 'Platform', value: (r) => r.platform, display: platformName, order: PLATFORMS, known: PLATFORMS },
    { key: 'source', label: 'Source', value: (r) => r.source, display: (v) => names.get(v) ?? v, known: sources.map((s) => s.id) },
    { key: 'group', label: 'Group', value: (r) => r.group },
    { key: 'kind', label: 'Kind', value: (r) => r.kind, known: WORKLOAD_KINDS },
    { key: 'health', label: 'Health', value: (r) => r.health, order: HEALTH_ORDER, known: HEALTH_ORDER },
  ];
}

export const WORKLOAD_FACET_KEYS = ['platform', 'source', 'group', 'kind', 'health'] as const;
