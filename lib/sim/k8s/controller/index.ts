/**
 * The simulated control plane: a timer loop running scheduler, kubelet, workload, endpoint,
 * volume and HPA controllers, plus garbage collection of objects whose owners are gone.
 * A pass runs only when the store changed since the last one, or at the time a controller said it
 * waits for (wakeAt: a pod's start delay, a Deployment's progress deadline). A cluster that is
 * done, or stuck (pods Pending on full nodes, a Deployment that cannot complete), costs nothing
 * between changes: a pass is a walk over every object, so running one per tick at 10,000 pods
 * took over a second of CPU every two seconds.
 */
import type { SimContext } from '../context';
import { PRIMARY } from '../resources';
import { deletePod } from '../termination';
import { createObject } from '../write';
import { reconcileDeployments, reconcileReplicaSets } from './deployments';
import { EventRecorder } from './events';
import { reconcilePods } from './pods';
import { reconcileHpas, reconcileServices } from './services';
import type { Ctl } from './types';
import { UnchangedInputs } from './unchanged';
import { indexByController, nowIso } from './util';
import { reconcileClaims, reconcileDaemonSets, reconcileStatefulSets } from './workloads';

export interface ControllerOptions {
  intervalMs: number;
  podReadyDelayMs: number;
  /** Time a deleted bound pod stays Terminating. */
  podTerminationDelayMs: number;
  /** Events older than this are deleted, like the API server's 1 h event TTL. */
  eventTtlMs?: number;
  /** Epoch ms; default Date.now (the controller keeps real time; tests pass a fake). */
  now?: () => number;
}

const EVENT_SWEEP_MS = 60_000;

export class Controller {
  private timer?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;
  private lastRv = -1;
  /** The earliest time a controller waits for (Infinity: none). */
  private wakeAt = Infinity;
  private running = false;
  private gcNeeded = false;
  private lastEventSweep: number;
  /** Passes run so far (tests check that an idle cluster runs none). */
  passes = 0;
  /** Deployments and ReplicaSets reconciled so far (tests check that a pass skips unchanged ones). */
  get reconciled(): number {
    return this.unchangedDeployments.ran + this.unchangedReplicaSets.ran;
  }
  private readonly now: () => number;
  private readonly scheduledAt = new Map<string, number>();
  private readonly terminatingSince = new Map<string, number>();
  private readonly events: EventRecorder;
  private readonly unchangedDeployments = new UnchangedInputs();
  private readonly unchangedReplicaSets = new UnchangedInputs();
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: SimContext, private readonly opts: ControllerOptions) {
    this.now = opts.now ?? Date.now;
    this.lastEventSweep = this.now();
    this.events = new EventRecorder(ctx.store);
    this.unsubscribe = ctx.store.subscribe((ev) => {
      if (ev.type !== 'DELETED') return;
      this.gcNeeded = true;
      if (ev.key === 'pods' && ev.obj.metadata.uid) {
        this.scheduledAt.delete(ev.obj.metadata.uid);
        this.terminatingSince.delete(ev.obj.metadata.uid);
      }
    });
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.opts.intervalMs);
    this.timer.unref();
  }

  /** Runs a pass shortly (coalesced), after an API write. */
  kick(): void {
    if (this.soon || this.running || !this.timer) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      this.tick();
    }, 5);
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.soon);
    this.timer = undefined;
    this.unsubscribe();
  }

  tick(): void {
    if (this.running) return;
    const now = this.now();
    const idle = this.ctx.store.resourceVersion === this.lastRv && now < this.wakeAt && !this.gcNeeded;
    if (idle && now - this.lastEventSweep <= EVENT_SWEEP_MS) return;
    this.running = true;
    // A pass that writes makes the next one run too, so controllers see each other's updates.
    this.lastRv = this.ctx.store.resourceVersion;
    try {
      this.pass();
    } catch (err) {
      // A controller bug must not take the API server down; the next pass retries.
      console.error('[k8s-sim] controller pass failed:', err);
    } finally {
      this.running = false;
    }
  }

  private pass(): void {
    const store = this.ctx.store;
    const now = this.now();
    this.passes++;
    let wakeAt = Infinity;
    const ctl: Ctl = {
      ctx: this.ctx,
      now: nowIso(now),
      nowMs: now,
      podReadyDelayMs: this.opts.podReadyDelayMs,
      podTerminationDelayMs: this.opts.podTerminationDelayMs,
      terminatingSince: this.terminatingSince,
      scheduledAt: this.scheduledAt,
      wakeAt: (ms) => { wakeAt = Math.min(wakeAt, ms); },
      create: (key, obj) => createObject(this.ctx, PRIMARY[key], obj.metadata.namespace, obj),
      update: (key, obj) => store.update(key, obj),
      remove: (key, obj) => {
        if (key === 'pods') deletePod(store, obj);
        else if (store.get(key, obj.metadata.namespace, obj.metadata.name)) store.delete(key, obj.metadata.namespace, obj.metadata.name);
      },
      event: (involved, reason, message, component, type, host) => this.events.record(involved, reason, message, component, type, host),
    };
    if (this.gcNeeded) this.collectGarbage();
    if (now - this.lastEventSweep > EVENT_SWEEP_MS) this.expireEvents(now);

    const nodes = store.list('nodes');
    reconcileDeployments(ctl, store.list('deployments.apps'), indexByController(store.list('replicasets.apps')), this.unchangedDeployments);
    const revs = indexByController(store.list('controllerrevisions.apps'));
    // One index of pods by owner for the three workload controllers: each creates and deletes only
    // pods it owns, so what one writes changes nothing the next reads from the index.
    const podsByOwner = indexByController(store.list('pods'));
    reconcileReplicaSets(ctl, store.list('replicasets.apps'), podsByOwner, this.unchangedReplicaSets);
    reconcileStatefulSets(ctl, store.list('statefulsets.apps'), podsByOwner, revs);
    reconcileDaemonSets(ctl, store.list('daemonsets.apps'), podsByOwner, nodes, revs);
    reconcileClaims(ctl, store.list('persistentvolumeclaims'));
    // The pods as each controller before left them: new ones are scheduled, then served, in this pass.
    reconcilePods(ctl, store.list('pods'), nodes);
    reconcileServices(ctl, store.list('services'), store.list('pods'), store.list('endpointslices.discovery.k8s.io'), nodes);
    reconcileHpas(ctl, store.list('horizontalpodautoscalers.autoscaling'));
    this.wakeAt = wakeAt;
  }

  private expireEvents(now: number): void {
    this.lastEventSweep = now;
    const ttl = this.opts.eventTtlMs ?? 3_600_000;
    for (const e of this.ctx.store.list('events')) {
      const last = Date.parse(String(e.lastTimestamp ?? e.metadata.creationTimestamp));
      if (now - last > ttl) this.ctx.store.delete('events', e.metadata.namespace, e.metadata.name);
    }
  }

  /** Deletes objects all of whose owners are gone (background cascading deletion). */
  private collectGarbage(): void {
    const store = this.ctx.store;
    for (let round = 0; round < 10; round++) {
      this.gcNeeded = false;
      const uids = store.allUids();
      let deleted = 0;
      for (const key of store.keys()) {
        for (const o of store.list(key)) {
          const refs = o.metadata.ownerReferences;
          if (!refs?.length || refs.some((r) => uids.has(r.uid)) || o.metadata.deletionTimestamp) continue;
          if (key === 'pods') deletePod(store, o);
          else store.delete(key, o.metadata.namespace, o.metadata.name);
          if (o.metadata.uid) this.scheduledAt.delete(o.metadata.uid);
          deleted++;
        }
      }
      if (!deleted) break;
    }
    this.gcNeeded = false;
  }
}
