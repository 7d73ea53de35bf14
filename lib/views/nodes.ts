// Node rows: Kubernetes nodes and ECS container instances in one table.
import type { Instance, Node, Platform, Source } from '@/lib/model';
import { PLATFORM_LABEL, platformName } from './format';
import type { FacetDef } from './filter';
import { PLATFORMS, sourceNames } from './workloads';

export interface NodeRow {
  id: string;
  platform: Platform;
  source: string;
  sourceName: string;
  name: string;
  status: string;
  ready: boolean;
  unschedulable: boolean;
  instanceType?: string;
  zone?: string;
  cpuRequested?: number;
  cpuAllocatable?: number;
  memRequested?: number;
  memAllocatable?: number;
  /** Instances placed on the node, counted from instances (pods / tasks) by node id or name. */
  instances: number;
  agentVersion?: string;
  roles: string[];
  createdAt?: string;
}

/** Running and pending instances per node, by node id and by `<source>|<node name>` (what nodeRowOf reads). */
export function podsPerNode(instances: Instance[]): Map<string, number> {
  const byNode = new Map<string, number>();
  for (const i of instances) {
    if (i.state !== 'running' && i.state !== 'pending') continue;
    const key = i.node ?? (i.nodeName ? `${i.source}|${i.nodeName}` : undefined);
    if (key) byNode.set(key, (byNode.get(key) ?? 0) + 1);
  }
  return byNode;
}

export function nodeRowOf(n: Node, names: Map<string, string>, byNode: Map<string, number>): NodeRow {
  return {
    id: n.id,
    platform: n.platform,
    source: n.source,
    sourceName: names.get(n.source) ?? n.source,
    name: n.name,
    status: n.status,
    ready: n.ready,
    unschedulable: n.unschedulable,
    instanceType: n.instanceType,
    zone: n.zone,
    cpuRequested: n.requested.cpuMillis,
    cpuAllocatable: n.allocatable.cpuMillis,
    memRequested: n.requested.memoryBytes,
    memAllocatable: n.allocatable.memoryBytes,
    instances: (byNode.get(n.id) ?? 0) + (byNode.get(`${n.source}|${n.name}`) ?? 0),
    agentVersion: n.agentVersion,
    roles: n.roles,
    createdAt: n.createdAt,
  };
}

export function nodeRows(nodes: Node[], instances: Instance[], sources: Source[]): NodeRow[] {
  const names = sourceNames(sources);
  const byNode = podsPerNode(instances);
  return nodes.map((n) => nodeRowOf(n, names, byNode));
}

export function nodeText(r: NodeRow): string {
  return [r.name, r.sourceName, r.status, r.instanceType, r.zone, r.agentVersion, PLATFORM_LABEL[r.platform], r.platform, ...r.roles].filter(Boolean).join(' ');
}

export const NODE_FACET_KEYS = ['platform', 'source', 'status', 'zone'] as const;

export function nodeFacets(sources: Source[]): FacetDef<NodeRow>[] {
  const names = sourceNames(sources);
  return [
    { key: 'platform', label: 'Platform', value: (r) => r.platform, display: platformName, order: PLATFORMS, known: PLATFORMS },
    { key: 'source', label: 'Source', value: (r) => r.source, display: (v) => names.get(v) ?? v, known: sources.map((s) => s.id) },
    { key: 'status', label: 'Status', value: (r) => r.status },
    { key: 'zone', label: 'Zone', value: (r) => r.zone ?? '—' },
  ];
}
