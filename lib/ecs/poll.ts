// One poll of one ECS source: reads (read.ts) then pure assembly into scopes of normalized objects.
// A failing kind yields an error for its scope (the source keeps that scope's previous objects);
// a `down` failure (credentials, connection) aborts the whole poll by throwing.
import type { ContainerInstance, TaskDefinition } from '@aws-sdk/client-ecs';
import type { Instance as Ec2Instance } from '@aws-sdk/client-ec2';
import type { ModelObject } from '@/lib/model';
import { EcsCallError } from './errors';
import { unique } from './batch';
import {
  describeClusters, listClusterArns, readAutoscaling, readContainerInstances, readEc2Instances, readServices,
  readTargetGroups, readTasks, type ReadContext, type TaskDefEntry, type TaskDefinitionCache,
} from './read';
import { accountOf, arnName, clusterNameOf, tagsToLabels, tolerant, type EcsNormalizeContext, type SkippedItem } from './normalize/common';
import { normalizeCluster, normalizeContainerInstance } from './normalize/infra';
import { normalizeDeployments, normalizeService, normalizeServiceEndpoints, normalizeServiceEvents, type TargetGroupInfo } from './normalize/service';
import { normalizeStoppedTaskEvent, normalizeTask, type TaskHost } from './normalize/task';
import { normalizeScalableTarget, parseServiceResourceId } from './normalize/autoscaling';
import { mergeTaskDefObjects, taskDefObjectsForCluster } from './normalize/usage';
import { secretValueErrors, type SecretValuesResult } from './secret-values';

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

export interface PollOptions {
  rc: ReadContext;
  sourceId: string;
  /** Only these clusters (names or ARNs). */
  clusters?: string[];
  cache: TaskDefinitionCache;
  /** Task definitions are cached per endpoint: the same ARN on two emulators is two revisions. */
  cacheNamespace: string;
  maxStoppedTasks: number;
  maxEventsPerService: number;
  /** Called as each cluster's own reads finish. */
  onClusterDone?: (done: number, total: number) => void;
  /** Turns any thrown value into an EcsCallError. */
  classify: (operation: string, err: unknown) => EcsCallError;
  /**
   * Reads and hashes the secret values these task definitions reference (secret-values.ts). Never
   * rejects: unreadable values are failures in its result. Absent: no secret value is read.
   */
  secretValues?: (taskDefinitions: TaskDefinition[], account: string | undefined) => Promise<SecretValuesResult>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: EcsCallError };

export const scopeName = (kind: ScopeKind, cluster: string) => `${kind}/${cluster}`;

export async function pollOnce(o: PollOptions): Promise<PollResult> {
  const errors: EcsCallError[] = [];
  const settle = async <T>(operation: string, p: Promise<T>): Promise<Outcome<T>> => {
    try {
      return { ok: true, value: await p };
    } catch (e) {
      const error = o.classify(operation, e);
      if (error.failure === 'down') throw error;
      errors.push(error);
      return { ok: false, error };
    }
  };

  // Without clusters nothing else can be read: any failure here is thrown to the source.
  const arns = o.clusters?.length ? o.clusters : await listClusterArns(o.rc);
  const described = arns.length ? await describeClusters(o.rc, arns) : { clusters: [], failures: [] };
  const clusters = described.clusters.filter((c) => c.clusterName && c.status !== 'INACTIVE');
  const names = clusters.map((c) => c.clusterName!);
  const outcomes: ScopeOutcome[] = [];
  for (const f of described.failures) {
    const name = clusterNameOf(f.arn ?? '?');
    const error = new EcsCallError({ operation: 'DescribeClusters', code: f.reason, message: `cluster ${name}: ${f.reason ?? 'not found'}`, failure: 'error' });
    errors.push(error);
    outcomes.push({ scope: scopeName('clusters', name), kind: 'clusters', cluster: name, error, notes: [] });
  }

  const autoscalingP = settle('DescribeScalableTargets', readAutoscaling(o.rc));
  // Awaited later: mark handled now so that an early failure elsewhere leaves no unhandled rejection.
  autoscalingP.catch(() => undefined);
  let done = 0;
  const perCluster = await Promise.all(names.map(async (cluster) => {
    const [services, tasks, cis] = await Promise.all([
      settle('DescribeServices', readServices(o.rc, cluster)),
      settle('DescribeTasks', readTasks(o.rc, cluster, { maxStopped: o.maxStoppedTasks })),
      settle('DescribeContainerInstances', readContainerInstances(o.rc, cluster)),
    ]);
    o.onClusterDone?.(++done, names.length);
    return { cluster, services, tasks, cis };
  }));

  // Task definitions in use: every deployment's, the services', and the tasks' revisions.
  const tdArns = unique(perCluster.flatMap((c) => [
    ...(c.services.ok ? c.services.value.flatMap((s) => [s.taskDefinition, ...(s.deployments ?? []).map((d) => d.taskDefinition)]) : []),
    ...(c.tasks.ok ? c.tasks.value.map((t) => t.taskDefinitionArn) : []),
  ]));
  const tdResults = await Promise.all(tdArns.map(async (arn) => [arn, await settle('DescribeTaskDefinition', o.cache.get(o.rc, o.cacheNamespace, arn))] as const));
  const taskDefs = new Map<string, TaskDefEntry>();
  let tdError: EcsCallError | undefined;
  for (const [arn, r] of tdResults) {
    if (r.ok) taskDefs.set(arn, r.value);
    else tdError ??= r.error;
  }

  // Secret values of the task definitions in use, read alongside the enrichment reads below.
  const secretValuesP = o.secretValues?.([...taskDefs.values()].map((e) => e.taskDefinition), accountOf(clusters[0]?.clusterArn));

  const ec2Ids = perCluster.flatMap((c) => (c.cis.ok ? c.cis.value.map((ci) => ci.ec2InstanceId) : [])).filter((x): x is string => !!x);
  const tgArns = perCluster.flatMap((c) => (c.services.ok ? c.services.value.flatMap((s) => (s.loadBalancers ?? []).map((lb) => lb.targetGroupArn)) : [])).filter((x): x is string => !!x);
  const [ec2, tgs, autoscaling] = await Promise.all([
    ec2Ids.length ? settle('DescribeInstances', readEc2Instances(o.rc, ec2Ids)) : Promise.resolve<Outcome<Map<string, Ec2Instance>>>({ ok: true, value: new Map() }),
    tgArns.length ? settle('DescribeTargetGroups', readTargetGroups(o.rc, tgArns)) : Promise.resolve<Outcome<Map<string, TargetGroupInfo>>>({ ok: true, value: new Map() }),
    autoscalingP,
  ]);

  const secretValues = await secretValuesP;
  if (secretValues) errors.push(...secretValueErrors(secretValues));
  const secretHash = secretValues ? (valueFrom: string) => secretValues.hashes.get(valueFrom) : undefined;

  const skipped: SkippedItem[] = [];
  const tdLookup = (arn: string | undefined): TaskDefinition | undefined => (arn ? taskDefs.get(arn)?.taskDefinition : undefined);
  for (const c of perCluster) {
    const ctx: EcsNormalizeContext = { sourceId: o.sourceId, cluster: c.cluster, ...(secretHash ? { secretHash } : {}) };
    const raw = clusters.find((x) => x.clusterName === c.cluster)!;
    const push = (kind: ScopeKind, r: { objects?: ModelObject[]; error?: EcsCallError }, notes: string[] = []) =>
      outcomes.push({ scope: scopeName(kind, c.cluster), kind, cluster: c.cluster, ...r, notes });
    push('clusters', { objects: tolerant([raw], 'cluster', (x) => x.clusterName, skipped, (x) => { const n = normalizeCluster(ctx, x); return [n.cluster, n.group]; }) });

    if (c.services.ok) {
      const svcs = c.services.value;
      const objects: ModelObject[] = tolerant(svcs, 'service', (s) => s.serviceName, skipped, (s) => [
        normalizeService(ctx, s, tdLookup), ...normalizeDeployments(ctx, s, tdLookup), ...normalizeServiceEvents(ctx, s, { max: o.maxEventsPerService }),
      ]);
      push('services', { objects }, tdError ? [`task definitions not read (${tdError.message}): templates incomplete`] : []);
      push('endpoints', { objects: tolerant(svcs, 'service endpoints', (s) => s.serviceName, skipped, (s) => normalizeServiceEndpoints(ctx, s, tgs.ok ? tgs.value : new Map())) },
        tgs.ok ? [] : [`load balancer details and target health not read (${tgs.error.message})`]);
    } else {
      push('services', { error: c.services.error });
      push('endpoints', { error: c.services.error });
    }

    // Container instance id -> its EC2 instance id (the node's name) and private IP (the node's ip).
    const hosts = new Map<string, TaskHost>();
    if (c.cis.ok) {
      for (const ci of c.cis.value) {
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

    if (c.cis.ok) {
      push('containerInstances', { objects: tolerant(c.cis.value, 'container instance', (ci) => ci.containerInstanceArn, skipped, (ci: ContainerInstance) =>
        normalizeContainerInstance(ctx, ci, ec2.ok && ci.ec2InstanceId ? ec2.value.get(ci.ec2InstanceId) : undefined)) },
      ec2.ok ? [] : [`EC2 instance details not read (${ec2.error.message})`]);
    } else push('containerInstances', { error: c.cis.error });

    if (!c.services.ok) push('taskDefinitions', { error: c.services.error });
    else if (!c.tasks.ok) push('taskDefinitions', { error: c.tasks.error });
    else if (tdError) push('taskDefinitions', { error: tdError });
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
  return { clusters: names.map(clusterNameOf), account, outcomes, errors, skipped, ...(secretValues ? { secretValues } : {}) };
}

