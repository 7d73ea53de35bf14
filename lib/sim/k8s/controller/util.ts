/** Helpers shared by the simulated controllers. */
import { createHash } from 'node:crypto';
import { canonicalJson, isRecord, type Dict, type KubeObject, type OwnerReference } from '../types';

export { canonicalJson };

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * A pod-template-hash: a hash of the pod template rendered with apimachinery's safe alphabet
 * (no vowels), 10 characters like those of real ReplicaSets (`web-7d4b9c8f6d`).
 */
export function templateHash(template: unknown): string {
  // Stored objects are never mutated (a write replaces them), so a template's hash is kept with it:
  // the controllers ask for every workload's on every pass.
  const known = isRecord(template) ? hashes.get(template) : undefined;
  if (known) return known;
  const hash = hashOf(template);
  if (isRecord(template)) hashes.set(template, hash);
  return hash;
}

const hashes = new WeakMap<object, string>();

function hashOf(template: unknown): string {
  const digest = createHash('sha256').update(canonicalJson(template ?? {})).digest();
  let s = '';
  for (let i = 0; i < 10; i++) s += SAFE[digest[i] % SAFE.length];
  return s;
}

export function shortHex(seed: string, n = 16): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, n);
}

export function controllerOf(o: KubeObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * Objects grouped by the uid of their controller owner. Kept with the list it was made from: the
 * store hands out the same list until a write, so a pass that changed no pods indexes none.
 */
export function indexByController(objs: KubeObject[]): Map<string, KubeObject[]> {
  const known = indexes.get(objs);
  if (known) return known;
  const m = new Map<string, KubeObject[]>();
  if (Object.isFrozen(objs)) indexes.set(objs, m);
  for (const o of objs) {
    const c = controllerOf(o);
    if (!c) continue;
    let l = m.get(c.uid);
    if (!l) m.set(c.uid, (l = []));
    l.push(o);
  }
  return m;
}

const indexes = new WeakMap<KubeObject[], Map<string, KubeObject[]>>();

export function isPodReady(p: KubeObject): boolean {
  if (p.metadata.deletionTimestamp) return false;
  const conds: unknown = p.status?.conditions;
  return Array.isArray(conds) && conds.some((c) => isRecord(c) && c.type === 'Ready' && c.status === 'True');
}

export function isActivePod(p: KubeObject): boolean {
  const phase = p.status?.phase;
  return !p.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

export function nowIso(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Resolves an IntOrString percentage ("25%") against a total, as the deployment controller does. */
export function intOrPercent(v: unknown, total: number, roundUp: boolean, dflt: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) {
    const x = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return dflt;
}

/** Replaces a condition of `type`, keeping lastTransitionTime when its status is unchanged. */
export function setCondition(conds: Dict[], next: Dict, now: string): Dict[] {
  const prev = conds.find((c) => c.type === next.type);
  const same = prev && prev.status === next.status && prev.reason === next.reason && prev.message === next.message;
  const c: Dict = same
    ? next.lastUpdateTime && next.lastUpdateTime !== prev.lastUpdateTime
      ? { ...prev, lastUpdateTime: next.lastUpdateTime }
      : prev
    : { ...next, lastUpdateTime: now, lastTransitionTime: prev && prev.status === next.status ? prev.lastTransitionTime : now };
  return [...conds.filter((x) => x.type !== next.type), c];
}

export function podTemplateLabels(owner: KubeObject): Record<string, string> {
  const l: unknown = owner.spec?.template?.metadata?.labels;
  return isRecord(l) ? { ...(l as Record<string, string>) } : {};
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function podContainers(p: KubeObject): Dict[] {
  return Array.isArray(p.spec?.containers) ? (p.spec.containers as unknown[]).filter(isRecord) : [];
}

/** containerStatuses of a pod whose containers are all waiting (creating, image pull back-off). */
export function waitingStatuses(p: KubeObject, waiting: { reason: string; message?: string } | ((c: Dict) => { reason: string; message?: string })): Dict[] {
  return podContainers(p).map((c) => ({
    name: c.name,
    image: c.image,
    imageID: '',
    ready: false,
    started: false,
    restartCount: 0,
    state: { waiting: typeof waiting === 'function' ? waiting(c) : waiting },
    lastState: {},
  }));
}
