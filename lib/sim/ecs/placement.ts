// Task construction, placement on container instances, and task state transitions.
// Shared by RunTask (ecs-tasks.ts) and the service scheduler (scheduler.ts).
import { containerArn, ec2Id, hexId, subnetZone, taskArn, uuid } from './arns';
import { compact } from './ecs-shapes';
import { invalidParameter } from './errors';
import { allocateIp, subnetZoneOf } from './ec2-network';
import { isObject, type Json, type Tag } from './params';
import { type Cluster, type ContainerInstance, type NetworkBinding, type SimState, type Task, type TaskContainer, type TaskDef } from './state';

export interface Needs {
  cpu: number;
  memory: number;
  /** Fixed host ports (bridge with hostPort != 0, or host network mode). */
  staticPorts: number[];
  networkMode: string;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : 0);
const containerDefs = (td: TaskDef): Json[] => (Array.isArray(td.input.containerDefinitions) ? td.input.containerDefinitions.filter(isObject) : []);
const portMappings = (c: Json): Json[] => (Array.isArray(c.portMappings) ? c.portMappings.filter(isObject) : []);

/** Task-level cpu/memory win (and task overrides over them); else the containers' sum. */
export function taskNeeds(td: TaskDef, launchType: string, overrides: Json): Needs {
  const defs = containerDefs(td);
  const sumCpu = defs.reduce((a, c) => a + num(c.cpu), 0);
  const sumMem = defs.reduce((a, c) => a + (num(c.memory) || num(c.memoryReservation)), 0);
  const cpu = num(overrides.cpu) || num(td.input.cpu) || sumCpu;
  const memory = num(overrides.memory) || num(td.input.memory) || sumMem;
  const networkMode = launchType === 'FARGATE' ? 'awsvpc' : typeof td.input.networkMode === 'string' ? td.input.networkMode : 'bridge';
  const staticPorts: number[] = [];
  if (networkMode === 'bridge' || networkMode === 'host') {
    for (const c of defs) {
      for (const pm of portMappings(c)) {
        const hp = networkMode === 'host' ? num(pm.hostPort) || num(pm.containerPort) : num(pm.hostPort);
        if (hp > 0) staticPorts.push(hp);
      }
    }
  }
  return { cpu, memory, staticPorts, networkMode };
}

/** FARGATE and FARGATE_SPOT are the AWS-managed providers; any other is an EC2 Auto Scaling group's. */
export const isFargateProvider = (name: unknown): boolean => name === 'FARGATE' || name === 'FARGATE_SPOT';

export function runsOnFargate(launchType: string | undefined, strategy: Json[] | undefined): boolean {
  return launchType === 'FARGATE' || (launchType === undefined && (strategy ?? []).length > 0 && (strategy ?? []).every((s) => isFargateProvider(s.capacityProvider)));
}

/**
 * Where the next task goes: the launch type, or a provider drawn from the strategy by weight
 * (`base` is not modelled). Provider tasks report both `capacityProviderName` and the launch type.
 */
export function chooseLaunch(launchType: string | undefined, strategy: Json[] | undefined): { launchType: string; capacityProviderName?: string } {
  if (launchType !== undefined || !strategy || strategy.length === 0) return { launchType: launchType ?? 'EC2' };
  const weights = strategy.map((s) => (typeof s.weight === 'number' ? s.weight : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  let pick = Math.random() * (total || strategy.length);
  let chosen = strategy[0];
  for (let i = 0; i < strategy.length; i++) {
    pick -= total ? (weights[i] ?? 0) : 1;
    if (pick < 0) {
      chosen = strategy[i];
      break;
    }
  }
  const name = typeof chosen?.capacityProvider === 'string' ? chosen.capacityProvider : 'FARGATE';
  return { launchType: isFargateProvider(name) ? 'FARGATE' : 'EC2', capacityProviderName: name };
}

/**
 * The strategy a service or RunTask uses: the given one, else the cluster default when no
 * launch type is given. Launch type and strategy are mutually exclusive, and every provider
 * must be associated with the cluster.
 */
export function resolveStrategy(cluster: Cluster, launchType: string | undefined, given: Json[] | undefined): Json[] | undefined {
  if (launchType !== undefined && given && given.length > 0) {
    throw invalidParameter('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
  }
  const strategy = given && given.length > 0 ? given : launchType === undefined && cluster.defaultCapacityProviderStrategy.length > 0 ? cluster.defaultCapacityProviderStrategy : undefined;
  for (const s of strategy ?? []) {
    if (typeof s.capacityProvider !== 'string' || !cluster.capacityProviders.includes(s.capacityProvider)) {
      throw invalidParameter('The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.');
    }
  }
  return strategy;
}

export interface PlacementOptions {
  strategy: Json[];
  constraints: Json[];
  /** Tasks of this group count for spread and distinctInstance. */
  group: string;
  /** Only this container instance is a candidate (DAEMON services). */
  onlyInstance?: string;
}

/**
 * A failure names the closest matching instance and why it was refused: a RunTask failure reason
 * (RESOURCE:CPU, RESOURCE:MEMORY, RESOURCE:PORTS, ATTRIBUTE) and, for a placement constraint, which one.
 */
export type PlacementResult = { ok: true; instance: ContainerInstance } | { ok: false; reason: string; arn?: string; constraint?: ConstraintType };

export type ConstraintType = 'distinctInstance' | 'memberOf';

interface Usage {
  cpu: number;
  memory: number;
  ports: Set<string>;
  /** Tasks of the group being placed that are meant to run (desiredStatus RUNNING). */
  group: number;
}

/** One pass over the cluster's live tasks: what each instance has given out. */
function usageByInstance(state: SimState, cluster: Cluster, group: string): Map<string, Usage> {
  const usage = new Map<string, Usage>();
  for (const ci of state.instancesOf(cluster.arn)) usage.set(ci.arn, { cpu: 0, memory: 0, ports: new Set(ci.ports), group: 0 });
  for (const t of state.tasks.values()) {
    if (t.clusterArn !== cluster.arn || t.lastStatus === 'STOPPED' || !t.containerInstanceArn) continue;
    const u = usage.get(t.containerInstanceArn);
    if (!u) continue;
    u.cpu += t.cpuUnits;
    u.memory += t.memoryMiB;
    for (const port of t.hostPorts) u.ports.add(String(port));
    // Resources stay taken until the task has STOPPED, but ECS places by the tasks' desired status:
    // an instance whose task of the group is STOPPING can take the group's next one (distinctInstance).
    if (t.group === group && t.desiredStatus === 'RUNNING') u.group++;
  }
  return usage;
}

/**
 * Picks a container instance. Filters: ACTIVE + agent connected, CPU, memory, ports,
 * constraints (distinctInstance; memberOf with `attribute:NAME ==|!=|in|not_in ...`).
 * Ranks by the strategies in order; the ECS default for services is
 * spread(attribute:ecs.availability-zone) then spread(instanceId).
 */
export function place(state: SimState, cluster: Cluster, needs: Needs, opts: PlacementOptions): PlacementResult {
  const instances = state.instancesOf(cluster.arn);
  const all = instances.filter((c) => c.status === 'ACTIVE' && c.agentConnected && (opts.onlyInstance === undefined || c.arn === opts.onlyInstance));
  if (all.length === 0) return { ok: false, reason: 'No Container Instances were found in your cluster.' };
  const usage = usageByInstance(state, cluster, opts.group);
  const used = (ci: ContainerInstance): Usage => usage.get(ci.arn) ?? { cpu: 0, memory: 0, ports: new Set(ci.ports), group: 0 };
  let closest: { reason: string; arn: string; constraint?: ConstraintType } | undefined;
  const fits: { ci: ContainerInstance; cpu: number; memory: number; key: number[] }[] = [];
  for (const ci of all) {
    const u = used(ci);
    const cpu = ci.cpu - u.cpu;
    const memory = ci.memory - u.memory;
    const constraint = unsatisfiedConstraint(ci, opts, u.group);
    const fail =
      cpu < needs.cpu ? 'RESOURCE:CPU'
      : memory < needs.memory ? 'RESOURCE:MEMORY'
      : needs.staticPorts.some((p) => u.ports.has(String(p))) ? 'RESOURCE:PORTS'
      : constraint ? 'ATTRIBUTE'
      : undefined;
    if (fail) closest ??= { reason: fail, arn: ci.arn, ...(fail === 'ATTRIBUTE' ? { constraint } : {}) };
    else fits.push({ ci, cpu, memory, key: [] });
  }
  if (fits.length === 0) return { ok: false, reason: closest?.reason ?? 'RESOURCE:CPU', arn: closest?.arn, ...(closest?.constraint ? { constraint: closest.constraint } : {}) };
  const strategy = opts.strategy.length > 0 ? opts.strategy : [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }];
  const spreadCounts = new Map<string, Map<string | undefined, number>>();
  const groupTasksWhere = (attr: string, value: string | undefined): number => {
    let counts = spreadCounts.get(attr);
    if (!counts) {
      counts = new Map();
      for (const ci of instances) {
        const v = attributeOf(ci, attr);
        counts.set(v, (counts.get(v) ?? 0) + used(ci).group);
      }
      spreadCounts.set(attr, counts);
    }
    return counts.get(value) ?? 0;
  };
  for (const f of fits) {
    f.key = strategy.map((s) => {
      const field = typeof s.field === 'string' ? s.field : '';
      if (s.type === 'binpack') return field.toLowerCase() === 'cpu' ? f.cpu : f.memory;
      if (s.type === 'random') return Math.random();
      if (field === 'instanceId' || field === 'host') return used(f.ci).group;
      const attr = field.startsWith('attribute:') ? field.slice('attribute:'.length) : field;
      return groupTasksWhere(attr, attributeOf(f.ci, attr));
    });
  }
  fits.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if ((a.key[i] ?? 0) !== (b.key[i] ?? 0)) return (a.key[i] ?? 0) - (b.key[i] ?? 0);
    return 0;
  });
  const best = fits[0];
  return best ? { ok: true, instance: best.ci } : { ok: false, reason: 'RESOURCE:CPU' };
}

function attributeOf(ci: ContainerInstance, name: string): string | undefined {
  return ci.attributes.find((a) => a.name === name)?.value;
}

/** The first placement constraint the instance does not satisfy, if any. */
function unsatisfiedConstraint(ci: ContainerInstance, opts: PlacementOptions, groupTasksHere: number): ConstraintType | undefined {
  for (const c of opts.constraints) {
    if (c.type === 'distinctInstance' && groupTasksHere > 0) return 'distinctInstance';
    if (c.type === 'memberOf' && typeof c.expression === 'string' && !matchesExpression(ci, c.expression)) return 'memberOf';
  }
  return undefined;
}

/** A small subset of the cluster query language: `attribute:X == v`, `!=`, `in [a, b]`, `not_in [..]`. */
export function matchesExpression(ci: ContainerInstance, expression: string): boolean {
  const m = /^\s*(attribute:)?([\w.\-:]+)\s*(==|!=|not_in|in)\s*(.+?)\s*$/.exec(expression);
  if (!m) return true;
  const [, isAttr, name = '', op, rhs = ''] = m;
  const actual = isAttr ? attributeOf(ci, name) : name === 'ec2InstanceId' ? ci.ec2InstanceId : attributeOf(ci, name);
  const values = rhs.replace(/^\[|\]$/g, '').split(',').map((v) => v.trim().replace(/^['"]|['"]$/g, ''));
  if (op === '==') return actual === values[0];
  if (op === '!=') return actual !== values[0];
  if (op === 'in') return actual !== undefined && values.includes(actual);
  return actual === undefined || !values.includes(actual);
}

export interface NewTaskArgs {
  cluster: Cluster;
  td: TaskDef;
  launchType: string;
  capacityProviderName?: string;
  group: string;
  needs: Needs;
  instance?: ContainerInstance;
  startedBy?: string;
  serviceName?: string;
  deploymentId?: string;
  networkConfiguration?: Json;
  overrides?: Json;
  tags?: Tag[];
  enableExecuteCommand?: boolean;
  platformVersion?: string;
}

export function newTask(state: SimState, a: NewTaskArgs): Task {
  const id = hexId();
  const arn = taskArn(state, a.cluster.name, id);
  const now = state.now();
  const vpc = isObject(a.networkConfiguration?.awsvpcConfiguration) ? a.networkConfiguration.awsvpcConfiguration : {};
  const subnets = Array.isArray(vpc.subnets) ? vpc.subnets.filter((s): s is string => typeof s === 'string') : [];
  const subnetId = subnets[Math.floor(Math.random() * subnets.length)] ?? 'subnet-0sim0000000000000';
  const eni =
    a.needs.networkMode === 'awsvpc'
      ? { attachmentId: uuid(), eniId: ec2Id('eni'), subnetId, privateIp: allocateIp(state, subnetId), mac: macAddress() }
      : undefined;
  const dynamicBase = 32768 + Math.floor(Math.random() * 20000);
  let dyn = 0;
  const hostPorts: number[] = [];
  const containers: TaskContainer[] = containerDefs(a.td).map((c) => {
    const bindings: NetworkBinding[] = [];
    if (a.instance && a.needs.networkMode !== 'awsvpc') {
      for (const pm of portMappings(c)) {
        const containerPort = num(pm.containerPort);
        const hostPort = a.needs.networkMode === 'host' ? num(pm.hostPort) || containerPort : num(pm.hostPort) || dynamicBase + dyn++;
        hostPorts.push(hostPort);
        bindings.push({ bindIP: '0.0.0.0', containerPort, hostPort, protocol: typeof pm.protocol === 'string' ? pm.protocol : 'tcp' });
      }
    }
    return compact({
      containerArn: containerArn(state, a.cluster.name, id),
      name: typeof c.name === 'string' ? c.name : 'container',
      image: typeof c.image === 'string' ? c.image : '',
      lastStatus: 'PENDING',
      healthStatus: 'UNKNOWN',
      cpu: c.cpu !== undefined ? String(num(c.cpu)) : '0',
      memory: c.memory !== undefined ? String(num(c.memory)) : undefined,
      memoryReservation: c.memoryReservation !== undefined ? String(num(c.memoryReservation)) : undefined,
      essential: c.essential !== false,
      networkBindings: bindings,
      hasHealthCheck: isObject(c.healthCheck),
    }) as TaskContainer;
  });
  const task: Task = {
    arn,
    id,
    clusterArn: a.cluster.arn,
    taskDefinitionArn: a.td.arn,
    containerInstanceArn: a.instance?.arn,
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    healthStatus: 'UNKNOWN',
    group: a.group,
    startedBy: a.startedBy,
    serviceName: a.serviceName,
    deploymentId: a.deploymentId,
    launchType: a.launchType,
    capacityProviderName: a.capacityProviderName,
    platformVersion: a.launchType === 'FARGATE' ? (a.platformVersion && a.platformVersion !== 'LATEST' ? a.platformVersion : '1.4.0') : undefined,
    cpu: String(a.needs.cpu),
    memory: String(a.needs.memory),
    cpuUnits: a.needs.cpu,
    memoryMiB: a.needs.memory,
    hostPorts,
    createdAt: now,
    availabilityZone: a.instance?.availabilityZone ?? subnetZoneOf(state, subnetId) ?? subnetZone(state.region, subnetId),
    containers,
    eni,
    // ECS lists every container in containerOverrides, by name, even with nothing overridden.
    overrides: {
      inferenceAcceleratorOverrides: [],
      ...a.overrides,
      containerOverrides: mergeContainerOverrides(containers.map((c) => c.name), a.overrides?.containerOverrides),
    },
    enableExecuteCommand: a.enableExecuteCommand ?? false,
    version: 1,
    statusSince: now,
  };
  state.tasks.set(arn, task);
  if (a.tags && a.tags.length > 0) state.tags.set(arn, a.tags);
  return task;
}

function mergeContainerOverrides(names: string[], given: unknown): Json[] {
  const list = Array.isArray(given) ? given.filter(isObject) : [];
  return names.map((name) => list.find((o) => o.name === name) ?? { name });
}

function macAddress(): string {
  return ['02', ...Array.from({ length: 5 }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, '0'))].join(':');
}

/** Asks a task to stop: desiredStatus STOPPED now, lastStatus reaches STOPPED after a step. */
export function requestStop(state: SimState, t: Task, reason: string, stopCode: string): void {
  if (t.desiredStatus === 'STOPPED') return;
  const now = state.now();
  t.desiredStatus = 'STOPPED';
  t.stoppedReason = reason;
  t.stopCode = stopCode;
  t.stoppingAt = now;
  t.lastStatus = 'STOPPING';
  t.statusSince = now;
  t.version++;
}

/** Moves a task one lifecycle step when it has spent stepMs in its current status. */
export function advanceTask(state: SimState, t: Task, stepMs: number): boolean {
  const now = state.now();
  if (t.lastStatus === 'STOPPED' || now - t.statusSince < stepMs) return false;
  if (t.lastStatus === 'PROVISIONING') {
    t.lastStatus = 'PENDING';
    t.pullStartedAt = now;
  } else if (t.lastStatus === 'PENDING') {
    t.lastStatus = 'RUNNING';
    t.pullStoppedAt = now;
    t.startedAt = now;
    t.connectivityAt = now;
    for (const c of t.containers) {
      c.lastStatus = 'RUNNING';
      c.runtimeId = `${t.id}-${hexId().slice(0, 10)}`;
      c.healthStatus = c.hasHealthCheck ? 'HEALTHY' : 'UNKNOWN';
    }
    t.healthStatus = t.containers.some((c) => c.essential && c.hasHealthCheck) ? 'HEALTHY' : 'UNKNOWN';
  } else if (t.lastStatus === 'STOPPING') {
    t.lastStatus = 'STOPPED';
    t.stoppedAt = now;
    t.executionStoppedAt = now;
    for (const c of t.containers) {
      if (c.lastStatus === 'RUNNING') c.exitCode = 0;
      c.lastStatus = 'STOPPED';
    }
  } else {
    return false;
  }
  t.statusSince = now;
  t.version++;
  return true;
}
