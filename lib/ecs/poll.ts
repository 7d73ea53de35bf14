// One poll of one ECS source in two steps: readPoll (every call, through read.ts) then assemblePoll
// (pure: the reads into scopes of normalized objects).
// A failing kind yields an error for its scope (the source keeps that scope's previous objects);
// a `down` failure (credentials, connection) aborts the whole poll by throwing.
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import type { Instance as Ec2Instance } from '@aws-sdk/client-ec2';
import { EcsCallError } from './errors';
import { unique } from './batch';
import { assemblePoll, scopeName, type Outcome, type PollReads, type PollResult, type ScopeOutcome } from './assemble';
import {
  describeClusters, listClusterArns, readAutoscaling, readContainerInstances, readEc2Instances, readServices,
  readTargetGroups, readTasks, type ReadContext, type TaskDefEntry, type TaskDefinitionCache,
} from './read';
import { accountOf, clusterNameOf } from './normalize/common';
import type { TargetGroupInfo } from './normalize/service';
import { secretValueErrors, type SecretValuesResult } from './secret-values';

export interface PollOptions {
  readContext: ReadContext;
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

/** Every read of one poll; a failed read is an outcome, only a `down` failure (or the cluster list failing) throws. */
export async function readPoll(options: PollOptions): Promise<PollReads> {
  const errors: EcsCallError[] = [];
  const settle = async <T>(operation: string, p: Promise<T>): Promise<Outcome<T>> => {
    try {
      return { ok: true, value: await p };
    } catch (e) {
      const error = options.classify(operation, e);
      if (error.failure === 'down') throw error;
      errors.push(error);
      return { ok: false, error };
    }
  };

  // Without clusters nothing else can be read: any failure here is thrown to the source.
  const arns = options.clusters?.length ? options.clusters : await listClusterArns(options.readContext);
  const described = arns.length ? await describeClusters(options.readContext, arns) : { clusters: [], failures: [] };
  const clusters = described.clusters.filter((c) => c.clusterName && c.status !== 'INACTIVE');
  const names = clusters.map((c) => c.clusterName!);
  // Clusters named but not found: their scopes keep what they had, with the reason.
  const outcomes: ScopeOutcome[] = [];
  for (const f of described.failures) {
    const name = clusterNameOf(f.arn ?? '?');
    const error = new EcsCallError({ operation: 'DescribeClusters', code: f.reason, message: `cluster ${name}: ${f.reason ?? 'not found'}`, failure: 'error' });
    errors.push(error);
    outcomes.push({ scope: scopeName('clusters', name), kind: 'clusters', cluster: name, error, notes: [] });
  }

  const autoscalingP = settle('DescribeScalableTargets', readAutoscaling(options.readContext));
  // Awaited later: mark handled now so that an early failure elsewhere leaves no unhandled rejection.
  autoscalingP.catch(() => undefined);
  let done = 0;
  const perCluster = await Promise.all(names.map(async (cluster) => {
    const [services, tasks, containerInstances] = await Promise.all([
      settle('DescribeServices', readServices(options.readContext, cluster)),
      settle('DescribeTasks', readTasks(options.readContext, cluster, { maxStopped: options.maxStoppedTasks })),
      settle('DescribeContainerInstances', readContainerInstances(options.readContext, cluster)),
    ]);
    options.onClusterDone?.(++done, names.length);
    return { cluster, services, tasks, containerInstances };
  }));

  // Task definitions in use: every deployment's, the services', and the tasks' revisions.
  const tdArns = unique(perCluster.flatMap((c) => [
    ...(c.services.ok ? c.services.value.flatMap((s) => [s.taskDefinition, ...(s.deployments ?? []).map((d) => d.taskDefinition)]) : []),
    ...(c.tasks.ok ? c.tasks.value.map((t) => t.taskDefinitionArn) : []),
  ]));
  const tdResults = await Promise.all(tdArns.map(async (arn) => [arn, await settle('DescribeTaskDefinition', options.cache.get(options.readContext, options.cacheNamespace, arn))] as const));
  const taskDefs = new Map<string, TaskDefEntry>();
  let taskDefError: EcsCallError | undefined;
  for (const [arn, r] of tdResults) {
    if (r.ok) taskDefs.set(arn, r.value);
    else taskDefError ??= r.error;
  }

  // Secret values of the task definitions in use, read alongside the enrichment reads below.
  const secretValuesP = options.secretValues?.([...taskDefs.values()].map((e) => e.taskDefinition), accountOf(clusters[0]?.clusterArn));

  const ec2Ids = perCluster.flatMap((c) => (c.containerInstances.ok ? c.containerInstances.value.map((ci) => ci.ec2InstanceId) : [])).filter((x): x is string => !!x);
  const tgArns = perCluster.flatMap((c) => (c.services.ok ? c.services.value.flatMap((s) => (s.loadBalancers ?? []).map((lb) => lb.targetGroupArn)) : [])).filter((x): x is string => !!x);
  const [ec2, targetGroups, autoscaling] = await Promise.all([
    ec2Ids.length ? settle('DescribeInstances', readEc2Instances(options.readContext, ec2Ids)) : Promise.resolve<Outcome<Map<string, Ec2Instance>>>({ ok: true, value: new Map() }),
    tgArns.length ? settle('DescribeTargetGroups', readTargetGroups(options.readContext, tgArns)) : Promise.resolve<Outcome<Map<string, TargetGroupInfo>>>({ ok: true, value: new Map() }),
    autoscalingP,
  ]);

  const secretValues = await secretValuesP;
  if (secretValues) errors.push(...secretValueErrors(secretValues));
  return { clusters, outcomes, perCluster, taskDefs, taskDefError, ec2, targetGroups, autoscaling, errors, ...(secretValues ? { secretValues } : {}) };
}

/** One poll: every read, then the pure assembly. */
export async function pollOnce(options: PollOptions): Promise<PollResult> {
  return assemblePoll(await readPoll(options), options);
}
