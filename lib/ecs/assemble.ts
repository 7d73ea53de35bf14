// The pure half of a poll (poll.ts reads): one poll's reads into scopes of normalized objects, and
// the scopes an ECS source replaces.
import type { Cluster, ContainerInstance, Service, Task, TaskDefinition } from '@aws-sdk/client-ecs';
import type { Instance as Ec2Instance } from '@aws-sdk/client-ec2';
import type { ScalableTarget, ScalingPolicy } from '@aws-sdk/client-application-auto-scaling';
import type { ModelObject } from '@/lib/model';
import type { EcsCallError } from './errors';
import { accountOf, arnName, tagsToLabels, tolerant, type EcsNormalizeContext, type SkippedItem } from './normalize/common';
import { normalizeCluster, normalizeContainerInstance } from './normalize/infra';
import { normalizeDeployments, normalizeService, normalizeServiceEndpoints, normalizeServiceEvents, type TargetGroupInfo } from './normalize/service';
import { normalizeStoppedTaskEvent, normalizeTask, type TaskHost } from './normalize/task';
import { parseServiceResourceId } from '@/lib/relations/ecs';
import { normalizeScalableTarget } from './normalize/autoscaling';
import { mergeTaskDefObjects, taskDefObjectsForCluster } from './normalize/usage';
import type { TaskDefEntry } from './read';
import type { SecretValuesResult } from './secret-values';

/** The adapter's units of atomic replacement, per cluster: scope name `<kind>/<cluster>`. */
export const SCOPE_KINDS = ['clusters', 'services', 'endpoints', 'tasks', 'containerInstances', 'taskDefinitions', 'autoscaling'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** Which collections (coverage kinds) each scope kind feeds. */
export const SCOPE_COVERAGE: Record<ScopeKind, string[]> = {
  clusters: ['clusters', 'groups'],
  services: ['workloads', 'revisions', 'events'],
  endpoints: ['endpoints'],
  tasks: ['instances', 'events'],
  containerInstances: ['nodes'],
  taskDefinitions: ['configs', 'secrets', 'volumes'],
  autoscaling: ['autoscalers'],
};

export interface ScopeOutcome {
  scope: string;
  kind: ScopeKind;
  cluster: string;
  /** Present when the scope was read: replace it with these. */
  objects?: ModelObject[];
  /** Present when it could not be read: keep its previous objects, mark coverage. */
  error?: EcsCallError;
  /** Read, but partially: e.g. nodes without EC2 details. */
  notes: string[];
}

export interface PollResult {
  clusters: string[];
  account?: string;
  outcomes: ScopeOutcome[];
  /** Every failed call (also those that only degraded enrichment). */
  errors: EcsCallError[];
  skipped: SkippedItem[];
  /** Present when the source reads secret values (PARALLAX_ECS_SECRET_HASHES). */
  secretValues?: SecretValuesResult;
}

/** A read that succeeded, or the reason it did not. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: EcsCallError };

/** What one poll read, before assembly. */
export interface PollReads {
  /** The clusters described (active ones only). */
  clusters: Cluster[];
  /** Scopes already decided by the reads: clusters that were named but not found. */
  outcomes: ScopeOutcome[];
  perCluster: { cluster: string; services: Outcome<Service[]>; tasks: Outcome<Task[]>; containerInstances: Outcome<ContainerInstance[]> }[];
  /** Task definitions in use, by ARN; the first failure to describe one, if any. */
  taskDefs: Map<string, TaskDefEntry>;
  taskDefError?: EcsCallError;
  ec2: Outcome<Map<string, Ec2Instance>>;
  targetGroups: Outcome<Map<string, TargetGroupInfo>>;
  autoscaling: Outcome<{ targets: ScalableTarget[]; policies: ScalingPolicy[] }>;
  /** Every failed call (also those that only degraded enrichment). */
  errors: EcsCallError[];
  secretValues?: SecretValuesResult;
}

export const scopeName = (kind: ScopeKind, cluster: string) => `${kind}/${cluster}`;

/**
 * Pure assembly of one poll's reads into scopes of normalized objects (no I/O): a scope whose reads
 * failed carries the error instead (the source keeps its previous objects); enrichment that failed
 * (EC2 details, target groups, task definitions) becomes a note on the scopes it thins out.
 */
export function assemblePoll(reads: PollReads, options: { sourceId: string; maxEventsPerService: number }): PollResult {
  const { clusters, perCluster, taskDefs, ec2, targetGroups, autoscaling, secretValues } = reads;
  const outcomes = [...reads.outcomes];
  const secretHash = secretValues ? (valueFrom: string) => secretValues.hashes.get(valueFrom) : undefined;
  const skipped: SkippedItem[] = [];
  const tdLookup = (arn: string | undefined): TaskDefinition | undefined => (arn ? taskDefs.get(arn)?.taskDefinition : undefined);
  for (const c of perCluster) {
    const ctx: EcsNormalizeContext = { sourceId: options.sourceId, cluster: c.cluster, ...(secretHash ? { secretHash } : {}) };
    const raw = clusters.find((x) => x.clusterName === c.cluster)!;
    const push = (kind: ScopeKind, r: { objects?: ModelObject[]; error?: EcsCallError }, notes: string[] = []) =>
      outcomes.push({ scope: scopeName(kind, c.cluster), kind, cluster: c.cluster, ...r, notes });
    push('clusters', { objects: tolerant([raw], 'cluster', (x) => x.clusterName, skipped, (x) => { const n = normalizeCluster(ctx, x); return [n.cluster, n.group]; }) });

    if (c.services.ok) {
      const services = c.services.value;
      const objects: ModelObject[] = tolerant(services, 'service', (s) => s.serviceName, skipped, (s) => [
        normalizeService(ctx, s, tdLookup), ...normalizeDeployments(ctx, s, tdLookup), ...normalizeServiceEvents(ctx, s, { max: options.maxEventsPerService }),
      ]);
      push('services', { objects }, reads.taskDefError ? [`task definitions not read (${reads.taskDefError.message}): templates incomplete`] : []);
      push('endpoints', { objects: tolerant(services, 'service endpoints', (s) => s.serviceName, skipped, (s) => normalizeServiceEndpoints(ctx, s, targetGroups.ok ? targetGroups.value : new Map())) },
        targetGroups.ok ? [] : [`load balancer details and target health not read (${targetGroups.error.message})`]);
    } else {
      push('services', { error: c.services.error });
      push('endpoints', { error: c.services.error });
    }

    // Container instance id -> its EC2 instance id (the node's name) and private IP (the node's ip).
    const hosts = new Map<string, TaskHost>();
    if (c.containerInstances.ok) {
      for (const ci of c.containerInstances.value) {
        const id = arnName(ci.containerInstanceArn);
        const ip = ec2.ok && ci.ec2InstanceId ? ec2.value.get(ci.ec2InstanceId)?.PrivateIpAddress : undefined;
        if (id) hosts.set(id, { ...(ci.ec2InstanceId ? { name: ci.ec2InstanceId } : {}), ...(ip ? { ip } : {}) });
      }
    }
    if (c.tasks.ok) {
      push('tasks', { objects: tolerant(c.tasks.value, 'task', (t) => t.taskArn, skipped, (t) => {
        const ev = normalizeStoppedTaskEvent(ctx, t);
        return [normalizeTask(ctx, t, (id) => hosts.get(id), tdLookup(t.taskDefinitionArn)), ...(ev ? [ev] : [])];
      }) }, ec2.ok || !c.tasks.value.some((t) => t.containerInstanceArn) ? [] : [`EC2 instance details not read (${ec2.error.message}): EC2 tasks without host IPs`]);
    } else push('tasks', { error: c.tasks.error });

    if (c.containerInstances.ok) {
      push('containerInstances', { objects: tolerant(c.containerInstances.value, 'container instance', (ci) => ci.containerInstanceArn, skipped, (ci: ContainerInstance) =>
        normalizeContainerInstance(ctx, ci, ec2.ok && ci.ec2InstanceId ? ec2.value.get(ci.ec2InstanceId) : undefined)) },
      ec2.ok ? [] : [`EC2 instance details not read (${ec2.error.message})`]);
    } else push('containerInstances', { error: c.containerInstances.error });

    if (!c.services.ok) push('taskDefinitions', { error: c.services.error });
    else if (!c.tasks.ok) push('taskDefinitions', { error: c.tasks.error });
    else if (reads.taskDefError) push('taskDefinitions', { error: reads.taskDefError });
    else {
      const parts = taskDefObjectsForCluster(ctx, c.services.value, c.tasks.value, (arn) => {
        const e = taskDefs.get(arn);
        return e ? { taskDefinition: e.taskDefinition, labels: tagsToLabels(e.tags) } : undefined;
      }, skipped);
      push('taskDefinitions', { objects: mergeTaskDefObjects(parts) });
    }

    if (autoscaling.ok) {
      const svcCounts = new Map((c.services.ok ? c.services.value : []).map((s) => [s.serviceName, { desired: s.desiredCount, running: s.runningCount }]));
      const mine = autoscaling.value.targets.filter((t) => parseServiceResourceId(t.ResourceId)?.cluster === c.cluster);
      push('autoscaling', { objects: tolerant(mine, 'scalable target', (t) => t.ResourceId, skipped, (t) =>
        normalizeScalableTarget(ctx, t, autoscaling.value.policies, svcCounts.get(parseServiceResourceId(t.ResourceId)!.service))) });
    } else push('autoscaling', { error: autoscaling.error });
  }
  const account = accountOf(clusters[0]?.clusterArn);
  return { clusters: clusters.map((c) => c.clusterName!), account, outcomes, errors: reads.errors, skipped, ...(secretValues ? { secretValues } : {}) };
}
