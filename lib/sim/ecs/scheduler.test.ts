// The scheduler and placement as pure state transitions, on a fake clock (no HTTP).
import { describe, expect, it } from 'vitest';
import { createCluster, registerTaskDefinition } from './ecs-clusters';
import { registerContainerInstance } from './ecs-instances';
import { createService, describeServices, updateService } from './ecs-services';
import { runTask } from './ecs-tasks';
import { Params, type Json } from './params';
import { STOPPED_RETENTION_MS, tick } from './scheduler';
import { SimState } from './state';

const STEP = 10;

function world(instances: { type?: string; az?: string }[]) {
  let now = 1_700_000_000_000;
  const state = new SimState('us-east-1', '000000000000', () => now);
  createCluster(state, Params.from({ clusterName: 'c' }));
  instances.forEach((i, n) =>
    registerContainerInstance(
      state,
      Params.from({ cluster: 'c', instanceIdentityDocument: JSON.stringify({ instanceId: `i-${(0x1000000000 + n).toString(16)}`, instanceType: i.type ?? 't3.medium', availabilityZone: i.az ?? 'us-east-1a' }) }),
    ),
  );
  const call = <T extends Json>(fn: (s: SimState, p: Params) => Json, input: Json): T => fn(state, Params.from(input)) as T;
  const advance = (ticks = 1): void => {
    for (let i = 0; i < ticks; i++) {
      now += STEP;
      tick(state, STEP);
    }
  };
  const tasksOf = (service: string) => [...state.tasks.values()].filter((t) => t.serviceName === service);
  const byInstance = (service: string) => {
    const m = new Map<string, number>();
    for (const t of tasksOf(service)) if (t.desiredStatus === 'RUNNING') m.set(t.containerInstanceArn ?? '-', (m.get(t.containerInstanceArn ?? '-') ?? 0) + 1);
    return [...m.values()].sort();
  };
  return { state, call, advance, tasksOf, byInstance, later: (ms: number) => (now += ms) };
}

const td = (family: string, extra: Json = {}, container: Json = {}): Json => ({
  family,
  containerDefinitions: [{ name: 'app', image: 'app:1', cpu: 256, memory: 512, ...container }],
  ...extra,
});

describe('placement', () => {
  it('spreads across zones, then instances', () => {
    const w = world([{ az: 'us-east-1a' }, { az: 'us-east-1a' }, { az: 'us-east-1b' }]);
    w.call(registerTaskDefinition, td('a'));
    w.call(createService, { cluster: 'c', serviceName: 's', taskDefinition: 'a', desiredCount: 4 });
    w.advance();
    const zones = w.tasksOf('s').map((t) => t.availabilityZone).sort();
    expect(zones).toEqual(['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1b']);
    expect(w.byInstance('s')).toEqual([1, 1, 2]);
  });

  it('binpacks on memory when asked', () => {
    const w = world([{}, {}, {}]);
    w.call(registerTaskDefinition, td('a'));
    w.call(createService, { cluster: 'c', serviceName: 's', taskDefinition: 'a', desiredCount: 5, placementStrategy: [{ type: 'binpack', field: 'memory' }] });
    w.advance();
    // t3.medium: 3904 MiB, 512 per task -> 7 fit on one instance.
    expect(w.byInstance('s')).toEqual([5]);
  });

  it('honours memberOf, static host ports and resource limits, with ECS failure reasons', () => {
    const w = world([{ type: 't3.micro' }, { type: 'm5.large' }]);
    w.call(registerTaskDefinition, td('web', { networkMode: 'bridge' }, { portMappings: [{ containerPort: 80, hostPort: 8080 }] }));
    const run = w.call<{ tasks: Json[]; failures: Json[] }>(runTask, { cluster: 'c', taskDefinition: 'web', count: 3, placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type == m5.large' }] });
    expect(run.tasks).toHaveLength(1);
    expect(run.failures.map((f) => f.reason)).toEqual(['ATTRIBUTE', 'ATTRIBUTE']);
    w.call(registerTaskDefinition, td('huge', {}, { cpu: 4096, memory: 512 }));
    const huge = w.call<{ tasks: Json[]; failures: Json[] }>(runTask, { cluster: 'c', taskDefinition: 'huge' });
    expect(huge.failures[0]?.reason).toBe('RESOURCE:CPU');
  });

  it('places thousands of tasks quickly', () => {
    const w = world(Array.from({ length: 100 }, () => ({ type: 'm5.2xlarge' })));
    w.call(registerTaskDefinition, td('small', {}, { cpu: 64, memory: 128 }));
    for (let i = 0; i < 50; i++) w.call(createService, { cluster: 'c', serviceName: `s${i}`, taskDefinition: 'small', desiredCount: 40 });
    const t0 = Date.now();
    w.advance();
    expect(w.state.tasks.size).toBe(2000);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

describe('scheduler', () => {
  it('walks tasks PROVISIONING -> PENDING -> RUNNING one step each', () => {
    const w = world([{}]);
    w.call(registerTaskDefinition, td('a'));
    w.call(createService, { cluster: 'c', serviceName: 's', taskDefinition: 'a', desiredCount: 1 });
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      w.advance();
      seen.push(w.tasksOf('s')[0]?.lastStatus ?? '-');
    }
    expect(seen).toEqual(['PROVISIONING', 'PENDING', 'RUNNING', 'RUNNING']);
  });

  it('rolls deployments, drains the old one, writes events newest first, forgets stopped tasks after an hour', () => {
    const w = world([{}, {}]);
    w.call(registerTaskDefinition, td('a'));
    w.call(createService, { cluster: 'c', serviceName: 'web', taskDefinition: 'a', desiredCount: 2 });
    w.advance(4);
    w.call(registerTaskDefinition, td('a', {}, { image: 'app:2' }));
    w.call(updateService, { cluster: 'c', service: 'web', taskDefinition: 'a' });
    const during: number[] = [];
    for (let i = 0; i < 8; i++) {
      w.advance();
      const svc = w.call<{ services: Json[] }>(describeServices, { cluster: 'c', services: ['web'] }).services[0] as { deployments: unknown[] };
      during.push(svc.deployments.length);
    }
    expect(during[0]).toBe(2);
    expect(during.at(-1)).toBe(1);
    const svc = w.call<{ services: { events: { message: string }[]; deployments: { rolloutState: string }[] }[] }>(describeServices, { cluster: 'c', services: ['web'] }).services[0];
    const messages = svc?.events.map((e) => e.message) ?? [];
    expect(messages[0]).toBe('(service web) has reached a steady state.');
    expect(messages.filter((m) => m.includes('has started 2 tasks'))).toHaveLength(2);
    expect(messages.some((m) => m.startsWith('(service web) has stopped 2 running tasks: (task '))).toBe(true);
    expect(svc?.deployments[0]?.rolloutState).toBe('COMPLETED');
    expect(w.tasksOf('web').filter((t) => t.lastStatus === 'STOPPED')).toHaveLength(2);
    w.later(STOPPED_RETENTION_MS + 1);
    w.advance();
    expect(w.tasksOf('web')).toHaveLength(2);
  });

  it('honours minimumHealthyPercent/maximumPercent: 0/100 stops old tasks before starting new ones', () => {
    const w = world([{}]);
    w.call(registerTaskDefinition, td('a'));
    w.call(createService, { cluster: 'c', serviceName: 's', taskDefinition: 'a', desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 0, maximumPercent: 100 } });
    w.advance(4);
    w.call(registerTaskDefinition, td('a', {}, { image: 'app:2' }));
    w.call(updateService, { cluster: 'c', service: 's', taskDefinition: 'a' });
    let maxLive = 0;
    for (let i = 0; i < 10; i++) {
      w.advance();
      maxLive = Math.max(maxLive, w.tasksOf('s').filter((t) => t.lastStatus !== 'STOPPED').length);
    }
    expect(maxLive).toBe(2);
    expect(w.tasksOf('s').filter((t) => t.lastStatus === 'RUNNING' && t.taskDefinitionArn.endsWith(':2'))).toHaveLength(2);
  });

  it('rolls a distinctInstance service with no spare instance through the minimumHealthyPercent headroom', () => {
    const w = world([{}, {}]);
    w.call(registerTaskDefinition, td('a'));
    w.call(createService, { cluster: 'c', serviceName: 's', taskDefinition: 'a', desiredCount: 2, placementConstraints: [{ type: 'distinctInstance' }], deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200 } });
    w.advance(4);
    w.call(registerTaskDefinition, td('a', {}, { image: 'app:2' }));
    w.call(updateService, { cluster: 'c', service: 's', taskDefinition: 'a' });
    let minRunning = Infinity;
    let sharedWithStopping = false;
    // Ticks of half a step (the simulator's default ratio): a stopping task is seen STOPPING by the next tick.
    for (let i = 0; i < 24; i++) {
      w.later(STEP / 2);
      tick(w.state, STEP);
      const tasks = w.tasksOf('s');
      minRunning = Math.min(minRunning, tasks.filter((t) => t.lastStatus === 'RUNNING').length);
      // ECS places by desired status: a STOPPING old task does not hold its instance for distinctInstance.
      sharedWithStopping ||= tasks.some((n) => n.taskDefinitionArn.endsWith(':2') && tasks.some((o) => o.taskDefinitionArn.endsWith(':1') && o.lastStatus === 'STOPPING' && o.containerInstanceArn === n.containerInstanceArn));
    }
    expect(minRunning).toBe(1);
    expect(sharedWithStopping).toBe(true);
    const running = w.tasksOf('s').filter((t) => t.lastStatus === 'RUNNING');
    expect(running.map((t) => t.taskDefinitionArn.split('/').pop())).toEqual(['a:2', 'a:2']);
    expect(w.byInstance('s')).toEqual([1, 1]);
    const svc = w.call<{ services: { deployments: { rolloutState: string }[] }[] }>(describeServices, { cluster: 'c', services: ['s'] }).services[0];
    expect(svc?.deployments.map((d) => d.rolloutState)).toEqual(['COMPLETED']);
  });

  it('with minimumHealthyPercent 100 and no spare instance, stops nothing and reports why it cannot place', () => {
    const w = world([{}, {}]);
    w.call(registerTaskDefinition, td('a'));
    w.call(createService, { cluster: 'c', serviceName: 's', taskDefinition: 'a', desiredCount: 2, placementConstraints: [{ type: 'distinctInstance' }] });
    w.advance(4);
    w.call(registerTaskDefinition, td('a', {}, { image: 'app:2' }));
    w.call(updateService, { cluster: 'c', service: 's', taskDefinition: 'a' });
    w.advance(20);
    expect(w.tasksOf('s').map((t) => [t.taskDefinitionArn.split('/').pop(), t.lastStatus])).toEqual([['a:1', 'RUNNING'], ['a:1', 'RUNNING']]);
    const svc = w.call<{ services: { events: { message: string }[] }[] }>(describeServices, { cluster: 'c', services: ['s'] }).services[0];
    const unable = svc?.events.filter((e) => e.message.includes('unable to place')) ?? [];
    // Written once: the same message is not repeated while its cause lasts.
    expect(unable).toHaveLength(1);
    expect(unable[0]?.message).toMatch(/^\(service s\) was unable to place a task because no container instance met all of its requirements\. The closest matching \(container-instance [0-9a-f]+\) encountered error "DistinctInstance placement constraint unsatisfied\."\. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide\.$/);
  });

  it('names an unsatisfied memberOf constraint as ECS does', () => {
    const w = world([{ type: 't3.micro' }]);
    w.call(registerTaskDefinition, td('a'));
    w.call(createService, { cluster: 'c', serviceName: 's', taskDefinition: 'a', desiredCount: 1, placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type == m5.large' }] });
    w.advance();
    const svc = w.call<{ services: { events: { message: string }[] }[] }>(describeServices, { cluster: 'c', services: ['s'] }).services[0];
    expect(svc?.events[0]?.message).toMatch(/The closest matching \(container-instance [0-9a-f]+\) encountered error "MemberOf placement constraint unsatisfied\."\. For more/);
  });

  it('rolls a DAEMON service instance by instance and follows instances joining', () => {
    const w = world([{}, {}]);
    w.call(registerTaskDefinition, td('agent'));
    w.call(createService, { cluster: 'c', serviceName: 'd', taskDefinition: 'agent', schedulingStrategy: 'DAEMON' });
    w.advance(4);
    expect(w.byInstance('d')).toEqual([1, 1]);
    registerContainerInstance(w.state, Params.from({ cluster: 'c', instanceIdentityDocument: JSON.stringify({ instanceId: 'i-0aaaaaaaaaaaaaaaa' }) }));
    w.call(registerTaskDefinition, td('agent', {}, { image: 'agent:2' }));
    w.call(updateService, { cluster: 'c', service: 'd', taskDefinition: 'agent' });
    w.advance(10);
    const running = w.tasksOf('d').filter((t) => t.lastStatus === 'RUNNING');
    expect(running).toHaveLength(3);
    expect(running.every((t) => t.taskDefinitionArn.endsWith(':2'))).toBe(true);
    expect(w.byInstance('d')).toEqual([1, 1, 1]);
  });
});
