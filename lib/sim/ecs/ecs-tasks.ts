// ECS tasks: RunTask (standalone tasks), DescribeTasks, ListTasks, StopTask.
import { lastSegment, serviceArn, taskArn } from './arns';
import { ApiError, invalidParameter, serviceNotFound } from './errors';
import { taskOut } from './ecs-shapes';
import { chooseLaunch, newTask, place, requestStop, resolveStrategy, runsOnFargate, taskNeeds } from './placement';
import { isObject, paginate, type Json, type Params } from './params';
import type { Cluster, ContainerInstance, SimState, Task } from './state';

function findTask(state: SimState, cluster: Cluster, ref: string): Task | undefined {
  return state.tasks.get(ref.startsWith('arn:') ? ref : taskArn(state, cluster.name, ref)) ?? state.tasks.get(taskArn(state, cluster.name, lastSegment(ref)));
}

export function runTask(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const td = state.taskDef(p.reqStr('taskDefinition'));
  const count = p.int('count') ?? 1;
  if (count < 1 || count > 10) throw invalidParameter('count must be between 1 and 10.');
  const given = p.str('launchType');
  if (given !== undefined && given !== 'EC2' && given !== 'FARGATE' && given !== 'EXTERNAL') throw invalidParameter(`Invalid launch type: ${given}`);
  const strategy = resolveStrategy(cluster, given, p.objList('capacityProviderStrategy'));
  const fargate = runsOnFargate(strategy ? undefined : (given ?? 'EC2'), strategy);
  if (fargate && td.input.networkMode !== 'awsvpc') throw invalidParameter('Task definition does not support launch_type FARGATE.');
  const overrides = p.obj('overrides') ?? {};
  const networkConfiguration = p.obj('networkConfiguration');
  if ((fargate || td.input.networkMode === 'awsvpc') && !networkConfiguration) {
    throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  const group = p.str('group') ?? `family:${td.family}`;
  const tags = p.tags();
  if (p.str('propagateTags') === 'TASK_DEFINITION') tags.push(...state.tagsOf(td.arn));
  const tdConstraints = Array.isArray(td.input.placementConstraints) ? td.input.placementConstraints.filter(isObject) : [];
  const tasks: Json[] = [];
  const failures: Json[] = [];
  for (let i = 0; i < count; i++) {
    const { launchType, capacityProviderName } = chooseLaunch(strategy ? undefined : (given ?? 'EC2'), strategy);
    const needs = taskNeeds(td, launchType, overrides);
    let instance: ContainerInstance | undefined;
    if (launchType !== 'FARGATE') {
      const result = place(state, cluster, needs, {
        strategy: p.objList('placementStrategy') ?? [],
        constraints: [...(p.objList('placementConstraints') ?? []), ...tdConstraints],
        group,
      });
      if (!result.ok) {
        if (result.arn === undefined) throw invalidParameter(result.reason);
        failures.push({ arn: result.arn, reason: result.reason });
        continue;
      }
      instance = result.instance;
    }
    const t = newTask(state, {
      cluster,
      td,
      launchType,
      capacityProviderName,
      group,
      needs,
      instance,
      startedBy: p.str('startedBy'),
      networkConfiguration,
      overrides,
      tags: [...tags],
      enableExecuteCommand: p.bool('enableExecuteCommand') ?? false,
      platformVersion: p.str('platformVersion'),
    });
    tasks.push(taskOut(state, t, ['TAGS']));
  }
  return { tasks, failures };
}

export function describeTasks(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const refs = p.strList('tasks') ?? [];
  if (refs.length === 0) throw invalidParameter('Tasks cannot be empty.');
  if (refs.length > 100) throw invalidParameter('Tasks cannot have more than 100 elements');
  const include = p.strList('include') ?? [];
  const tasks: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    const t = findTask(state, cluster, ref);
    if (t && t.clusterArn === cluster.arn) tasks.push(taskOut(state, t, include));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : taskArn(state, cluster.name, ref), reason: 'MISSING' });
  }
  return { tasks, failures };
}

export function listTasks(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const serviceName = p.str('serviceName');
  if (serviceName !== undefined) {
    const svc = state.services.get(serviceArn(state, cluster.name, lastSegment(serviceName)));
    if (!svc) throw serviceNotFound();
  }
  const family = p.str('family');
  const startedBy = p.str('startedBy');
  const launchType = p.str('launchType');
  const ciRef = p.str('containerInstance');
  const ciArn = ciRef === undefined ? undefined : state.containerInstance(cluster, ciRef)?.arn;
  if (ciRef !== undefined && ciArn === undefined) throw invalidParameter('Invalid container instance');
  // Without desiredStatus only tasks whose desiredStatus is RUNNING are listed.
  const desired = p.str('desiredStatus') ?? 'RUNNING';
  if (!['RUNNING', 'PENDING', 'STOPPED'].includes(desired)) throw invalidParameter(`Invalid desiredStatus: ${desired}`);
  const arns = state
    .tasksOf(cluster.arn)
    .filter((t) => (desired === 'PENDING' ? t.desiredStatus === 'RUNNING' && t.lastStatus !== 'RUNNING' : t.desiredStatus === desired))
    .filter((t) => serviceName === undefined || t.serviceName === lastSegment(serviceName))
    .filter((t) => family === undefined || state.taskDefs.get(t.taskDefinitionArn)?.family === family)
    .filter((t) => startedBy === undefined || t.startedBy === startedBy)
    .filter((t) => launchType === undefined || t.launchType === launchType)
    .filter((t) => ciArn === undefined || t.containerInstanceArn === ciArn)
    .map((t) => t.arn);
  const page = paginate(arns, p.str('nextToken'), p.int('maxResults'), { def: 100, max: 100 });
  return { taskArns: page.items, nextToken: page.nextToken };
}

export function stopTask(state: SimState, p: Params): Json {
  const cluster = state.cluster(p.str('cluster'));
  const t = findTask(state, cluster, p.reqStr('task'));
  if (!t || t.clusterArn !== cluster.arn) throw new ApiError('InvalidParameterException', 'The referenced task was not found.');
  requestStop(state, t, p.str('reason') ?? 'Task stopped by user', 'UserInitiated');
  return { task: taskOut(state, t, []) };
}
