// The overview's concept matrix: one row per shared concept, one column per source (or per platform
// when there are many sources). A kind that could not be read is "not covered", never zero.
import type { CollectionName, Platform, Snapshot, Source } from '@/lib/model';
import { PLATFORM_NAME, count, plural } from './format';
import { workloadHealth } from './workloads';
import { tableHref } from './url-state';

export type MatrixRowKey = 'workloads' | 'revisions' | 'instances' | 'endpoints' | 'config' | 'volumes' | 'autoscaling' | 'nodes';

export const MATRIX_ROWS: { key: MatrixRowKey; label: string; collections: CollectionName[] }[] = [
  { key: 'workloads', label: 'workloads', collections: ['workloads'] },
  { key: 'revisions', label: 'revisions', collections: ['revisions'] },
  { key: 'instances', label: 'instances', collections: ['instances'] },
  { key: 'endpoints', label: 'endpoints', collections: ['endpoints'] },
  { key: 'config', label: 'config / secrets', collections: ['configs', 'secrets'] },
  { key: 'volumes', label: 'volumes', collections: ['volumes'] },
  { key: 'autoscaling', label: 'autoscaling', collections: ['autoscalers'] },
  { key: 'nodes', label: 'nodes', collections: ['nodes'] },
];

export type CoverageState = 'ok' | 'syncing' | 'not-covered';
export interface CollectionCoverage {
  state: CoverageState;
  reason?: string;
}

/** Whether one collection could be read on one source. */
export function collectionCoverage(source: Source, collection: CollectionName): CollectionCoverage {
  // The banner and the column header carry the reason; cells just say the source is down.
  if (source.status === 'down') return { state: 'not-covered', reason: source.notStarted ? 'source could not start' : 'source down' };
  // Each coverage entry names the collections its kind feeds: a concept is covered when all of them were read.
  const relevant = source.coverage.filter((c) => c.collections.includes(collection));
  const failed = relevant.find((c) => c.state === 'forbidden' || c.state === 'error');
  if (failed) return { state: 'not-covered', reason: failed.message ?? `${failed.kind}: ${failed.state}` };
  if (relevant.some((c) => c.state === 'pending')) return { state: 'syncing' };
  if (!relevant.length && source.status === 'syncing') return { state: 'syncing' };
  return { state: 'ok' };
}

export interface MatrixColumn {
  key: string;
  platform: Platform;
  label: string;
  sublabel?: string;
  sources: Source[];
}

const PLATFORM_ORDER: Platform[] = ['kubernetes', 'ecs'];

/** One column per source up to `maxSources`; beyond that one column per platform (aggregated). */
export function matrixColumns(sources: Source[], maxSources = 4): MatrixColumn[] {
  const sorted = [...sources].sort((a, b) => PLATFORM_ORDER.indexOf(a.platform) - PLATFORM_ORDER.indexOf(b.platform) || a.name.localeCompare(b.name));
  if (sorted.length <= maxSources) {
    return sorted.map((s) => ({ key: s.id, platform: s.platform, label: PLATFORM_NAME[s.platform], sublabel: s.name, sources: [s] }));
  }
  return PLATFORM_ORDER.map((p) => sorted.filter((s) => s.platform === p))
    .filter((list) => list.length)
    .map((list) => ({ key: list[0].platform, platform: list[0].platform, label: PLATFORM_NAME[list[0].platform], sublabel: plural(list.length, 'source'), sources: list }));
}

export interface MatrixCell {
  /** stale: could not be read now, but last-known objects are still held (e.g. the source went down). */
  state: CoverageState | 'partial' | 'stale';
  total: number;
  /** "(4 healthy, 1 progressing)", "4 services · 1 ingress" */
  detail: string;
  /** Not-covered reasons, shown in full for the cell. */
  reasons: string[];
  href: string;
  /** Instances by state, for the small bar. */
  segments?: { key: string; count: number }[];
}

function tally<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
}

function phrase(m: Map<string, number>, names: Record<string, [string, string]>, order?: string[]): string {
  const keys = [...m.keys()].sort((a, b) => (order ? order.indexOf(a) - order.indexOf(b) : 0) || (m.get(b)! - m.get(a)!));
  return keys.map((k) => { const n = m.get(k)!; const [one, many] = names[k] ?? [k, k]; return `${count(n)} ${n === 1 ? one : many}`; }).join(' · ');
}

const ENDPOINT_NAMES: Record<string, [string, string]> = { service: ['service', 'services'], ingress: ['ingress', 'ingresses'], loadBalancer: ['load balancer', 'load balancers'], serviceRegistry: ['registry', 'registries'] };
const CONFIG_NAMES: Record<string, [string, string]> = { configMap: ['config map', 'config maps'], taskEnvironment: ['env set', 'env sets'] };
const SECRET_NAMES: Record<string, [string, string]> = { secret: ['secret', 'secrets'], ssm: ['SSM ref', 'SSM refs'], secretsManager: ['Secrets Manager ref', 'Secrets Manager refs'] };
const VOLUME_NAMES: Record<string, [string, string]> = { persistent: ['persistent', 'persistent'], network: ['network', 'network'], host: ['host', 'host'], ephemeral: ['ephemeral', 'ephemeral'], projected: ['projected', 'projected'] };
export const INSTANCE_STATES = ['running', 'pending', 'succeeded', 'failed', 'stopped', 'unknown'] as const;

export function matrixCell(snapshot: Snapshot, column: MatrixColumn, row: MatrixRowKey): MatrixCell {
  const def = MATRIX_ROWS.find((r) => r.key === row)!;
  const ids = new Set(column.sources.map((s) => s.id));
  const mine = <T extends { source: string }>(list: T[]) => list.filter((o) => ids.has(o.source));
  const coverages = column.sources.flatMap((s) => def.collections.map((c) => ({ s, c, cov: collectionCoverage(s, c) })));
  const notCovered = coverages.filter((x) => x.cov.state === 'not-covered');
  const reasons = [...new Set(notCovered.map((x) => (column.sources.length > 1 ? `${x.s.name}: ` : '') + `${x.c} ${x.cov.reason ? `— ${x.cov.reason}` : 'not covered'}`))];
  const sourceIds = column.sources.map((s) => s.id);
  const href = row === 'workloads' ? tableHref('/workloads', { source: sourceIds })
    : row === 'nodes' ? tableHref('/nodes', { source: sourceIds })
    : tableHref('/resources', { kind: row === 'config' ? 'configs' : def.collections[0], source: sourceIds });
  const allNotCovered = notCovered.length === coverages.length;
  const held = def.collections.reduce((n, c) => n + mine(snapshot[c] as { source: string }[]).length, 0);
  // Nothing could be read and nothing is held: "not covered", never 0.
  if (allNotCovered && held === 0) return { state: 'not-covered', total: 0, detail: '', reasons, href };
  const state: MatrixCell['state'] = allNotCovered ? 'stale' : notCovered.length ? 'partial' : coverages.some((x) => x.cov.state === 'syncing') ? 'syncing' : 'ok';
  const base = { state, reasons, href };
  switch (row) {
    case 'workloads': {
      const ws = mine(snapshot.workloads);
      return { ...base, total: ws.length, detail: phrase(tally(ws, (w) => workloadHealth(w)), { healthy: ['healthy', 'healthy'], progressing: ['progressing', 'progressing'], degraded: ['degraded', 'degraded'] }, ['healthy', 'progressing', 'degraded']) };
    }
    case 'revisions': {
      const rs = mine(snapshot.revisions);
      const prev = rs.filter((r) => r.state === 'previous').length;
      return { ...base, total: rs.length, detail: prev ? `${count(prev)} old still running` : rs.length ? 'no old revision running' : '' };
    }
    case 'instances': {
      const is = mine(snapshot.instances);
      const by = tally(is, (i) => i.state);
      return { ...base, total: is.length, detail: phrase(by, {}, [...INSTANCE_STATES]), segments: INSTANCE_STATES.filter((s) => by.has(s)).map((s) => ({ key: s, count: by.get(s)! })) };
    }
    case 'endpoints': {
      const es = mine(snapshot.endpoints);
      return { ...base, total: es.length, detail: phrase(tally(es, (e) => e.endpointKind), ENDPOINT_NAMES) };
    }
    case 'config': {
      const cs = mine(snapshot.configs);
      const ss = mine(snapshot.secrets);
      const parts = [];
      const cfgCov = coverages.filter((x) => x.c === 'configs');
      const secCov = coverages.filter((x) => x.c === 'secrets');
      parts.push(cfgCov.every((x) => x.cov.state === 'not-covered') ? 'config not covered' : phrase(tally(cs, (c) => c.configKind), CONFIG_NAMES) || '0 config');
      parts.push(secCov.every((x) => x.cov.state === 'not-covered') ? 'secrets not covered' : phrase(tally(ss, (s) => s.secretKind), SECRET_NAMES) || '0 secrets');
      return { ...base, total: cs.length + ss.length, detail: parts.join(' · ') };
    }
    case 'volumes': {
      const vs = mine(snapshot.volumes);
      return { ...base, total: vs.length, detail: phrase(tally(vs, (v) => v.volumeKind), VOLUME_NAMES) };
    }
    case 'autoscaling': {
      const as = mine(snapshot.autoscalers);
      const name: [string, string] = column.platform === 'ecs' ? ['scalable target', 'scalable targets'] : ['HPA', 'HPAs'];
      return { ...base, total: as.length, detail: as.length ? `${count(as.length)} ${as.length === 1 ? name[0] : name[1]}` : '' };
    }
    case 'nodes': {
      const ns = mine(snapshot.nodes);
      const notReady = ns.filter((n) => !n.ready).length;
      const noun: [string, string] = column.platform === 'ecs' ? ['container instance', 'container instances'] : ['node', 'nodes'];
      return { ...base, total: ns.length, detail: `${count(ns.length)} ${ns.length === 1 ? noun[0] : noun[1]}${notReady ? ` · ${count(notReady)} not ready` : ''}` };
    }
  }
}
