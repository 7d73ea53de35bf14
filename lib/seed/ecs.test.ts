import path from 'node:path';
import os from 'node:os';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListContainerInstancesCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { startEcsSimulator, type EcsSimulator } from '@/lib/sim/ecs';
import { REAL_ACCOUNT_REFUSAL, seedEcs } from './ecs';

const DIR = path.resolve(__dirname, '../../scenarios/demo/ecs');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const DESIRED: Record<string, number> = { web: 3, api: 3, worker: 1, db: 1 };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Reads back through the SDK what the seeder should have made, whatever server it ran against. */
async function readBack(endpoint: string, region: string) {
  const cfg = { endpoint, region, credentials, maxAttempts: 1 };
  const ecs = new ECSClient(cfg);
  const elb = new ElasticLoadBalancingV2Client(cfg);
  const aas = new ApplicationAutoScalingClient(cfg);
  try {
    const services = (await ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: Object.keys(DESIRED), include: ['TAGS'] }))).services ?? [];
    const instances = (await ecs.send(new ListContainerInstancesCommand({ cluster: 'shop' }))).containerInstanceArns ?? [];
    const families = (await ecs.send(new ListTaskDefinitionsCommand({}))).taskDefinitionArns ?? [];
    const taskArns = (await ecs.send(new ListTasksCommand({ cluster: 'shop' }))).taskArns ?? [];
    const tasks = taskArns.length ? ((await ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: taskArns }))).tasks ?? []) : [];
    const tgs = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['shop-web'] }))).TargetGroups ?? [];
    const targets = (await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }))).ScalableTargets ?? [];
    return { services, instances, families, tasks, tgs, targets };
  } finally {
    for (const c of [ecs, elb, aas]) c.destroy();
  }
}

function expectSeeded(state: Awaited<ReturnType<typeof readBack>>) {
  expect(state.services.filter((s) => s.status === 'ACTIVE').map((s) => s.serviceName).sort()).toEqual(['api', 'db', 'web', 'worker']);
  for (const s of state.services) {
    expect(s.desiredCount).toBe(DESIRED[s.serviceName!]);
    expect(s.tags?.find((t) => t.key === 'app.kubernetes.io/name')?.value).toBe(s.serviceName);
  }
  const web = state.services.find((s) => s.serviceName === 'web')!;
  expect(web.loadBalancers?.[0]?.targetGroupArn).toBe(state.tgs[0]?.TargetGroupArn);
  expect(state.services.find((s) => s.serviceName === 'worker')!.launchType).toBe('FARGATE');
  expect(state.instances).toHaveLength(2);
  expect(state.families.map((a) => a.split('/').pop()).sort()).toEqual(['shop-api:1', 'shop-db:1', 'shop-web:1', 'shop-worker:1']);
  expect(state.targets.find((t) => t.ResourceId === 'service/shop/web')).toMatchObject({ MinCapacity: 2, MaxCapacity: 6 });
}

function expectServiceTasks(state: Awaited<ReturnType<typeof readBack>>) {
  const live = state.tasks.filter((t) => t.lastStatus !== 'STOPPED');
  for (const [name, n] of Object.entries(DESIRED)) {
    const mine = live.filter((t) => t.group === `service:${name}`);
    expect(mine, name).toHaveLength(n);
    const primary = state.services.find((s) => s.serviceName === name)!.deployments?.find((d) => d.status === 'PRIMARY')?.id;
    for (const t of mine) expect(t.startedBy).toBe(primary);
  }
}

describe('seedEcs safety', () => {
  it('refuses to run without an endpoint unless allowRealAccount is set', async () => {
    await expect(seedEcs({ region: 'us-east-1', dir: DIR })).rejects.toThrow(REAL_ACCOUNT_REFUSAL);
    await expect(seedEcs({ region: 'us-east-1', dir: DIR, endpoint: '' })).rejects.toThrow(/real AWS account/);
  });
});

describe('seedEcs against the ECS simulator', () => {
  let sim: EcsSimulator;
  beforeAll(async () => {
    sim = await startEcsSimulator({ tickMs: 50, stepMs: 50 });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('creates the cluster, hosts, task definitions, load balancer, services and autoscaling', async () => {
    const r = await seedEcs({ endpoint: sim.url, region: sim.region, credentials, dir: DIR });
    expect(r).toMatchObject({ clusters: 1, services: 4, tasks: 0 });
    expect(r.changes).toContain('CreateService shop/web');
    expectSeeded(await readBack(sim.url, sim.region));
  });

  it('the simulator schedules the services tasks itself', async () => {
    let state = await readBack(sim.url, sim.region);
    for (let i = 0; i < 80 && state.tasks.filter((t) => t.lastStatus === 'RUNNING').length < 8; i++) {
      await new Promise((res) => setTimeout(res, 100));
      state = await readBack(sim.url, sim.region);
    }
    expect(state.tasks.filter((t) => t.lastStatus === 'RUNNING')).toHaveLength(8);
  });

  it('a second run changes nothing: only reads reach the API', async () => {
    const before = sim.requests.length;
    const r = await seedEcs({ endpoint: sim.url, region: sim.region, credentials, dir: DIR });
    expect(r.changes).toEqual([]);
    const writes = sim.requests.slice(before).filter((q) => !/^(Describe|List|Get)/.test(q.operation));
    expect(writes.map((q) => q.operation)).toEqual([]);
    expectSeeded(await readBack(sim.url, sim.region));
  });

  it('an edited scenario registers a new revision and updates the service in place', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'parallax-seed-'));
    try {
      await cp(DIR, dir, { recursive: true });
      const edit = async (name: string, change: (doc: any) => void) => {
        const file = path.join(dir, name);
        const doc = JSON.parse(await readFile(file, 'utf8'));
        change(doc);
        await writeFile(file, JSON.stringify(doc));
      };
      await edit('task-definitions.json', (d) => {
        d.taskDefinitions.find((t: { family: string }) => t.family === 'shop-web').containerDefinitions[0].image = 'ghcr.io/parallax-demo/shop-web:1.8.2';
      });
      await edit('services.json', (d) => {
        d.services.find((v: { serviceName: string }) => v.serviceName === 'api').desiredCount = 2;
      });
      const r = await seedEcs({ endpoint: sim.url, region: sim.region, credentials, dir });
      expect(r.changes).toEqual(['RegisterTaskDefinition shop-web:2', expect.stringMatching(/^UpdateService shop\/web \(desiredCount 3, shop-web:2\)$/), expect.stringMatching(/^UpdateService shop\/api \(desiredCount 2, shop-api:1\)$/)]);
      const { services: live } = await readBack(sim.url, sim.region);
      expect(live.filter((x) => x.status === 'ACTIVE')).toHaveLength(4);
      expect(live.find((x) => x.serviceName === 'web')!.taskDefinition).toMatch(/shop-web:2$/);
      expect(live.find((x) => x.serviceName === 'api')!.desiredCount).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const motoAvailable = !spawnSync('moto_server', ['-h'], { stdio: 'ignore' }).error;
const MOTO_MISSING = "moto_server not found: pip install 'moto[server]'";
if (!motoAvailable && !process.env.CI) console.warn(`[lib/seed/ecs.test.ts] skipping the moto tests: ${MOTO_MISSING}`);

describe.skipIf(!motoAvailable && !process.env.CI)('seedEcs against moto', () => {
  let moto: ChildProcess | undefined;
  let endpoint = '';
  const region = 'us-east-1';

  beforeAll(async () => {
    if (!motoAvailable) throw new Error(`${MOTO_MISSING} (required when CI is set)`);
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${endpoint}/moto-api/`).then((r) => r.ok, () => false)) return;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`moto_server did not answer on ${endpoint}`);
  }, 30_000);
  afterAll(() => {
    moto?.kill();
  });

  it('seeds everything and starts the service tasks moto never starts', async () => {
    const r = await seedEcs({ endpoint, region, credentials, dir: DIR, startServiceTasks: true });
    expect(r).toMatchObject({ clusters: 1, services: 4, tasks: 8 });
    const state = await readBack(endpoint, region);
    expectSeeded(state);
    expectServiceTasks(state);
  });

  it('a second run changes nothing and starts no task', async () => {
    const r = await seedEcs({ endpoint, region, credentials, dir: DIR, startServiceTasks: true });
    expect(r).toEqual({ clusters: 1, services: 4, tasks: 0, changes: [] });
    const state = await readBack(endpoint, region);
    expectSeeded(state);
    // Described many times by now: moto would have stopped them without the state-manager setting.
    expectServiceTasks(state);
  });
});
