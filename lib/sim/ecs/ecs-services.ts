// ECS services: CreateService / UpdateService write intent and deployments; the scheduler
// (scheduler.ts) turns that intent into tasks on the next ticks, as real ECS does.
import { deploymentId, lastSegment, serviceArn } from './arns';
import { ApiError, invalidParameter, serviceNotFound } from './errors';
import { serviceOut } from './ecs-shapes';
import { resolveStrategy, runsOnFargate } from './placement';
import { paginate, type Json, type Params } from './params';
import type { Cluster, Deployment, Service, SimState } from './state';

function findService(state: SimState, cluster: Cluster, ref: string): Service | undefined {
  return state.services.get(serviceArn(state, cluster.name, lastSegment(ref)));
}

type DeploymentSource = Pick<Service, 'taskDefinition' | 'desiredCount' | 'launchType' | 'capacityProviderStrategy' | 'platformVersion' | 'networkConfiguration'>;

function newDeployment(state: SimState, svc: DeploymentSource): Deployment {
  const id = deploymentId();
  const now = state.now();
  const fargate = runsOnFargate(svc.launchType, svc.capacityProviderStrategy);
  return {
    id,
    status: 'PRIMARY',
    taskDefinition: svc.taskDefinition,
    desiredCount: svc.desiredCount,
    createdAt: now,
    updatedAt: now,
    launchType: svc.launchType,
    capacityProviderStrategy: svc.capacityProviderStrategy,
    platformVersion: fargate ? (svc.platformVersion && svc.platformVersion !== 'LATEST' ? svc.platformVersion : '1.4.0') : undefined,
    networkConfiguration: svc.networkConfiguration,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: `ECS deployment ${id} in progress.`,
    failedTasks: 0,
  };
}

export function createService(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const name = p.reqStr('serviceName');
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) throw invalidParameter('Service name can have up to 255 letters, numbers, hyphens, and underscores.');
  const arn = serviceArn(state, cluster.name, name);
  const existing = state.services.get(arn);
  if (existing && existing.status !== 'INACTIVE') throw invalidParameter('Creation of service was not idempotent.');
  const td = state.taskDef(p.reqStr('taskDefinition'));
  const strategy = p.str('schedulingStrategy') ?? 'REPLICA';
  if (strategy !== 'REPLICA' && strategy !== 'DAEMON') throw invalidParameter(`Invalid scheduling strategy: ${strategy}`);
  const given = p.str('launchType');
  if (given !== undefined && !['EC2', 'FARGATE', 'EXTERNAL'].includes(given)) throw invalidParameter(`Invalid launch type: ${given}`);
  const capacityProviderStrategy = resolveStrategy(cluster, given, p.objList('capacityProviderStrategy'));
  const launchType = capacityProviderStrategy ? undefined : (given ?? 'EC2');
  const fargate = runsOnFargate(launchType, capacityProviderStrategy);
  if (strategy === 'DAEMON' && (fargate || capacityProviderStrategy)) throw invalidParameter('The daemon scheduling strategy does not support the FARGATE launch type or capacity providers.');
  const desiredCount = p.int('desiredCount') ?? (strategy === 'DAEMON' ? 0 : undefined);
  if (desiredCount === undefined) throw invalidParameter('desiredCount is required for a REPLICA service.');
  if (desiredCount < 0) throw invalidParameter('desiredCount must be at least 0.');
  const networkMode = fargate ? 'awsvpc' : td.input.networkMode;
  if (fargate && td.input.networkMode !== 'awsvpc') throw invalidParameter('Task definition does not support launch_type FARGATE.');
  const networkConfiguration = p.obj('networkConfiguration');
  if (networkMode === 'awsvpc' && !networkConfiguration) {
    throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  const loadBalancers = p.objList('loadBalancers') ?? [];
  const now = state.now();
  const svc: Service = {
    arn,
    name,
    clusterArn: cluster.arn,
    status: 'ACTIVE',
    desiredCount,
    launchType,
    capacityProviderStrategy,
    platformVersion: fargate ? (p.str('platformVersion') ?? 'LATEST') : undefined,
    schedulingStrategy: strategy,
    taskDefinition: td.arn,
    loadBalancers,
    serviceRegistries: p.objList('serviceRegistries') ?? [],
    placementStrategy: p.objList('placementStrategy') ?? [],
    placementConstraints: p.objList('placementConstraints') ?? [],
    networkConfiguration,
    deploymentConfiguration: p.obj('deploymentConfiguration') ?? {
      deploymentCircuitBreaker: { enable: false, rollback: false },
      maximumPercent: strategy === 'DAEMON' ? 100 : 200,
      minimumHealthyPercent: strategy === 'DAEMON' ? 0 : 100,
    },
    propagateTags: p.str('propagateTags') ?? 'NONE',
    enableECSManagedTags: p.bool('enableECSManagedTags') ?? false,
    enableExecuteCommand: p.bool('enableExecuteCommand') ?? false,
    healthCheckGracePeriodSeconds: p.int('healthCheckGracePeriodSeconds') ?? (loadBalancers.length > 0 ? 0 : undefined),
    roleArn: loadBalancers.length > 0 ? `arn:aws:iam::${state.accountId}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS` : undefined,
    createdAt: now,
    createdBy: `arn:aws:iam::${state.accountId}:root`,
    deployments: [],
    events: [],
  };
  svc.deployments.push(newDeployment(state, svc));
  state.services.set(arn, svc);
  state.tags.set(arn, p.tags());
  return { service: serviceOut(state, svc, ['TAGS']) };
}

export function updateService(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const svc = findService(state, cluster, p.reqStr('service'));
  if (!svc) throw serviceNotFound();
  if (svc.status !== 'ACTIVE') throw new ApiError('ServiceNotActiveException', 'Service was not ACTIVE.');
  const desired = p.int('desiredCount');
  if (desired !== undefined && desired < 0) throw invalidParameter('desiredCount must be at least 0.');
  let redeploy = p.bool('forceNewDeployment') ?? false;
  const tdRef = p.str('taskDefinition');
  if (tdRef !== undefined) {
    const td = state.taskDef(tdRef);
    if (td.arn !== svc.taskDefinition) redeploy = true;
    svc.taskDefinition = td.arn;
  }
  const net = p.obj('networkConfiguration');
  if (net) {
    svc.networkConfiguration = net;
    redeploy = true;
  }
  const pv = p.str('platformVersion');
  if (pv !== undefined && runsOnFargate(svc.launchType, svc.capacityProviderStrategy) && pv !== svc.platformVersion) {
    svc.platformVersion = pv;
    redeploy = true;
  }
  if (desired !== undefined && svc.schedulingStrategy === 'REPLICA') svc.desiredCount = desired;
  if (p.has('deploymentConfiguration')) svc.deploymentConfiguration = p.obj('deploymentConfiguration') ?? svc.deploymentConfiguration;
  if (p.has('placementStrategy')) svc.placementStrategy = p.objList('placementStrategy') ?? [];
  if (p.has('placementConstraints')) svc.placementConstraints = p.objList('placementConstraints') ?? [];
  if (p.has('loadBalancers')) svc.loadBalancers = p.objList('loadBalancers') ?? [];
  if (p.has('serviceRegistries')) svc.serviceRegistries = p.objList('serviceRegistries') ?? [];
  svc.healthCheckGracePeriodSeconds = p.int('healthCheckGracePeriodSeconds') ?? svc.healthCheckGracePeriodSeconds;
  svc.enableExecuteCommand = p.bool('enableExecuteCommand') ?? svc.enableExecuteCommand;
  svc.enableECSManagedTags = p.bool('enableECSManagedTags') ?? svc.enableECSManagedTags;
  svc.propagateTags = p.str('propagateTags') ?? svc.propagateTags;
  const primary = svc.deployments.find((d) => d.status === 'PRIMARY');
  if (redeploy || !primary) {
    for (const d of svc.deployments) d.status = 'ACTIVE';
    svc.deployments.unshift(newDeployment(state, svc));
  } else {
    primary.desiredCount = svc.desiredCount;
    primary.updatedAt = state.now();
  }
  return { service: serviceOut(state, svc, []) };
}

export function deleteService(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const svc = findService(state, cluster, p.reqStr('service'));
  if (!svc || svc.status === 'INACTIVE') throw serviceNotFound();
  const force = p.bool('force') ?? false;
  if (!force && svc.schedulingStrategy === 'REPLICA' && svc.desiredCount > 0) {
    throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
  }
  svc.status = 'DRAINING';
  svc.desiredCount = 0;
  for (const d of svc.deployments) d.desiredCount = 0;
  return { service: serviceOut(state, svc, []) };
}

export function describeServices(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const refs = p.strList('services') ?? [];
  if (refs.length === 0) throw invalidParameter('Services cannot be empty.');
  // Real ECS limit; moto does not enforce it.
  if (refs.length > 10) throw invalidParameter('Services cannot have more than 10 elements');
  const include = p.strList('include') ?? [];
  const services: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    const svc = findService(state, cluster, ref);
    if (svc) services.push(serviceOut(state, svc, include));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : serviceArn(state, cluster.name, ref), reason: 'MISSING' });
  }
  return { services, failures };
}

export function listServices(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const launchType = p.str('launchType');
  const strategy = p.str('schedulingStrategy');
  const arns = [...state.services.values()]
    .filter((s) => s.clusterArn === cluster.arn && s.status !== 'INACTIVE')
    .filter((s) => (launchType === undefined || s.launchType === launchType) && (strategy === undefined || s.schedulingStrategy === strategy))
    .map((s) => s.arn);
  // ListServices defaults to 10 per page (max 100), unlike most ECS List* (100).
  const page = paginate(arns, p.str('nextToken'), p.int('maxResults'), { def: 10, max: 100 });
  return { serviceArns: page.items, nextToken: page.nextToken };
}
