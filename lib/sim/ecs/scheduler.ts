// The service scheduler: what makes services real. Each tick advances task lifecycles, then
// reconciles every service: tasks up to desiredCount for the PRIMARY deployment, old
// deployments drained once the PRIMARY is fully running, events written like ECS writes them.
import { uuid } from './arns';
import { isPending } from './ecs-shapes';
import { advanceTask, chooseLaunch, newTask, place, requestStop, taskNeeds, type Needs, type PlacementResult } from './placement';
import type { Tag } from './params';
import type { ContainerInstance, Deployment, Service, SimState, Task } from './state';

/** ECS keeps the 100 most recent service events. */
const MAX_EVENTS = 100;
/** Stopped tasks stay visible (ListTasks desiredStatus=STOPPED, DescribeTasks) about an hour. */
export const STOPPED_RETENTION_MS = 60 * 60 * 1000;

export function addEvent(state: SimState, svc: Service, message: string, dedupeMs = 0): void {
  const now = state.now();
  if (dedupeMs > 0 && svc.events.some((e) => e.message === message && now - e.createdAt < dedupeMs)) return;
  svc.events.unshift({ id: uuid(), createdAt: now, message });
  if (svc.events.length > MAX_EVENTS) svc.events.length = MAX_EVENTS;
}

const steadyFlag = new WeakMap<Service, boolean>();

export function tick(state: SimState, stepMs: number): void {
  const now = state.now();
  for (const t of state.tasks.values()) advanceTask(state, t, stepMs);
  for (const [arn, t] of state.tasks) {
    if (t.lastStatus === 'STOPPED' && t.stoppedAt !== undefined && now - t.stoppedAt > STOPPED_RETENTION_MS) {
      state.tasks.delete(arn);
      state.tags.delete(arn);
    }
  }
  for (const svc of state.services.values()) reconcile(state, svc);
}

function serviceTasks(state: SimState, svc: Service): Task[] {
  return [...state.tasks.values()].filter((t) => t.clusterArn === svc.clusterArn && t.serviceName === svc.name);
}

const taskList = (tasks: Task[]): string => tasks.map((t) => `(task ${t.id})`).join(' ');

export function reconcile(state: SimState, svc: Service): void {
  const all = serviceTasks(state, svc);
  if (svc.status !== 'ACTIVE') {
    const live = all.filter((t) => t.desiredStatus === 'RUNNING');
    for (const t of live) requestStop(state, t, 'Service deleted', 'ServiceSchedulerInitiated');
    if (svc.status === 'DRAINING' && all.every((t) => t.lastStatus === 'STOPPED')) svc.status = 'INACTIVE';
    return;
  }
  const primary = svc.deployments.find((d) => d.status === 'PRIMARY');
  if (!primary) return;
  if (!state.clusters.has(svc.clusterArn)) return;
  let changed = svc.schedulingStrategy === 'DAEMON' ? reconcileDaemon(state, svc, primary, all) : reconcileReplica(state, svc, primary, all);

  const primaryRunning = all.filter((t) => t.deploymentId === primary.id && t.desiredStatus === 'RUNNING' && t.lastStatus === 'RUNNING').length;
  const primaryReady = primaryRunning >= primary.desiredCount;
  for (const old of svc.deployments.filter((d) => d.status !== 'PRIMARY')) {
    const live = all.filter((t) => t.deploymentId === old.id && t.desiredStatus === 'RUNNING');
    if (primaryReady && live.length > 0) {
      stopTasks(state, svc, old, live);
      changed = true;
    }
    // An old deployment's desiredCount follows its draining: what it still wants running.
    const remaining = all.filter((t) => t.deploymentId === old.id && t.desiredStatus === 'RUNNING').length;
    if (old.desiredCount !== remaining) {
      old.desiredCount = remaining;
      old.updatedAt = state.now();
    }
    const lingering = all.some((t) => t.deploymentId === old.id && t.lastStatus !== 'STOPPED');
    if (primaryReady && !lingering) {
      old.status = 'INACTIVE';
      changed = true;
    }
  }
  const before = svc.deployments.length;
  svc.deployments = svc.deployments.filter((d) => d.status !== 'INACTIVE');
  if (svc.deployments.length !== before) changed = true;

  const settled =
    svc.deployments.length === 1 &&
    primaryReady &&
    all.every((t) => (t.desiredStatus === 'RUNNING' ? t.lastStatus === 'RUNNING' : t.lastStatus === 'STOPPED'));
  if (settled && primary.rolloutState === 'IN_PROGRESS') {
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
    primary.updatedAt = state.now();
    addEvent(state, svc, `(service ${svc.name}) (deployment ${primary.id}) deployment completed.`);
  }
  if (changed) steadyFlag.set(svc, false);
  if (settled && steadyFlag.get(svc) !== true) {
    addEvent(state, svc, `(service ${svc.name}) has reached a steady state.`);
    steadyFlag.set(svc, true);
  }
}

function percent(svc: Service, key: string, fallback: number): number {
  const v = svc.deploymentConfiguration[key];
  return typeof v === 'number' ? v : fallback;
}

/**
 * REPLICA: tasks up to the PRIMARY's desiredCount. During a rollout maximumPercent caps the
 * tasks of all deployments together (RUNNING or PENDING), and old tasks are stopped only
 * while at least minimumHealthyPercent of desiredCount stays RUNNING: with the defaults
 * (200/100) new tasks start at once and old ones stop as new ones reach RUNNING; with
 * 100/0 old ones stop first.
 */
function reconcileReplica(state: SimState, svc: Service, primary: Deployment, all: Task[]): boolean {
  const desired = primary.desiredCount;
  const live = all.filter((t) => t.desiredStatus === 'RUNNING');
  const mine = live.filter((t) => t.deploymentId === primary.id);
  const old = live.filter((t) => t.deploymentId !== primary.id);
  if (mine.length > desired) {
    // Scale-in prefers tasks that are not running yet, then the newest.
    const victims = [...mine]
      .sort((a, b) => Number(isPending(b)) - Number(isPending(a)) || b.createdAt - a.createdAt)
      .slice(0, mine.length - desired);
    stopTasks(state, svc, primary, victims);
    return true;
  }
  let changed = false;
  const maxTotal = Math.max(desired, Math.floor((desired * percent(svc, 'maximumPercent', 200)) / 100));
  const toStart = Math.min(desired - mine.length, maxTotal - live.length);
  if (toStart > 0) changed = startTasks(state, svc, primary, toStart);
  if (old.length > 0) {
    const minHealthy = Math.ceil((desired * percent(svc, 'minimumHealthyPercent', 100)) / 100);
    let budget = live.filter((t) => t.lastStatus === 'RUNNING').length - minHealthy;
    const victims = old.filter((t) => t.lastStatus !== 'RUNNING');
    for (const t of old) {
      if (t.lastStatus === 'RUNNING' && budget > 0) {
        victims.push(t);
        budget--;
      }
    }
    for (const d of svc.deployments) {
      const theirs = victims.filter((t) => t.deploymentId === d.id);
      if (theirs.length > 0) {
        stopTasks(state, svc, d, theirs);
        changed = true;
      }
    }
  }
  return changed;
}

/** DAEMON: one task per ACTIVE instance; a rollout replaces them instance by instance, stop first. */
function reconcileDaemon(state: SimState, svc: Service, primary: Deployment, all: Task[]): boolean {
  const instances = state.instancesOf(svc.clusterArn).filter((c) => c.status === 'ACTIVE' && c.agentConnected);
  svc.desiredCount = instances.length;
  primary.desiredCount = instances.length;
  const lacking = instances.filter(
    (ci) => !all.some((t) => t.deploymentId === primary.id && t.desiredStatus === 'RUNNING' && t.containerInstanceArn === ci.arn),
  );
  if (lacking.length === 0) return false;
  const cluster = state.clusters.get(svc.clusterArn);
  if (!cluster) return false;
  const td = state.taskDefs.get(primary.taskDefinition);
  if (!td) return false;
  const needs = taskNeeds(td, 'EC2', {});
  const started: Task[] = [];
  let changed = false;
  for (const ci of lacking) {
    const oldHere = all.filter((t) => t.containerInstanceArn === ci.arn && t.deploymentId !== primary.id && t.lastStatus !== 'STOPPED');
    if (oldHere.length > 0) {
      for (const d of svc.deployments) {
        const theirs = oldHere.filter((t) => t.deploymentId === d.id && t.desiredStatus === 'RUNNING');
        if (theirs.length > 0) stopTasks(state, svc, d, theirs);
      }
      changed = true;
      continue;
    }
    // A daemon task goes on every instance: placement only checks that it fits there.
    const result = place(state, cluster, needs, { strategy: [], constraints: svc.placementConstraints, group: `service:${svc.name}`, onlyInstance: ci.arn });
    if (!result.ok) {
      addEvent(state, svc, unableToPlace(svc, result), 60_000);
      continue;
    }
    started.push(launch(state, svc, primary, { launchType: 'EC2' }, needs, result.instance));
  }
  if (started.length > 0) addEvent(state, svc, `(service ${svc.name}) has started ${started.length} tasks: ${taskList(started)}.`);
  return changed || started.length > 0;
}

/** ECS's wording, per closest-matching failure; a placement constraint is named as ECS names it. */
function unableToPlace(svc: Service, result: Extract<PlacementResult, { ok: false }>): string {
  const { reason, arn, constraint } = result;
  const what =
    reason === 'RESOURCE:CPU' ? 'has insufficient CPU units available'
    : reason === 'RESOURCE:MEMORY' ? 'has insufficient memory available'
    : reason === 'RESOURCE:PORTS' ? 'is already using a port required by your task'
    : constraint === 'distinctInstance' ? 'encountered error "DistinctInstance placement constraint unsatisfied."'
    : constraint === 'memberOf' ? 'encountered error "MemberOf placement constraint unsatisfied."'
    : reason === 'ATTRIBUTE' ? 'is missing an attribute required by your task'
    : undefined;
  const detail = what && arn ? `The closest matching (container-instance ${arn.split('/').pop()}) ${what}.` : `Reason: ${reason}`;
  return `(service ${svc.name}) was unable to place a task because no container instance met all of its requirements. ${detail} For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`;
}

type Launch = ReturnType<typeof chooseLaunch>;

function launch(state: SimState, svc: Service, d: Deployment, choice: Launch, needs: Needs, instance?: ContainerInstance): Task {
  const cluster = state.clusters.get(svc.clusterArn);
  const td = state.taskDefs.get(d.taskDefinition);
  if (!cluster || !td) throw new Error('scheduler: cluster or task definition vanished');
  return newTask(state, {
    cluster,
    td,
    launchType: choice.launchType,
    capacityProviderName: choice.capacityProviderName,
    group: `service:${svc.name}`,
    needs,
    instance,
    startedBy: d.id,
    serviceName: svc.name,
    deploymentId: d.id,
    networkConfiguration: d.networkConfiguration,
    tags: propagatedTags(state, svc, td.arn, cluster.name),
    enableExecuteCommand: svc.enableExecuteCommand,
    platformVersion: d.platformVersion,
  });
}

function propagatedTags(state: SimState, svc: Service, tdArn: string, clusterName: string): Tag[] {
  const tags: Tag[] = [];
  if (svc.propagateTags === 'SERVICE') tags.push(...state.tagsOf(svc.arn));
  if (svc.propagateTags === 'TASK_DEFINITION') tags.push(...state.tagsOf(tdArn));
  if (svc.enableECSManagedTags) {
    tags.push({ key: 'aws:ecs:serviceName', value: svc.name }, { key: 'aws:ecs:clusterName', value: clusterName });
  }
  return tags;
}

function startTasks(state: SimState, svc: Service, d: Deployment, count: number): boolean {
  const cluster = state.clusters.get(svc.clusterArn);
  const td = state.taskDefs.get(d.taskDefinition);
  if (!cluster || !td) return false;
  const started: Task[] = [];
  for (let i = 0; i < count; i++) {
    const choice = chooseLaunch(d.launchType, d.capacityProviderStrategy);
    const needs = taskNeeds(td, choice.launchType, {});
    if (choice.launchType === 'FARGATE') {
      started.push(launch(state, svc, d, choice, needs));
      continue;
    }
    const result = place(state, cluster, needs, { strategy: svc.placementStrategy, constraints: svc.placementConstraints, group: `service:${svc.name}` });
    if (!result.ok) {
      addEvent(state, svc, unableToPlace(svc, result), 60_000);
      break;
    }
    started.push(launch(state, svc, d, choice, needs, result.instance));
  }
  if (started.length > 0) addEvent(state, svc, `(service ${svc.name}) has started ${started.length} tasks: ${taskList(started)}.`);
  return started.length > 0;
}

function stopTasks(state: SimState, svc: Service, d: Deployment, victims: Task[]): void {
  if (victims.length === 0) return;
  for (const t of victims) requestStop(state, t, `Scaling activity initiated by (deployment ${d.id})`, 'ServiceSchedulerInitiated');
  addEvent(state, svc, `(service ${svc.name}) has stopped ${victims.length} running tasks: ${taskList(victims)}.`);
}

export interface Scheduler {
  stop(): void;
}

export function startScheduler(state: SimState, tickMs: number, stepMs: number): Scheduler {
  const timer = setInterval(() => {
    try {
      tick(state, stepMs);
    } catch (err) {
      // A scheduler bug must not take down the server; it shows up in the test that needs it.
      console.error('[ecs-sim] scheduler tick failed', err);
    }
  }, tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
