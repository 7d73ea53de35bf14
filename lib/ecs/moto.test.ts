// Contract tests against moto (a second, independent implementation of the ECS, EC2, ELBv2 and
// Application Auto Scaling APIs), and a comparison of what the adapter reads from moto and from the
// embedded simulator for the same seeded scenario. Known moto gaps (STACK-NOTES.md) are allowed:
// its services never start tasks (seedEcs starts them with RunTask, DAEMON ones with StartTask on
// each instance), task lastStatus advances on each describe (seedEcs turns that off through moto's
// state manager), it ignores registered resources, DAEMON services keep desiredCount 0, it drops services'
// placementStrategy/placementConstraints, and it writes no service events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EcsSimulator } from '@/lib/sim/ecs';
import type { EcsSourceConfig } from '@/lib/config/types';
import { ecsSourceId, type ModelObject } from '@/lib/model';
import { readEcsOnce } from '@/lib/testing/ecs/read-once';
import { TaskDefinitionCache } from './read';
import { seedContract, startSeededSimulator, TEST_CREDENTIALS } from '@/lib/testing/ecs/seed';
import { expectScenario, ofKind } from '@/lib/testing/ecs/expect';
import { motoTests, startMoto, type Moto } from '@/lib/testing/moto';

const config = (endpoint: string): EcsSourceConfig => ({
  platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint, pollIntervalMs: 60_000, credentials: TEST_CREDENTIALS, demo: false,
});
const SOURCE = ecsSourceId('test', 'us-east-1');

/** Intent and identity, without what legitimately differs between two implementations (ARNs, random ids, timings). */
function project(objects: ModelObject[]) {
  const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));
  return {
    clusters: ofKind(objects, 'cluster').map((c) => ({ id: c.id, name: c.name, status: c.status, labels: c.labels })),
    workloads: byName(ofKind(objects, 'workload')).map((w) => ({
      id: w.id, workloadKind: w.workloadKind, scheduling: w.scheduling, launchType: w.launchType, labels: w.labels,
      desired: w.scheduling === 'daemon' ? undefined : w.desired, template: w.template,
    })),
    revisions: ofKind(objects, 'revision').map((r) => ({ workload: r.workload, templateRef: r.templateRef, status: r.status, state: r.state, images: r.images })).sort((a, b) => a.workload!.localeCompare(b.workload!)),
    instancesPerWorkload: Object.entries(ofKind(objects, 'instance').reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.workload ?? '-']: (acc[i.workload ?? '-'] ?? 0) + 1 }), {})).sort(),
    nodes: ofKind(objects, 'node').map((n) => ({ status: n.status, ready: n.ready, instanceType: n.instanceType, os: n.os })),
    endpoints: ofKind(objects, 'endpoint').map((e) => ({ id: e.id, endpointKind: e.endpointKind, type: e.type, ports: e.ports, container: e.container, workloads: e.workloads })),
    configs: byName(ofKind(objects, 'config')).map((c) => ({ id: c.id, data: c.data, usedBy: c.usedBy })),
    secrets: byName(ofKind(objects, 'secret')).map((s) => ({ id: s.id, secretKind: s.secretKind, keys: s.keys, usedBy: s.usedBy })),
    volumes: byName(ofKind(objects, 'volume')).map((v) => ({ id: v.id, volumeKind: v.volumeKind, backing: v.backing, fileSystemId: v.fileSystemId, hostPath: v.hostPath, usedBy: v.usedBy })),
    autoscalers: ofKind(objects, 'autoscaler').map((a) => ({ id: a.id, target: a.target, min: a.min, max: a.max, metrics: a.metrics })),
  };
}

describe.skipIf(!motoTests('lib/ecs/moto.test.ts'))('ECS adapter against moto', () => {
  let moto: Moto;
  let sim: EcsSimulator | undefined;
  let fromMoto: Awaited<ReturnType<typeof readEcsOnce>>;
  beforeAll(async () => {
    moto = await startMoto();
    await seedContract(moto.url, { startServiceTasks: true });
    fromMoto = await readEcsOnce(config(moto.url), { maxAttempts: 1, taskDefinitionCache: new TaskDefinitionCache() });
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
    await sim?.stop();
  });

  it('reads and normalizes the scenario from moto', () => {
    expect(fromMoto.source.status).toBe('ok');
    expect(fromMoto.source.errors).toEqual([]);
    expectScenario(fromMoto.objects, SOURCE, { servicePlacement: true });
    // moto's tasks: group service:NAME and startedBy = the PRIMARY deployment, as seeded.
    const web = ofKind(fromMoto.objects, 'instance').filter((i) => i.workload === `${SOURCE}/shop/service/web`);
    const primary = ofKind(fromMoto.objects, 'revision').find((r) => r.workload === `${SOURCE}/shop/service/web`)!;
    expect(web.every((i) => i.revision === primary.id)).toBe(true);
  });

  it('reads the same normalized intent from moto and from the simulator', async () => {
    sim = await startSeededSimulator();
    const fromSim = await readEcsOnce(config(sim.url), { maxAttempts: 1, taskDefinitionCache: new TaskDefinitionCache() });
    expect(fromSim.source.status).toBe('ok');
    const a = project(fromMoto.objects);
    const b = project(fromSim.objects);
    for (const key of Object.keys(a) as (keyof typeof a)[]) expect({ [key]: a[key] }).toEqual({ [key]: b[key] });
  });
});
