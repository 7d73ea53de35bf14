// ECS at scale: the ECS simulator seeded with the contract scenario grown to N services of 10 tasks
// each on EC2 container instances (500 -> about 5,000 tasks), a tenth of the services behind load
// balancer target groups. One cold poll (empty task-definition cache) and one warm poll (the cache a running server
// has), counted per operation at the simulator, against the fewest calls the APIs' page and batch
// sizes allow for the same objects (MINIMUM below, from the AWS API references, not from lib/ecs).
import { createEcsSource, TaskDefinitionCache } from '@/lib/ecs';
import { startEcsSimulator } from '@/lib/sim/ecs';
import { loadContractScenario, seedContract, TEST_CREDENTIALS, waitForSteady } from '@/lib/testing/ecs/seed';
import { TestSink } from '@/lib/testing/sink';

export interface EcsCallsResult {
  services: number; tasks: number; containerInstances: number; targetGroups: number;
  cold: { calls: number; minimum: number; byOp: Record<string, number> };
  warm: { calls: number; minimum: number; byOp: Record<string, number> };
}

const TASKS_PER_SERVICE = 10;
const TASKS_PER_INSTANCE = 230; // 'tiny' tasks (8 CPU units, 16 MiB) fit 244 on the scenario's 2048/3904 instances

interface Counts { clusters: number; services: number; tasks: number; containerInstances: number; loadBalancers: number; targetGroups: number; taskDefinitions: number; scalableTargets: number; warm: boolean }

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
/** The fewest calls per operation for one poll of one region, by each API's documented maximum page or batch size. */
const MINIMUM: Record<string, (c: Counts) => number> = {
  ListClusters: (c) => pages(c.clusters, 100),
  DescribeClusters: (c) => pages(c.clusters, 100),
  ListServices: (c) => pages(c.services, 100),
  DescribeServices: (c) => pages(c.services, 10),
  // RUNNING and STOPPED (recently stopped tasks are shown too): one list each at least.
  ListTasks: (c) => pages(c.tasks, 100) + 1,
  DescribeTasks: (c) => pages(c.tasks, 100),
  ListContainerInstances: (c) => pages(c.containerInstances, 100),
  DescribeContainerInstances: (c) => pages(c.containerInstances, 100),
  DescribeInstances: (c) => pages(c.containerInstances, 1000),
  DescribeTaskDefinition: (c) => (c.warm ? 0 : c.taskDefinitions),
  // Only the target groups the services name and their load balancers, by ARN: 20 a call (the
  // documented limit of LoadBalancerArns; taken for TargetGroupArns too). Listing every group of the
  // region (400 a page) would be fewer calls here but reads groups no service uses.
  DescribeLoadBalancers: (c) => pages(c.loadBalancers, 20),
  DescribeTargetGroups: (c) => pages(c.targetGroups, 20),
  DescribeTargetHealth: (c) => c.targetGroups,
  DescribeListeners: (c) => c.loadBalancers,
  DescribeScalableTargets: (c) => pages(c.scalableTargets, 50),
  DescribeScalingPolicies: (c) => pages(c.scalableTargets, 50),
};

function minimumOf(byOp: Record<string, number>, c: Counts): { minimum: number; unknown: string[] } {
  let minimum = 0;
  const unknown: string[] = [];
  for (const [op, n] of Object.entries(byOp)) {
    const f = MINIMUM[op];
    if (f) minimum += f(c);
    else {
      // An operation this table does not know counts as necessary, as often as it was called.
      minimum += n;
      unknown.push(op);
    }
  }
  return { minimum, unknown };
}

export async function benchEcsCalls(services: number): Promise<EcsCallsResult> {
  const sim = await startEcsSimulator({ tickMs: 50, stepMs: 50 });
  try {
    const scenario = await loadContractScenario();
    const extra = services - scenario.services.length;
    const instances = Math.ceil((extra * TASKS_PER_SERVICE) / TASKS_PER_INSTANCE);
    const template = scenario.containerInstances[0];
    for (let i = 0; i < instances; i++) {
      const ci = structuredClone(template);
      ci.runInstances.TagSpecifications = [{ ResourceType: 'instance', Tags: [{ Key: 'parallax:scenario', Value: `bench-${i}` }] }];
      ci.runInstances.Placement = { AvailabilityZone: i % 2 ? 'us-east-1b' : 'us-east-1a' };
      scenario.containerInstances.push(ci);
    }
    scenario.taskDefinitions.push({ family: 'tiny-web', networkMode: 'bridge', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'web', image: 'nginx:1.27', cpu: 8, memory: 16, essential: true, portMappings: [{ containerPort: 80, hostPort: 0 }] }] });
    let targetGroups = scenario.targetGroups.length;
    for (let i = 0; i < extra; i++) {
      const name = `svc-${String(i).padStart(3, '0')}`;
      const behindLb = i % 10 === 0;
      if (behindLb) {
        scenario.targetGroups.push({ Name: `${name}-tg`, Protocol: 'HTTP', Port: 80, VpcId: '${vpcId}', TargetType: 'instance' });
        targetGroups++;
      }
      scenario.services.push({
        cluster: 'shop', serviceName: name, taskDefinition: behindLb ? 'tiny-web' : 'tiny', desiredCount: TASKS_PER_SERVICE, launchType: 'EC2',
        ...(behindLb ? { loadBalancers: [{ targetGroupArn: `\${targetGroup:${name}-tg}`, containerName: 'web', containerPort: 80 }] } : {}),
        tags: [{ key: 'app.kubernetes.io/name', value: name }],
      });
    }
    await seedContract(sim.url, { scenario });
    await waitForSteady(sim.url, { timeoutMs: 300_000 });

    const cache = new TaskDefinitionCache();
    const poll = async () => {
      const sink = new TestSink({ replaceOnly: true });
      const source = createEcsSource({ platform: 'ecs', profile: 'bench', region: 'us-east-1', endpoint: sim.url, pollIntervalMs: 3_600_000, credentials: TEST_CREDENTIALS, demo: false }, { taskDefinitionCache: cache });
      const from = sim.requests.length;
      await source.start(sink);
      await sink.waitForPolls(1, 120_000);
      await source.stop();
      const byOp: Record<string, number> = {};
      for (const r of sim.requests.slice(from)) byOp[r.operation] = (byOp[r.operation] ?? 0) + 1;
      return { sink, byOp, calls: sim.requests.length - from };
    };
    const cold = await poll();
    const warm = await poll();
    const sink = cold.sink;
    const tasks = sink.of('instance').length;
    const counts: Counts = {
      clusters: 1, services: sink.of('workload').length, tasks, containerInstances: sink.of('node').length,
      loadBalancers: scenario.loadBalancers.length, targetGroups, taskDefinitions: new Set(scenario.services.map((s) => s.taskDefinition)).size,
      scalableTargets: scenario.scalableTargets.length, warm: false,
    };
    const c = minimumOf(cold.byOp, counts);
    const w = minimumOf(warm.byOp, { ...counts, warm: true });
    for (const op of new Set([...c.unknown, ...w.unknown])) console.log(`  (${op}: not in the bench's table of API minimums; counted as necessary)`);
    return {
      services: counts.services, tasks, containerInstances: counts.containerInstances, targetGroups,
      cold: { calls: cold.calls, minimum: c.minimum, byOp: cold.byOp },
      warm: { calls: warm.calls, minimum: w.minimum, byOp: warm.byOp },
    };
  } finally {
    await sim.stop();
  }
}

