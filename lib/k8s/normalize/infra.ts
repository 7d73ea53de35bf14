// Namespace -> Group, Node -> Node, and the source's Cluster object.
import type { V1Namespace, V1Node } from '@kubernetes/client-node';
import type { Cluster, Group, Node } from '@/lib/model/infra';
import { cpuToMillis, memoryToBytes, parseQuantity } from '@/lib/model/units';
import { asArray, baseOf, labelsOf, type NormalizeContext } from './common';

export function normalizeNamespace(ctx: NormalizeContext, ns: V1Namespace): Group {
  return { ...baseOf(ctx, ns, 'Namespace'), kind: 'group', status: ns.status?.phase ?? 'Active' };
}

function capacity(r: Record<string, string> | undefined): Node['capacity'] {
  const out: Node['capacity'] = {};
  const cpu = cpuToMillis(r?.cpu);
  const mem = memoryToBytes(r?.memory);
  const pods = parseQuantity(r?.pods);
  if (cpu !== undefined) out.cpuMillis = cpu;
  if (mem !== undefined) out.memoryBytes = mem;
  if (pods !== undefined) out.pods = pods;
  return out;
}

/** Roles from node-role.kubernetes.io/<role> labels (and the older kubernetes.io/role=<role>). */
export function nodeRoles(labels: Record<string, string>): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length) || v;
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

export function nodeZone(labels: Record<string, string>): string | undefined {
  return labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'];
}

/** EC2 instance id from an AWS providerID (aws:///us-east-1a/i-0123...), else the last path segment. */
function instanceId(providerId: string | undefined): string | undefined {
  if (!providerId) return undefined;
  const last = providerId.split('/').filter(Boolean).pop();
  return last && last !== providerId ? last : undefined;
}

export function normalizeNode(ctx: NormalizeContext, n: V1Node): Node {
  const labels = labelsOf(n);
  const readyCond = asArray(n.status?.conditions).find((c) => c.type === 'Ready');
  const ready = readyCond?.status === 'True';
  const unschedulable = n.spec?.unschedulable === true;
  const zone = nodeZone(labels);
  const instanceType = labels['node.kubernetes.io/instance-type'] ?? labels['beta.kubernetes.io/instance-type'];
  const ip = asArray(n.status?.addresses).find((a) => a.type === 'InternalIP')?.address;
  const info = n.status?.nodeInfo;
  const iid = instanceId(n.spec?.providerID);
  const os = info?.osImage ?? info?.operatingSystem;
  return {
    ...baseOf(ctx, n, 'Node'),
    kind: 'node',
    ready,
    status: unschedulable ? 'SchedulingDisabled' : ready ? 'Ready' : readyCond ? 'NotReady' : 'Unknown',
    ...(iid ? { instanceId: iid } : {}),
    ...(instanceType ? { instanceType } : {}),
    ...(zone ? { zone } : {}),
    ...(ip ? { ip } : {}),
    roles: nodeRoles(labels),
    ...(info?.kubeletVersion ? { agentVersion: info.kubeletVersion } : {}),
    ...(os ? { os } : {}),
    capacity: capacity(n.status?.capacity as Record<string, string> | undefined),
    allocatable: capacity(n.status?.allocatable as Record<string, string> | undefined),
    requested: {},
    taints: asArray(n.spec?.taints).map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect })),
    unschedulable,
  };
}

export function clusterObject(ctx: NormalizeContext, opts: { context: string; clusterName: string; server?: string; version?: string; status: string; nodes?: number }): Cluster {
  return {
    id: ctx.clusterId,
    platform: 'kubernetes',
    source: ctx.sourceId,
    name: opts.clusterName,
    labels: {},
    ref: { kind: 'Cluster' },
    kind: 'cluster',
    ...(opts.server ? { endpoint: opts.server } : {}),
    ...(opts.version ? { version: opts.version } : {}),
    status: opts.status,
    counts: opts.nodes !== undefined ? { nodes: opts.nodes } : {},
    capacityProviders: [],
  };
}
