// moto's ECS services never start tasks of their own: start what a service is missing the way
// the service scheduler would (group `service:NAME`, startedBy = the PRIMARY deployment id).
import { DescribeTasksCommand, ECSClient, ListTasksCommand, RunTaskCommand, type Service } from '@aws-sdk/client-ecs';
import { chunks, type Step } from './util';

const STARTED_BY_FALLBACK = 'parallax-seed';

/**
 * moto moves a task one state towards STOPPED each time DescribeTasks returns it (state manager
 * model `ecs::task`, progression manual, times 1), so a dashboard polling it would watch every
 * task die within seconds. Its moto-api endpoint lets a client slow that to never.
 */
export async function keepMotoTasksRunning(endpoint: string, log: (l: string) => void): Promise<void> {
  try {
    const res = await fetch(new URL('/moto-api/state-manager/set-transition', endpoint), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model_name: 'ecs::task', transition: { progression: 'manual', times: 1_000_000_000 } }),
    });
    if (!res.ok) log(`ecs: moto state manager answered HTTP ${res.status}; tasks may stop as they are described`);
  } catch (e) {
    log(`ecs: could not reach moto's state manager (${(e as Error).message}); tasks may stop as they are described`);
  }
}

/** Starts the tasks a service is missing. ListTasks on moto ignores serviceName: filter by group. */
export async function startServiceTasks(ecs: ECSClient, svc: Service, cluster: string, step: Step, wrote: (w: string) => void): Promise<number> {
  const group = `service:${svc.serviceName}`;
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await step('ListTasks', () => ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'RUNNING', nextToken })));
    arns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  let running = 0;
  for (const batch of chunks(arns, 100)) {
    const out = await step('DescribeTasks', () => ecs.send(new DescribeTasksCommand({ cluster, tasks: batch })));
    running += (out.tasks ?? []).filter((t) => t.group === group && t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED').length;
  }
  let missing = (svc.desiredCount ?? 0) - running;
  const startedBy = svc.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? STARTED_BY_FALLBACK;
  let started = 0;
  while (missing > 0) {
    const count = Math.min(missing, 10);
    const out = await step(`RunTask ${group}`, () =>
      ecs.send(new RunTaskCommand({
        cluster,
        taskDefinition: svc.taskDefinition,
        count,
        group,
        startedBy,
        launchType: svc.launchType,
        platformVersion: svc.launchType === 'FARGATE' ? svc.platformVersion : undefined,
        networkConfiguration: svc.networkConfiguration,
      })),
    );
    const n = out.tasks?.length ?? 0;
    if (n === 0) throw new Error(`ecs: RunTask ${group} started nothing: ${JSON.stringify(out.failures ?? [])}`);
    started += n;
    missing -= n;
  }
  if (started > 0) wrote(`RunTask ${cluster}/${svc.serviceName} x${started} (startedBy ${startedBy})`);
  return started;
}
