// The controller's cost at rest, on fake time: passes run on changes and at the times controllers
// wait for, never on every tick. A Deployment that cannot complete (pods Pending on a full node)
// used to make every 250 ms tick a full pass over every object.
import { describe, expect, it } from 'vitest';
import type { SimContext } from '../context';
import { Allocators } from '../defaults';
import { FaultSwitch } from '../faults';
import { demoNode } from '../nodes';
import { PRIMARY, resourceForKind } from '../resources';
import { Store } from '../store';
import type { KubeObject } from '../types';
import { createObject } from '../write';
import { systemClock } from '@/lib/util/clock';
import { Controller } from '.';

function cluster() {
  let now = Date.UTC(2026, 11, 1);
  const ctx: SimContext = {
    store: new Store(1000), alloc: new Allocators(), forbidden: new Set(), faults: new FaultSwitch(), held: new Set(),
    clock: systemClock, seed: 1, bookmarkIntervalMs: 1000, watches: new Map(), onWrite: () => undefined, metricsApi: true,
  };
  const create = (o: KubeObject) => {
    const def = resourceForKind(o.apiVersion, o.kind)!;
    createObject(ctx, def, def.namespaced ? o.metadata.namespace ?? 'default' : undefined, o, undefined, true);
  };
  createObject(ctx, PRIMARY.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  create(demoNode(0, 1));
  const controller = new Controller(ctx, { intervalMs: 250, podReadyDelayMs: 1500, podTerminationDelayMs: 1000, now: () => now });
  /** Ticks every 250 ms of fake time, as the timer would. */
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 250) {
      now += 250;
      controller.tick();
    }
  };
  return { ctx, create, controller, run };
}

const deployment = (replicas: number, name = 'web'): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
  spec: {
    replicas, selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
  },
});

describe('simulated controller at rest', () => {
  it('a Deployment that cannot complete (pods Pending on a full node) costs no passes until its progress deadline', () => {
    const c = cluster();
    c.create(deployment(130));
    c.run(10_000);
    const pods = c.ctx.store.list('pods');
    expect(pods).toHaveLength(130);
    // The one node takes 110 pods (its allocatable `pods`); 20 stay Pending, unschedulable.
    expect(pods.filter((p) => p.status?.phase === 'Running')).toHaveLength(110);
    expect(pods.filter((p) => p.status?.phase === 'Pending' && p.status.conditions?.[0]?.reason === 'Unschedulable')).toHaveLength(20);

    // Less than the event sweep's minute: no pass at all (there were 200, one per tick, before).
    const settled = c.controller.passes;
    c.run(45_000);
    expect(c.controller.passes).toBe(settled);

    // The progress deadline (600 s) still fires, with a pass or two around it.
    c.run(600_000);
    const d = c.ctx.store.get('deployments.apps', 'default', 'web')!;
    expect(d.status.conditions.find((x: { type: string }) => x.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    // The event sweep (once a minute) is a pass of its own; nothing else runs.
    expect(c.controller.passes - settled).toBeLessThanOrEqual(3 + Math.ceil(645_000 / 60_000));
  });

  it('pods still start after their ready delay with no change to wake the controller', () => {
    const c = cluster();
    c.create(deployment(2));
    c.run(1000);
    expect(c.ctx.store.list('pods').map((p) => p.status?.phase)).toEqual(['Pending', 'Pending']);
    c.run(1000);
    expect(c.ctx.store.list('pods').map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
    c.run(2000);
    expect(c.ctx.store.get('deployments.apps', 'default', 'web')!.status.availableReplicas).toBe(2);
    const settled = c.controller.passes;
    c.run(30_000);
    expect(c.controller.passes).toBe(settled);
  });

  it('a scale-up reconciles only the Deployment scaled and its ReplicaSet, not every workload on each pass', () => {
    const c = cluster();
    for (let i = 0; i < 40; i++) c.create(deployment(1, `app-${i}`));
    c.run(10_000);
    expect(c.ctx.store.list('pods').filter((p) => p.status?.phase === 'Running')).toHaveLength(40);
    const before = c.controller.reconciled;
    const passes = c.controller.passes;
    const d = c.ctx.store.get('deployments.apps', 'default', 'app-7')!;
    c.ctx.store.update('deployments.apps', { ...d, spec: { ...d.spec, replicas: 3 } });
    c.run(10_000);
    expect(c.ctx.store.list('pods').filter((p) => p.status?.phase === 'Running')).toHaveLength(42);
    expect(c.ctx.store.get('deployments.apps', 'default', 'app-7')!.status.availableReplicas).toBe(3);
    // Several passes ran (scale, create, schedule, start, statuses); each reconciled the one
    // Deployment and its ReplicaSet, where every pass used to reconcile all 80 objects.
    const ran = c.controller.passes - passes;
    expect(ran).toBeGreaterThan(2);
    expect(c.controller.reconciled - before).toBeLessThanOrEqual(2 * ran);
  });
});
