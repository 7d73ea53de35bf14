import path from 'node:path';
import os from 'node:os';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListContainerInstancesCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startEcsSimulator, type EcsSimulator } from '@/lib/sim/ecs';
import { motoTests, startMoto, type Moto } from '@/lib/testing/moto';
import { waitFor } from '@/lib/testing/wait';
import { REAL_ACCOUNT_REFUSAL, seedEcs } from './ecs';
import { loadEcsScenario, type EcsScenario } from './ecs-scenario';
import { DEMO_SECRET_VALUE } from './index';

const DIR = path.resolve(__dirname, '../../scenarios/demo/ecs');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const DESIRED: Record<string, number> = { web: 3, api: 3, worker: 1, db: 1 };

/** Reads back through the SDK what the seeder should have made, whatever server it ran against. */
async function readBack(endpoint: string, region: string) {
  const cfg = { endpoint, region, credentials, maxAttempts: 1 };
  const ecs = new ECSClient(cfg);
  const elb = new ElasticLoadBalancingV2Client(cfg);
  const aas = new ApplicationAutoScalingClient(cfg);
  const sm = new SecretsManagerClient(cfg);
  const ssm = new SSMClient(cfg);
  try {
    const services = (await ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: Object.keys(DESIRED), include: ['TAGS'] }))).services ?? [];
    const instances = (await ecs.send(new ListContainerInstancesCommand({ cluster: 'shop' }))).containerInstanceArns ?? [];
    const families = (await ecs.send(new ListTaskDefinitionsCommand({}))).taskDefinitionArns ?? [];
    const taskArns = (await ecs.send(new ListTasksCommand({ cluster: 'shop' }))).taskArns ?? [];
    const tasks = taskArns.length ? ((await ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: taskArns }))).tasks ?? []) : [];
    const tgs = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['shop-web'] }))).TargetGroups ?? [];
    const targets = (await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }))).ScalableTargets ?? [];
    // The test reads values back to check what was written (Parallax itself never holds one).
    const secretArn = (await sm.send(new DescribeSecretCommand({ SecretId: 'shop/db' }))).ARN;
    const secretString = (await sm.send(new GetSecretValueCommand({ SecretId: 'shop/db' }))).SecretString;
    const parameters = ((await ssm.send(new GetParametersCommand({ Names: ['/shop/db/password', '/shop/stripe-key'], WithDecryption: true }))).Parameters ?? [])
      .map((p) => [p.Name, p.Type, p.Value]).sort();
    const webSecrets = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'shop-web' }))).taskDefinition?.containerDefinitions?.[0]?.secrets;
    return { services, instances, families, tasks, tgs, targets, secretArn, secretString, parameters, webSecrets };
  } finally {
    for (const c of [ecs, elb, aas, sm, ssm]) c.destroy();
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
  // The secrets the task definitions reference, under the ARN the service gave the secret (random suffix).
  expect(state.secretArn).toMatch(/^arn:aws:secretsmanager:us-east-1:\d{12}:secret:shop\/db-[A-Za-z0-9]{6}$/);
  expect(JSON.parse(state.secretString!)).toEqual({ password: DEMO_SECRET_VALUE });
  expect(state.webSecrets).toEqual([{ name: 'DB_PASSWORD', valueFrom: `${state.secretArn}:password::` }]);
  expect(state.parameters).toEqual([['/shop/db/password', 'SecureString', DEMO_SECRET_VALUE], ['/shop/stripe-key', 'SecureString', 'parallax-demo-stripe-key-5e21']]);
}

/** The demo plus a DAEMON service, given to seedEcs as an object instead of a directory. */
async function withDaemon(): Promise<EcsScenario> {
  const s = await loadEcsScenario(DIR);
  s.taskDefinitions.push({
    family: 'agent', networkMode: 'host', requiresCompatibilities: ['EC2'],
    containerDefinitions: [{ name: 'agent', image: 'public.ecr.aws/datadog/agent:7', cpu: 128, memory: 256, essential: true }],
  });
  s.services.push({ cluster: 'shop', serviceName: 'agent', taskDefinition: 'agent', launchType: 'EC2', schedulingStrategy: 'DAEMON' });
  return s;
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

describe('seedEcs with a DAEMON service (simulator)', () => {
  it('creates it once: it has no desired count for a second run to correct', async () => {
    const sim = await startEcsSimulator({ tickMs: 50, stepMs: 50 });
    try {
      const first = await seedEcs({ endpoint: sim.url, region: sim.region, credentials, scenario: await withDaemon() });
      expect(first.changes).toContain('CreateService shop/agent');
      const second = await seedEcs({ endpoint: sim.url, region: sim.region, credentials, scenario: await withDaemon() });
      expect(second.changes).toEqual([]);
    } finally {
      await sim.stop();
    }
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
    expect(r.changes).toEqual(expect.arrayContaining(['CreateSecret shop/db', 'PutParameter /shop/db/password', 'PutParameter /shop/stripe-key']));
    expect(JSON.stringify(r.changes)).not.toContain(DEMO_SECRET_VALUE);
    expectSeeded(await readBack(sim.url, sim.region));
  });

  it('the simulator schedules the services tasks itself', async () => {
    const state = await waitFor('8 running tasks', async () => {
      const s = await readBack(sim.url, sim.region);
      return s.tasks.filter((t) => t.lastStatus === 'RUNNING').length >= 8 && s;
    }, 8_000, 100);
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

describe.skipIf(!motoTests('lib/seed/ecs.test.ts'))('seedEcs against moto', () => {
  let moto: Moto | undefined;
  let endpoint = '';
  const region = 'us-east-1';

  beforeAll(async () => {
    moto = await startMoto();
    endpoint = moto.url;
  }, 30_000);
  afterAll(() => moto?.stop());

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

  it('starts a DAEMON service task on every container instance (moto keeps its desiredCount at 0)', async () => {
    const r = await seedEcs({ endpoint, region, credentials, scenario: await withDaemon(), startServiceTasks: true });
    expect(r).toMatchObject({ services: 5, tasks: 2 });
    expect(r.changes).toEqual(['RegisterTaskDefinition agent:1', 'CreateService shop/agent', expect.stringMatching(/^StartTask shop\/agent x2 \(startedBy .+\)$/)]);
    const { tasks, instances } = await readBack(endpoint, region);
    const agents = tasks.filter((t) => t.group === 'service:agent' && t.lastStatus !== 'STOPPED');
    expect(new Set(agents.map((t) => t.containerInstanceArn))).toEqual(new Set(instances));
    expect(agents).toHaveLength(2);
    const again = await seedEcs({ endpoint, region, credentials, scenario: await withDaemon(), startServiceTasks: true });
    expect(again).toEqual({ clusters: 1, services: 5, tasks: 0, changes: [] });
  });
});
