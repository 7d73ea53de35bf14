// Seeds an ECS account (moto, the embedded simulator, or, only when asked, real AWS) from the
// JSON API inputs of a scenario. Every step looks before it writes, so a second run writes nothing:
// clusters by DescribeClusters, EC2 instances by their `parallax:scenario` tag, container
// instances by EC2 instance id, task definitions by comparing the family's latest revision,
// services by DescribeServices (UpdateService when desired count or revision differ), secrets and
// SSM parameters by their current value (ecs-secrets.ts; made before the task definitions, which
// reference a secret's ARN as `${secret:NAME}`).
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { ensureContainerInstances, resolveNetwork } from './ecs-hosts';
import { ensureSecretStores } from './ecs-secrets';
import { loadEcsScenario, type EcsScenario } from './ecs-scenario';
import { keepMotoTasksRunning, startServiceTasks } from './ecs-tasks';
import { chunks, describeError, fill, isSubset, type Step } from './util';

export interface SeedEcsOptions {
  /** moto, LocalStack or the embedded simulator. Without it the seeder refuses (see allowRealAccount). */
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Directory holding the ECS scenario JSON files (e.g. `scenarios/demo/ecs`). */
  dir?: string;
  /** The scenario itself, instead of `dir` (e.g. one loaded with loadEcsScenario and extended). */
  scenario?: EcsScenario;
  /** Seed the account the default credential chain points at. It creates billable resources. */
  allowRealAccount?: boolean;
  /**
   * moto's services never start tasks: start them with RunTask, `group: service:NAME` and the
   * PRIMARY deployment id as `startedBy`, as the ECS service scheduler does. Not for real ECS or
   * the simulator, whose schedulers do it themselves.
   */
  startServiceTasks?: boolean;
  log?: (line: string) => void;
}

export interface SeedEcsResult {
  clusters: number;
  services: number;
  /** Tasks this run started with RunTask (only with startServiceTasks). */
  tasks: number;
  /** Every write this run made, e.g. `CreateService shop/web`; empty when nothing had to change. */
  changes: string[];
}

export const REAL_ACCOUNT_REFUSAL =
  'seedEcs: no endpoint given, so this would write to a real AWS account (clusters, EC2 instances, a load balancer, secrets). ' +
  'Point it at moto or the simulator (endpoint / --ecs-endpoint), or pass allowRealAccount: true if you mean it.';

const errName = (e: unknown): string =>
  `${(e as { name?: string }).name ?? ''} ${(e as { Code?: string }).Code ?? ''}`;
const isNotFound = (e: unknown): boolean => /NotFound/i.test(errName(e));
/** A DAEMON service has no desired count of its own: the scheduler runs one task per instance. */
const daemon = (s: { schedulingStrategy?: string }): boolean => s.schedulingStrategy === 'DAEMON';

export async function seedEcs(opts: SeedEcsOptions): Promise<SeedEcsResult> {
  if (!opts.endpoint && !opts.allowRealAccount) throw new Error(REAL_ACCOUNT_REFUSAL);
  const log = opts.log ?? (() => {});
  if (!opts.scenario && !opts.dir) throw new Error('seedEcs: give a scenario dir or a scenario');
  const scenario = opts.scenario ?? (await loadEcsScenario(opts.dir!));
  const config = { region: opts.region, endpoint: opts.endpoint, credentials: opts.credentials, maxAttempts: 3 };
  const ecs = new ECSClient(config);
  const ec2 = new EC2Client(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  const aas = new ApplicationAutoScalingClient(config);
  const sm = new SecretsManagerClient(config);
  const ssm = new SSMClient(config);
  const changes: string[] = [];
  const wrote = (what: string) => {
    changes.push(what);
    log(`ecs: ${what}`);
  };
  const step: Step = async (what, fn) => {
    try {
      return await fn();
    } catch (e) {
      throw new Error(`ecs: ${what} failed: ${describeError(e)}`, { cause: e });
    }
  };

  try {
    // Clusters. The account id (for ARNs in task definitions) comes from a cluster ARN.
    let accountId = '000000000000';
    for (const input of scenario.clusters) {
      const name = input.clusterName!;
      const found = await step(`DescribeClusters ${name}`, () => ecs.send(new DescribeClustersCommand({ clusters: [name] })));
      let arn = found.clusters?.find((c) => c.status === 'ACTIVE')?.clusterArn;
      if (!arn) {
        const made = await step(`CreateCluster ${name}`, () => ecs.send(new CreateClusterCommand(input)));
        arn = made.cluster?.clusterArn;
        wrote(`CreateCluster ${name}`);
      }
      accountId = arn?.split(':')[4] || accountId;
    }

    const net = await resolveNetwork(ec2, scenario, log, wrote);
    const arns = new Map<string, string>();
    const vars = (name: string): unknown => {
      if (name === 'region') return opts.region;
      if (name === 'accountId') return accountId;
      if (name === 'vpcId') return net.vpcId;
      if (name === 'subnets') return net.subnets;
      if (name === 'securityGroups') return net.securityGroups;
      const arn = arns.get(name);
      if (arn) return arn;
      throw new Error(`ecs scenario: unknown placeholder \${${name}}`);
    };

    // On real ECS the container agent registers an instance itself, from an ECS-optimized AMI:
    // launching the scenario's placeholder AMI there would only make billable, useless hosts.
    if (opts.endpoint) await ensureContainerInstances(ecs, ec2, scenario, opts.region, accountId, step, wrote);
    else if (scenario.containerInstances.length) {
      log(`ecs: real account: not launching ${scenario.containerInstances.length} EC2 host(s); start ECS-optimized instances into the cluster for the EC2 services to run`);
    }

    // Secrets and parameters before the task definitions that reference them (`${secret:NAME}`).
    for (const [k, arn] of await ensureSecretStores(sm, ssm, scenario, step, wrote)) arns.set(k, arn);

    // Task definitions: a revision is immutable, so register only when the latest one differs.
    const revisions = new Map<string, string>();
    for (const raw of scenario.taskDefinitions) {
      const input = fill(raw, vars);
      const { tags: _tags, ...intent } = input;
      let latest;
      try {
        latest = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: input.family }))).taskDefinition;
      } catch (e) {
        if (!/ClientException|NotFound/.test(errName(e))) throw new Error(`ecs: DescribeTaskDefinition ${input.family} failed: ${describeError(e)}`, { cause: e });
      }
      if (latest?.status === 'ACTIVE' && isSubset(intent, latest)) {
        revisions.set(input.family!, latest.taskDefinitionArn!);
        continue;
      }
      const made = await step(`RegisterTaskDefinition ${input.family}`, () => ecs.send(new RegisterTaskDefinitionCommand(input)));
      const td = made.taskDefinition!;
      revisions.set(input.family!, td.taskDefinitionArn!);
      wrote(`RegisterTaskDefinition ${td.family}:${td.revision}`);
    }

    // ELBv2: load balancers and target groups by name, listeners by load balancer and port.
    for (const raw of scenario.loadBalancers) {
      const input = fill(raw, vars);
      let arn: string | undefined;
      try {
        arn = (await elb.send(new DescribeLoadBalancersCommand({ Names: [input.Name!] }))).LoadBalancers?.[0]?.LoadBalancerArn;
      } catch (e) {
        if (!isNotFound(e)) throw new Error(`ecs: DescribeLoadBalancers ${input.Name} failed: ${describeError(e)}`, { cause: e });
      }
      if (!arn) {
        arn = (await step(`CreateLoadBalancer ${input.Name}`, () => elb.send(new CreateLoadBalancerCommand(input)))).LoadBalancers?.[0]?.LoadBalancerArn;
        wrote(`CreateLoadBalancer ${input.Name}`);
      }
      if (arn) arns.set(`loadBalancer:${input.Name}`, arn);
    }
    for (const raw of scenario.targetGroups) {
      const input = fill(raw, vars);
      let arn: string | undefined;
      try {
        arn = (await elb.send(new DescribeTargetGroupsCommand({ Names: [input.Name!] }))).TargetGroups?.[0]?.TargetGroupArn;
      } catch (e) {
        if (!isNotFound(e)) throw new Error(`ecs: DescribeTargetGroups ${input.Name} failed: ${describeError(e)}`, { cause: e });
      }
      if (!arn) {
        arn = (await step(`CreateTargetGroup ${input.Name}`, () => elb.send(new CreateTargetGroupCommand(input)))).TargetGroups?.[0]?.TargetGroupArn;
        wrote(`CreateTargetGroup ${input.Name}`);
      }
      if (arn) arns.set(`targetGroup:${input.Name}`, arn);
    }
    for (const raw of scenario.listeners) {
      const input = fill(raw, vars);
      const existing = await step('DescribeListeners', () => elb.send(new DescribeListenersCommand({ LoadBalancerArn: input.LoadBalancerArn })));
      if (existing.Listeners?.some((l) => l.Port === input.Port)) continue;
      await step(`CreateListener :${input.Port}`, () => elb.send(new CreateListenerCommand(input)));
      wrote(`CreateListener ${input.LoadBalancerArn?.split('/')[2]}:${input.Port}`);
    }

    // Services: DescribeServices takes at most 10 names per call on real ECS.
    const services = scenario.services.map((raw) => {
      const input = fill(raw, vars);
      const td = revisions.get(input.taskDefinition!) ?? input.taskDefinition;
      return { ...input, taskDefinition: td };
    });
    const live = new Map<string, Service>();
    const byCluster = new Map<string, string[]>();
    for (const s of services) byCluster.set(s.cluster!, [...(byCluster.get(s.cluster!) ?? []), s.serviceName!]);
    for (const [cluster, names] of byCluster) {
      for (const batch of chunks(names, 10)) {
        const out = await step(`DescribeServices ${cluster}`, () => ecs.send(new DescribeServicesCommand({ cluster, services: batch })));
        for (const svc of out.services ?? []) if (svc.status === 'ACTIVE') live.set(`${cluster}/${svc.serviceName}`, svc);
      }
    }
    for (const input of services) {
      const key = `${input.cluster}/${input.serviceName}`;
      const current = live.get(key);
      if (!current) {
        const made = await step(`CreateService ${key}`, () => ecs.send(new CreateServiceCommand(input)));
        if (made.service) live.set(key, made.service);
        wrote(`CreateService ${key}`);
      } else if ((!daemon(input) && current.desiredCount !== input.desiredCount) || current.taskDefinition !== input.taskDefinition) {
        const made = await step(`UpdateService ${key}`, () =>
          ecs.send(new UpdateServiceCommand({ cluster: input.cluster, service: input.serviceName, desiredCount: input.desiredCount, taskDefinition: input.taskDefinition })),
        );
        if (made.service) live.set(key, made.service);
        const count = daemon(input) ? 'DAEMON' : `desiredCount ${input.desiredCount}`;
        wrote(`UpdateService ${key} (${count}, ${input.taskDefinition?.split('/').pop()})`);
      }
    }

    // Application Auto Scaling: both writes are upserts, but only made when something differs.
    for (const input of scenario.scalableTargets.map((t) => fill(t, vars))) {
      const found = await step('DescribeScalableTargets', () =>
        aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: input.ServiceNamespace, ResourceIds: [input.ResourceId!], ScalableDimension: input.ScalableDimension })),
      );
      const t = found.ScalableTargets?.[0];
      if (t && t.MinCapacity === input.MinCapacity && t.MaxCapacity === input.MaxCapacity) continue;
      await step(`RegisterScalableTarget ${input.ResourceId}`, () => aas.send(new RegisterScalableTargetCommand(input)));
      wrote(`RegisterScalableTarget ${input.ResourceId} ${input.MinCapacity}..${input.MaxCapacity}`);
    }
    for (const input of scenario.scalingPolicies.map((p) => fill(p, vars))) {
      const found = await step('DescribeScalingPolicies', () =>
        aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: input.ServiceNamespace, ResourceId: input.ResourceId, ScalableDimension: input.ScalableDimension, PolicyNames: [input.PolicyName!] })),
      );
      const p = found.ScalingPolicies?.find((x) => x.PolicyName === input.PolicyName);
      if (p && p.PolicyType === input.PolicyType && isSubset(input.TargetTrackingScalingPolicyConfiguration, p.TargetTrackingScalingPolicyConfiguration)) continue;
      await step(`PutScalingPolicy ${input.PolicyName}`, () => aas.send(new PutScalingPolicyCommand(input)));
      wrote(`PutScalingPolicy ${input.PolicyName}`);
    }

    let tasks = 0;
    if (opts.startServiceTasks) {
      if (opts.endpoint) await keepMotoTasksRunning(opts.endpoint, log);
      for (const input of services) {
        const svc = live.get(`${input.cluster}/${input.serviceName}`);
        if (svc) tasks += await startServiceTasks(ecs, svc, input.cluster!, step, wrote);
      }
    }
    const result = { clusters: scenario.clusters.length, services: services.length, tasks, changes };
    log(`ecs: ${result.clusters} cluster(s), ${result.services} service(s), ${tasks} task(s) started, ${changes.length} change(s)`);
    return result;
  } finally {
    for (const c of [ecs, ec2, elb, aas, sm, ssm]) c.destroy();
  }
}
