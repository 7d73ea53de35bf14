// moto's ECS services never start tasks of their own: start what a service is missing the way
// the service scheduler would (group `service:NAME`, startedBy = the PRIMARY deployment id).
import {
  DescribeTasksCommand,
  ECSClient,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RunTaskCommand,
  StartTaskCommand,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
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
  const running: Task[] = [];
  for (const arns of chunks(await listAll(step, 'ListTasks', (nextToken) => ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'RUNNING', nextToken })).then((p) => ({ items: p.taskArns, nextToken: p.nextToken }))), 100)) {
    const out = await step('DescribeTasks', () => ecs.send(new DescribeTasksCommand({ cluster, tasks: arns })));
    running.push(...(out.tasks ?? []).filter((t) => t.group === group && t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED'));
  }
  const startedBy = svc.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? STARTED_BY_FALLBACK;
  const common = { cluster, taskDefinition: svc.taskDefinition, group, startedBy, networkConfiguration: svc.networkConfiguration };
  let started = 0;
  const check = (what: string, out: { tasks?: unknown[]; failures?: unknown[] }) => {
    const n = out.tasks?.length ?? 0;
    if (n === 0) throw new Error(`ecs: ${what} ${group} started nothing: ${JSON.stringify(out.failures ?? [])}`);
    started += n;
    return n;
  };
  if (svc.schedulingStrategy === 'DAEMON') {
    // One task on every container instance without one (moto leaves a DAEMON's desiredCount at 0).
    const hosts = await listAll(step, 'ListContainerInstances', (nextToken) =>
      ecs.send(new ListContainerInstancesCommand({ cluster, status: 'ACTIVE', nextToken })).then((p) => ({ items: p.containerInstanceArns, nextToken: p.nextToken })));
    const covered = new Set(running.map((t) => t.containerInstanceArn));
    for (const containerInstances of chunks(hosts.filter((h) => !covered.has(h)), 10)) {
      check('StartTask', await step(`StartTask ${group}`, () => ecs.send(new StartTaskCommand({ ...common, containerInstances }))));
    }
    if (started > 0) wrote(`StartTask ${cluster}/${svc.serviceName} x${started} (startedBy ${startedBy})`);
    return started;
  }
  for (let missing = (svc.desiredCount ?? 0) - running.length; missing > 0;) {
    missing -= check('RunTask', await step(`RunTask ${group}`, () =>
      ecs.send(new RunTaskCommand({
        ...common,
        count: Math.min(missing, 10),
        launchType: svc.launchType,
        platformVersion: svc.launchType === 'FARGATE' ? svc.platformVersion : undefined,
      })),
    ));
  }
  if (started > 0) wrote(`RunTask ${cluster}/${svc.serviceName} x${started} (startedBy ${startedBy})`);
  return started;
}

async function listAll(step: Step, what: string, page: (nextToken?: string) => Promise<{ items?: string[]; nextToken?: string }>): Promise<string[]> {
  const out: string[] = [];
  let nextToken: string | undefined;
  do {
    const p = await step(what, () => page(nextToken));
    out.push(...(p.items ?? []));
    nextToken = p.nextToken;
  } while (nextToken);
  return out;
}
