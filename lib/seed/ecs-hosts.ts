// The hosts behind an EC2-backed ECS cluster: the network tasks and load balancers use, EC2
// instances (found again by their `parallax:scenario` tag) and their registration as container
// instances (found again by EC2 instance id).
import {
  DescribeContainerInstancesCommand,
  ECSClient,
  ListContainerInstancesCommand,
  RegisterContainerInstanceCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateSecurityGroupCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  RunInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { scenarioKey, type EcsScenario } from './ecs-scenario';
import { chunks, describeError, type Step } from './util';

export interface Network {
  vpcId: string;
  subnets: string[];
  securityGroups: string[];
}

/**
 * Subnets of the default VPC in the scenario's zones, and a security group by name (created when
 * missing). moto and real EC2 answer these; the embedded simulator has no subnets to describe, so
 * any failure falls back to the scenario's ids, which are then only references.
 */
export async function resolveNetwork(
  ec2: EC2Client,
  s: EcsScenario,
  log: (l: string) => void,
  wrote: (w: string) => void,
): Promise<Network> {
  const fallback = s.network?.fallback ?? { vpcId: 'vpc-00000000', subnets: [], securityGroups: [] };
  if (!s.network) return fallback;
  try {
    const out = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
    const zones = s.network.zones ?? [];
    const subnets = (out.Subnets ?? []).filter((x) => zones.length === 0 || zones.includes(x.AvailabilityZone ?? ''));
    subnets.sort((a, b) => zones.indexOf(a.AvailabilityZone ?? '') - zones.indexOf(b.AvailabilityZone ?? ''));
    const vpcId = subnets[0]?.VpcId;
    if (!vpcId) throw new Error('no default subnets in the scenario zones');
    let securityGroups = fallback.securityGroups;
    const sg = s.network.securityGroup;
    if (sg) {
      const found = await ec2.send(new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'group-name', Values: [sg.GroupName] }, { Name: 'vpc-id', Values: [vpcId] }],
      }));
      let id = found.SecurityGroups?.[0]?.GroupId;
      if (!id) {
        id = (await ec2.send(new CreateSecurityGroupCommand({ ...sg, VpcId: vpcId }))).GroupId;
        wrote(`CreateSecurityGroup ${sg.GroupName}`);
      }
      if (id) securityGroups = [id];
    }
    return { vpcId, subnets: subnets.map((x) => x.SubnetId!), securityGroups };
  } catch (e) {
    log(`ecs: using the scenario's network ids (EC2 subnet lookup: ${describeError(e)})`);
    return fallback;
  }
}

export async function ensureContainerInstances(
  ecs: ECSClient,
  ec2: EC2Client,
  s: EcsScenario,
  region: string,
  accountId: string,
  step: Step,
  wrote: (w: string) => void,
) {
  if (s.containerInstances.length === 0) return;
  const instances: Instance[] = [];
  let NextToken: string | undefined;
  do {
    const page = await step('DescribeInstances', () => ec2.send(new DescribeInstancesCommand({ NextToken })));
    for (const r of page.Reservations ?? []) instances.push(...(r.Instances ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  const alive = (i: Instance) => !['shutting-down', 'terminated'].includes(i.State?.Name ?? '');

  const registered = new Map<string, Set<string>>();
  const registeredIn = async (cluster: string): Promise<Set<string>> => {
    const cached = registered.get(cluster);
    if (cached) return cached;
    const ids = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await step('ListContainerInstances', () => ecs.send(new ListContainerInstancesCommand({ cluster, nextToken })));
      for (const batch of chunks(page.containerInstanceArns ?? [], 100)) {
        const out = await step('DescribeContainerInstances', () => ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: batch })));
        for (const ci of out.containerInstances ?? []) if (ci.status !== 'INACTIVE' && ci.ec2InstanceId) ids.add(ci.ec2InstanceId);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    registered.set(cluster, ids);
    return ids;
  };

  for (const ci of s.containerInstances) {
    const key = scenarioKey(ci);
    let inst = instances.find((i) => alive(i) && i.Tags?.some((t) => t.Key === 'parallax:scenario' && t.Value === key));
    if (!inst) {
      const out = await step(`RunInstances ${key}`, () => ec2.send(new RunInstancesCommand(ci.runInstances)));
      inst = out.Instances?.[0];
      if (!inst?.InstanceId) throw new Error(`ecs: RunInstances ${key} returned no instance`);
      wrote(`RunInstances ${key} (${inst.InstanceId})`);
    }
    const cluster = ci.registerContainerInstance.cluster ?? 'default';
    const ids = await registeredIn(cluster);
    if (ids.has(inst.InstanceId!)) continue;
    // The agent sends the instance identity document; ECS and moto read instanceId from it.
    const instanceIdentityDocument = JSON.stringify({
      instanceId: inst.InstanceId,
      instanceType: inst.InstanceType,
      availabilityZone: inst.Placement?.AvailabilityZone,
      region,
      accountId,
      imageId: inst.ImageId,
      privateIp: inst.PrivateIpAddress,
      architecture: 'x86_64',
    });
    await step(`RegisterContainerInstance ${key}`, () =>
      ecs.send(new RegisterContainerInstanceCommand({ ...ci.registerContainerInstance, instanceIdentityDocument })),
    );
    ids.add(inst.InstanceId!);
    wrote(`RegisterContainerInstance ${cluster}/${inst.InstanceId}`);
  }
}

