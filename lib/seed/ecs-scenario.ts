// The ECS half of a scenario: JSON files whose entries are API inputs (CreateCluster,
// RunInstances + RegisterContainerInstance, RegisterTaskDefinition, CreateService, ELBv2 and
// Application Auto Scaling), with `${...}` placeholders the seeder fills in at run time:
//   ${region} ${accountId}            strings inside ARNs
//   ${vpcId} ${subnets} ${securityGroups}   the network the seeder found or created
//   ${loadBalancer:NAME} ${targetGroup:NAME} ARNs of ELBv2 objects created earlier in the run
//   ${secret:NAME}                    the ARN of Secrets Manager secret NAME (its random suffix is
//                                     the service's), for task definitions' secrets[].valueFrom
// and the secrets those task definitions reference: `secrets` (CreateSecret inputs) and
// `parameters` (SSM PutParameter inputs), created before the task definitions.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  CreateClusterCommandInput,
  CreateServiceCommandInput,
  RegisterContainerInstanceCommandInput,
  RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import type { RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import type {
  CreateListenerCommandInput,
  CreateLoadBalancerCommandInput,
  CreateTargetGroupCommandInput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  PutScalingPolicyCommandInput,
  RegisterScalableTargetCommandInput,
} from '@aws-sdk/client-application-auto-scaling';
import type { CreateSecretCommandInput } from '@aws-sdk/client-secrets-manager';
import type { PutParameterCommandInput } from '@aws-sdk/client-ssm';

export interface ScenarioContainerInstance {
  /** Must tag the instance with `parallax:scenario`, the key a second run finds it by. */
  runInstances: RunInstancesCommandInput;
  /** `instanceIdentityDocument` is written by the seeder from the instance it launched or found. */
  registerContainerInstance: Omit<RegisterContainerInstanceCommandInput, 'instanceIdentityDocument'>;
}

export interface ScenarioNetwork {
  zones?: string[];
  securityGroup?: { GroupName: string; Description: string };
  /** Used as plain references where EC2 has no subnets or security groups to look up. */
  fallback: { vpcId: string; subnets: string[]; securityGroups: string[] };
}

export interface EcsScenario {
  clusters: CreateClusterCommandInput[];
  network?: ScenarioNetwork;
  containerInstances: ScenarioContainerInstance[];
  taskDefinitions: RegisterTaskDefinitionCommandInput[];
  services: CreateServiceCommandInput[];
  loadBalancers: CreateLoadBalancerCommandInput[];
  targetGroups: CreateTargetGroupCommandInput[];
  listeners: CreateListenerCommandInput[];
  scalableTargets: RegisterScalableTargetCommandInput[];
  scalingPolicies: PutScalingPolicyCommandInput[];
  /** Secrets Manager secrets (CreateSecret inputs) the task definitions reference as `${secret:NAME}`. */
  secrets: CreateSecretCommandInput[];
  /** SSM parameters (PutParameter inputs) the task definitions reference by ARN or name. */
  parameters: PutParameterCommandInput[];
}

type Raw = Record<string, unknown>;

function list<T>(file: string, raw: Raw, key: string): T[] {
  const v = raw[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`${file}: "${key}" must be an array`);
  return v as T[];
}

/** Reads every `*.json` in `dir` and concatenates what they define (file name order). */
export async function loadEcsScenario(dir: string): Promise<EcsScenario> {
  const s: EcsScenario = {
    clusters: [],
    containerInstances: [],
    taskDefinitions: [],
    services: [],
    loadBalancers: [],
    targetGroups: [],
    listeners: [],
    scalableTargets: [],
    scalingPolicies: [],
    secrets: [],
    parameters: [],
  };
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no ECS scenario (*.json) in ${dir}`);
  for (const file of files) {
    let raw: Raw;
    try {
      raw = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Raw;
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}`, { cause: e });
    }
    if (raw.createCluster) s.clusters.push(raw.createCluster as CreateClusterCommandInput);
    s.clusters.push(...list<CreateClusterCommandInput>(file, raw, 'clusters'));
    if (raw.network) s.network = raw.network as ScenarioNetwork;
    s.containerInstances.push(...list<ScenarioContainerInstance>(file, raw, 'containerInstances'));
    s.taskDefinitions.push(...list<RegisterTaskDefinitionCommandInput>(file, raw, 'taskDefinitions'));
    s.services.push(...list<CreateServiceCommandInput>(file, raw, 'services'));
    s.loadBalancers.push(...list<CreateLoadBalancerCommandInput>(file, raw, 'loadBalancers'));
    s.targetGroups.push(...list<CreateTargetGroupCommandInput>(file, raw, 'targetGroups'));
    s.listeners.push(...list<CreateListenerCommandInput>(file, raw, 'listeners'));
    s.scalableTargets.push(...list<RegisterScalableTargetCommandInput>(file, raw, 'scalableTargets'));
    s.scalingPolicies.push(...list<PutScalingPolicyCommandInput>(file, raw, 'scalingPolicies'));
    s.secrets.push(...list<CreateSecretCommandInput>(file, raw, 'secrets'));
    s.parameters.push(...list<PutParameterCommandInput>(file, raw, 'parameters'));
  }
  for (const c of s.clusters) if (!c.clusterName) throw new Error('every cluster needs clusterName');
  for (const t of s.taskDefinitions) if (!t.family) throw new Error('every task definition needs family');
  for (const v of s.services) if (!v.serviceName || !v.cluster) throw new Error('every service needs serviceName and cluster');
  for (const x of s.secrets) if (!x.Name) throw new Error('every secret needs Name');
  for (const x of s.parameters) if (!x.Name || !x.Type || x.Value === undefined) throw new Error('every parameter needs Name, Type and Value');
  return s;
}

/** The tag that names a scenario's EC2 instance, so that a second run finds instead of launching. */
export function scenarioKey(ci: ScenarioContainerInstance): string {
  for (const spec of ci.runInstances.TagSpecifications ?? []) {
    const tag = spec.Tags?.find((t) => t.Key === 'parallax:scenario');
    if (tag?.Value) return tag.Value;
  }
  throw new Error('every container instance needs a `parallax:scenario` tag in runInstances.TagSpecifications');
}
