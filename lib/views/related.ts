// Which objects belong to one workload, for GET /api/workload?id=… (the detail page). Pure, run on
// the server: the page then downloads one workload's slice instead of every instance and event of
// every source. Finding them by scanning every collection would cost O(all objects) per request (at
// 150,000 pods, tens of ms, for every open detail page on every change tick); instead one pass
// builds an index per snapshot (the server caches it per inventory version) and a request then
// costs only what it returns.
import type { Autoscaler, Config, Endpoint, Instance, ModelEvent, Revision, Secret, Snapshot, Source, Volume, Workload } from '@/lib/model';
import type { AlsoOn, WorkloadDetail } from './detail';

export const APP_LABEL = 'app.kubernetes.io/name';

/**
 * The same application on another source: the app.kubernetes.io/name label (an ECS tag of the same
 * key), else the same name. Pairing proper (explicit links, drift) belongs to the drift engine.
 * `candidates` may be every workload or only those sharing the label or the name (the index's buckets).
 */
export function alsoOn(w: Workload, candidates: Workload[]): AlsoOn[] {
  const app = w.labels[APP_LABEL];
  const others = candidates.filter((o) => o.source !== w.source && o.id !== w.id);
  const byLabel = app ? others.filter((o) => o.labels[APP_LABEL] === app) : [];
  if (byLabel.length) return byLabel.map((workload) => ({ workload, by: 'label' }));
  return others.filter((o) => o.name === w.name && (!app || !o.labels[APP_LABEL])).map((workload) => ({ workload, by: 'name' }));
}

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
  byApp: Multi<Workload>;
  byName: Multi<Workload>;
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

/** One pass over the snapshot. Lists keep the snapshot's order (by id). */
export function relatedIndex(s: Snapshot): RelatedIndex {
  const ix: RelatedIndex = {
    sources: s.sources, workloads: new Map(), revisions: new Map(), instances: new Map(), endpoints: new Map(),
    configsUsedBy: new Map(), configMapsByName: new Map(), secretsUsedBy: new Map(), secretsByName: new Map(),
    volumesUsedBy: new Map(), claimsByGroup: new Map(), autoscalers: new Map(), events: new Map(), byApp: new Map(), byName: new Map(),
  };
  for (const w of s.workloads) {
    ix.workloads.set(w.id, w);
    add(ix.byApp, w.labels[APP_LABEL], w);
    add(ix.byName, w.name, w);
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

/** Names of config maps / secrets the template refers to (Kubernetes), to relate objects the adapter did not link. */
function templateRefs(w: Workload, from: 'config' | 'secret'): Set<string> {
  const names = new Set<string>();
  for (const c of w.template.containers) {
    for (const e of c.env) if (e.from === from && e.ref?.name) names.add(e.ref.name);
    for (const e of c.envFrom) if (e.from === from) names.add(e.name);
  }
  for (const v of w.template.volumes) if (v.source === (from === 'config' ? 'configMap' : 'secret') && v.target) names.add(v.target);
  return names;
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
  const claims = new Set(workload.template.volumes.filter((v) => v.source === 'persistentVolumeClaim' && v.target).map((v) => v.target!));
  // StatefulSet claim templates make one claim per replica: <template>-<statefulset>-<ordinal>.
  const claimPrefixes = workload.template.volumes.filter((v) => v.source === 'volumeClaimTemplate').map((v) => `${v.name}-${workload.name}-`);
  const isClaimOf = (name: string) => claims.has(name) || claimPrefixes.some((p) => name.startsWith(p) && /^\d+$/.test(name.slice(p.length)));
  const groupClaims = claims.size || claimPrefixes.length ? (ix.claimsByGroup.get(groupKey(workload)) ?? []).filter((v) => isClaimOf(v.name)) : [];
  const events = union(...[id, ...revIds, ...instances.map((i) => i.id)].map((k) => ix.events.get(k)))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return {
    sources: ix.sources,
    workload,
    revisions,
    instances,
    instancesByRevision: [...perRevision].map(([revision, count]) => ({ revision, count })),
    endpoints: ix.endpoints.get(id) ?? [],
    configs: union(ix.configsUsedBy.get(id), named(ix.configMapsByName, templateRefs(workload, 'config'))),
    secrets: union(ix.secretsUsedBy.get(id), named(ix.secretsByName, templateRefs(workload, 'secret'))),
    volumes: union(ix.volumesUsedBy.get(id), groupClaims),
    autoscalers: ix.autoscalers.get(id) ?? [],
    events,
    // A workload may sit in both buckets: once each, in id order, as alsoOn over every workload would see them.
    alsoOn: alsoOn(workload, union(workload.labels[APP_LABEL] ? ix.byApp.get(workload.labels[APP_LABEL]) : undefined, ix.byName.get(workload.name))),
  };
}
