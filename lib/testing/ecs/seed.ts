// The adapter's contract scenario (lib/ecs/fixtures/contract-scenario), seeded with the demo's
// seeder identically into moto and the embedded simulator. Seeding writes; the adapter under test
// only reads.
import path from 'node:path';
import { DescribeServicesCommand, ECSClient, ListServicesCommand } from '@aws-sdk/client-ecs';
import { loadEcsScenario, seedEcs, type EcsScenario, type SeedEcsResult } from '@/lib/seed';
import { startEcsSimulator, type EcsSimulator } from '@/lib/sim/ecs';
import { waitFor } from '@/lib/testing/wait';

export const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
export const CLUSTER = 'shop';
export const CONTRACT_SCENARIO = path.join(__dirname, '../../ecs/fixtures/contract-scenario');

export const loadContractScenario = (): Promise<EcsScenario> => loadEcsScenario(CONTRACT_SCENARIO);

export interface SeedOptions {
  /** moto never starts service tasks: the seeder starts them with RunTask (see seedEcs). */
  startServiceTasks?: boolean;
  /** Extra replica services (for call-count tests) and desired tasks each. */
  extraServices?: { count: number; desired: number };
  /** The scenario to seed, when not the contract scenario as it is on disk. */
  scenario?: EcsScenario;
}

export async function seedContract(endpoint: string, o: SeedOptions = {}): Promise<SeedEcsResult> {
  const scenario = o.scenario ?? (await loadContractScenario());
  for (let i = 0; i < (o.extraServices?.count ?? 0); i++) {
    const name = `svc-${String(i).padStart(2, '0')}`;
    scenario.services.push({
      cluster: CLUSTER, serviceName: name, taskDefinition: 'tiny', desiredCount: o.extraServices!.desired, launchType: 'EC2',
      tags: [{ key: 'app.kubernetes.io/name', value: name }],
    });
  }
  return seedEcs({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, scenario, startServiceTasks: o.startServiceTasks });
}

/** Waits until every service of the cluster runs its desired count (the simulator's scheduler). */
export async function waitForSteady(endpoint: string, opts: { timeoutMs?: number } = {}): Promise<void> {
  const ecs = new ECSClient({ region: 'us-east-1', endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  try {
    await waitFor('services to reach a steady state', async () => {
      const arns: string[] = [];
      let nextToken: string | undefined;
      do {
        const r = await ecs.send(new ListServicesCommand({ cluster: CLUSTER, nextToken, maxResults: 100 }));
        arns.push(...(r.serviceArns ?? []));
        nextToken = r.nextToken;
      } while (nextToken);
      let steady = arns.length > 0;
      for (let i = 0; i < arns.length && steady; i += 10) {
        const r = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: arns.slice(i, i + 10) }));
        steady = (r.services ?? []).every((s) => (s.desiredCount ?? 0) > 0 && s.runningCount === s.desiredCount && (s.deployments ?? []).length === 1);
      }
      return steady;
    }, opts.timeoutMs ?? 20_000, 100);
  } finally {
    ecs.destroy();
  }
}

/** The embedded simulator on a fast clock, seeded with the contract scenario, every service steady. */
export async function startSeededSimulator(o: SeedOptions & { timeoutMs?: number } = {}): Promise<EcsSimulator> {
  const { timeoutMs, ...seed } = o;
  const sim = await startEcsSimulator({ tickMs: 50, stepMs: 50 });
  await seedContract(sim.url, seed);
  await waitForSteady(sim.url, { timeoutMs });
  return sim;
}
