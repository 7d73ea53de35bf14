// The ECS adapter's reads: List*/Describe* only, every call through one concurrency limiter, every
// list paged to the end, every describe batched to the API's limit (10 services, 100 tasks,
// 100 container instances, 100 clusters, 100 EC2 instance ids, 20 target groups / load balancers).
import {
  DescribeClustersCommand, DescribeContainerInstancesCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand,
  DescribeTasksCommand, ListClustersCommand, ListContainerInstancesCommand, ListServicesCommand, ListTasksCommand,
  type Cluster, type ContainerInstance, type Service, type Task, type TaskDefinition, type Tag,
} from '@aws-sdk/client-ecs';
import { DescribeInstancesCommand, type Instance as Ec2Instance } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand, type ScalableTarget, type ScalingPolicy } from '@aws-sdk/client-application-auto-scaling';
import type { EcsClients } from './clients';
import { allPages, chunk, unique } from './batch';
import type { TargetGroupInfo } from './normalize/service';

export const LIMITS = { clusters: 100, services: 10, tasks: 100, containerInstances: 100, ec2Instances: 100, targetGroups: 20, loadBalancers: 20 } as const;

export interface ReadContext {
  clients: EcsClients;
  /** Runs one SDK call under the concurrency limit, turning failures into EcsCallError. */
  call<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export async function listClusterArns(rc: ReadContext): Promise<string[]> {
  return allPages(async (nextToken) => {
    const r = await rc.call('ListClusters', (abortSignal) => rc.clients.ecs.send(new ListClustersCommand({ nextToken, maxResults: 100 }), { abortSignal }));
    return { items: r.clusterArns, next: r.nextToken };
  });
}

/** Describe* calls answer 200 with `failures` (reason MISSING...) for names that do not exist. */
export async function describeClusters(rc: ReadContext, clusters: string[]): Promise<{ clusters: Cluster[]; failures: { arn?: string; reason?: string }[] }> {
  const out = await Promise.all(chunk(clusters, LIMITS.clusters).map((batch) =>
    rc.call('DescribeClusters', (abortSignal) => rc.clients.ecs.send(new DescribeClustersCommand({ clusters: batch, include: ['TAGS', 'SETTINGS'] }), { abortSignal }))));
  return { clusters: out.flatMap((r) => r.clusters ?? []), failures: out.flatMap((r) => r.failures ?? []) };
}

export async function readServices(rc: ReadContext, cluster: string): Promise<Service[]> {
  const arns = await allPages(async (nextToken) => {
    const r = await rc.call('ListServices', (abortSignal) => rc.clients.ecs.send(new ListServicesCommand({ cluster, nextToken, maxResults: 100 }), { abortSignal }));
    return { items: r.serviceArns, next: r.nextToken };
  });
  const out = await Promise.all(chunk(unique(arns), LIMITS.services).map((services) =>
    rc.call('DescribeServices', (abortSignal) => rc.clients.ecs.send(new DescribeServicesCommand({ cluster, services, include: ['TAGS'] }), { abortSignal }))));
  return out.flatMap((r) => r.services ?? []);
}

/**
 * Running tasks, and recently stopped ones (ECS keeps stopped tasks for about an hour): ListTasks
 * filters on desiredStatus, so a task being stopped is in the STOPPED list. At most `maxStopped`
 * stopped tasks are described per cluster.
 */
export async function readTasks(rc: ReadContext, cluster: string, opts: { maxStopped: number }): Promise<Task[]> {
  const list = (desiredStatus: 'RUNNING' | 'STOPPED') => allPages(async (nextToken) => {
    const r = await rc.call('ListTasks', (abortSignal) => rc.clients.ecs.send(new ListTasksCommand({ cluster, desiredStatus, nextToken, maxResults: 100 }), { abortSignal }));
    return { items: r.taskArns, next: r.nextToken };
  });
  const [running, stopped] = await Promise.all([list('RUNNING'), opts.maxStopped > 0 ? list('STOPPED') : Promise.resolve([])]);
  const arns = unique([...running, ...stopped.slice(0, opts.maxStopped)]);
  const out = await Promise.all(chunk(arns, LIMITS.tasks).map((tasks) =>
    rc.call('DescribeTasks', (abortSignal) => rc.clients.ecs.send(new DescribeTasksCommand({ cluster, tasks, include: ['TAGS'] }), { abortSignal }))));
  return out.flatMap((r) => r.tasks ?? []);
}

export async function readContainerInstances(rc: ReadContext, cluster: string): Promise<ContainerInstance[]> {
  const arns = await allPages(async (nextToken) => {
    const r = await rc.call('ListContainerInstances', (abortSignal) => rc.clients.ecs.send(new ListContainerInstancesCommand({ cluster, nextToken, maxResults: 100 }), { abortSignal }));
    return { items: r.containerInstanceArns, next: r.nextToken };
  });
  const out = await Promise.all(chunk(unique(arns), LIMITS.containerInstances).map((containerInstances) =>
    rc.call('DescribeContainerInstances', (abortSignal) => rc.clients.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances, include: ['TAGS'] }), { abortSignal }))));
  return out.flatMap((r) => r.containerInstances ?? []);
}

/**
 * An instance-id filter rather than InstanceIds: with InstanceIds one terminated instance (a container
 * instance not yet deregistered) fails the whole call with InvalidInstanceID.NotFound, and EC2 rejects
 * MaxResults together with InstanceIds. Filters take MaxResults and simply omit unknown ids.
 */
export async function readEc2Instances(rc: ReadContext, ids: string[]): Promise<Map<string, Ec2Instance>> {
  const out = new Map<string, Ec2Instance>();
  await Promise.all(chunk(unique(ids), LIMITS.ec2Instances).map(async (batch) => {
    const reservations = await allPages(async (NextToken) => {
      const r = await rc.call('DescribeInstances', (abortSignal) => rc.clients.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: batch }], MaxResults: 1000, NextToken }), { abortSignal }));
      return { items: r.Reservations, next: r.NextToken };
    });
    for (const res of reservations) for (const i of res.Instances ?? []) if (i.InstanceId) out.set(i.InstanceId, i);
  }));
  return out;
}

export interface TaskDefEntry {
  taskDefinition: TaskDefinition;
  tags: Tag[];
}

/**
 * Task definition revisions are immutable: each ARN is described once per process (per endpoint),
 * concurrent requests for the same ARN share one call, and failures are not cached.
 */
export class TaskDefinitionCache {
  private readonly entries = new Map<string, Promise<TaskDefEntry>>();
  get size(): number { return this.entries.size; }
  clear(): void { this.entries.clear(); }
  get(rc: ReadContext, namespace: string, arn: string): Promise<TaskDefEntry> {
    const key = `${namespace}|${arn}`;
    let p = this.entries.get(key);
    if (!p) {
      p = rc.call('DescribeTaskDefinition', (abortSignal) => rc.clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }), { abortSignal }))
        .then((r) => {
          if (!r.taskDefinition) throw new Error(`DescribeTaskDefinition returned no task definition for ${arn}`);
          return { taskDefinition: r.taskDefinition, tags: r.tags ?? [] };
        });
      p.catch(() => this.entries.delete(key));
      this.entries.set(key, p);
    }
    return p;
  }
}

/** One cache for the whole process: several adapters (and polls) share immutable revisions. */
export const taskDefinitionCache = new TaskDefinitionCache();

/** Target groups the services reference -> their load balancers' DNS names, types and target health. */
export async function readTargetGroups(rc: ReadContext, arns: string[]): Promise<Map<string, TargetGroupInfo>> {
  const out = new Map<string, TargetGroupInfo>();
  if (!arns.length) return out;
  const groups = (await Promise.all(chunk(unique(arns), LIMITS.targetGroups).map((TargetGroupArns) =>
    rc.call('DescribeTargetGroups', (abortSignal) => rc.clients.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns }), { abortSignal }))))).flatMap((r) => r.TargetGroups ?? []);
  const lbArns = unique(groups.flatMap((g) => g.LoadBalancerArns ?? []));
  const lbs = new Map<string, { dns?: string; type?: string }>();
  await Promise.all(chunk(lbArns, LIMITS.loadBalancers).map(async (LoadBalancerArns) => {
    const r = await rc.call('DescribeLoadBalancers', (abortSignal) => rc.clients.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns }), { abortSignal }));
    for (const lb of r.LoadBalancers ?? []) if (lb.LoadBalancerArn) lbs.set(lb.LoadBalancerArn, { dns: lb.DNSName, type: lb.Type });
  }));
  await Promise.all(groups.map(async (g) => {
    if (!g.TargetGroupArn) return;
    const h = await rc.call('DescribeTargetHealth', (abortSignal) => rc.clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: g.TargetGroupArn }), { abortSignal }));
    const states = (h.TargetHealthDescriptions ?? []).map((d) => d.TargetHealth?.State);
    const lbInfo = (g.LoadBalancerArns ?? []).map((a) => lbs.get(a)).filter((x): x is { dns?: string; type?: string } => !!x);
    out.set(g.TargetGroupArn, {
      name: g.TargetGroupName,
      loadBalancerDns: unique(lbInfo.map((l) => l.dns)),
      loadBalancerType: lbInfo[0]?.type,
      port: g.Port,
      protocol: g.Protocol,
      healthy: states.filter((s) => s === 'healthy').length,
      unhealthy: states.filter((s) => s !== 'healthy').length,
    });
  }));
  return out;
}

export async function readAutoscaling(rc: ReadContext): Promise<{ targets: ScalableTarget[]; policies: ScalingPolicy[] }> {
  const [targets, policies] = await Promise.all([
    allPages(async (NextToken) => {
      const r = await rc.call('DescribeScalableTargets', (abortSignal) => rc.clients.autoscaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', NextToken, MaxResults: 50 }), { abortSignal }));
      return { items: r.ScalableTargets, next: r.NextToken };
    }),
    allPages(async (NextToken) => {
      const r = await rc.call('DescribeScalingPolicies', (abortSignal) => rc.clients.autoscaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', NextToken, MaxResults: 50 }), { abortSignal }));
      return { items: r.ScalingPolicies, next: r.NextToken };
    }),
  ]);
  return { targets, policies };
}
