// A small ECS scenario seeded through the real SDK, identically into moto and the embedded
// simulator, for the adapter's contract tests. Seeding writes; the adapter under test only reads.
import {
  CreateClusterCommand, CreateServiceCommand, DescribeServicesCommand, ECSClient, ListServicesCommand, RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand, RunTaskCommand, type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client, ModifyVpcAttributeCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ApplicationAutoScalingClient, PutScalingPolicyCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';

export const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
export const CLUSTER = 'shop';
const ACCOUNT_HINT = '123456789012';

export interface SeedOptions {
  endpoint: string;
  region?: string;
  /** moto never starts service tasks: start them with RunTask (group service:NAME, startedBy = deployment id). */
  runServiceTasks: boolean;
  /** Extra replica services (for call-count tests) and desired tasks each. */
  extraServices?: { count: number; desired: number };
  instances?: number;
}

export function taskDefinitions(region: string): RegisterTaskDefinitionCommandInput[] {
  const ssm = `arn:aws:ssm:${region}:${ACCOUNT_HINT}:parameter/shop/db-password`;
  const sm = `arn:aws:secretsmanager:${region}:${ACCOUNT_HINT}:secret:shop/api-key-AbC123`;
  return [
    {
      family: 'web',
      networkMode: 'bridge',
      requiresCompatibilities: ['EC2'],
      taskRoleArn: `arn:aws:iam::${ACCOUNT_HINT}:role/web-task`,
      containerDefinitions: [{
        name: 'web', image: 'nginx:1.27', cpu: 256, memory: 512, memoryReservation: 256, essential: true,
        portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
        environment: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'FEATURE_X', value: 'on' }],
        secrets: [{ name: 'DB_PASSWORD', valueFrom: ssm }, { name: 'API_KEY', valueFrom: `${sm}:key::` }],
        healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], interval: 10, timeout: 3, retries: 2 },
        mountPoints: [{ sourceVolume: 'cache', containerPath: '/var/cache/nginx' }, { sourceVolume: 'logs', containerPath: '/var/log/nginx', readOnly: false }],
      }],
      volumes: [{ name: 'cache' }, { name: 'logs', host: { sourcePath: '/var/log/web' } }],
    },
    {
      family: 'api',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '512', memory: '1024',
      containerDefinitions: [{
        // moto's RunTask sums container-level memory and answers 500 when a container has none.
        name: 'api', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api:2.1.0', essential: true, cpu: 512, memory: 1024,
        entryPoint: ['/app/api'], command: ['--port', '8080'],
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        environment: [{ name: 'PORT', value: '8080' }],
        secrets: [{ name: 'API_KEY', valueFrom: `${sm}:key::` }],
        mountPoints: [{ sourceVolume: 'shared', containerPath: '/mnt/shared', readOnly: true }],
      }],
      volumes: [{ name: 'shared', efsVolumeConfiguration: { fileSystemId: 'fs-0123456789abcdef0', rootDirectory: '/api', transitEncryption: 'ENABLED' } }],
    },
    {
      family: 'tiny',
      networkMode: 'bridge',
      requiresCompatibilities: ['EC2'],
      containerDefinitions: [{ name: 'tiny', image: 'busybox:1.36', cpu: 8, memory: 16, essential: true, command: ['sleep', 'infinity'] }],
    },
    {
      family: 'agent',
      networkMode: 'host',
      requiresCompatibilities: ['EC2'],
      containerDefinitions: [{ name: 'agent', image: 'public.ecr.aws/datadog/agent:7', cpu: 128, memory: 256, essential: true, privileged: true }],
    },
  ];
}

export async function seedScenario(o: SeedOptions): Promise<{ services: string[] }> {
  const region = o.region ?? 'us-east-1';
  const common = { region, endpoint: o.endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 };
  const ecs = new ECSClient(common);
  const ec2 = new EC2Client(common);
  const elb = new ElasticLoadBalancingV2Client(common);
  const aas = new ApplicationAutoScalingClient(common);
  try {
    await ecs.send(new CreateClusterCommand({ clusterName: CLUSTER, tags: [{ key: 'team', value: 'shop' }] }));
    for (let i = 0; i < (o.instances ?? 2); i++) {
      const r = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', InstanceType: 't3.medium', MinCount: 1, MaxCount: 1 }));
      const inst = r.Instances![0];
      const doc = { instanceId: inst.InstanceId, region, availabilityZone: inst.Placement?.AvailabilityZone ?? `${region}a`, instanceType: 't3.medium', privateIp: inst.PrivateIpAddress, imageId: 'ami-12345678', accountId: ACCOUNT_HINT };
      await ecs.send(new RegisterContainerInstanceCommand({
        cluster: CLUSTER, instanceIdentityDocument: JSON.stringify(doc),
        totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 2048 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 3904 }],
      }));
    }
    for (const td of taskDefinitions(region)) await ecs.send(new RegisterTaskDefinitionCommand(td));
    const network = await createNetwork(ec2, region);
    const awsvpc = { awsvpcConfiguration: { subnets: [network.subnets[0]], securityGroups: [network.securityGroup], assignPublicIp: 'DISABLED' as const } };
    const targetGroupArn = await createLoadBalancer(elb, network);
    const services: { name: string; td: string; desired: number; launchType: 'EC2' | 'FARGATE'; daemon?: boolean; net?: typeof awsvpc }[] = [
      { name: 'web', td: 'web', desired: 2, launchType: 'EC2' },
      { name: 'api', td: 'api', desired: 1, launchType: 'FARGATE', net: awsvpc },
      { name: 'agent', td: 'agent', desired: 0, launchType: 'EC2', daemon: true },
    ];
    for (let i = 0; i < (o.extraServices?.count ?? 0); i++) services.push({ name: `svc-${String(i).padStart(2, '0')}`, td: 'tiny', desired: o.extraServices!.desired, launchType: 'EC2' });
    for (const s of services) {
      await ecs.send(new CreateServiceCommand({
        cluster: CLUSTER, serviceName: s.name, taskDefinition: s.td, launchType: s.launchType,
        ...(s.daemon ? { schedulingStrategy: 'DAEMON' } : { desiredCount: s.desired }),
        ...(s.net ? { networkConfiguration: s.net } : {}),
        ...(s.name === 'web' && targetGroupArn ? { loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 80 }] } : {}),
        ...(s.name === 'web' ? { placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }], placementConstraints: [{ type: 'distinctInstance' }] } : {}),
        tags: [{ key: 'app.kubernetes.io/name', value: s.name }],
      }));
    }
    await aas.send(new RegisterScalableTargetCommand({ ServiceNamespace: 'ecs', ResourceId: `service/${CLUSTER}/web`, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 2, MaxCapacity: 6 }));
    await aas.send(new PutScalingPolicyCommand({
      PolicyName: 'web-cpu', ServiceNamespace: 'ecs', ResourceId: `service/${CLUSTER}/web`, ScalableDimension: 'ecs:service:DesiredCount', PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
    }));
    if (o.runServiceTasks) {
      for (const s of services) {
        const want = s.daemon ? (o.instances ?? 2) : s.desired;
        if (!want) continue;
        const d = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [s.name] }));
        const deployment = d.services?.[0]?.deployments?.find((x) => x.status === 'PRIMARY')?.id;
        // RunTask places at most 10 tasks per call.
        for (let left = want; left > 0; left -= 10) {
          await ecs.send(new RunTaskCommand({
            cluster: CLUSTER, taskDefinition: s.td, count: Math.min(10, left), launchType: s.launchType,
            group: `service:${s.name}`, startedBy: deployment,
            ...(s.net ? { networkConfiguration: s.net } : {}),
          }));
        }
      }
    }
    return { services: services.map((s) => s.name) };
  } finally {
    ecs.destroy();
    ec2.destroy();
    elb.destroy();
    aas.destroy();
  }
}

interface Network { vpc?: string; subnets: string[]; securityGroup: string }

/** moto validates subnets and security groups of awsvpc tasks; the simulator has no VPC API and accepts any ids. */
async function createNetwork(ec2: EC2Client, region: string): Promise<Network> {
  try {
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
    // moto's awsvpc RunTask reads the ENI's private DNS name, which only exists with DNS hostnames on.
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } }));
    const subnets: string[] = [];
    for (const [i, az] of ['a', 'b'].entries()) {
      subnets.push((await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.20.${i}.0/24`, AvailabilityZone: `${region}${az}` }))).Subnet!.SubnetId!);
    }
    const securityGroup = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'shop', Description: 'shop' }))).GroupId!;
    return { vpc, subnets, securityGroup };
  } catch {
    return { subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], securityGroup: 'sg-0123456789abcdef0' };
  }
}

async function createLoadBalancer(elb: ElasticLoadBalancingV2Client, n: Network): Promise<string | undefined> {
  const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: 'shop-web', Subnets: n.subnets, SecurityGroups: [n.securityGroup], Type: 'application', Scheme: 'internet-facing' }))).LoadBalancers![0];
  const tg = (await elb.send(new CreateTargetGroupCommand({ Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: n.vpc ?? 'vpc-0123456789abcdef0', TargetType: 'instance' }))).TargetGroups![0];
  await elb.send(new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] }));
  return tg.TargetGroupArn;
}

/** Waits until every service of the cluster runs its desired count (the simulator's scheduler). */
export async function waitForSteady(endpoint: string, opts: { region?: string; timeoutMs?: number; cluster?: string } = {}): Promise<void> {
  const ecs = new ECSClient({ region: opts.region ?? 'us-east-1', endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  try {
    for (;;) {
      const arns: string[] = [];
      let nextToken: string | undefined;
      do {
        const r = await ecs.send(new ListServicesCommand({ cluster: opts.cluster ?? CLUSTER, nextToken, maxResults: 100 }));
        arns.push(...(r.serviceArns ?? []));
        nextToken = r.nextToken;
      } while (nextToken);
      let steady = arns.length > 0;
      for (let i = 0; i < arns.length && steady; i += 10) {
        const r = await ecs.send(new DescribeServicesCommand({ cluster: opts.cluster ?? CLUSTER, services: arns.slice(i, i + 10) }));
        steady = (r.services ?? []).every((s) => (s.desiredCount ?? 0) > 0 && s.runningCount === s.desiredCount && (s.deployments ?? []).length === 1);
      }
      if (steady) return;
      if (Date.now() > deadline) throw new Error('services did not reach a steady state');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    ecs.destroy();
  }
}
