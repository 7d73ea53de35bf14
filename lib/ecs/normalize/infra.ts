// ECS cluster -> Cluster + Group (the cluster is ECS's only tenancy unit); container instance -> Node
// (enriched with EC2 DescribeInstances when it could be read).
import type { Cluster as EcsCluster, ContainerInstance, Resource } from '@aws-sdk/client-ecs';
import type { Instance as Ec2Instance } from '@aws-sdk/client-ec2';
import { ecsCpuToMillis, ecsMemoryToBytes } from '@/lib/model';
import type { Cluster, Group, Node } from '@/lib/model';
import { arnName, baseOf, num, required, tagsToLabels, type EcsNormalizeContext } from './common';

export function normalizeCluster(ctx: EcsNormalizeContext, c: EcsCluster): { cluster: Cluster; group: Group } {
  const name = required(c.clusterName, 'clusterName');
  const labels = tagsToLabels(c.tags);
  const status = c.status ?? 'UNKNOWN';
  return {
    cluster: {
      ...baseOf(ctx, 'cluster', name, 'Cluster', { arn: c.clusterArn, labels, inCluster: false }),
      kind: 'cluster',
      ...(c.clusterArn ? { endpoint: c.clusterArn } : {}),
      status,
      counts: {
        nodes: num(c.registeredContainerInstancesCount),
        runningTasks: num(c.runningTasksCount),
        pendingTasks: num(c.pendingTasksCount),
        services: num(c.activeServicesCount),
      },
      capacityProviders: c.capacityProviders ?? [],
    },
    group: { ...baseOf(ctx, 'group', name, 'Cluster', { arn: c.clusterArn, labels }), kind: 'group', status },
  };
}

function resource(rs: readonly Resource[] | undefined, name: string): number | undefined {
  const r = rs?.find((x) => x.name === name);
  if (!r) return undefined;
  return r.integerValue ?? (r.longValue || undefined) ?? (r.doubleValue || undefined) ?? 0;
}

function amounts(rs: readonly Resource[] | undefined): { cpuMillis?: number; memoryBytes?: number } {
  const cpu = resource(rs, 'CPU');
  const mem = resource(rs, 'MEMORY');
  return { ...(cpu !== undefined ? { cpuMillis: ecsCpuToMillis(cpu) } : {}), ...(mem !== undefined ? { memoryBytes: ecsMemoryToBytes(mem) } : {}) };
}

export function normalizeContainerInstance(ctx: EcsNormalizeContext, ci: ContainerInstance, ec2?: Ec2Instance): Node {
  const ciId = required(arnName(ci.containerInstanceArn), 'containerInstanceArn');
  const attr = (n: string) => ci.attributes?.find((a) => a.name === n)?.value;
  const registered = amounts(ci.registeredResources);
  const remaining = amounts(ci.remainingResources);
  const requested: Node['requested'] = {};
  if (registered.cpuMillis !== undefined && remaining.cpuMillis !== undefined) requested.cpuMillis = registered.cpuMillis - remaining.cpuMillis;
  if (registered.memoryBytes !== undefined && remaining.memoryBytes !== undefined) requested.memoryBytes = registered.memoryBytes - remaining.memoryBytes;
  const status = ci.status ?? 'UNKNOWN';
  const instanceType = attr('ecs.instance-type') ?? ec2?.InstanceType;
  const zone = attr('ecs.availability-zone') ?? ec2?.Placement?.AvailabilityZone;
  const os = attr('ecs.os-type') ?? ec2?.PlatformDetails;
  const base = baseOf(ctx, 'containerinstance', ciId, 'ContainerInstance', { arn: ci.containerInstanceArn, labels: tagsToLabels(ci.tags), createdAt: ci.registeredAt });
  return {
    ...base,
    // Display name: the EC2 instance id, the way the console lists container instances.
    name: ci.ec2InstanceId ?? ciId,
    kind: 'node',
    ready: status === 'ACTIVE' && ci.agentConnected === true,
    status,
    ...(ci.ec2InstanceId ? { instanceId: ci.ec2InstanceId } : {}),
    ...(instanceType ? { instanceType } : {}),
    ...(zone ? { zone } : {}),
    ...(ec2?.PrivateIpAddress ? { ip: ec2.PrivateIpAddress } : {}),
    roles: [],
    ...(ci.versionInfo?.agentVersion ? { agentVersion: ci.versionInfo.agentVersion } : {}),
    ...(os ? { os } : {}),
    capacity: registered,
    // ECS schedules against registered resources; there is no separate reservation.
    allocatable: registered,
    requested,
    taints: [],
    unschedulable: status !== 'ACTIVE',
  };
}
