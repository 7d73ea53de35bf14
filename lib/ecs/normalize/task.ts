// ECS task -> Instance (owners: service via `group: service:NAME`, deployment via `startedBy`),
// stopped tasks -> Events.
import type { Task, TaskDefinition } from '@aws-sdk/client-ecs';
import { ecsCpuToMillis, ecsMemoryToBytes } from '@/lib/model';
import type { Instance, ModelEvent } from '@/lib/model';
import { serviceOfGroup } from '@/lib/relations/ecs';
import { arnName, baseOf, idOf, iso, required, serviceIdOf, tagsToLabels, type EcsNormalizeContext } from './common';

/** What is known of a task's container instance: its display name (the EC2 instance id) and EC2 private IP. */
export interface TaskHost {
  name?: string;
  ip?: string;
}
/** Container instance id -> its host facts, when known. */
export type TaskHostLookup = (containerInstanceId: string) => TaskHost | undefined;

const PENDING = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);
const STOPPED = new Set(['DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED', 'DELETED']);

export function taskState(t: Task): Instance['state'] {
  const s = t.lastStatus ?? '';
  if (PENDING.has(s)) return 'pending';
  if (s === 'RUNNING') return 'running';
  if (STOPPED.has(s)) {
    const failedContainer = (t.containers ?? []).some((c) => c.exitCode !== undefined && c.exitCode !== null && c.exitCode !== 0);
    // TaskFailedToStart: image pull, ENI, secrets resolution... EssentialContainerExited with exit 0 is a clean stop.
    if (t.stopCode === 'TaskFailedToStart' || failedContainer) return 'failed';
    return 'stopped';
  }
  return 'unknown';
}

const isEni = (type: string | undefined) => type === 'ElasticNetworkInterface' || type === 'eni';

/** awsvpc tasks: the ENI attachment's privateIPv4Address; else a container's network interface. */
export function taskIp(t: Task): string | undefined {
  for (const a of t.attachments ?? []) {
    if (!isEni(a.type)) continue;
    const ip = a.details?.find((d) => d.name === 'privateIPv4Address')?.value;
    if (ip) return ip;
  }
  for (const c of t.containers ?? []) {
    const ip = c.networkInterfaces?.find((n) => n.privateIpv4Address)?.privateIpv4Address;
    if (ip) return ip;
  }
  return undefined;
}

/**
 * Whether the task is reached at its host's address: `bridge` / `host` (and Windows `default`,
 * NAT to the host) tasks on EC2 have no address of their own; ECS reports none, only the
 * containers' networkBindings host ports. Without the task definition, a task on a container
 * instance with no ENI attachment is one of these. awsvpc and `none` tasks are not.
 */
export function usesHostNetwork(t: Task, td?: TaskDefinition): boolean {
  if (!t.containerInstanceArn) return false;
  const mode = td?.networkMode;
  if (mode === 'awsvpc' || mode === 'none') return false;
  if (mode) return true;
  return !(t.attachments ?? []).some((a) => isEni(a.type)) && !(t.containers ?? []).some((c) => c.networkInterfaces?.length);
}

/** Task-level size, else the sum of its containers' reservations (EC2 tasks may have no task-level size). */
export function taskRequests(t: Task, td?: TaskDefinition): Instance['requests'] {
  const sum = (f: (c: NonNullable<TaskDefinition['containerDefinitions']>[number]) => number | undefined) => {
    const vals = (td?.containerDefinitions ?? []).map(f).filter((v): v is number => !!v);
    return vals.length ? vals.reduce((a, b) => a + b, 0) : undefined;
  };
  const cpu = ecsCpuToMillis(t.cpu) ?? ecsCpuToMillis(td?.cpu) ?? ecsCpuToMillis(sum((c) => c.cpu));
  const mem = ecsMemoryToBytes(t.memory) ?? ecsMemoryToBytes(td?.memory) ?? ecsMemoryToBytes(sum((c) => c.memoryReservation ?? c.memory));
  return { ...(cpu !== undefined ? { cpuMillis: cpu } : {}), ...(mem !== undefined ? { memoryBytes: mem } : {}) };
}

export function normalizeTask(ctx: EcsNormalizeContext, t: Task, hostOf: TaskHostLookup = () => undefined, taskDef?: TaskDefinition): Instance {
  const taskId = required(arnName(t.taskArn), 'taskArn');
  const svc = serviceOfGroup(t.group);
  const ciId = arnName(t.containerInstanceArn);
  const host = ciId ? hostOf(ciId) : undefined;
  // bridge/host tasks: the host's address, as kubectl shows hostNetwork pods with the node IP.
  const ip = taskIp(t) ?? (usesHostNetwork(t, taskDef) ? host?.ip : undefined);
  const health = t.healthStatus === 'HEALTHY' ? 'healthy' : t.healthStatus === 'UNHEALTHY' ? 'unhealthy' : 'unknown';
  const state = taskState(t);
  return {
    ...baseOf(ctx, 'task', taskId, 'Task', { arn: t.taskArn, labels: tagsToLabels(t.tags), createdAt: t.createdAt }),
    kind: 'instance',
    ...(svc ? { workload: serviceIdOf(ctx, svc) } : {}),
    // Service tasks are started by their deployment: startedBy is the deployment id (ecs-svc/...).
    ...(svc && t.startedBy ? { revision: idOf(ctx, 'deployment', t.startedBy) } : {}),
    // Fargate tasks have no container instance, hence no node.
    ...(ciId ? { node: idOf(ctx, 'containerinstance', ciId), nodeName: host?.name ?? ciId } : {}),
    state,
    phase: t.lastStatus ?? 'UNKNOWN',
    ...(t.desiredStatus ? { desiredState: t.desiredStatus } : {}),
    ready: state === 'running' && health !== 'unhealthy',
    restarts: (t.containers ?? []).reduce((n, c) => n + ((c as { restartCount?: number }).restartCount ?? 0), 0),
    ...(ip ? { ip } : {}),
    ...(host?.ip ? { hostIp: host.ip } : {}),
    ...(t.availabilityZone ? { zone: t.availabilityZone } : {}),
    ...(iso(t.startedAt) ? { startedAt: iso(t.startedAt) } : {}),
    ...(iso(t.stoppedAt) ? { stoppedAt: iso(t.stoppedAt) } : {}),
    ...(t.stoppedReason ? { reason: t.stoppedReason } : {}),
    health,
    ...(t.launchType ? { launchType: t.launchType } : t.capacityProviderName ? { launchType: t.capacityProviderName } : {}),
    requests: taskRequests(t, taskDef),
    containers: (t.containers ?? []).filter((c) => c.name).map((c) => ({
      name: c.name!,
      image: c.image ?? '',
      ready: c.lastStatus === 'RUNNING' && c.healthStatus !== 'UNHEALTHY',
      restarts: (c as { restartCount?: number }).restartCount ?? 0,
      state: c.lastStatus ?? 'UNKNOWN',
      ...(c.reason || (c.exitCode !== undefined && c.exitCode !== null)
        ? { reason: [c.reason, c.exitCode !== undefined && c.exitCode !== null ? `exit ${c.exitCode}` : undefined].filter(Boolean).join(', ') }
        : {}),
    })),
  };
}

/** A stopped task's stoppedReason as a timeline event. */
export function normalizeStoppedTaskEvent(ctx: EcsNormalizeContext, t: Task): ModelEvent | undefined {
  if (t.lastStatus !== 'STOPPED' && t.desiredStatus !== 'STOPPED') return undefined;
  if (!t.stoppedReason) return undefined;
  const taskId = required(arnName(t.taskArn), 'taskArn');
  const svc = serviceOfGroup(t.group);
  const failed = taskState(t) === 'failed';
  return {
    ...baseOf(ctx, 'event', `task-stopped/${taskId}`, 'StoppedTask', { arn: t.taskArn, createdAt: t.stoppedAt ?? t.stoppingAt }),
    kind: 'event',
    type: failed ? 'Warning' : 'Normal',
    reason: t.stopCode ?? 'TaskStopped',
    message: t.stoppedReason,
    at: iso(t.stoppedAt) ?? iso(t.stoppingAt) ?? iso(t.executionStoppedAt) ?? iso(t.createdAt) ?? new Date(0).toISOString(),
    count: 1,
    involved: { kind: 'Task', name: taskId, id: idOf(ctx, 'task', taskId) },
    ...(svc ? { workload: serviceIdOf(ctx, svc) } : {}),
  };
}
