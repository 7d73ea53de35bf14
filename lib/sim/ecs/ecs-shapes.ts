// Wire shapes of ECS objects (DescribeX outputs). JSON 1.1 timestamps are epoch seconds.
import type { Cluster, ContainerInstance, Deployment, Service, SimState, Task, TaskDef } from './state';
import { remainingResources } from './state';
import type { Json } from './params';

export const secs = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

/** Drops undefined members so the JSON looks like AWS's (absent, not null). */
export function compact<T extends Json>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** DescribeClusters: settings, statistics and tags only when asked for with `include`. */
export function clusterOut(state: SimState, c: Cluster, include: string[]): Json {
  const tasks = state.tasksOf(c.arn);
  const services = [...state.services.values()].filter((s) => s.clusterArn === c.arn);
  const active = services.filter((s) => s.status === 'ACTIVE');
  const instances = state.instancesOf(c.arn).filter((i) => i.status !== 'INACTIVE');
  const running = tasks.filter((t) => t.lastStatus === 'RUNNING');
  const pending = tasks.filter((t) => t.desiredStatus === 'RUNNING' && isPending(t));
  const count = (list: { launchType?: string }[], lt: string): string => String(list.filter((x) => (x.launchType ?? 'EC2') === lt).length);
  const out: Json = {
    clusterArn: c.arn,
    clusterName: c.name,
    status: c.status,
    registeredContainerInstancesCount: instances.length,
    runningTasksCount: running.length,
    pendingTasksCount: pending.length,
    activeServicesCount: active.length,
    statistics: include.includes('STATISTICS')
      ? [
          { name: 'runningEC2TasksCount', value: count(running, 'EC2') },
          { name: 'runningFargateTasksCount', value: count(running, 'FARGATE') },
          { name: 'pendingEC2TasksCount', value: count(pending, 'EC2') },
          { name: 'pendingFargateTasksCount', value: count(pending, 'FARGATE') },
          { name: 'activeEC2ServiceCount', value: count(active, 'EC2') },
          { name: 'activeFargateServiceCount', value: count(active, 'FARGATE') },
          { name: 'drainingEC2ServiceCount', value: count(services.filter((s) => s.status === 'DRAINING'), 'EC2') },
          { name: 'drainingFargateServiceCount', value: count(services.filter((s) => s.status === 'DRAINING'), 'FARGATE') },
        ]
      : [],
    tags: include.includes('TAGS') ? state.tagsOf(c.arn) : undefined,
    settings: include.includes('SETTINGS') ? c.settings : undefined,
    capacityProviders: c.capacityProviders,
    defaultCapacityProviderStrategy: c.defaultCapacityProviderStrategy,
    configuration: include.includes('CONFIGURATIONS') ? c.configuration : undefined,
  };
  return compact(out);
}

export const isPending = (t: Task): boolean =>
  t.lastStatus === 'PROVISIONING' || t.lastStatus === 'PENDING' || t.lastStatus === 'ACTIVATING';

export function taskDefOut(td: TaskDef): Json {
  const { family: _f, ...rest } = td.input;
  // ECS reports every launch type the definition qualifies for, not only the requested ones.
  const compat = ['EC2'];
  const fargateReady = td.input.networkMode === 'awsvpc' && td.input.cpu !== undefined && td.input.memory !== undefined;
  if (fargateReady) compat.push('FARGATE');
  return compact({
    taskDefinitionArn: td.arn,
    family: td.family,
    ...rest,
    containerDefinitions: td.input.containerDefinitions ?? [],
    volumes: td.input.volumes ?? [],
    placementConstraints: td.input.placementConstraints ?? [],
    revision: td.revision,
    status: td.status,
    compatibilities: compat,
    requiresAttributes: [],
    registeredAt: secs(td.registeredAt),
    registeredBy: `arn:aws:iam::${td.arn.split(':')[4]}:root`,
  });
}

function resource(name: string, value: number): Json {
  return { name, type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: value };
}
function stringSet(name: string, values: string[]): Json {
  return { name, type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: values };
}

export function containerInstanceOut(state: SimState, ci: ContainerInstance, include: string[]): Json {
  const rem = remainingResources(state, ci);
  const onIt = [...state.tasks.values()].filter((t) => t.containerInstanceArn === ci.arn && t.lastStatus !== 'STOPPED');
  return compact({
    containerInstanceArn: ci.arn,
    ec2InstanceId: ci.ec2InstanceId,
    version: ci.version,
    versionInfo: ci.versionInfo,
    remainingResources: [resource('CPU', rem.cpu), resource('MEMORY', rem.memory), stringSet('PORTS', rem.ports), stringSet('PORTS_UDP', [])],
    registeredResources: [resource('CPU', ci.cpu), resource('MEMORY', ci.memory), stringSet('PORTS', ci.ports), stringSet('PORTS_UDP', [])],
    status: ci.status,
    agentConnected: ci.agentConnected,
    runningTasksCount: onIt.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTasksCount: onIt.filter(isPending).length,
    attributes: ci.attributes,
    registeredAt: secs(ci.registeredAt),
    attachments: [],
    tags: include.includes('TAGS') ? state.tagsOf(ci.arn) : undefined,
  });
}

export function taskOut(state: SimState, t: Task, include: string[]): Json {
  const eni = t.eni;
  const containers = t.containers.map((c) =>
    compact({
      containerArn: c.containerArn,
      taskArn: t.arn,
      name: c.name,
      image: c.image,
      runtimeId: c.runtimeId,
      lastStatus: c.lastStatus,
      exitCode: c.exitCode,
      networkBindings: c.networkBindings,
      networkInterfaces: eni ? [{ attachmentId: eni.attachmentId, privateIpv4Address: eni.privateIp }] : [],
      healthStatus: c.healthStatus,
      cpu: c.cpu,
      memory: c.memory,
      memoryReservation: c.memoryReservation,
    }),
  );
  const attachments = eni
    ? [
        {
          id: eni.attachmentId,
          type: 'ElasticNetworkInterface',
          status: t.lastStatus === 'STOPPED' ? 'DELETED' : t.lastStatus === 'PROVISIONING' ? 'PRECREATED' : 'ATTACHED',
          details: [
            { name: 'subnetId', value: eni.subnetId },
            { name: 'networkInterfaceId', value: eni.eniId },
            { name: 'macAddress', value: eni.mac },
            { name: 'privateDnsName', value: `ip-${eni.privateIp.replaceAll('.', '-')}.ec2.internal` },
            { name: 'privateIPv4Address', value: eni.privateIp },
          ],
        },
      ]
    : [];
  return compact({
    attachments,
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: t.availabilityZone,
    clusterArn: t.clusterArn,
    connectivity: t.connectivityAt !== undefined ? 'CONNECTED' : undefined,
    connectivityAt: secs(t.connectivityAt),
    containerInstanceArn: t.containerInstanceArn,
    containers,
    cpu: t.cpu,
    createdAt: secs(t.createdAt),
    desiredStatus: t.desiredStatus,
    enableExecuteCommand: t.enableExecuteCommand,
    executionStoppedAt: secs(t.executionStoppedAt),
    group: t.group,
    healthStatus: t.healthStatus,
    lastStatus: t.lastStatus,
    launchType: t.launchType,
    capacityProviderName: t.capacityProviderName,
    memory: t.memory,
    overrides: t.overrides,
    platformVersion: t.platformVersion,
    platformFamily: t.launchType === 'FARGATE' ? 'Linux' : undefined,
    pullStartedAt: secs(t.pullStartedAt),
    pullStoppedAt: secs(t.pullStoppedAt),
    startedAt: secs(t.startedAt),
    startedBy: t.startedBy,
    stopCode: t.stopCode,
    stoppedAt: secs(t.stoppedAt),
    stoppedReason: t.stoppedReason,
    stoppingAt: secs(t.stoppingAt),
    tags: include.includes('TAGS') ? state.tagsOf(t.arn) : [],
    taskArn: t.arn,
    taskDefinitionArn: t.taskDefinitionArn,
    version: t.version,
    ephemeralStorage: t.launchType === 'FARGATE' ? (ephemeralOf(state, t) ?? { sizeInGiB: 20 }) : undefined,
  });
}

function ephemeralOf(state: SimState, t: Task): Json | undefined {
  const e = state.taskDefs.get(t.taskDefinitionArn)?.input.ephemeralStorage;
  return e !== null && typeof e === 'object' && !Array.isArray(e) ? (e as Json) : undefined;
}

export function deploymentOut(state: SimState, svc: Service, d: Deployment): Json {
  const mine = [...state.tasks.values()].filter((t) => t.deploymentId === d.id && t.desiredStatus === 'RUNNING');
  return compact({
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinition,
    desiredCount: d.desiredCount,
    pendingCount: mine.filter(isPending).length,
    runningCount: mine.filter((t) => t.lastStatus === 'RUNNING').length,
    failedTasks: d.failedTasks,
    createdAt: secs(d.createdAt),
    updatedAt: secs(d.updatedAt),
    launchType: d.launchType,
    capacityProviderStrategy: d.capacityProviderStrategy,
    platformVersion: d.platformVersion,
    platformFamily: d.platformVersion !== undefined ? 'Linux' : undefined,
    networkConfiguration: d.networkConfiguration,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  });
}

export function serviceOut(state: SimState, s: Service, include: string[]): Json {
  const tasks = [...state.tasks.values()].filter((t) => t.serviceName === s.name && t.clusterArn === s.clusterArn && t.desiredStatus === 'RUNNING');
  return compact({
    serviceArn: s.arn,
    serviceName: s.name,
    clusterArn: s.clusterArn,
    loadBalancers: s.loadBalancers,
    serviceRegistries: s.serviceRegistries,
    status: s.status,
    desiredCount: s.desiredCount,
    runningCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingCount: tasks.filter(isPending).length,
    launchType: s.launchType,
    capacityProviderStrategy: s.capacityProviderStrategy,
    platformVersion: s.platformVersion,
    platformFamily: s.platformVersion !== undefined ? 'Linux' : undefined,
    taskDefinition: s.taskDefinition,
    deploymentConfiguration: s.deploymentConfiguration,
    deployments: s.deployments.map((d) => deploymentOut(state, s, d)),
    roleArn: s.roleArn,
    events: s.events.map((e) => ({ id: e.id, createdAt: secs(e.createdAt), message: e.message })),
    createdAt: secs(s.createdAt),
    placementConstraints: s.placementConstraints,
    placementStrategy: s.placementStrategy,
    networkConfiguration: s.networkConfiguration,
    healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
    schedulingStrategy: s.schedulingStrategy,
    deploymentController: { type: 'ECS' },
    tags: include.includes('TAGS') ? state.tagsOf(s.arn) : undefined,
    createdBy: s.createdBy,
    enableECSManagedTags: s.enableECSManagedTags,
    propagateTags: s.propagateTags ?? 'NONE',
    enableExecuteCommand: s.enableExecuteCommand,
  });
}
