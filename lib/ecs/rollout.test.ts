// A rolling deployment as the simulator's scheduler performs it (new task definition revision,
// PRIMARY + ACTIVE deployments, old tasks stopped): the adapter shows mixed versions mid-rollout,
// then the stopped tasks and their reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { startEcsSimulator, type EcsSimulator } from '@/lib/sim/ecs';
import { ecsSourceId } from '@/lib/model';
import { readEcsOnce } from '@/lib/testing/ecs/read-once';
import { TaskDefinitionCache } from './read';
import { CLUSTER, loadContractScenario, seedContract, TEST_CREDENTIALS, waitForSteady } from '@/lib/testing/ecs/seed';
import { ofKind } from '@/lib/testing/ecs/expect';
import { waitFor } from '@/lib/testing/wait';

const SOURCE = ecsSourceId('test', 'us-east-1');
const API = `${SOURCE}/shop/service/api`;

describe('ECS adapter during a rolling deployment (simulator)', () => {
  let sim: EcsSimulator;
  let ecs: ECSClient;
  const read = () => readEcsOnce({ platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint: sim.url, pollIntervalMs: 60_000, credentials: TEST_CREDENTIALS, demo: false }, { taskDefinitionCache: new TaskDefinitionCache() });

  beforeAll(async () => {
    // Slow task transitions so that the rollout can be observed half-way.
    sim = await startEcsSimulator({ tickMs: 50, stepMs: 1000 });
    await seedContract(sim.url);
    await waitForSteady(sim.url, { timeoutMs: 20_000 });
    ecs = new ECSClient({ region: 'us-east-1', endpoint: sim.url, credentials: TEST_CREDENTIALS });
  }, 40_000);
  afterAll(async () => {
    ecs?.destroy();
    await sim?.stop();
  });

  it('shows PRIMARY and ACTIVE deployments, mixed versions, then stopped tasks with their reasons', async () => {
    // api (Fargate): web's distinctInstance on two instances leaves no room for a surge task.
    // Seeding the edited scenario registers api:2 and points the service at it; nothing else changes.
    const scenario = await loadContractScenario();
    scenario.taskDefinitions.find((t) => t.family === 'api')!.containerDefinitions![0].image = 'ghcr.io/shop/api:2.2.0';
    const { changes } = await seedContract(sim.url, { scenario });
    expect(changes).toEqual(['RegisterTaskDefinition api:2', expect.stringMatching(/^UpdateService shop\/api \(desiredCount 1, api:2\)$/)]);
    await waitFor('api with two deployments', async () =>
      ((await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['api'] }))).services![0].deployments ?? []).length === 2, 5_000);

    const mid = await read();
    const w = ofKind(mid.objects, 'workload').find((x) => x.id === API)!;
    expect(w.rollout.state).toBe('progressing');
    expect(w.template.ref).toBe('api:2');
    expect(w.template.containers[0].image.canonical).toBe('ghcr.io/shop/api:2.2.0');
    const revs = ofKind(mid.objects, 'revision').filter((r) => r.workload === API);
    expect(revs.map((r) => [r.state, r.status, r.templateRef]).sort()).toEqual([['current', 'PRIMARY', 'api:2'], ['previous', 'ACTIVE', 'api:1']]);
    const previous = revs.find((r) => r.state === 'previous')!;
    const oldTasks = ofKind(mid.objects, 'instance').filter((i) => i.workload === API && i.revision === previous.id);
    expect(oldTasks).toHaveLength(1);
    expect(oldTasks[0].containers[0].image).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api:2.1.0');
    // Both revisions in use: configs of both task definition revisions are listed.
    expect(ofKind(mid.objects, 'config').map((c) => c.name).filter((n) => n.startsWith('api:')).sort()).toEqual(['api:1/api', 'api:2/api']);

    await waitForSteady(sim.url, { timeoutMs: 20_000 });
    const after = await read();
    const revsAfter = ofKind(after.objects, 'revision').filter((r) => r.workload === API);
    expect(revsAfter.map((r) => r.templateRef)).toEqual(['api:2']);
    expect(ofKind(after.objects, 'workload').find((x) => x.id === API)!.rollout.state).toBe('complete');
    const stopped = ofKind(after.objects, 'instance').filter((i) => i.workload === API && i.state === 'stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0].revision).toBe(previous.id);
    const events = ofKind(after.objects, 'event').filter((e) => e.involved.kind === 'Task' && e.workload === API);
    expect(events.length).toBe(stopped.length);
    expect(events[0]).toMatchObject({ type: 'Normal', reason: 'ServiceSchedulerInitiated' });
    expect(events[0].message).toMatch(/^Scaling activity initiated by \(deployment ecs-svc\/\d+\)$/);
  }, 40_000);
});
