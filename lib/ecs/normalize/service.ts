// ECS service -> Workload, its deployments -> Revisions, loadBalancers/serviceRegistries ->
// Endpoints, service events -> Events.
import type { Deployment, PlacementConstraint, PlacementStrategy, Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { canonicalTopology, type Endpoint, type ModelEvent, type Placement, type PlacementTerm, type Revision, type Template, type Workload } from '@/lib/model';
import { arnName, baseOf, idOf, iso, num, required, serviceIdOf, taskDefRef, tagsToLabels, type EcsNormalizeContext } from './common';
import { normalizeTemplate } from './taskdef';

export type TaskDefLookup = (arn: string | undefined) => TaskDefinition | undefined;

/** ELBv2 facts about a target group, when they could be read. */
export interface TargetGroupInfo {
  name?: string;
  loadBalancerDns: string[];
  loadBalancerType?: string;
  port?: number;
  protocol?: string;
  healthy?: number;
  unhealthy?: number;
}

function primaryOf(s: Service): Deployment | undefined {
  return s.deployments?.find((d) => d.status === 'PRIMARY') ?? s.deployments?.[0];
}

function rolloutOf(s: Service): Workload['rollout'] {
  const p = primaryOf(s);
  if (!p) return { state: 'unknown' };
  const message = p.rolloutStateReason;
  const withMsg = (state: Workload['rollout']['state']) => (message ? { state, message } : { state });
  switch (p.rolloutState) {
    case 'IN_PROGRESS': return withMsg('progressing');
    case 'COMPLETED': return withMsg('complete');
    case 'FAILED': return withMsg('failed');
  }
  // No rolloutState (circuit breaker off, older services, emulators): infer from the deployments.
  const others = (s.deployments ?? []).filter((d) => d !== p && num(d.runningCount) + num(d.pendingCount) > 0);
  if (others.length || num(p.runningCount) < num(p.desiredCount)) return { state: 'progressing' };
  return { state: 'complete' };
}

/**
 * Strategies are preferences (spread over a field, binpack on cpu or memory, random); constraints
 * are hard rules (distinctInstance: one task per instance; memberOf: a cluster query language expression).
 */
export function placementOf(strategies: readonly PlacementStrategy[], constraints: readonly PlacementConstraint[]): Placement {
  const terms: PlacementTerm[] = [];
  for (const p of strategies) {
    if (p.type === 'spread') terms.push({ type: 'spread', over: canonicalTopology(p.field ?? 'attribute:ecs.availability-zone'), required: false, field: 'placementStrategy' });
    else if (p.type === 'binpack') terms.push({ type: 'binpack', ...(p.field ? { over: p.field } : {}), required: false, field: 'placementStrategy' });
    else if (p.type === 'random') terms.push({ type: 'random', required: false, field: 'placementStrategy' });
  }
  for (const c of constraints) {
    if (c.type === 'distinctInstance') terms.push({ type: 'distinct', over: 'host', required: true, field: 'placementConstraints' });
    else if (c.type === 'memberOf') terms.push({ type: 'node', required: true, ...(c.expression ? { expression: c.expression } : {}), field: 'placementConstraints' });
  }
  return { terms };
}

function templateRefOnly(arn: string | undefined): Template {
  return { ref: taskDefRef(arn), containers: [], volumes: [], reserved: {} };
}

export function normalizeService(ctx: EcsNormalizeContext, s: Service, taskDef: TaskDefLookup): Workload {
  const name = required(s.serviceName, 'serviceName');
  const primary = primaryOf(s);
  const tdArn = primary?.taskDefinition ?? s.taskDefinition;
  const td = taskDef(tdArn);
  const cps = s.capacityProviderStrategy ?? primary?.capacityProviderStrategy ?? [];
  const launchType = s.launchType ?? primary?.launchType ?? (cps.length ? cps.map((c) => c.capacityProvider).filter(Boolean).join(',') : undefined);
  const dc = s.deploymentConfiguration;
  const constraints = [...(s.placementConstraints ?? []), ...(td?.placementConstraints ?? [])];
  return {
    ...baseOf(ctx, 'service', name, 'Service', { arn: s.serviceArn, labels: tagsToLabels(s.tags), createdAt: s.createdAt }),
    kind: 'workload',
    workloadKind: 'Service',
    scheduling: s.schedulingStrategy === 'DAEMON' ? 'daemon' : 'replica',
    desired: num(s.desiredCount),
    ready: num(s.runningCount),
    available: num(s.runningCount),
    updated: primary ? num(primary.runningCount) : undefined,
    rollout: rolloutOf(s),
    template: td ? normalizeTemplate(td, { secretHash: ctx.secretHash }) : templateRefOnly(tdArn),
    placement: placementOf(s.placementStrategy ?? [], constraints),
    ...(launchType ? { launchType } : {}),
    strategy: `${s.deploymentController?.type ?? 'ECS'}${dc ? ` max ${dc.maximumPercent ?? 200}% min ${dc.minimumHealthyPercent ?? 100}%` : ''}`,
  };
}

export function normalizeDeployments(ctx: EcsNormalizeContext, s: Service, taskDef: TaskDefLookup): Revision[] {
  const name = required(s.serviceName, 'serviceName');
  const workload = serviceIdOf(ctx, name);
  return (s.deployments ?? []).filter((d) => d.id).map((d): Revision => {
    const td = taskDef(d.taskDefinition);
    return {
      ...baseOf(ctx, 'deployment', d.id!, 'Deployment', { createdAt: d.createdAt }),
      kind: 'revision',
      workload,
      revision: d.id!,
      templateRef: taskDefRef(d.taskDefinition),
      images: (td?.containerDefinitions ?? []).map((c) => c.image).filter((i): i is string => !!i),
      state: d.status === 'PRIMARY' ? 'current' : d.status === 'ACTIVE' ? 'previous' : 'inactive',
      status: d.status ?? 'UNKNOWN',
      ...(d.rolloutState ? { rolloutState: d.rolloutState } : {}),
      desired: num(d.desiredCount),
      ready: num(d.runningCount),
      pending: num(d.pendingCount),
    };
  });
}

/** Target group name from `arn:...:targetgroup/NAME/0123abcd`. */
export function targetGroupName(arn: string | undefined): string | undefined {
  const m = arn ? /targetgroup\/([^/]+)/.exec(arn) : null;
  return m?.[1];
}

export function normalizeServiceEndpoints(ctx: EcsNormalizeContext, s: Service, targetGroups: ReadonlyMap<string, TargetGroupInfo> = new Map()): Endpoint[] {
  const svc = required(s.serviceName, 'serviceName');
  const workloads = [serviceIdOf(ctx, svc)];
  const out: Endpoint[] = [];
  const common = { selector: undefined, rules: [], tls: [], workloads };
  for (const lb of s.loadBalancers ?? []) {
    const tg = lb.targetGroupArn ? targetGroups.get(lb.targetGroupArn) : undefined;
    const label = targetGroupName(lb.targetGroupArn) ?? lb.loadBalancerName;
    if (!label) continue;
    out.push({
      ...baseOf(ctx, 'loadbalancer', `${svc}/${label}`, lb.targetGroupArn ? 'TargetGroup' : 'LoadBalancer', { arn: lb.targetGroupArn }),
      kind: 'endpoint',
      endpointKind: 'loadBalancer',
      ...(tg?.loadBalancerType ? { type: tg.loadBalancerType } : lb.loadBalancerName ? { type: 'classic' } : {}),
      addresses: tg?.loadBalancerDns.length ? tg.loadBalancerDns : lb.loadBalancerName ? [lb.loadBalancerName] : [],
      ports: lb.containerPort !== undefined ? [{ port: tg?.port ?? lb.containerPort, targetPort: lb.containerPort, protocol: (tg?.protocol ?? 'TCP').toUpperCase() }] : [],
      readyTargets: tg?.healthy ?? 0,
      notReadyTargets: tg?.unhealthy ?? 0,
      ...common,
      ...(lb.targetGroupArn ? { targetGroup: lb.targetGroupArn } : {}),
      ...(lb.containerName ? { container: lb.containerName } : {}),
    });
  }
  for (const r of s.serviceRegistries ?? []) {
    const id = arnName(r.registryArn);
    if (!id) continue;
    const port = r.port ?? r.containerPort;
    out.push({
      ...baseOf(ctx, 'registry', `${svc}/${id}`, 'ServiceRegistry', { arn: r.registryArn }),
      kind: 'endpoint',
      endpointKind: 'serviceRegistry',
      type: 'cloudMap',
      addresses: [],
      ports: port !== undefined ? [{ port, ...(r.containerPort !== undefined ? { targetPort: r.containerPort } : {}), protocol: 'TCP' }] : [],
      readyTargets: 0,
      notReadyTargets: 0,
      ...common,
      ...(r.containerName ? { container: r.containerName } : {}),
    });
  }
  return out;
}

/** ECS service event messages say "unable to", "failed", "is unhealthy"... when something went wrong. */
export function serviceEventType(message: string): 'Normal' | 'Warning' {
  return /unable to|failed|failure|unhealthy|insufficient|error/i.test(message) ? 'Warning' : 'Normal';
}

export function normalizeServiceEvents(ctx: EcsNormalizeContext, s: Service, opts: { max?: number } = {}): ModelEvent[] {
  const svc = required(s.serviceName, 'serviceName');
  const workload = serviceIdOf(ctx, svc);
  // DescribeServices returns up to 100 events per service, newest first.
  return (s.events ?? []).slice(0, opts.max ?? 100).filter((e) => e.id && e.message).map((e): ModelEvent => ({
    ...baseOf(ctx, 'event', e.id!, 'ServiceEvent', { createdAt: e.createdAt }),
    kind: 'event',
    type: serviceEventType(e.message!),
    reason: 'ServiceEvent',
    message: e.message!,
    at: iso(e.createdAt) ?? new Date(0).toISOString(),
    count: 1,
    involved: { kind: 'Service', name: svc, id: workload },
    workload,
  }));
}

export const deploymentIdOf = (ctx: EcsNormalizeContext, deploymentId: string) => idOf(ctx, 'deployment', deploymentId);
