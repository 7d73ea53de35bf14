// The simulator driven by the real AWS SDK v3 clients through the endpoint override.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTasksCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { startEcsSimulator, type EcsSimulator } from './index';
import { AWSVPC, clients, fargateTaskDef, registerTaskDef, seedCluster, webTaskDef } from './test-helpers';
import { waitFor } from '@/lib/testing/wait';

let sim: EcsSimulator;
let c: ReturnType<typeof clients>;

beforeAll(async () => {
  sim = await startEcsSimulator({ tickMs: 20, stepMs: 60 });
  c = clients(sim);
});
afterAll(async () => {
  await sim.stop();
});

async function service(cluster: string, name: string): Promise<Service> {
  const out = await c.ecs.send(new DescribeServicesCommand({ cluster, services: [name] }));
  const s = out.services?.[0];
  if (!s) throw new Error(`service ${name} missing`);
  return s;
}

async function steady(cluster: string, name: string): Promise<Service> {
  return waitFor(`${name} steady`, async () => {
    const s = await service(cluster, name);
    return s.deployments?.length === 1 && s.runningCount === s.desiredCount && s.pendingCount === 0 && s.deployments[0]?.rolloutState === 'COMPLETED' ? s : undefined;
  }, 5_000);
}

describe('ECS simulator with the AWS SDK', () => {
  it('runs EC2 and FARGATE services up to RUNNING, placing EC2 tasks on container instances', async () => {
    const instances = await seedCluster(sim, 'prod', 2);
    const webV1 = await registerTaskDef(sim, webTaskDef('web', 'nginx:1.26'));
    expect(webV1).toBe(`arn:aws:ecs:us-east-1:000000000000:task-definition/web:1`);
    await registerTaskDef(sim, fargateTaskDef('api'));
    await c.ecs.send(new CreateServiceCommand({ cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 3, launchType: 'EC2', tags: [{ key: 'app', value: 'web' }], propagateTags: 'SERVICE' }));
    await c.ecs.send(new CreateServiceCommand({ cluster: 'prod', serviceName: 'api', taskDefinition: 'api:1', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: AWSVPC }));

    const first = await service('prod', 'web');
    expect(first.deployments?.[0]?.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(first.deployments?.[0]?.rolloutState).toBe('IN_PROGRESS');

    const web = await steady('prod', 'web');
    expect(web.runningCount).toBe(3);
    expect(web.events?.[0]?.message).toBe('(service web) has reached a steady state.');
    expect(web.events?.some((e) => /^\(service web\) has started 3 tasks: (\(task [0-9a-f]{32}\) ?){3}\.$/.test(e.message ?? ''))).toBe(true);
    await steady('prod', 'api');

    const webTasks = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'web' }));
    expect(webTasks.taskArns).toHaveLength(3);
    const described = await c.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: webTasks.taskArns, include: ['TAGS'] }));
    for (const t of described.tasks ?? []) {
      expect(t.taskArn).toMatch(/^arn:aws:ecs:us-east-1:000000000000:task\/prod\/[0-9a-f]{32}$/);
      expect(t.lastStatus).toBe('RUNNING');
      expect(t.group).toBe('service:web');
      expect(t.startedBy).toBe(web.deployments?.[0]?.id);
      expect(instances).toContain(t.containerInstanceArn);
      expect(t.healthStatus).toBe('HEALTHY');
      expect(t.containers?.[0]?.networkBindings?.[0]?.hostPort).toBeGreaterThanOrEqual(32768);
      expect(t.tags).toEqual([{ key: 'app', value: 'web' }]);
      expect(t.startedAt).toBeInstanceOf(Date);
    }
    // Spread over both instances: 2 + 1.
    const perInstance = new Set(described.tasks?.map((t) => t.containerInstanceArn));
    expect(perInstance.size).toBe(2);

    const apiTasks = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'api' }));
    const api = await c.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: apiTasks.taskArns }));
    for (const t of api.tasks ?? []) {
      expect(t.launchType).toBe('FARGATE');
      expect(t.containerInstanceArn).toBeUndefined();
      expect(t.cpu).toBe('256');
      const ip = t.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value;
      expect(ip).toMatch(/^10\.0\.\d+\.\d+$/);
      expect(t.containers?.[0]?.networkInterfaces?.[0]?.privateIpv4Address).toBe(ip);
      expect(['subnet-0aaa1111', 'subnet-0bbb2222']).toContain(t.attachments?.[0]?.details?.find((d) => d.name === 'subnetId')?.value);
    }

    const cis = await c.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'prod', containerInstances: instances }));
    const used = cis.containerInstances?.map((ci) => 2048 - (ci.remainingResources?.find((r) => r.name === 'CPU')?.integerValue ?? 0)).sort();
    expect(used).toEqual([256, 512]);
    expect(cis.containerInstances?.[0]?.attributes?.find((a) => a.name === 'ecs.instance-type')?.value).toBe('t3.medium');
    expect(cis.containerInstances?.[0]?.ec2InstanceId).toMatch(/^i-[0-9a-f]{17}$/);

    const cl = await c.ecs.send(new DescribeClustersCommand({ clusters: ['prod', 'ghost'], include: ['TAGS'] }));
    expect(cl.clusters?.[0]).toMatchObject({ registeredContainerInstancesCount: 2, runningTasksCount: 5, pendingTasksCount: 0, activeServicesCount: 2, tags: [{ key: 'team', value: 'core' }] });
    expect(cl.failures?.[0]?.reason).toBe('MISSING');

    const td = await c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'api', include: ['TAGS'] }));
    expect(td.taskDefinition).toMatchObject({ cpu: '256', memory: '512', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], ephemeralStorage: { sizeInGiB: 30 }, revision: 1, status: 'ACTIVE' });
  });

  it('rolls out a new task definition: two deployments, then one; old tasks STOPPED with the reason', async () => {
    const before = await service('prod', 'web');
    const oldId = before.deployments?.[0]?.id ?? '';
    const webV2 = await registerTaskDef(sim, webTaskDef('web', 'nginx:1.27'));
    expect(webV2.endsWith('task-definition/web:2')).toBe(true);
    const updated = await c.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:2' }));
    expect(updated.service?.deployments?.map((d) => d.status)).toEqual(['PRIMARY', 'ACTIVE']);
    expect(updated.service?.deployments?.[1]?.id).toBe(oldId);

    const done = await steady('prod', 'web');
    expect(done.deployments?.[0]?.taskDefinition).toBe(webV2);
    expect(done.taskDefinition).toBe(webV2);

    const stopped = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'web', desiredStatus: 'STOPPED' }));
    expect(stopped.taskArns).toHaveLength(3);
    const old = await c.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: stopped.taskArns }));
    for (const t of old.tasks ?? []) {
      expect(t.lastStatus).toBe('STOPPED');
      expect(t.stoppedReason).toBe(`Scaling activity initiated by (deployment ${oldId})`);
      expect(t.stopCode).toBe('ServiceSchedulerInitiated');
      expect(t.stoppedAt).toBeInstanceOf(Date);
    }
    const messages = done.events?.map((e) => e.message ?? '') ?? [];
    // Old tasks stop as new ones turn healthy: one event or several, but three tasks in all.
    const stoppedCounts = messages.map((m) => /^\(service web\) has stopped (\d+) running tasks?: /.exec(m)?.[1]).filter(Boolean).map(Number);
    expect(stoppedCounts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(messages.some((m) => m.includes('deployment completed'))).toBe(true);
  });

  it('scales, honours distinctInstance, runs DAEMON services and standalone tasks', async () => {
    await c.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', desiredCount: 1 }));
    await waitFor('scale in', async () => ((await service('prod', 'web')).runningCount === 1 ? true : undefined), 5_000);

    await seedCluster(sim, 'edge', 2);
    await registerTaskDef(sim, webTaskDef('agent', 'datadog/agent:7'));
    await c.ecs.send(new CreateServiceCommand({ cluster: 'edge', serviceName: 'agent', taskDefinition: 'agent', schedulingStrategy: 'DAEMON' }));
    const daemon = await steady('edge', 'agent');
    expect(daemon.desiredCount).toBe(2);

    await c.ecs.send(new CreateServiceCommand({ cluster: 'edge', serviceName: 'one-per-host', taskDefinition: 'web:1', desiredCount: 3, placementConstraints: [{ type: 'distinctInstance' }] }));
    const constrained = await waitFor('distinctInstance to cap at 2', async () => {
      const s = await service('edge', 'one-per-host');
      return s.runningCount === 2 && s.events?.some((e) => e.message?.includes('was unable to place a task')) ? s : undefined;
    }, 5_000);
    expect(constrained.desiredCount).toBe(3);

    const run = await c.ecs.send(new RunTaskCommand({ cluster: 'edge', taskDefinition: 'agent', count: 1, startedBy: 'cron' }));
    expect(run.tasks?.[0]?.group).toBe('family:agent');
    expect(run.tasks?.[0]?.lastStatus).toBe('PROVISIONING');
    const arn = run.tasks?.[0]?.taskArn ?? '';
    await waitFor('standalone task', async () => (await c.ecs.send(new DescribeTasksCommand({ cluster: 'edge', tasks: [arn] }))).tasks?.[0]?.lastStatus === 'RUNNING', 5_000);
    const stopped = await c.ecs.send(new StopTaskCommand({ cluster: 'edge', task: arn, reason: 'done' }));
    expect(stopped.task?.desiredStatus).toBe('STOPPED');
    const byStarter = await c.ecs.send(new ListTasksCommand({ cluster: 'edge', startedBy: 'cron', desiredStatus: 'STOPPED' }));
    expect(byStarter.taskArns).toEqual([arn]);
    const listed = await c.ecs.send(new ListContainerInstancesCommand({ cluster: 'edge', maxResults: 1 }));
    expect(listed.containerInstanceArns).toHaveLength(1);
    expect(listed.nextToken).toBeDefined();

    // Terminating a host: its container instance goes INACTIVE, its tasks stop, the DAEMON follows.
    const edgeInstances = (await c.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'edge', containerInstances: listed.containerInstanceArns }))).containerInstances ?? [];
    const victim = edgeInstances[0]?.ec2InstanceId ?? '';
    await c.ec2.send(new TerminateInstancesCommand({ InstanceIds: [victim] }));
    const after = await steady('edge', 'agent');
    expect(after.desiredCount).toBe(1);
    const gone = await c.ecs.send(new ListTasksCommand({ cluster: 'edge', serviceName: 'agent', desiredStatus: 'STOPPED' }));
    const stoppedAgent = (await c.ecs.send(new DescribeTasksCommand({ cluster: 'edge', tasks: gone.taskArns }))).tasks?.[0];
    expect(stoppedAgent?.stoppedReason).toBe(`Host EC2 (instance ${victim}) terminated.`);
    expect((await c.ecs.send(new ListContainerInstancesCommand({ cluster: 'edge' }))).containerInstanceArns).toHaveLength(1);
  });

  it('launches through capacity provider strategies', async () => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'spot', capacityProviders: ['FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] }));
    await c.ecs.send(new CreateServiceCommand({ cluster: 'spot', serviceName: 'cheap', taskDefinition: 'api', desiredCount: 2, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], networkConfiguration: AWSVPC }));
    await c.ecs.send(new CreateServiceCommand({ cluster: 'spot', serviceName: 'default', taskDefinition: 'api', desiredCount: 1, networkConfiguration: AWSVPC }));
    const cheap = await steady('spot', 'cheap');
    expect(cheap.launchType).toBeUndefined();
    expect(cheap.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]);
    const arns = (await c.ecs.send(new ListTasksCommand({ cluster: 'spot' }))).taskArns ?? [];
    const tasks = (await c.ecs.send(new DescribeTasksCommand({ cluster: 'spot', tasks: arns }))).tasks ?? [];
    expect(tasks.map((t) => `${t.launchType}/${t.capacityProviderName}`).sort()).toEqual(['FARGATE/FARGATE', 'FARGATE/FARGATE_SPOT', 'FARGATE/FARGATE_SPOT']);
    await expect(
      c.ecs.send(new CreateServiceCommand({ cluster: 'prod', serviceName: 'nope', taskDefinition: 'api', desiredCount: 1, capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }], networkConfiguration: AWSVPC })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('enforces real limits and error types', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `s${i}`);
    await expect(c.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: names }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const fakeTasks = Array.from({ length: 101 }, (_, i) => `t${i}`);
    await expect(c.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: fakeTasks }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(c.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'prod', containerInstances: fakeTasks }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(c.ecs.send(new ListTasksCommand({ cluster: 'prod', maxResults: 101 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(c.ecs.send(new ListTasksCommand({ cluster: 'nope' }))).rejects.toMatchObject({ name: 'ClusterNotFoundException', $metadata: { httpStatusCode: 400 } });
    await expect(c.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'ghost', desiredCount: 1 }))).rejects.toMatchObject({ name: 'ServiceNotFoundException' });
    const missing = await c.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web', 'ghost'] }));
    expect(missing.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:000000000000:service/prod/ghost', reason: 'MISSING' }]);
  });

  it('pages ListServices so that every service comes back exactly once', async () => {
    await registerTaskDef(sim, webTaskDef('tiny', 'busybox'));
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'paging' }));
    for (let i = 0; i < 23; i++) {
      await c.ecs.send(new CreateServiceCommand({ cluster: 'paging', serviceName: `svc-${i}`, taskDefinition: 'tiny', desiredCount: 0 }));
    }
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await c.ecs.send(new ListServicesCommand({ cluster: 'paging', nextToken: token }));
      seen.push(...(out.serviceArns ?? []));
      token = out.nextToken;
      pages++;
    } while (token);
    expect(pages).toBe(3); // default page size 10
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    const big = await c.ecs.send(new ListServicesCommand({ cluster: 'paging', maxResults: 100 }));
    expect(big.serviceArns).toHaveLength(23);
    expect(big.nextToken).toBeUndefined();
    await expect(c.ecs.send(new ListServicesCommand({ cluster: 'paging', maxResults: 101 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
