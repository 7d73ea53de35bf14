// ECS container instances. RegisterContainerInstance is what the ECS agent calls on boot;
// here the seeding calls it with an instance identity document naming an instance made
// with EC2 RunInstances (ec2.ts), from which type, zone and IP are taken.
import { containerInstanceArn, hexId, lastSegment } from './arns';
import { launchInstance } from './ec2';
import { invalidParameter } from './errors';
import { containerInstanceOut } from './ecs-shapes';
import { matchesExpression, requestStop } from './placement';
import { isObject, paginate, type Json, type Params } from './params';
import type { ContainerInstance, SimState } from './state';

/** Registered CPU units / memory MiB the agent reports per instance type (memory net of OS reserve). */
const INSTANCE_RESOURCES: Record<string, [number, number]> = {
  't3.micro': [2048, 943],
  't3.small': [2048, 1939],
  't3.medium': [2048, 3904],
  't3.large': [2048, 7936],
  'm5.large': [2048, 7680],
  'm5.xlarge': [4096, 15576],
  'm5.2xlarge': [8192, 31403],
  'c5.large': [2048, 3703],
  'c5.xlarge': [4096, 7464],
  'r5.large': [2048, 15707],
};
const resourcesOf = (type: string): [number, number] => INSTANCE_RESOURCES[type] ?? [2048, 3904];

/** Ports the agent always reserves: ssh, docker, agent introspection. */
const RESERVED_PORTS = ['22', '2375', '2376', '51678', '51679'];

function parseIdentity(doc: string | undefined): Json {
  if (doc === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(doc);
    if (isObject(parsed)) return parsed;
  } catch {
    /* reported below */
  }
  throw invalidParameter('instanceIdentityDocument is not valid JSON.');
}

const s = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function registerContainerInstance(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const doc = parseIdentity(p.str('instanceIdentityDocument'));
  const known = s(doc.instanceId) !== undefined ? state.ec2Instances.get(s(doc.instanceId) ?? '') : undefined;
  // An agent only runs on a real instance: registering one EC2 has never heard of (no
  // RunInstances first) launches it here, so DescribeInstances stays consistent with ECS.
  const ec2 =
    known ??
    launchInstance(state, {
      id: s(doc.instanceId),
      imageId: s(doc.imageId) ?? 'ami-0sim00000000000',
      instanceType: s(doc.instanceType) ?? 't3.medium',
      availabilityZone: s(doc.availabilityZone) ?? `${state.region}a`,
      privateIp: s(doc.privateIp),
    });
  const ec2InstanceId = ec2.id;
  const instanceType = s(doc.instanceType) ?? ec2.instanceType;
  const az = s(doc.availabilityZone) ?? ec2.availabilityZone;
  const privateIp = s(doc.privateIp) ?? ec2.privateIp;
  const existing = state.instancesOf(cluster.arn).find((c) => c.ec2InstanceId === ec2InstanceId && c.status !== 'INACTIVE');
  if (existing) return { containerInstance: containerInstanceOut(state, existing, ['TAGS']) };

  let [cpu, memory] = resourcesOf(instanceType);
  let ports = [...RESERVED_PORTS];
  for (const r of p.objList('totalResources') ?? []) {
    if (r.name === 'CPU' && typeof r.integerValue === 'number') cpu = r.integerValue;
    if (r.name === 'MEMORY' && typeof r.integerValue === 'number') memory = r.integerValue;
    if (r.name === 'PORTS' && Array.isArray(r.stringSetValue)) ports = r.stringSetValue.filter((x): x is string => typeof x === 'string');
  }
  const attributes: { name: string; value?: string }[] = [
    { name: 'ecs.availability-zone', value: az },
    { name: 'ecs.instance-type', value: instanceType },
    { name: 'ecs.os-type', value: 'linux' },
    { name: 'ecs.os-family', value: 'LINUX' },
    { name: 'ecs.cpu-architecture', value: 'x86_64' },
    { name: 'ecs.ami-id', value: s(doc.imageId) ?? ec2.imageId },
    { name: 'ecs.vpc-id', value: ec2.vpcId },
    { name: 'ecs.subnet-id', value: ec2.subnetId },
    { name: 'ecs.capability.task-eni' },
    { name: 'ecs.capability.container-health-check' },
    { name: 'ecs.capability.execution-role-awslogs' },
    { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
    { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.44' },
  ];
  for (const a of p.objList('attributes') ?? []) {
    if (typeof a.name !== 'string') continue;
    const i = attributes.findIndex((x) => x.name === a.name);
    const attr = typeof a.value === 'string' ? { name: a.name, value: a.value } : { name: a.name };
    if (i >= 0) attributes[i] = attr;
    else attributes.push(attr);
  }
  const id = hexId();
  const arn = containerInstanceArn(state, cluster.name, id);
  const ci: ContainerInstance = {
    arn,
    id,
    clusterArn: cluster.arn,
    ec2InstanceId,
    status: 'ACTIVE',
    agentConnected: true,
    registeredAt: state.now(),
    cpu,
    memory,
    ports,
    attributes,
    versionInfo: p.obj('versionInfo') ?? { agentVersion: '1.89.0', agentHash: '6e4d4d9c', dockerVersion: 'DockerVersion: 25.0.8' },
    version: 1,
    availabilityZone: az,
    instanceType,
    privateIp,
  };
  state.containerInstances.set(arn, ci);
  state.tags.set(arn, p.tags());
  return { containerInstance: containerInstanceOut(state, ci, ['TAGS']) };
}

export function deregisterContainerInstance(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const ci = state.containerInstance(cluster, p.reqStr('containerInstance'));
  if (!ci || ci.status === 'INACTIVE') throw invalidParameter('The referenced container instance was not found.');
  const live = [...state.tasks.values()].filter((t) => t.containerInstanceArn === ci.arn && t.desiredStatus === 'RUNNING');
  if (live.length > 0 && p.bool('force') !== true) throw invalidParameter('Found running tasks on the instance.');
  for (const t of live) requestStop(state, t, 'Container instance deregistered', 'ServiceSchedulerInitiated');
  ci.status = 'INACTIVE';
  ci.agentConnected = false;
  ci.version++;
  return { containerInstance: containerInstanceOut(state, ci, []) };
}

export function updateContainerInstancesState(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const status = p.reqStr('status');
  if (status !== 'ACTIVE' && status !== 'DRAINING') throw invalidParameter(`Invalid status: ${status}`);
  const refs = p.strList('containerInstances') ?? [];
  if (refs.length > 10) throw invalidParameter('containerInstances cannot have more than 10 elements');
  const containerInstances: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    const ci = state.containerInstance(cluster, ref);
    if (!ci || ci.status === 'INACTIVE') {
      failures.push({ arn: ref, reason: 'MISSING' });
      continue;
    }
    if (ci.status !== status) {
      ci.status = status;
      ci.version++;
      if (status === 'DRAINING') {
        // Service tasks leave a draining instance; the scheduler places replacements elsewhere.
        for (const t of state.tasks.values()) {
          if (t.containerInstanceArn === ci.arn && t.serviceName && t.desiredStatus === 'RUNNING') {
            requestStop(state, t, 'Container instance is draining', 'ServiceSchedulerInitiated');
          }
        }
      }
    }
    containerInstances.push(containerInstanceOut(state, ci, []));
  }
  return { containerInstances, failures };
}

export function describeContainerInstances(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const refs = p.strList('containerInstances') ?? [];
  if (refs.length === 0) throw invalidParameter('ContainerInstances cannot be empty.');
  if (refs.length > 100) throw invalidParameter('ContainerInstances cannot have more than 100 elements');
  const include = p.strList('include') ?? [];
  const containerInstances: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    const ci = state.containerInstance(cluster, ref);
    if (ci) containerInstances.push(containerInstanceOut(state, ci, include));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : containerInstanceArn(state, cluster.name, lastSegment(ref)), reason: 'MISSING' });
  }
  return { containerInstances, failures };
}

export function listContainerInstances(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const status = p.str('status');
  const filter = p.str('filter');
  const arns = state
    .instancesOf(cluster.arn)
    .filter((c) => (status === undefined ? c.status !== 'INACTIVE' : c.status === status))
    .filter((c) => filter === undefined || matchesExpression(c, filter))
    .map((c) => c.arn);
  const page = paginate(arns, p.str('nextToken'), p.int('maxResults'), { def: 100, max: 100 });
  return { containerInstanceArns: page.items, nextToken: page.nextToken };
}
