// Shared by the simulator's tests: real SDK clients pointed at a running simulator.
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { EC2Client, RunInstancesCommand, type _InstanceType } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  ECSClient,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EcsSimulator } from './index';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export function clients(sim: EcsSimulator, maxAttempts = 1) {
  const cfg = { region: sim.region, endpoint: sim.url, credentials: TEST_CREDENTIALS, maxAttempts };
  return {
    ecs: new ECSClient(cfg),
    ec2: new EC2Client(cfg),
    elb: new ElasticLoadBalancingV2Client(cfg),
    aas: new ApplicationAutoScalingClient(cfg),
  };
}

/** A cluster with `count` EC2 instances (RunInstances) registered as container instances. */
export async function seedCluster(sim: EcsSimulator, cluster: string, count: number, instanceType: _InstanceType = 't3.medium'): Promise<string[]> {
  const { ecs, ec2 } = clients(sim);
  await ecs.send(new CreateClusterCommand({ clusterName: cluster, tags: [{ key: 'team', value: 'core' }] }));
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: instanceType,
      MinCount: count,
      MaxCount: count,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'cluster', Value: cluster }] }],
    }),
  );
  const arns: string[] = [];
  for (const i of run.Instances ?? []) {
    const out = await ecs.send(
      new RegisterContainerInstanceCommand({ cluster, instanceIdentityDocument: JSON.stringify({ instanceId: i.InstanceId }) }),
    );
    arns.push(out.containerInstance?.containerInstanceArn ?? '');
  }
  return arns;
}

export const webTaskDef = (family: string, image: string): RegisterTaskDefinitionCommandInput => ({
  family,
  networkMode: 'bridge',
  containerDefinitions: [
    {
      name: 'web',
      image,
      cpu: 256,
      memory: 512,
      essential: true,
      portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
      environment: [{ name: 'MODE', value: 'prod' }],
      healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], interval: 30, timeout: 5, retries: 3 },
    },
  ],
  volumes: [{ name: 'scratch', host: {} }],
  tags: [{ key: 'app', value: family }],
});

export const fargateTaskDef = (family: string): RegisterTaskDefinitionCommandInput => ({
  family,
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  ephemeralStorage: { sizeInGiB: 30 },
  containerDefinitions: [{ name: 'api', image: 'public.ecr.aws/nginx/nginx:1.27', essential: true, portMappings: [{ containerPort: 8080 }] }],
});

export async function registerTaskDef(sim: EcsSimulator, input: RegisterTaskDefinitionCommandInput): Promise<string> {
  const out = await clients(sim).ecs.send(new RegisterTaskDefinitionCommand(input));
  return out.taskDefinition?.taskDefinitionArn ?? '';
}

export const AWSVPC = { awsvpcConfiguration: { subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'], securityGroups: ['sg-0ccc3333'], assignPublicIp: 'DISABLED' as const } };
