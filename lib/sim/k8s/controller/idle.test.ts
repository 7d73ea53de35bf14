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

const deployment = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
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
});
