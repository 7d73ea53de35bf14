// The adapter's live state: normalized objects per scope (the same objects the sink receives, never
// raw API objects) and the small indexes that tie kinds together. Fields that depend on other kinds
// ("derived": a pod's workload, a revision's state, resolved env values, usedBy, a Service's
// workloads and ready counts) are recomputed here whenever the objects they depend on change, in
// whatever order the kinds arrive. Which kinds depend on which is the relation table
// (lib/relations/kubernetes.ts); the indexes below find the objects one change affects.
import type { SourceSink } from '@/lib/inventory/types';
import type { Cluster } from '@/lib/model/infra';
import type { Instance } from '@/lib/model/workload';
import type { ModelObject } from '@/lib/model';
import { objId, shaped, type NormalizeContext } from './normalize/common';
import { replicaSetWorkload, revisionStates, type ControllerRevisionIndex, type PodIndex, type ReplicaSetIndex } from './normalize/pods';
import { countTargets, type IngressIndex, type ServiceIndex, type SliceSummary } from './normalize/network';
import { reresolveTemplate } from './normalize/template';
import type { WorkloadIndex } from './normalize/workloads';
import { clusterObject } from './normalize/infra';
import { kubernetesDependents, POD_TEMPLATE_HASH, selectorMatches, WORKLOAD_KINDS } from '@/lib/relations/kubernetes';
import { CLUSTER_SCOPE, KINDS, SCOPES, type Entry, type Lookups, type ResourceScope } from './kinds';

const KIND_OF_SCOPE = new Map(KINDS.map((k) => [k.scope, k.kind]));
const SCOPE_OF_KIND = new Map(KINDS.map((k) => [k.kind, k.scope]));
const WORKLOAD_SCOPES = KINDS.filter((k) => WORKLOAD_KINDS.has(k.kind)).map((k) => k.scope);
const isWorkloadScope = (s: ResourceScope) => WORKLOAD_SCOPES.includes(s);
/**
 * Scope -> the scopes whose derived fields read it (lib/relations/kubernetes.ts), in SCOPES order.
 * Which objects exactly one changed object affects is the indexes' job (react, below).
 */
const DEPENDENT_SCOPES = new Map(SCOPES.map((scope) => [scope,
  kubernetesDependents(KIND_OF_SCOPE.get(scope)!, SCOPES.map((s) => KIND_OF_SCOPE.get(s)!)).map((kind) => SCOPE_OF_KIND.get(kind)!)]));

type Target = [ResourceScope, Iterable<string>];

function addTo(m: Map<string, Set<string>>, key: string, v: string) {
  let s = m.get(key);
  if (!s) m.set(key, (s = new Set()));
  s.add(v);
}
function delFrom(m: Map<string, Set<string>>, key: string, v: string) {
  const s = m.get(key);
  if (!s) return;
  s.delete(v);
  if (s.size === 0) m.delete(key);
}
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface ClusterInfo {
  context: string;
  clusterName: string;
  server?: string;
  version?: string;
  status: string;
}

export class KubeState implements Lookups {
  private readonly maps = new Map<ResourceScope, Map<string, Entry>>(SCOPES.map((s) => [s, new Map()]));
  /** Revision id (ReplicaSet or ControllerRevision) -> pod ids, and the ready ones. */
  private readonly podsByRevision = new Map<string, Set<string>>();
  private readonly readyByRevision = new Map<string, Set<string>>();
  /** Workload id (or the revision's own id when it has no owner) -> revision ids. */
  private readonly revisionGroups = new Map<string, Set<string>>();
  private readonly refUsers = new Map<string, Set<string>>();
  private readonly workloadsByNs = new Map<string, Set<string>>();
  private readonly servicesByNs = new Map<string, Set<string>>();
  private readonly slicesByService = new Map<string, Set<string>>();
  private readonly ingressesByService = new Map<string, Set<string>>();
  private cluster?: Cluster;
  private clusterInfo?: ClusterInfo;

  constructor(private readonly ctx: NormalizeContext, private readonly sink: SourceSink) {}

  count(scope: ResourceScope): number {
    return this.maps.get(scope)!.size;
  }

  get(scope: ResourceScope, id: string): Entry | undefined {
    return this.maps.get(scope)!.get(id);
  }

  // ---- Lookups for normalizers ----
  configValue(ns: string, name: string, key: string): string | undefined {
    return this.configData(ns, name)?.[key];
  }
  secretHash(ns: string, name: string, key: string): string | undefined {
    return this.secretKeys(ns, name)?.find((k) => k.key === key)?.hash;
  }
  configData(ns: string, name: string): Readonly<Record<string, string>> | undefined {
    const e = this.get('configmaps', objId(this.ctx, ns, 'ConfigMap', name));
    return e?.obj?.kind === 'config' ? e.obj.data : undefined;
  }
  secretKeys(ns: string, name: string): readonly { key: string; hash?: string }[] | undefined {
    const e = this.get('secrets', objId(this.ctx, ns, 'Secret', name));
    return e?.obj?.kind === 'secret' ? e.obj.keys : undefined;
  }
  replicaSetOwner(ns: string, rs: string): string | null | undefined {
    const e = this.get('replicasets', objId(this.ctx, ns, 'ReplicaSet', rs));
    return e ? (e.index as ReplicaSetIndex).deployment : undefined;
  }
  nodeZone(node: string): string | undefined {
    const e = this.get('nodes', objId(this.ctx, undefined, 'Node', node));
    return e?.obj?.kind === 'node' ? e.obj.zone : undefined;
  }
  workloadOf(kind: string, ns: string, name: string): string | undefined {
    if (kind === 'Pod') {
      const e = this.get('pods', objId(this.ctx, ns, 'Pod', name));
      return e?.obj?.kind === 'instance' ? e.obj.workload : undefined;
    }
    if (kind === 'ReplicaSet') {
      const owner = this.replicaSetOwner(ns, name);
      return owner ? objId(this.ctx, ns, 'Deployment', owner) : undefined;
    }
    return undefined;
  }

  // ---- Cluster object ----
  setCluster(info: Partial<ClusterInfo> & { context: string; clusterName: string }): void {
    this.clusterInfo = { status: 'syncing', ...this.clusterInfo, ...info };
    this.emitCluster();
  }
  private emitCluster(): void {
    if (!this.clusterInfo) return;
    const next = clusterObject(this.ctx, { ...this.clusterInfo, nodes: this.count('nodes') });
    if (this.cluster && JSON.stringify(this.cluster) === JSON.stringify(next)) return;
    const first = !this.cluster;
    this.cluster = next;
    if (first) this.sink.replace(CLUSTER_SCOPE, [next]);
    else this.sink.upsert(CLUSTER_SCOPE, next);
  }

  // ---- Mutations ----
  /** Replaces a whole scope (after a complete list), then re-derives every dependent object. */
  replaceScope(scope: ResourceScope, entries: Entry[]): void {
    const map = this.maps.get(scope)!;
    for (const e of map.values()) this.unindex(scope, e);
    map.clear();
    for (const e of entries) {
      map.set(e.id, e);
      this.index(scope, e);
    }
    for (const [id, e] of map) map.set(id, this.derive(scope, e));
    if (scope !== 'endpointslices') this.sink.replace(scope, [...map.values()].map((e) => e.obj!));
    for (const [dep, ids] of this.dependentsOfAll(scope)) this.rederive(dep, ids);
  }

  upsert(scope: ResourceScope, entry: Entry): void {
    const map = this.maps.get(scope)!;
    const old = map.get(entry.id);
    if (old) this.unindex(scope, old);
    this.index(scope, entry);
    const derived = this.derive(scope, entry);
    map.set(entry.id, derived);
    if (derived.obj) this.sink.upsert(scope, derived.obj);
    this.react(scope, old, derived);
  }

  remove(scope: ResourceScope, id: string): void {
    const map = this.maps.get(scope)!;
    const old = map.get(id);
    if (!old) return;
    this.unindex(scope, old);
    map.delete(id);
    if (old.obj) this.sink.remove(scope, id);
    this.react(scope, old, undefined);
  }

  /** Resolves event workloads whose pod or ReplicaSet arrived after the event (run after a full sync). */
  resolveEventWorkloads(): void {
    this.rederive('events', [...this.maps.get('events')!.keys()]);
  }

  // ---- Indexes ----
  private index(scope: ResourceScope, e: Entry, remove = false): void {
    const put = remove ? delFrom : addTo;
    if (scope === 'pods') {
      const pod = e.obj as Instance;
      if (pod.revision) {
        put(this.podsByRevision, pod.revision, e.id);
        if (pod.ready) put(this.readyByRevision, pod.revision, e.id);
      }
    } else if (scope === 'replicasets' || scope === 'controllerrevisions') {
      put(this.revisionGroups, this.revisionGroup(e), e.id);
    } else if (isWorkloadScope(scope)) {
      const workload = e.index as WorkloadIndex;
      put(this.workloadsByNs, workload.namespace, e.id);
      for (const name of workload.refs.configs) put(this.refUsers, objId(this.ctx, workload.namespace, 'ConfigMap', name), e.id);
      for (const name of workload.refs.secrets) put(this.refUsers, objId(this.ctx, workload.namespace, 'Secret', name), e.id);
      for (const name of workload.refs.claims) put(this.refUsers, objId(this.ctx, workload.namespace, 'PersistentVolumeClaim', name), e.id);
    } else if (scope === 'services') {
      put(this.servicesByNs, (e.index as ServiceIndex).namespace, e.id);
    } else if (scope === 'endpointslices') {
      const slice = e.index as SliceSummary;
      if (slice.service) put(this.slicesByService, objId(this.ctx, slice.namespace, 'Service', slice.service), e.id);
    } else if (scope === 'ingresses') {
      const ingress = e.index as IngressIndex;
      for (const service of ingress.services) put(this.ingressesByService, objId(this.ctx, ingress.namespace, 'Service', service), e.id);
    }
  }
  private unindex(scope: ResourceScope, e: Entry): void {
    this.index(scope, e, true);
  }
  private revisionGroup(e: Entry): string {
    const revision = e.index as ReplicaSetIndex | ControllerRevisionIndex;
    if ('deployment' in revision) return revision.deployment ? objId(this.ctx, revision.namespace, 'Deployment', revision.deployment) : e.id;
    return revision.owner ?? e.id;
  }

  private revisionEntry(id: string): Entry | undefined {
    return this.get('replicasets', id) ?? this.get('controllerrevisions', id);
  }

  /** Replicas of a revision: a ReplicaSet says so itself; a ControllerRevision has the pods labelled with it. */
  private revisionReplicas(e: Entry): number {
    const revision = e.index as ReplicaSetIndex | ControllerRevisionIndex;
    return 'deployment' in revision ? revision.replicas : this.podsByRevision.get(e.id)?.size ?? 0;
  }

  // ---- Derived fields (copies built by assignment: see shaped() in normalize/common.ts) ----
  private derive(scope: ResourceScope, e: Entry): Entry {
    const obj = e.obj;
    if (!obj) return e;
    switch (obj.kind) {
      case 'instance': {
        const pod = e.index as PodIndex;
        let next = obj;
        if (pod.replicaSet) {
          const w = replicaSetWorkload(this.ctx, pod.namespace, pod.replicaSet, obj.labels[POD_TEMPLATE_HASH], this);
          if (w !== obj.workload) {
            const { workload: _drop, ...rest } = next;
            next = shaped(w ? { ...rest, workload: w } : rest);
          }
        }
        const zone = obj.nodeName ? this.nodeZone(obj.nodeName) : undefined;
        if (zone && zone !== obj.zone) next = shaped({ ...next, zone });
        return next === obj ? e : withObj(e, next);
      }
      case 'revision': {
        const group = [...(this.revisionGroups.get(this.revisionGroup(e)) ?? [])].map((id) => this.revisionEntry(id)).filter((g): g is Entry => Boolean(g));
        const states = revisionStates(group.map((g) => ({
          id: g.id, index: { revision: (g.index as ReplicaSetIndex).revision, replicas: this.revisionReplicas(g) }, createdAt: g.obj?.createdAt,
        })));
        let next = obj;
        const state = states.get(e.id) ?? obj.state;
        if (state !== obj.state) next = { ...next, state };
        if (scope === 'controllerrevisions') {
          const desired = this.podsByRevision.get(e.id)?.size ?? 0;
          const ready = this.readyByRevision.get(e.id)?.size ?? 0;
          if (desired !== obj.desired || ready !== obj.ready) next = { ...next, desired, ready };
        }
        return next === obj ? e : withObj(e, next);
      }
      case 'workload': {
        const t = reresolveTemplate(obj.template, (e.index as WorkloadIndex).namespace, this);
        return t === obj.template ? e : withObj(e, { ...obj, template: t });
      }
      case 'config':
      case 'secret':
      case 'volume': {
        if (scope === 'persistentvolumes') return e;
        const usedBy = [...(this.refUsers.get(e.id) ?? [])].sort();
        return sameList(usedBy, obj.usedBy) ? e : withObj(e, { ...obj, usedBy });
      }
      case 'endpoint': {
        let workloads: string[];
        let counts: { ready: number; notReady: number };
        if (obj.endpointKind === 'service') {
          const service = e.index as ServiceIndex;
          workloads = [...(this.workloadsByNs.get(service.namespace) ?? [])].filter((workloadId) => {
            const w = this.workloadEntry(workloadId);
            return w ? selectorMatches(service.selector, (w.index as WorkloadIndex).templateLabels) : false;
          }).sort();
          const slices = [...(this.slicesByService.get(e.id) ?? [])].map((sid) => this.get('endpointslices', sid)?.index as SliceSummary).filter(Boolean);
          counts = countTargets(slices);
        } else {
          const ingress = e.index as IngressIndex;
          const ws = new Set<string>();
          counts = { ready: 0, notReady: 0 };
          for (const name of ingress.services) {
            const svc = this.get('services', objId(this.ctx, ingress.namespace, 'Service', name))?.obj;
            if (svc?.kind !== 'endpoint') continue;
            svc.workloads.forEach((w) => ws.add(w));
            counts.ready += svc.readyTargets;
            counts.notReady += svc.notReadyTargets;
          }
          workloads = [...ws].sort();
        }
        if (sameList(workloads, obj.workloads) && counts.ready === obj.readyTargets && counts.notReady === obj.notReadyTargets) return e;
        return withObj(e, { ...obj, workloads, readyTargets: counts.ready, notReadyTargets: counts.notReady });
      }
      case 'event': {
        if (obj.workload || !obj.involved.name) return e;
        const ns = obj.groupName ?? '';
        const w = this.workloadOf(obj.involved.kind, ns, obj.involved.name);
        return w ? withObj(e, { ...obj, workload: w }) : e;
      }
      default:
        return e;
    }
  }

  private workloadEntry(id: string): Entry | undefined {
    for (const s of WORKLOAD_SCOPES) {
      const e = this.get(s, id);
      if (e) return e;
    }
    return undefined;
  }

  private rederive(scope: ResourceScope, ids: Iterable<string>): void {
    const map = this.maps.get(scope)!;
    const changed: string[] = [];
    for (const id of ids) {
      const e = map.get(id);
      if (!e) continue;
      const d = this.derive(scope, e);
      if (d === e) continue;
      map.set(id, d);
      if (d.obj) this.sink.upsert(scope, d.obj);
      changed.push(id);
    }
    // A Service's workloads and counts feed the Ingresses routing to it.
    if (scope === 'services' && changed.length) this.rederive('ingresses', this.ingressesOf(changed));
  }

  private groupsOf(entries: Entry[]): Set<string> {
    return new Set(entries.flatMap((e) => [...(this.revisionGroups.get(this.revisionGroup(e)) ?? [])]));
  }

  private ingressesOf(serviceIds: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const s of serviceIds) for (const i of this.ingressesByService.get(s) ?? []) out.add(i);
    return out;
  }

  /** After a whole scope was replaced: every object that may depend on it, by the relation rules. */
  private dependentsOfAll(scope: ResourceScope): Target[] {
    if (scope === 'nodes') this.emitCluster();
    return (DEPENDENT_SCOPES.get(scope) ?? []).map((s): Target => [s, [...this.maps.get(s)!.keys()]]);
  }

  /** After one object changed (old and/or new): the objects whose derived fields may change. */
  private react(scope: ResourceScope, old: Entry | undefined, next: Entry | undefined): void {
    const entries = [old, next].filter((x): x is Entry => Boolean(x));
    if (scope === 'replicasets') {
      this.rederive('pods', entries.flatMap((e) => [...(this.podsByRevision.get(e.id) ?? [])]));
      this.rederive('replicasets', this.groupsOf(entries));
    } else if (scope === 'controllerrevisions') {
      this.rederive('controllerrevisions', this.groupsOf(entries));
    } else if (scope === 'pods') {
      // A pod joining, leaving or changing readiness changes its ControllerRevision's counts.
      const [before, after] = [old?.obj as Instance | undefined, next?.obj as Instance | undefined];
      if (before && after && before.revision === after.revision && before.ready === after.ready) return;
      const revisions = [before?.revision, after?.revision].map((id) => (id ? this.get('controllerrevisions', id) : undefined)).filter((x): x is Entry => Boolean(x));
      if (revisions.length) this.rederive('controllerrevisions', this.groupsOf(revisions));
    } else if (isWorkloadScope(scope)) {
      const [before, after] = [old?.index as WorkloadIndex | undefined, next?.index as WorkloadIndex | undefined];
      // Status-only updates (the common case during rollouts) change neither matching nor references.
      if (before && after && before.namespace === after.namespace && sameJson(before.templateLabels, after.templateLabels) && sameJson(before.refs, after.refs)) return;
      const versions = [before, after].filter((x): x is WorkloadIndex => Boolean(x));
      // Only Services selecting the old or the new pod-template labels can gain or lose this workload.
      this.rederive('services', new Set(versions.flatMap((workload) => [...(this.servicesByNs.get(workload.namespace) ?? [])].filter((serviceId) =>
        selectorMatches((this.get('services', serviceId)?.index as ServiceIndex | undefined)?.selector, workload.templateLabels)))));
      const referenced = (kind: string, pick: (workload: WorkloadIndex) => string[]) =>
        new Set(versions.flatMap((workload) => pick(workload).map((name) => objId(this.ctx, workload.namespace, kind, name))));
      this.rederive('configmaps', referenced('ConfigMap', (workload) => workload.refs.configs));
      this.rederive('secrets', referenced('Secret', (workload) => workload.refs.secrets));
      this.rederive('persistentvolumeclaims', referenced('PersistentVolumeClaim', (workload) => workload.refs.claims));
    } else if (scope === 'configmaps' || scope === 'secrets') {
      const users = new Set(entries.flatMap((e) => [...(this.refUsers.get(e.id) ?? [])]));
      for (const s of WORKLOAD_SCOPES) this.rederive(s, users);
    } else if (scope === 'endpointslices') {
      this.rederive('services', new Set(entries.flatMap((e) => {
        const s = e.index as SliceSummary;
        return s.service ? [objId(this.ctx, s.namespace, 'Service', s.service)] : [];
      })));
    } else if (scope === 'services') {
      this.rederive('ingresses', this.ingressesOf(entries.map((e) => e.id)));
    } else if (scope === 'nodes') {
      this.emitCluster();
    }
  }
}

/** An entry with its object replaced: a literal, so that every entry has the same hidden class. */
function withObj(e: Entry, obj: ModelObject): Entry {
  return { id: e.id, obj, index: e.index } as Entry;
}
