// Which objects belong to one workload, for GET /api/workload?id=… (the detail page). Pure, run on
// the server: the page then downloads one workload's slice instead of every instance and event of
// every source. Finding them by scanning every collection would cost O(all objects) per request (at
// 150,000 pods, tens of ms, for every open detail page on every change tick); instead one pass
// builds an index per snapshot (the server caches it per inventory version) and a request then
// costs only what it returns.
import type { Autoscaler, Config, Endpoint, Instance, ModelEvent, Revision, Secret, Snapshot, Source, Volume, Workload } from '@/lib/model';
import { declaredClaims, declaredRefs } from '@/lib/relations/kubernetes';
import { alsoOn, APP_LABEL, SAME_APP_RULES, type SameAppRule } from '@/lib/relations/same-app';
import type { WorkloadDetail } from './detail';

type Multi<T> = Map<string, T[]>;

export interface RelatedIndex {
  sources: Source[];
  workloads: Map<string, Workload>;
  revisions: Multi<Revision>;
  instances: Multi<Instance>;
  endpoints: Multi<Endpoint>;
  /** By workload id in usedBy, and config maps / secrets / claims by group + name (template references). */
  configsUsedBy: Multi<Config>;
  configMapsByName: Multi<Config>;
  secretsUsedBy: Multi<Secret>;
  secretsByName: Multi<Secret>;
  volumesUsedBy: Multi<Volume>;
  claimsByGroup: Multi<Volume>;
  autoscalers: Multi<Autoscaler>;
  /** By the workload id it concerns and by the id of the object involved (instance, revision). */
  events: Multi<ModelEvent>;
  /** Workloads by each same-application rule's key (sameAppKey). */
  sameApp: Multi<Workload>;
}

function add<T>(m: Multi<T>, key: string | undefined, v: T): void {
  if (key === undefined) return;
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

/** Objects of one workload's namespace (Kubernetes) or cluster (ECS): the source and group ids together. */
const groupKey = (o: { source: string; group?: string }) => `${o.source}\n${o.group ?? ''}`;
const nameKey = (o: { source: string; group?: string }, name: string) => `${groupKey(o)}\n${name}`;

const sameAppKey = (rule: SameAppRule, w: Workload) => {
  const key = rule.key(w, APP_LABEL);
  return key === undefined ? undefined : `${rule.by}\n${key}`;
};

const sameAppBucket = (ix: RelatedIndex, rule: SameAppRule, w: Workload) => {
  const key = sameAppKey(rule, w);
  return key === undefined ? undefined : ix.sameApp.get(key);
};

/** One pass over the snapshot. Lists keep the snapshot's order (by id). */
export function relatedIndex(s: Snapshot): RelatedIndex {
  const ix: RelatedIndex = {
    sources: s.sources, workloads: new Map(), revisions: new Map(), instances: new Map(), endpoints: new Map(),
    configsUsedBy: new Map(), configMapsByName: new Map(), secretsUsedBy: new Map(), secretsByName: new Map(),
    volumesUsedBy: new Map(), claimsByGroup: new Map(), autoscalers: new Map(), events: new Map(), sameApp: new Map(),
  };
  for (const w of s.workloads) {
    ix.workloads.set(w.id, w);
    for (const rule of SAME_APP_RULES) add(ix.sameApp, sameAppKey(rule, w), w);
  }
  for (const r of s.revisions) add(ix.revisions, r.workload, r);
  for (const i of s.instances) add(ix.instances, i.workload, i);
  for (const e of s.endpoints) for (const w of new Set(e.workloads)) add(ix.endpoints, w, e);
  for (const c of s.configs) {
    for (const w of new Set(c.usedBy)) add(ix.configsUsedBy, w, c);
    if (c.configKind === 'configMap') add(ix.configMapsByName, nameKey(c, c.name), c);
  }
  for (const x of s.secrets) {
    for (const w of new Set(x.usedBy)) add(ix.secretsUsedBy, w, x);
    if (x.secretKind === 'secret') add(ix.secretsByName, nameKey(x, x.name), x);
  }
  for (const v of s.volumes) {
    for (const w of new Set(v.usedBy)) add(ix.volumesUsedBy, w, v);
    if (v.backing === 'PersistentVolumeClaim') add(ix.claimsByGroup, groupKey(v), v);
  }
  for (const a of s.autoscalers) add(ix.autoscalers, a.target, a);
  for (const e of s.events) {
    add(ix.events, e.workload, e);
    if (e.involved.id !== undefined && e.involved.id !== e.workload) add(ix.events, e.involved.id, e);
  }
  return ix;
}

function revisionRank(r: Revision): number {
  return r.state === 'current' ? 0 : r.state === 'previous' ? 1 : 2;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The union of several lists, each object once, in id order (the snapshot's). */
function union<T extends { id: string }>(...lists: (T[] | undefined)[]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const o of list ?? []) seen.set(o.id, o);
  return [...seen.values()].sort(byId);
}

/** Everything the detail page shows about workload `id`, or undefined when there is no such workload. */
export function workloadDetail(source: Snapshot | RelatedIndex, id: string): WorkloadDetail | undefined {
  const ix = 'generatedAt' in source ? relatedIndex(source) : source;
  const workload = ix.workloads.get(id);
  if (!workload) return undefined;
  const revisions = [...(ix.revisions.get(id) ?? [])]
    .sort((a, b) => revisionRank(a) - revisionRank(b) || Number(b.revision) - Number(a.revision) || b.revision.localeCompare(a.revision));
  const instances = [...(ix.instances.get(id) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const revIds = new Set(revisions.map((r) => r.id));
  const perRevision = new Map<string, number>();
  for (const i of instances) {
    const key = i.revision && revIds.has(i.revision) ? i.revision : '';
    perRevision.set(key, (perRevision.get(key) ?? 0) + 1);
  }
  const named = <T>(m: Multi<T>, names: Set<string>) => [...names].flatMap((n) => m.get(nameKey(workload, n)) ?? []);
  // Objects the adapter did not link (usedBy) but the template names: a snapshot not made by the adapter, StatefulSet claims.
  const isClaimOf = declaredClaims(workload);
  const groupClaims = isClaimOf ? (ix.claimsByGroup.get(groupKey(workload)) ?? []).filter((v) => isClaimOf(v.name)) : [];
  const events = union(...[id, ...revIds, ...instances.map((i) => i.id)].map((k) => ix.events.get(k)))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return {
    sources: ix.sources,
    workload,
    revisions,
    instances,
    instancesByRevision: [...perRevision].map(([revision, count]) => ({ revision, count })),
    endpoints: ix.endpoints.get(id) ?? [],
    configs: union(ix.configsUsedBy.get(id), named(ix.configMapsByName, declaredRefs(workload.template, 'config'))),
    secrets: union(ix.secretsUsedBy.get(id), named(ix.secretsByName, declaredRefs(workload.template, 'secret'))),
    volumes: union(ix.volumesUsedBy.get(id), groupClaims),
    autoscalers: ix.autoscalers.get(id) ?? [],
    events,
    // A workload may sit in several buckets: once each, in id order, as alsoOn over every workload would see them.
    alsoOn: alsoOn(workload, union(...SAME_APP_RULES.map((rule) => sameAppBucket(ix, rule, workload)))),
  };
}
