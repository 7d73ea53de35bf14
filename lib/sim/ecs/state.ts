// In-memory state of the simulated account. Times are epoch milliseconds internally;
// the ECS / Auto Scaling JSON shapes convert to epoch seconds, the query shapes to ISO 8601.
import { clusterArn, lastSegment, type Scope } from './arns';
import { clusterNotFound, invalidParameter, ApiError } from './errors';
import type { Json, Tag } from './params';
import type { SimSecret } from './secretsmanager';
import type { SimParameter } from './ssm';

export interface Cluster {
  arn: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  createdAt: number;
  settings: Json[];
  capacityProviders: string[];
  defaultCapacityProviderStrategy: Json[];
  configuration?: Json;
}

export interface TaskDef {
  arn: string;
  family: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE';
  registeredAt: number;
  /** The RegisterTaskDefinition input minus `tags`, echoed back verbatim. */
  input: Json;
}

export type DeploymentStatus = 'PRIMARY' | 'ACTIVE' | 'INACTIVE';

export interface Deployment {
  id: string;
  status: DeploymentStatus;
  taskDefinition: string;
  desiredCount: number;
  createdAt: number;
  updatedAt: number;
  launchType?: string;
  capacityProviderStrategy?: Json[];
  platformVersion?: string;
  networkConfiguration?: Json;
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
  failedTasks: number;
}

export interface ServiceEvent {
  id: string;
  createdAt: number;
  message: string;
}

export interface Service {
  arn: string;
  name: string;
  clusterArn: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  launchType?: string;
  capacityProviderStrategy?: Json[];
  platformVersion?: string;
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  taskDefinition: string;
  loadBalancers: Json[];
  serviceRegistries: Json[];
  placementStrategy: Json[];
  placementConstraints: Json[];
  networkConfiguration?: Json;
  deploymentConfiguration: Json;
  propagateTags?: string;
  enableECSManagedTags: boolean;
  enableExecuteCommand: boolean;
  healthCheckGracePeriodSeconds?: number;
  roleArn?: string;
  createdAt: number;
  createdBy: string;
  deployments: Deployment[];
  events: ServiceEvent[];
}

export interface NetworkBinding {
  bindIP: string;
  containerPort: number;
  hostPort: number;
  protocol: string;
}

export interface TaskContainer {
  containerArn: string;
  name: string;
  image: string;
  lastStatus: string;
  healthStatus: string;
  cpu?: string;
  memory?: string;
  memoryReservation?: string;
  essential: boolean;
  networkBindings: NetworkBinding[];
  /** Health check defined in the container definition: health goes UNKNOWN -> HEALTHY. */
  hasHealthCheck: boolean;
  runtimeId?: string;
  exitCode?: number;
}

export interface Eni {
  attachmentId: string;
  eniId: string;
  subnetId: string;
  privateIp: string;
  mac: string;
}

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'ACTIVATING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'DEPROVISIONING' | 'STOPPED';

export interface Task {
  arn: string;
  id: string;
  clusterArn: string;
  taskDefinitionArn: string;
  containerInstanceArn?: string;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  group: string;
  startedBy?: string;
  serviceName?: string;
  deploymentId?: string;
  launchType: string;
  capacityProviderName?: string;
  platformVersion?: string;
  cpu: string;
  memory: string;
  cpuUnits: number;
  memoryMiB: number;
  /** Host ports this task holds on its container instance while not STOPPED. */
  hostPorts: number[];
  createdAt: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  connectivityAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  executionStoppedAt?: number;
  stoppedReason?: string;
  stopCode?: string;
  availabilityZone: string;
  containers: TaskContainer[];
  eni?: Eni;
  overrides: Json;
  enableExecuteCommand: boolean;
  version: number;
  /** When lastStatus last changed: the scheduler advances a status after stepMs. */
  statusSince: number;
}

export interface ContainerInstance {
  arn: string;
  id: string;
  clusterArn: string;
  ec2InstanceId: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE' | 'REGISTERING';
  agentConnected: boolean;
  registeredAt: number;
  cpu: number;
  memory: number;
  ports: string[];
  attributes: { name: string; value?: string }[];
  versionInfo: Json;
  version: number;
  availabilityZone: string;
  instanceType: string;
  privateIp: string;
}

export interface Ec2Instance {
  id: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  availabilityZone: string;
  privateIp: string;
  subnetId: string;
  vpcId: string;
  launchTime: number;
  state: { code: number; name: string };
  tags: { Key: string; Value: string }[];
  architecture: string;
}

export interface LoadBalancer {
  arn: string;
  name: string;
  type: 'application' | 'network';
  scheme: string;
  dnsName: string;
  vpcId: string;
  subnets: string[];
  securityGroups: string[];
  createdAt: number;
  ipAddressType: string;
}

export interface TargetGroup {
  arn: string;
  name: string;
  protocol: string;
  port: number;
  vpcId: string;
  targetType: string;
  healthCheckPath: string;
  healthCheckProtocol: string;
  loadBalancerArns: string[];
}

export interface Listener {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
  targetGroupArn?: string;
}

export interface ScalableTarget {
  arn: string;
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  minCapacity: number;
  maxCapacity: number;
  roleArn: string;
  createdAt: number;
}

export interface ScalingPolicy {
  arn: string;
  name: string;
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  policyType: string;
  config: Json;
  createdAt: number;
}

export class SimState implements Scope {
  readonly clusters = new Map<string, Cluster>();
  readonly taskDefs = new Map<string, TaskDef>();
  readonly services = new Map<string, Service>();
  readonly tasks = new Map<string, Task>();
  readonly containerInstances = new Map<string, ContainerInstance>();
  readonly ec2Instances = new Map<string, Ec2Instance>();
  readonly loadBalancers = new Map<string, LoadBalancer>();
  readonly targetGroups = new Map<string, TargetGroup>();
  readonly listeners = new Map<string, Listener>();
  readonly scalableTargets = new Map<string, ScalableTarget>();
  readonly scalingPolicies = new Map<string, ScalingPolicy>();
  /** Secrets Manager secrets by ARN, SSM parameters by name. */
  readonly secrets = new Map<string, SimSecret>();
  readonly parameters = new Map<string, SimParameter>();
  /** Tags of every taggable ECS resource, keyed by ARN. */
  readonly tags = new Map<string, Tag[]>();

  constructor(
    readonly region: string,
    readonly accountId: string,
    readonly now: () => number = Date.now,
  ) {}

  /** ECS accepts a cluster name or ARN and defaults to `default`. */
  cluster(nameOrArn: string | undefined): Cluster {
    const name = lastSegment(nameOrArn ?? 'default');
    const c = this.clusters.get(clusterArn(this, name));
    if (!c || c.status !== 'ACTIVE') throw clusterNotFound();
    return c;
  }

  /** `family`, `family:revision` or a full ARN; a bare family means its latest ACTIVE revision. */
  taskDef(ref: string): TaskDef {
    const short = ref.startsWith('arn:') ? ref.slice(ref.indexOf('task-definition/') + 'task-definition/'.length) : ref;
    const [family, rev] = short.split(':');
    if (!family) throw new ApiError('ClientException', 'Unable to describe task definition.');
    if (rev !== undefined) {
      const td = [...this.taskDefs.values()].find((t) => t.family === family && String(t.revision) === rev);
      if (!td) throw new ApiError('ClientException', 'Unable to describe task definition.');
      return td;
    }
    let latest: TaskDef | undefined;
    for (const t of this.taskDefs.values()) {
      if (t.family === family && t.status === 'ACTIVE' && (!latest || t.revision > latest.revision)) latest = t;
    }
    if (!latest) throw new ApiError('ClientException', 'Unable to describe task definition.');
    return latest;
  }

  tasksOf(clusterArnValue: string): Task[] {
    return [...this.tasks.values()].filter((t) => t.clusterArn === clusterArnValue);
  }

  instancesOf(clusterArnValue: string): ContainerInstance[] {
    return [...this.containerInstances.values()].filter((c) => c.clusterArn === clusterArnValue);
  }

  /** Container instance by ARN or bare id within a cluster. */
  containerInstance(cluster: Cluster, ref: string): ContainerInstance | undefined {
    const id = lastSegment(ref);
    return this.instancesOf(cluster.arn).find((c) => c.id === id || c.arn === ref);
  }

  tagsOf(arn: string): Tag[] {
    return this.tags.get(arn) ?? [];
  }

  addTags(arn: string, tags: Tag[]): void {
    if (tags.length > 50) throw invalidParameter('Tags can not exceed 50.');
    const current = this.tagsOf(arn).filter((t) => !tags.some((n) => n.key === t.key));
    this.tags.set(arn, [...current, ...tags]);
  }
}

/** Resources a task takes from its container instance while it is not STOPPED. */
export function remainingResources(state: SimState, ci: ContainerInstance): { cpu: number; memory: number; ports: string[] } {
  let cpu = ci.cpu;
  let memory = ci.memory;
  const ports = [...ci.ports];
  for (const t of state.tasks.values()) {
    if (t.containerInstanceArn !== ci.arn || t.lastStatus === 'STOPPED') continue;
    cpu -= t.cpuUnits;
    memory -= t.memoryMiB;
    for (const p of t.hostPorts) ports.push(String(p));
  }
  return { cpu, memory, ports };
}
