// The tables GET /api/table serves (lib/views/table.ts runs them): per table the collection its rows
// come from, the row shape (only what its columns show, plus what a row links to), the searchable
// text (as the browser-side filter had it: resources.ts rowText, nodes.ts nodeText), sort keys per
// column id (the same keys the columns sorted by in the browser) and the facets.
import type { Autoscaler, CollectionName, Config, Endpoint, Instance, ModelEvent, Node, Revision, Secret, Snapshot, Source, Volume, Workload } from '@/lib/model';
import { NODE_FACET_KEYS, nodeFacets, nodeRowOf, nodeText, podsPerNode, type NodeRow } from './nodes';
import { RESOURCE_FACET_KEYS, RESOURCE_KINDS, resourceFacets, rowText, runningPerRevision, type ResourceKind, type Row } from './resources';
import { TableEngine, type SortKey, type TableAnswer, type TableDef } from './table';
import { downSources, PAIR_SORT, pairSortKey, sourceNames, WORKLOAD_FACET_KEYS, workloadFacets, workloadRowOf, workloadText, type WorkloadRow } from './workloads';

export const TABLES = [...RESOURCE_KINDS, 'nodes', 'workloads'] as const;
export type TableName = (typeof TABLES)[number];

/** The collections a table's rows are made of (sources always): a change tick naming none of them leaves it alone. */
export const TABLE_COLLECTIONS: Record<TableName, CollectionName[]> = {
  instances: ['instances', 'revisions'], revisions: ['revisions', 'instances'], endpoints: ['endpoints'], configs: ['configs'],
  secrets: ['secrets'], volumes: ['volumes'], autoscalers: ['autoscalers'], events: ['events'], nodes: ['nodes', 'instances'], workloads: ['workloads'],
};

/** The URL parameters a table reads as facets (?platform=ecs&source=…). */
export const tableFacetKeys = (t: TableName): readonly string[] => (t === 'nodes' ? NODE_FACET_KEYS : t === 'workloads' ? WORKLOAD_FACET_KEYS : RESOURCE_FACET_KEYS);

/** GET /api/table's answer: one window, the totals and facet counts, the sources (names, health) and the inventory version. */
export interface TablePayload<R = unknown> extends TableAnswer<R> {
  table: TableName;
  version: number;
  generatedAt: string;
  sources: Source[];
}

export const isTableName = (t: string | null | undefined): t is TableName => (TABLES as readonly string[]).includes(t ?? '');

/** The object with only these keys (absent ones left out, so JSON stays small). */
function pick<O, K extends keyof O>(o: O, keys: readonly K[]): Pick<O, K> {
  const out = {} as Pick<O, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

const BASE = ['id', 'platform', 'source', 'name', 'group', 'groupName', 'createdAt'] as const;
type BaseKey = (typeof BASE)[number];

export type InstanceRow = Pick<Instance, BaseKey | 'state' | 'phase' | 'reason' | 'ready' | 'nodeName' | 'launchType' | 'ip' | 'restarts' | 'health' | 'startedAt' | 'workload'> & { revisionLabel?: string };
export type RevisionRow = Pick<Revision, BaseKey | 'revision' | 'state' | 'status' | 'rolloutState' | 'images' | 'ready' | 'desired' | 'workload'> & { instanceCount: number };
export type EndpointRow = Pick<Endpoint, BaseKey | 'endpointKind' | 'type' | 'addresses' | 'ports' | 'readyTargets' | 'notReadyTargets' | 'rules'>;
export type ConfigRow = Pick<Config, BaseKey | 'configKind' | 'data' | 'usedBy'>;
export type SecretRow = Pick<Secret, BaseKey | 'secretKind' | 'type' | 'usedBy'> & { keys: { key: string; ref?: string }[] };
export type VolumeRow = Pick<Volume, BaseKey | 'volumeKind' | 'backing' | 'capacityBytes' | 'requestBytes' | 'storageClass' | 'accessModes' | 'phase' | 'fileSystemId' | 'rootDirectory' | 'hostPath' | 'transitEncryption' | 'usedBy'>;
export type AutoscalerRow = Pick<Autoscaler, BaseKey | 'target' | 'targetName' | 'min' | 'max' | 'current' | 'desired' | 'metrics'>;
export type EventRow = Pick<ModelEvent, BaseKey | 'type' | 'reason' | 'message' | 'at' | 'count' | 'involved' | 'workload'>;

/** Source names as one string: the rows (their text) are rebuilt only when a name changes. */
const namesKey = (s: Snapshot) => s.sources.map((x) => `${x.id}=${x.name}`).join('\n');
const createdSort = (iso?: string) => (iso ? -Date.parse(iso) : Number.NEGATIVE_INFINITY);

const sortCommon = { platform: (r: Row) => r.platform, source: (r: Row) => r.source, group: (r: Row) => r.groupName ?? r.group ?? '', name: (r: Row) => r.name };

type Names = { names: Map<string, string> };

/** A /resources table over one collection whose rows need nothing but source names. */
function simple<O extends Row & { labels: Record<string, string> }, R extends Row>(primary: (s: Snapshot) => O[], row: (o: O) => R, sortKeys: Record<string, (r: R) => SortKey>): TableDef<O, R, Names> {
  return {
    primary,
    context: (s) => ({ names: sourceNames(s.sources) }),
    contextDeps: (s) => [namesKey(s)],
    signature: (o, c) => c.names.get(o.source) ?? '',
    row,
    text: (o, _r, c) => rowText(o, c.names),
    labels: (o) => o.labels,
    platform: (r) => r.platform,
    sortKeys: { ...sortCommon, ...sortKeys } as Record<string, (r: R) => SortKey>,
    facets: resourceFacets,
  };
}

const instances: TableDef<Instance, InstanceRow, Names & { labels: Map<string, string> }> = {
  primary: (s) => s.instances,
  context: (s) => ({ names: sourceNames(s.sources), labels: new Map(s.revisions.map((r) => [r.id, r.revision])) }),
  contextDeps: (s) => [namesKey(s), s.revisions],
  signature: (o, c) => `${c.names.get(o.source) ?? ''}\n${o.revision ? c.labels.get(o.revision) ?? '' : ''}`,
  row: (o, c) => ({ ...pick(o, [...BASE, 'state', 'phase', 'reason', 'ready', 'nodeName', 'launchType', 'ip', 'restarts', 'health', 'startedAt', 'workload'] as const), revisionLabel: o.revision ? c.labels.get(o.revision) : undefined }),
  text: (o, _r, c) => rowText(o, c.names),
  labels: (o) => o.labels,
  platform: (r) => r.platform,
  sortKeys: {
    ...sortCommon, state: (r) => r.state, ready: (r) => (r.ready ? 1 : 0), revision: (r) => r.revisionLabel ?? '', node: (r) => r.nodeName ?? '',
    ip: (r) => r.ip ?? '', restarts: (r) => r.restarts, health: (r) => r.health, age: (r) => createdSort(r.startedAt ?? r.createdAt),
  },
  facets: resourceFacets,
};

const revisions: TableDef<Revision, RevisionRow, Names & { counts: Map<string, number> }> = {
  primary: (s) => s.revisions,
  context: (s) => ({ names: sourceNames(s.sources), counts: runningPerRevision(s.instances) }),
  contextDeps: (s) => [namesKey(s), s.instances],
  signature: (o, c) => `${c.names.get(o.source) ?? ''}\n${c.counts.get(o.id) ?? 0}`,
  row: (o, c) => ({ ...pick(o, [...BASE, 'revision', 'state', 'status', 'rolloutState', 'images', 'ready', 'desired', 'workload'] as const), instanceCount: c.counts.get(o.id) ?? 0 }),
  text: (o, _r, c) => rowText(o, c.names),
  labels: (o) => o.labels,
  platform: (r) => r.platform,
  sortKeys: {
    ...sortCommon, age: (r) => createdSort(r.createdAt), revision: (r) => r.revision, state: (r) => r.state, status: (r) => `${r.status}${r.rolloutState ? ` · ${r.rolloutState}` : ''}`,
    images: (r) => r.images.join(' '), ready: (r) => r.ready, instances: (r) => r.instanceCount,
  },
  facets: resourceFacets,
};

const endpoints = simple<Endpoint, EndpointRow>((s) => s.endpoints, (o) => pick(o, [...BASE, 'endpointKind', 'type', 'addresses', 'ports', 'readyTargets', 'notReadyTargets', 'rules'] as const), {
  kind: (r) => `${r.endpointKind}${r.type ? ` · ${r.type}` : ''}`, addresses: (r) => r.addresses.join(' '), targets: (r) => r.readyTargets,
  ports: (r) => r.ports.map((p) => `${p.port}${p.targetPort !== undefined ? `→${p.targetPort}` : ''}/${p.protocol}`).join(', '),
  rules: (r) => r.rules.map((x) => `${x.host ?? '*'}${x.path ?? ''} → ${x.backend}`).join('; '),
});
// Config values were masked before they reach here (servedSnapshot); the browser masks again what still looks like a credential.
const configs = simple<Config, ConfigRow>((s) => s.configs, (o) => pick(o, [...BASE, 'configKind', 'data', 'usedBy'] as const), {
  kind: (r) => r.configKind, data: (r) => Object.entries(r.data).map(([k, v]) => `${k}=${v}`).join(' '), used: (r) => r.usedBy.length,
});
// Keys and their references only: a key's hash stays on the server.
const secrets = simple<Secret, SecretRow>((s) => s.secrets, (o) => ({ ...pick(o, [...BASE, 'secretKind', 'type', 'usedBy'] as const), keys: o.keys.map((k) => pick(k, ['key', 'ref'] as const)) }), {
  kind: (r) => `${r.secretKind}${r.type ? ` · ${r.type}` : ''}`, keys: (r) => r.keys.map((k) => k.key).join(' '), used: (r) => r.usedBy.length,
});
const volumes = simple<Volume, VolumeRow>((s) => s.volumes, (o) => pick(o, [...BASE, 'volumeKind', 'backing', 'capacityBytes', 'requestBytes', 'storageClass', 'accessModes', 'phase', 'fileSystemId', 'rootDirectory', 'hostPath', 'transitEncryption', 'usedBy'] as const), {
  kind: (r) => `${r.volumeKind} · ${r.backing}`, size: (r) => r.capacityBytes ?? r.requestBytes ?? 0, used: (r) => r.usedBy.length,
  detail: (r) => [r.storageClass, r.accessModes.join(','), r.phase, r.fileSystemId, r.rootDirectory, r.hostPath, r.transitEncryption ? 'TLS' : undefined].filter(Boolean).join(' · '),
});
const autoscalers = simple<Autoscaler, AutoscalerRow>((s) => s.autoscalers, (o) => pick(o, [...BASE, 'target', 'targetName', 'min', 'max', 'current', 'desired', 'metrics'] as const), {
  target: (r) => r.targetName, range: (r) => r.max, current: (r) => r.current ?? -1,
  metrics: (r) => r.metrics.map((m) => `${m.name} ${m.targetType} ${m.target}`).join('; '),
});
const eventsBase = simple<ModelEvent, EventRow>((s) => s.events, (o) => pick(o, [...BASE, 'type', 'reason', 'message', 'at', 'count', 'involved', 'workload'] as const), {
  at: (r) => Date.parse(r.at), type: (r) => r.type, reason: (r) => r.reason, object: (r) => `${r.involved.kind}/${r.involved.name}`, message: (r) => r.message,
});
const events: TableDef<ModelEvent, EventRow, Names> = {
  ...eventsBase,
  sortKeys: Object.fromEntries(Object.entries(eventsBase.sortKeys).filter(([id]) => id !== 'name')), // events have no name column
  defaultOrder: (a, b) => Date.parse(b.at) - Date.parse(a.at), // newest first
};

const nodes: TableDef<Node, NodeRow, Names & { pods: Map<string, number> }> = {
  primary: (s) => s.nodes,
  context: (s) => ({ names: sourceNames(s.sources), pods: podsPerNode(s.instances) }),
  contextDeps: (s) => [namesKey(s), s.instances],
  row: (o, c) => nodeRowOf(o, c.names, c.pods),
  text: (_o, r) => nodeText(r),
  platform: (r) => r.platform,
  sortKeys: {
    platform: (r) => r.platform, source: (r) => r.sourceName, name: (r) => r.name, status: (r) => r.status, type: (r) => r.instanceType ?? '', zone: (r) => r.zone ?? '',
    cpu: (r) => (r.cpuAllocatable ? (r.cpuRequested ?? 0) / r.cpuAllocatable : 0), memory: (r) => (r.memAllocatable ? (r.memRequested ?? 0) / r.memAllocatable : 0),
    instances: (r) => r.instances, agent: (r) => r.agentVersion ?? '', age: (r) => createdSort(r.createdAt),
  },
  facets: nodeFacets,
};

/** The drift engine's pairs by workload id (lib/views/workloads.ts pairKeys): the server passes them while the table groups by pair. */
export type PairKeys = Map<string, { key: string; by: string }>;

const workloads: TableDef<Workload, WorkloadRow, Names & { down: Set<string>; pairs?: PairKeys }> = {
  primary: (s) => s.workloads,
  context: (s, pairs) => ({ names: sourceNames(s.sources), down: downSources(s.sources), pairs: pairs as PairKeys | undefined }),
  contextDeps: (s, pairs) => [namesKey(s), [...downSources(s.sources)].join('\n'), pairs],
  signature: (o, c) => { const p = c.pairs?.get(o.id); return `${c.names.get(o.source) ?? ''}\n${c.down.has(o.source)}\n${p ? `${p.key}\n${p.by}` : ''}`; },
  row: (o, c) => { const pair = c.pairs?.get(o.id); return pair ? { ...workloadRowOf(o, c.names, c.down), pair } : workloadRowOf(o, c.names, c.down); },
  text: (_o, r) => workloadText(r),
  labels: (o) => o.labels,
  platform: (r) => r.platform,
  sortKeys: {
    platform: (r) => r.platform, source: (r) => r.sourceName, group: (r) => r.group, name: (r) => r.name, kind: (r) => r.kind, images: (r) => r.images.join(' '),
    ready: (r) => (r.desired ? r.ready / r.desired : 1) * 1e6 + r.desired, rollout: (r) => r.rollout, health: (r) => r.health, age: (r) => createdSort(r.createdAt),
    [PAIR_SORT]: pairSortKey,
  },
  facets: workloadFacets,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const DEFS: Record<TableName, TableDef<any, any, any>> = { instances, revisions, endpoints, configs, secrets, volumes, autoscalers, events, nodes, workloads };

// One engine (and its caches) per table for the process; on globalThis, since Next may load this module once per route bundle.
const ENGINES = Symbol.for('parallax.tableEngines');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Engines = Partial<Record<TableName, TableEngine<any, any, any>>>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function tableEngine(name: TableName): TableEngine<any, any, any> {
  const g = globalThis as { [ENGINES]?: Engines };
  const engines = (g[ENGINES] ??= {});
  return (engines[name] ??= new TableEngine(DEFS[name]));
}

export type { ResourceKind };
