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

const sameAppBucket = (index: RelatedIndex, rule: SameAppRule, w: Workload) => {
  const key = sameAppKey(rule, w);
  return key === undefined ? undefined : index.sameApp.get(key);
};

/** One pass over the snapshot. Lists keep the snapshot's order (by id). */
export function relatedIndex(snapshot: Snapshot): RelatedIndex {
  const index: RelatedIndex = {
    sources: snapshot.sources, workloads: new Map(), revisions: new Map(), instances: new Map(), endpoints: new Map(),
    configsUsedBy: new Map(), configMapsByName: new Map(), secretsUsedBy: new Map(), secretsByName: new Map(),
    volumesUsedBy: new Map(), claimsByGroup: new Map(), autoscalers: new Map(), events: new Map(), sameApp: new Map(),
  };
  for (const w of snapshot.workloads) {
    index.workloads.set(w.id, w);
    for (const rule of SAME_APP_RULES) add(index.sameApp, sameAppKey(rule, w), w);
  }
  for (const r of snapshot.revisions) add(index.revisions, r.workload, r);
  for (const i of snapshot.instances) add(index.instances, i.workload, i);
  for (const e of snapshot.endpoints) for (const w of new Set(e.workloads)) add(index.endpoints, w, e);
  for (const c of snapshot.configs) {
    for (const w of new Set(c.usedBy)) add(index.configsUsedBy, w, c);
    if (c.configKind === 'configMap') add(index.configMapsByName, nameKey(c, c.name), c);
  }
  for (const secret of snapshot.secrets) {
    for (const w of new Set(secret.usedBy)) add(index.secretsUsedBy, w, secret);
    if (secret.secretKind === 'secret') add(index.secretsByName, nameKey(secret, secret.name), secret);
  }
  for (const v of snapshot.volumes) {
    for (const w of new Set(v.usedBy)) add(index.volumesUsedBy, w, v);
    if (v.backing === 'PersistentVolumeClaim') add(index.claimsByGroup, groupKey(v), v);
  }
  for (const a of snapshot.autoscalers) add(index.autoscalers, a.target, a);
  for (const e of snapshot.events) {
    add(index.events, e.workload, e);
    if (e.involved.id !== undefined && e.involved.id !== e.workload) add(index.events, e.involved.id, e);
  }
  return index;
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
  const index = 'generatedAt' in source ? relatedIndex(source) : source;
  const workload = index.workloads.get(id);
  if (!workload) return undefined;
  const revisions = [...(index.revisions.get(id) ?? [])]
    .sort((a, b) => revisionRank(a) - revisionRank(b) || Number(b.revision) - Number(a.revision) || b.revision.localeCompare(a.revision));
  const instances = [...(index.instances.get(id) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const revIds = new Set(revisions.map((r) => r.id));
  const perRevision = new Map<string, number>();
  for (const i of instances) {
    const key = i.revision && revIds.has(i.revision) ? i.revision : '';
    perRevision.set(key, (perRevision.get(key) ?? 0) + 1);
  }
  const named = <T>(m: Multi<T>, names: Set<string>) => [...names].flatMap((n) => m.get(nameKey(workload, n)) ?? []);
  // Objects the adapter did not link (usedBy) but the template names: a snapshot not made by the adapter, StatefulSet claims.
  const isClaimOf = declaredClaims(workload);
  const groupClaims = isClaimOf ? (index.claimsByGroup.get(groupKey(workload)) ?? []).filter((v) => isClaimOf(v.name)) : [];
  const events = union(...[id, ...revIds, ...instances.map((i) => i.id)].map((k) => index.events.get(k)))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return {
    sources: index.sources,
    workload,
    revisions,
    instances,
    instancesByRevision: [...perRevision].map(([revision, count]) => ({ revision, count })),
    endpoints: index.endpoints.get(id) ?? [],
    configs: union(index.configsUsedBy.get(id), named(index.configMapsByName, declaredRefs(workload.template, 'config'))),
    secrets: union(index.secretsUsedBy.get(id), named(index.secretsByName, declaredRefs(workload.template, 'secret'))),
    volumes: union(index.volumesUsedBy.get(id), groupClaims),
    autoscalers: index.autoscalers.get(id) ?? [],
    events,
    // A workload may sit in several buckets: once each, in id order, as alsoOn over every workload would see them.
    alsoOn: alsoOn(workload, union(...SAME_APP_RULES.map((rule) => sameAppBucket(index, rule, workload)))),
  };
}
