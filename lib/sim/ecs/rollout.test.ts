// Rollouts that only fit by using the minimumHealthyPercent headroom: a distinctInstance service
// with as many tasks as instances cannot start a new task before an old one stops. Through the
// real SDK, as a colleague reported it (REPLICA, 2 instances, desiredCount 2, 50/200, new revision).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateServiceCommand, DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand, UpdateServiceCommand, type Service } from '@aws-sdk/client-ecs';
import { startEcsSimulator, type EcsSimulator } from './index';
import { clients, registerTaskDef, seedCluster, webTaskDef } from './test-helpers';
import { waitFor } from '@/lib/testing/wait';

let sim: EcsSimulator;
let c: ReturnType<typeof clients>;
let instances: string[];

beforeAll(async () => {
  sim = await startEcsSimulator({ tickMs: 20, stepMs: 40 });
  c = clients(sim);
  instances = await seedCluster(sim, 'roll', 2, 'm5.large');
  await registerTaskDef(sim, webTaskDef('web', 'nginx:1.27'));
  await registerTaskDef(sim, webTaskDef('web', 'nginx:1.28'));
});
afterAll(async () => {
  await sim.stop();
});

const describeService = async (name: string): Promise<Service> =>
  (await c.ecs.send(new DescribeServicesCommand({ cluster: 'roll', services: [name] }))).services?.[0] ?? {};

async function steadyService(name: string, minimumHealthyPercent: number): Promise<void> {
  await c.ecs.send(new CreateServiceCommand({
    cluster: 'roll', serviceName: name, taskDefinition: 'web:1', desiredCount: 2, launchType: 'EC2',
    placementConstraints: [{ type: 'distinctInstance' }],
    deploymentConfiguration: { minimumHealthyPercent, maximumPercent: 200 },
  }));
  await waitFor(`${name} steady on web:1`, async () => {
    const s = await describeService(name);
    return s.runningCount === 2 && s.deployments?.length === 1 && s.deployments[0]?.rolloutState === 'COMPLETED';
  }, 5_000, 20);
}

/** The service's tasks with desiredStatus RUNNING (DescribeTasks of ListTasks). */
async function runningTasks(name: string) {
  const arns = (await c.ecs.send(new ListTasksCommand({ cluster: 'roll', serviceName: name, desiredStatus: 'RUNNING' }))).taskArns ?? [];
  if (arns.length === 0) return [];
  return (await c.ecs.send(new DescribeTasksCommand({ cluster: 'roll', tasks: arns }))).tasks ?? [];
}

describe('rollout of a distinctInstance service with no spare instance', () => {
  it('minimumHealthyPercent 50: stops old tasks down to the floor to free instances, and completes', async () => {
    await steadyService('half', 50);
    await c.ecs.send(new UpdateServiceCommand({ cluster: 'roll', service: 'half', taskDefinition: 'web:2' }));
    let minRunning = Infinity;
    const done = await waitFor('the web:2 deployment to complete', async () => {
      const tasks = await runningTasks('half');
      minRunning = Math.min(minRunning, tasks.filter((t) => t.lastStatus === 'RUNNING').length);
      const s = await describeService('half');
      return s.deployments?.length === 1 && s.deployments[0]?.rolloutState === 'COMPLETED' && s.deployments[0]?.taskDefinition?.endsWith('web:2') ? { s, tasks } : undefined;
    }, 10_000, 20);
    // Two new tasks, one per instance; ceil(2 * 50%) = 1 task kept running throughout.
    expect(done.s).toMatchObject({ runningCount: 2, desiredCount: 2 });
    expect(done.tasks.map((t) => t.taskDefinitionArn?.split('/').pop())).toEqual(['web:2', 'web:2']);
    expect(new Set(done.tasks.map((t) => t.containerInstanceArn))).toEqual(new Set(instances));
    expect(minRunning).toBeGreaterThanOrEqual(1);
    const messages = (done.s.events ?? []).map((e) => e.message ?? '');
    expect(messages.some((m) => m.includes('deployment completed'))).toBe(true);
    expect(messages.filter((m) => /has stopped 1 running tasks/.test(m)).length).toBeGreaterThanOrEqual(2);
  });

  it('minimumHealthyPercent 100: cannot stop an old task first, so it stays unable to place', async () => {
    await steadyService('full', 100);
    await c.ecs.send(new UpdateServiceCommand({ cluster: 'roll', service: 'full', taskDefinition: 'web:2' }));
    const s = await waitFor('an unable-to-place event', async () => {
      const s = await describeService('full');
      return s.events?.some((e) => e.message?.includes('was unable to place a task')) ? s : undefined;
    }, 5_000, 20);
    const event = s.events?.find((e) => e.message?.includes('was unable to place a task'))?.message;
    expect(event).toMatch(/^\(service full\) was unable to place a task because no container instance met all of its requirements\. The closest matching \(container-instance [0-9a-f]+\) encountered error "DistinctInstance placement constraint unsatisfied\."\. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide\.$/);
    expect(instances.map((a) => a.split('/').pop())).toContain(/container-instance ([0-9a-f]+)/.exec(event ?? '')?.[1]);
    // Nothing is stopped: both old tasks keep running, the new deployment has none.
    await new Promise((r) => setTimeout(r, 300));
    const after = await describeService('full');
    expect(after.deployments?.map((d) => [d.status, d.runningCount, d.rolloutState])).toEqual([['PRIMARY', 0, 'IN_PROGRESS'], ['ACTIVE', 2, 'COMPLETED']]);
    expect((await runningTasks('full')).map((t) => t.taskDefinitionArn?.split('/').pop())).toEqual(['web:1', 'web:1']);
  });
});
