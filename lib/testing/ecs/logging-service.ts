// An ECS simulator on a test's FakeClock running one service whose containers write logs (its
// CloudWatch Logs writes a line every second or two per awslogs container, on that clock).
import { CreateServiceCommand, type ContainerDefinition } from '@aws-sdk/client-ecs';
import { startEcsSimulator, type EcsSimulator } from '@/lib/sim/ecs';
import { clients, registerTaskDef, seedCluster } from '@/lib/sim/ecs/test-helpers';
import type { FakeClock } from '@/lib/util/fake-clock';
import { waitFor } from '../wait';

export const awslogs = (group: string, prefix = 'ecs') => ({ logDriver: 'awslogs' as const, options: { 'awslogs-group': group, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': prefix } });

/** Cluster `prod` with service `web` of `tasks` running tasks of `containers`, and ten minutes of their logs. */
export async function startLoggingService(clock: FakeClock, containers: ContainerDefinition[], tasks: number): Promise<EcsSimulator> {
  const sim = await startEcsSimulator({ tickMs: 10, stepMs: 40, now: () => clock.now() });
  await seedCluster(sim, 'prod', 1);
  await registerTaskDef(sim, { family: 'web', networkMode: 'bridge', containerDefinitions: containers });
  await clients(sim).ecs.send(new CreateServiceCommand({ cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: tasks }));
  // The scheduler advances tasks on the simulator's clock.
  await waitFor(`${tasks} web tasks running`, async () => {
    await clock.advance(50);
    return [...sim.state.tasks.values()].filter((t) => t.lastStatus === 'RUNNING').length === tasks;
  }, 5_000, 5);
  await clock.advance(10 * 60_000);
  return sim;
}
