// EC2, ELBv2 and Application Auto Scaling through their real SDK clients; faults, request log, auth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CreateSecurityGroupCommand, DescribeInstancesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateServiceCommand, DescribeServicesCommand, DescribeTasksCommand, ListClustersCommand, ListTasksCommand, RegisterContainerInstanceCommand } from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { startEcsSimulator, type EcsSimulator } from './index';
import { AWSVPC, clients, fargateTaskDef, registerTaskDef, seedCluster, webTaskDef } from './test-helpers';
import { waitFor } from '@/lib/testing/wait';

let sim: EcsSimulator;
let c: ReturnType<typeof clients>;

beforeAll(async () => {
  sim = await startEcsSimulator({ tickMs: 20, stepMs: 40 });
  c = clients(sim);
  await seedCluster(sim, 'shop', 2, 'm5.large');
});
afterAll(async () => {
  await sim.stop();
});

describe('EC2', () => {
  it('round-trips RunInstances / DescribeInstances with ids, filters, paging and errors', async () => {
    const run = await c.ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-0abc',
        InstanceType: 'c5.large',
        MinCount: 6,
        MaxCount: 6,
        Placement: { AvailabilityZone: 'us-east-1b' },
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'batch' }] }],
      }),
    );
    const ids = run.Instances?.map((i) => i.InstanceId ?? '') ?? [];
    expect(ids).toHaveLength(6);
    const one = await c.ec2.send(new DescribeInstancesCommand({ InstanceIds: [ids[0] ?? ''] }));
    const inst = one.Reservations?.[0]?.Instances?.[0];
    expect(inst).toMatchObject({ InstanceId: ids[0], InstanceType: 'c5.large', ImageId: 'ami-0abc', State: { Code: 16, Name: 'running' }, Architecture: 'x86_64', Placement: { AvailabilityZone: 'us-east-1b' }, Tags: [{ Key: 'Name', Value: 'batch' }] });
    expect(inst?.PrivateIpAddress).toMatch(/^10\.0\.(1[6-9]|2\d|3[01])\.\d+$/); // us-east-1b's default subnet, 10.0.16.0/20
    expect(inst?.PrivateDnsName).toBe(`ip-${inst?.PrivateIpAddress?.replaceAll('.', '-')}.ec2.internal`);
    expect(inst?.LaunchTime).toBeInstanceOf(Date);

    const filtered = await c.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-type', Values: ['m5.large'] }] }));
    expect(filtered.Reservations?.flatMap((r) => r.Instances ?? [])).toHaveLength(2);

    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await c.ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: token }));
      seen.push(...(page.Reservations?.flatMap((r) => r.Instances?.map((i) => i.InstanceId ?? '') ?? []) ?? []));
      token = page.NextToken;
    } while (token);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    const filtered2 = await c.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['bat*'] }, { Name: 'availability-zone', Values: ['us-east-1b'] }] }));
    expect(filtered2.Reservations?.flatMap((r) => r.Instances ?? [])).toHaveLength(6);

    // Registering an instance EC2 never launched launches it, so ECS and EC2 stay consistent.
    const ci = await c.ecs.send(new RegisterContainerInstanceCommand({ cluster: 'shop', instanceIdentityDocument: JSON.stringify({ instanceId: 'i-0feedfacefeedface', instanceType: 't3.large', availabilityZone: 'us-east-1c' }) }));
    expect(ci.containerInstance?.ec2InstanceId).toBe('i-0feedfacefeedface');
    const adopted = await c.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0feedfacefeedface'] }));
    expect(adopted.Reservations?.[0]?.Instances?.[0]).toMatchObject({ InstanceType: 't3.large', Placement: { AvailabilityZone: 'us-east-1c' } });
    expect(adopted.Reservations?.[0]?.Instances?.[0]?.PrivateIpAddress).toMatch(/^10\.0\.(3[2-9]|4[0-7])\.\d+$/);

    await expect(c.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] }))).rejects.toMatchObject({
      name: 'InvalidInstanceID.NotFound',
      message: "The instance ID 'i-0123456789abcdef0' does not exist",
    });
  });
});

describe('EC2 networking', () => {
  it('has a default VPC whose subnets and security groups seeding can use; task ENIs get addresses in them', async () => {
    const subnets = (await c.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets ?? [];
    expect(subnets.map((x) => [x.AvailabilityZone, x.CidrBlock])).toEqual([
      ['us-east-1a', '10.0.0.0/20'],
      ['us-east-1b', '10.0.16.0/20'],
      ['us-east-1c', '10.0.32.0/20'],
    ]);
    const vpcId = subnets[0]?.VpcId;
    const made = await c.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'tasks', Description: 'tasks', VpcId: vpcId }));
    const found = await c.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['tasks'] }, { Name: 'vpc-id', Values: [vpcId ?? ''] }] }));
    expect(found.SecurityGroups?.map((g) => g.GroupId)).toEqual([made.GroupId]);
    await expect(c.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'tasks', Description: 'again', VpcId: vpcId }))).rejects.toMatchObject({ name: 'InvalidGroup.Duplicate' });

    const zoneB = subnets[1];
    await registerTaskDef(sim, fargateTaskDef('netcheck'));
    await c.ecs.send(new CreateServiceCommand({ cluster: 'shop', serviceName: 'netcheck', taskDefinition: 'netcheck', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: [zoneB?.SubnetId ?? ''], securityGroups: [made.GroupId ?? ''] } } }));
    const arn = await waitFor('netcheck task', async () => (await c.ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'netcheck' }))).taskArns?.[0], 5_000);
    const task = (await c.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: [arn] }))).tasks?.[0];
    expect(task?.availabilityZone).toBe('us-east-1b');
    expect(task?.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value).toMatch(/^10\.0\.(1[6-9]|2\d|3[01])\.\d+$/);
  });
});

describe('ELBv2', () => {
  it('describes load balancers, target groups, listeners and target health of service tasks', async () => {
    const lb = (await c.elb.send(new CreateLoadBalancerCommand({ Name: 'shop-alb', Subnets: ['subnet-1', 'subnet-2'], SecurityGroups: ['sg-1'], Tags: [{ Key: 'app', Value: 'shop' }] }))).LoadBalancers?.[0];
    expect(lb?.LoadBalancerArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer\/app\/shop-alb\/[0-9a-f]{16}$/);
    expect(lb?.CreatedTime).toBeInstanceOf(Date);
    const tgBridge = (await c.elb.send(new CreateTargetGroupCommand({ Name: 'shop-web', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-1', TargetType: 'instance', HealthCheckPath: '/health' }))).TargetGroups?.[0];
    const tgIp = (await c.elb.send(new CreateTargetGroupCommand({ Name: 'shop-api', Protocol: 'HTTP', Port: 8080, VpcId: 'vpc-1', TargetType: 'ip' }))).TargetGroups?.[0];
    await c.elb.send(new CreateListenerCommand({ LoadBalancerArn: lb?.LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgBridge?.TargetGroupArn }] }));

    await registerTaskDef(sim, webTaskDef('shop-web', 'nginx'));
    await registerTaskDef(sim, fargateTaskDef('shop-api'));
    await c.ecs.send(new CreateServiceCommand({ cluster: 'shop', serviceName: 'web', taskDefinition: 'shop-web', desiredCount: 2, loadBalancers: [{ targetGroupArn: tgBridge?.TargetGroupArn, containerName: 'web', containerPort: 80 }] }));
    await c.ecs.send(new CreateServiceCommand({ cluster: 'shop', serviceName: 'api', taskDefinition: 'shop-api', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: AWSVPC, loadBalancers: [{ targetGroupArn: tgIp?.TargetGroupArn, containerName: 'api', containerPort: 8080 }] }));

    const web = await waitFor('bridge targets healthy', async () => {
      const h = await c.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgBridge?.TargetGroupArn }));
      const d = h.TargetHealthDescriptions ?? [];
      return d.length === 2 && d.every((x) => x.TargetHealth?.State === 'healthy') ? d : undefined;
    }, 5_000);
    expect(web[0]?.Target?.Id).toMatch(/^i-[0-9a-f]{17}$/);
    expect(web[0]?.Target?.Port).toBeGreaterThanOrEqual(32768);
    const api = await waitFor('ip target healthy', async () => {
      const d = (await c.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgIp?.TargetGroupArn }))).TargetHealthDescriptions ?? [];
      return d.length === 1 && d[0]?.TargetHealth?.State === 'healthy' ? d : undefined;
    }, 5_000);
    expect(api[0]?.Target).toMatchObject({ Port: 8080 });
    expect(api[0]?.Target?.Id).toMatch(/^10\.0\.\d+\.\d+$/);
    const asked = await c.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgIp?.TargetGroupArn, Targets: [{ Id: api[0]?.Target?.Id, Port: 8080 }, { Id: '10.9.9.9', Port: 8080 }] }));
    expect(asked.TargetHealthDescriptions?.map((d) => d.TargetHealth?.State)).toEqual(['healthy', 'unused']);

    const lbs = await c.elb.send(new DescribeLoadBalancersCommand({ Names: ['shop-alb'] }));
    expect(lbs.LoadBalancers?.[0]).toMatchObject({ LoadBalancerName: 'shop-alb', Type: 'application', Scheme: 'internet-facing', State: { Code: 'active' } });
    expect(lbs.LoadBalancers?.[0]?.AvailabilityZones?.map((z) => z.SubnetId)).toEqual(['subnet-1', 'subnet-2']);
    const tgs = await c.elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lb?.LoadBalancerArn }));
    expect(tgs.TargetGroups?.map((t) => t.TargetGroupName)).toEqual(['shop-web']);
    expect(tgs.TargetGroups?.[0]).toMatchObject({ Port: 80, HealthCheckPath: '/health', TargetType: 'instance', LoadBalancerArns: [lb?.LoadBalancerArn] });
    const paged = await c.elb.send(new DescribeTargetGroupsCommand({ PageSize: 1 }));
    expect(paged.TargetGroups).toHaveLength(1);
    expect(paged.NextMarker).toBeDefined();
    const listeners = await c.elb.send(new DescribeListenersCommand({ LoadBalancerArn: lb?.LoadBalancerArn }));
    expect(listeners.Listeners?.[0]?.DefaultActions?.[0]).toMatchObject({ Type: 'forward', TargetGroupArn: tgBridge?.TargetGroupArn });
    await expect(c.elb.send(new DescribeLoadBalancersCommand({ Names: ['ghost'] }))).rejects.toMatchObject({ name: 'LoadBalancerNotFoundException' });
  });
});

describe('Application Auto Scaling', () => {
  it('round-trips scalable targets and target-tracking policies', async () => {
    await c.aas.send(new RegisterScalableTargetCommand({ ServiceNamespace: 'ecs', ResourceId: 'service/shop/web', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 2, MaxCapacity: 10 }));
    await c.aas.send(new RegisterScalableTargetCommand({ ServiceNamespace: 'ecs', ResourceId: 'service/shop/api', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 4 }));
    await c.aas.send(
      new PutScalingPolicyCommand({
        PolicyName: 'cpu50',
        ServiceNamespace: 'ecs',
        ResourceId: 'service/shop/web',
        ScalableDimension: 'ecs:service:DesiredCount',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ScaleInCooldown: 60, ScaleOutCooldown: 60 },
      }),
    );
    const targets = await c.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: ['service/shop/web'] }));
    expect(targets.ScalableTargets?.[0]).toMatchObject({ ResourceId: 'service/shop/web', MinCapacity: 2, MaxCapacity: 10, ScalableDimension: 'ecs:service:DesiredCount' });
    expect(targets.ScalableTargets?.[0]?.CreationTime).toBeInstanceOf(Date);
    const page1 = await c.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', MaxResults: 1 }));
    const page2 = await c.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', MaxResults: 1, NextToken: page1.NextToken }));
    expect([page1.ScalableTargets?.[0]?.ResourceId, page2.ScalableTargets?.[0]?.ResourceId].sort()).toEqual(['service/shop/api', 'service/shop/web']);
    expect(page2.NextToken).toBeUndefined();
    const policies = await c.aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: 'service/shop/web' }));
    expect(policies.ScalingPolicies?.[0]?.TargetTrackingScalingPolicyConfiguration).toMatchObject({ TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } });
    await expect(
      c.aas.send(new PutScalingPolicyCommand({ PolicyName: 'x', ServiceNamespace: 'ecs', ResourceId: 'service/shop/none', ScalableDimension: 'ecs:service:DesiredCount', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 1 } })),
    ).rejects.toMatchObject({ name: 'ObjectNotFoundException' });
  });
});

describe('request log, faults and authentication', () => {
  it('records every call so a reader can be shown to only Describe/List', async () => {
    const from = sim.requests.length;
    await c.ecs.send(new ListClustersCommand({}));
    await c.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }));
    await c.ec2.send(new DescribeInstancesCommand({}));
    await c.elb.send(new DescribeLoadBalancersCommand({}));
    await c.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }));
    const calls = sim.requests.slice(from);
    expect(calls.map((r) => `${r.service}:${r.operation}:${r.status}`)).toEqual([
      'ecs:ListClusters:200',
      'ecs:DescribeServices:200',
      'ec2:DescribeInstances:200',
      'elasticloadbalancing:DescribeLoadBalancers:200',
      'application-autoscaling:DescribeScalableTargets:200',
    ]);
    expect(calls.every((r) => /^(Describe|List)/.test(r.operation))).toBe(true);
  });

  it('injects AccessDenied and throttling in each protocol', async () => {
    sim.faults.deny('ListTasks');
    sim.faults.deny('ec2:DescribeInstances');
    await expect(c.ecs.send(new ListTasksCommand({ cluster: 'shop' }))).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    await expect(c.ec2.send(new DescribeInstancesCommand({}))).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
    sim.faults.clear();
    await c.ecs.send(new ListTasksCommand({ cluster: 'shop' }));

    sim.faults.throttle('ListClusters', 1);
    const retrying = clients(sim, 3).ecs;
    const out = await retrying.send(new ListClustersCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    sim.faults.throttle('ListClusters', 5);
    await expect(c.ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException' });
    sim.faults.clear();
    expect(sim.requests.some((r) => r.operation === 'ListClusters' && r.status === 400)).toBe(true);
  });

  it('requires an Authorization header, as AWS does', async () => {
    const res = await fetch(sim.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    const signed = { 'content-type': 'application/x-amz-json-1.1', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=0' };
    for (const op of ['constructor', 'NoSuchOperation']) {
      const r = await fetch(sim.url, { method: 'POST', headers: { ...signed, 'x-amz-target': `AmazonEC2ContainerServiceV20141113.${op}` }, body: '{}' });
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ __type: 'UnknownOperationException' });
    }
    const query = await fetch(sim.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: signed.authorization.replace('/ecs/', '/ec2/') }, body: 'Action=toString&Version=2016-11-15' });
    expect(query.status).toBe(400);
    expect(await query.text()).toContain('<Code>InvalidAction</Code>');
  });
});
