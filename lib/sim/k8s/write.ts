/** Write verbs: create, update, patch (merge, strategic, apply, JSON patch), delete, scale. */
import yaml from 'js-yaml';
import { checkForbidden, notFound, servedJson, type SimContext } from './context';
import { applyDefaults, randSuffix, validateName } from './defaults';
import { jsonPatch, mergePatch, strategicMerge } from './patch';
import { beginPodTermination, graceSeconds } from './termination';
import { groupVersion, storageKey, type ResourceDef } from './resources';
import { formatLabelSelector, labelSelectorObjectToReqs } from './selectors';
import { ApiError, deepClone, isRecord, type Dict, type KubeObject } from './types';

export interface WriteResult {
  code: number;
  body: string | object;
}

export function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text.trim()) throw new ApiError(400, 'BadRequest', 'the body of the request was empty');
  try {
    if (contentType?.includes('yaml')) return yaml.load(text);
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, 'BadRequest', `the body of the request was in an unknown format: ${(e as Error).message}`);
  }
}

function asObject(def: ResourceDef, body: unknown): KubeObject {
  if (!isRecord(body)) throw new ApiError(400, 'BadRequest', 'the body of the request must be a JSON object');
  const gv = groupVersion(def);
  if (body.kind !== undefined && body.kind !== def.kind) {
    throw new ApiError(400, 'BadRequest', `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${gv})`);
  }
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  return { ...body, kind: def.kind, apiVersion: gv, metadata: { ...metadata, name: String(metadata.name ?? '') } } as KubeObject;
}

/** Objects are stored at the first-listed version of their resource. */
function toStorage(def: ResourceDef, obj: KubeObject): void {
  if (def.group === 'autoscaling') obj.apiVersion = 'autoscaling/v2';
}

function checkNamespace(ctx: SimContext, def: ResourceDef, ns: string | undefined, obj: KubeObject): void {
  if (!def.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  if (obj.metadata.namespace && ns && obj.metadata.namespace !== ns) {
    throw new ApiError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  }
  obj.metadata.namespace = ns ?? obj.metadata.namespace ?? 'default';
  if (!ctx.store.get('namespaces', undefined, obj.metadata.namespace)) {
    throw new ApiError(404, 'NotFound', `namespaces "${obj.metadata.namespace}" not found`, { name: obj.metadata.namespace, kind: 'namespaces' });
  }
}

const dryRun = (q: URLSearchParams): boolean => q.getAll('dryRun').length > 0;

/**
 * Creates through admission; used by the API, the controllers and seeding. Seeding keeps a
 * given uid and creationTimestamp (`preserveIdentity`) so demo objects can look days old.
 */
export function createObject(ctx: SimContext, def: ResourceDef, ns: string | undefined, body: unknown, q: URLSearchParams = new URLSearchParams(), preserveIdentity = false): KubeObject {
  const obj = asObject(def, body);
  if (!obj.metadata.name && typeof obj.metadata.generateName === 'string') obj.metadata.name = obj.metadata.generateName + randSuffix();
  validateName(def, obj);
  checkNamespace(ctx, def, ns, obj);
  const managed = preserveIdentity ? ['resourceVersion', 'deletionTimestamp'] : ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation'];
  for (const k of managed) delete obj.metadata[k];
  applyDefaults(def, obj, ctx);
  toStorage(def, obj);
  if (dryRun(q)) return obj;
  const stored = ctx.store.create(storageKey(def), obj);
  ctx.onWrite();
  return stored;
}

export function handleCreate(ctx: SimContext, def: ResourceDef, ns: string | undefined, body: unknown, q: URLSearchParams): WriteResult {
  const obj = createObject(ctx, def, ns, body, q);
  return { code: 201, body: servedJson(ctx, def, obj) };
}

function current(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string): KubeObject {
  const old = ctx.store.get(storageKey(def), ns, name);
  if (!old) throw notFound(def, name);
  return old;
}

/**
 * Replaces an object. With a status subresource, writes to the main resource keep the stored
 * status and writes to `/status` keep everything but status.
 */
function replace(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string, next: KubeObject, sub: string | undefined, q: URLSearchParams): KubeObject {
  const old = current(ctx, def, ns, name);
  if (next.metadata.name && next.metadata.name !== name) {
    throw new ApiError(400, 'BadRequest', `the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
  }
  const expectRv = typeof next.metadata.resourceVersion === 'string' && next.metadata.resourceVersion ? next.metadata.resourceVersion : undefined;
  let obj: KubeObject;
  if (sub === 'status') {
    obj = { ...deepClone(old), status: next.status };
  } else {
    obj = { ...next, kind: def.kind, apiVersion: old.apiVersion, metadata: { ...next.metadata, name } };
    if (def.namespaced) obj.metadata.namespace = ns;
    else delete obj.metadata.namespace;
    if (def.subresources.includes('status')) obj.status = old.status;
    applyDefaults(def, obj, ctx, old);
  }
  if (old.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
  if (dryRun(q)) return obj;
  const stored = ctx.store.update(storageKey(def), obj, expectRv);
  ctx.onWrite();
  return stored;
}

export function handleUpdate(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string, body: unknown, sub: string | undefined, q: URLSearchParams): WriteResult {
  if (sub === 'scale') return { code: 200, body: writeScale(ctx, def, ns, name, body, q) };
  const stored = replace(ctx, def, ns, name, asObject(def, body), sub, q);
  return { code: 200, body: servedJson(ctx, def, stored) };
}

function applyPatch(doc: unknown, patch: unknown, contentType: string): unknown {
  if (contentType.startsWith('application/merge-patch+json')) return mergePatch(doc, patch);
  if (contentType.startsWith('application/strategic-merge-patch+json')) return strategicMerge(doc, patch);
  if (contentType.startsWith('application/json-patch+json')) return jsonPatch(doc, patch);
  if (contentType.startsWith('application/apply-patch+yaml')) return strategicMerge(doc, patch);
  throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
}

export function handlePatch(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string, text: string, contentType: string, sub: string | undefined, q: URLSearchParams): WriteResult {
  const patch = parseBody(text, contentType);
  const existing = ctx.store.get(storageKey(def), ns, name);
  if (!existing && contentType.startsWith('application/apply-patch+yaml') && sub === undefined) {
    const obj = createObject(ctx, def, ns, patch, q);
    return { code: 201, body: servedJson(ctx, def, obj) };
  }
  if (sub === 'scale') {
    const scale = scaleOf(def, current(ctx, def, ns, name));
    return { code: 200, body: writeScale(ctx, def, ns, name, applyPatch(scale, patch, contentType), q) };
  }
  const old = current(ctx, def, ns, name);
  const patched = applyPatch(deepClone(old), patch, contentType);
  const next = asObject(def, patched);
  // A resourceVersion in the patch is a precondition; otherwise the patch applies to the latest.
  const patchRv = isRecord(patch) && isRecord(patch.metadata) ? patch.metadata.resourceVersion : undefined;
  next.metadata.resourceVersion = typeof patchRv === 'string' ? patchRv : old.metadata.resourceVersion;
  if (sub !== 'status' && def.subresources.includes('status')) next.status = old.status;
  const stored = replace(ctx, def, ns, name, next, sub, q);
  return { code: 200, body: servedJson(ctx, def, stored) };
}

function scaleOf(def: ResourceDef, obj: KubeObject): Dict {
  const reqs = labelSelectorObjectToReqs(obj.spec?.selector) ?? [];
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 1 },
    status: { replicas: obj.status?.replicas ?? 0, selector: formatLabelSelector(reqs) },
  };
}

export function handleGetScale(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string): Dict {
  checkForbidden(ctx, def, 'get', ns);
  if (!def.subresources.includes('scale')) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  return scaleOf(def, current(ctx, def, ns, name));
}

function writeScale(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string, body: unknown, q: URLSearchParams): Dict {
  if (!def.subresources.includes('scale')) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  const old = current(ctx, def, ns, name);
  if (!isRecord(body) || !isRecord(body.spec) || typeof body.spec.replicas !== 'number' || body.spec.replicas < 0) {
    throw new ApiError(422, 'Invalid', `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: must be greater than or equal to 0`);
  }
  const rv = isRecord(body.metadata) && typeof body.metadata.resourceVersion === 'string' ? body.metadata.resourceVersion : undefined;
  const next = deepClone(old);
  next.spec = { ...next.spec, replicas: body.spec.replicas };
  if (dryRun(q)) return scaleOf(def, next);
  const stored = ctx.store.update(storageKey(def), next, rv);
  ctx.onWrite();
  return scaleOf(def, stored);
}

/** Namespaced objects of every resource, for namespace deletion. */
function deleteNamespaceContents(ctx: SimContext, ns: string): void {
  for (const key of ctx.store.keys()) {
    for (const o of ctx.store.list(key, ns)) if (o.metadata.namespace === ns) ctx.store.delete(key, ns, o.metadata.name);
  }
}

export function deleteObject(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string, body: unknown, q: URLSearchParams): KubeObject {
  const old = current(ctx, def, ns, name);
  const opts = isRecord(body) ? body : {};
  const pre = isRecord(opts.preconditions) ? opts.preconditions : {};
  if ((pre.uid && pre.uid !== old.metadata.uid) || (pre.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion)) {
    throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${storageKey(def)} "${name}": Precondition failed`);
  }
  if (def.kind === 'Namespace' && ['default', 'kube-system', 'kube-public'].includes(name)) {
    throw new ApiError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
  }
  if (dryRun(q)) return old;
  const policy = opts.propagationPolicy ?? q.get('propagationPolicy') ?? (opts.orphanDependents === true ? 'Orphan' : 'Background');
  if (policy === 'Orphan') {
    // Dependents lose their ownerReference to the deleted owner instead of being collected.
    for (const key of ctx.store.keys()) {
      for (const o of ctx.store.list(key, ns)) {
        const refs = o.metadata.ownerReferences ?? [];
        if (!refs.some((r) => r.uid === old.metadata.uid)) continue;
        const next = deepClone(o);
        next.metadata.ownerReferences = refs.filter((r) => r.uid !== old.metadata.uid);
        ctx.store.update(key, next);
      }
    }
  }
  if (def.kind === 'Pod') {
    const grace = graceSeconds(old, opts.gracePeriodSeconds ?? q.get('gracePeriodSeconds') ?? undefined);
    const terminating = beginPodTermination(ctx.store, old, grace);
    if (terminating) {
      ctx.onWrite();
      return terminating;
    }
  }
  if (def.kind === 'Namespace') deleteNamespaceContents(ctx, name);
  const deleted = ctx.store.delete(storageKey(def), ns, name);
  ctx.onWrite();
  return deleted;
}

export function handleDelete(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string, text: string, q: URLSearchParams): WriteResult {
  const body = text.trim() ? parseBody(text, 'application/json') : {};
  const deleted = deleteObject(ctx, def, ns, name, body, q);
  return { code: 200, body: servedJson(ctx, def, deleted) };
}

/** policy/v1 Eviction: a graceful delete (no PodDisruptionBudgets exist here), 201 Success. */
export function handleEviction(ctx: SimContext, def: ResourceDef, ns: string | undefined, name: string, text: string, q: URLSearchParams): WriteResult {
  const body = text.trim() ? parseBody(text, 'application/json') : {};
  const opts = isRecord(body) && isRecord(body.deleteOptions) ? body.deleteOptions : {};
  deleteObject(ctx, def, ns, name, opts, q);
  return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}

export function handleDeleteCollection(ctx: SimContext, def: ResourceDef, ns: string | undefined, items: KubeObject[], text: string, q: URLSearchParams): WriteResult {
  const body = text.trim() ? parseBody(text, 'application/json') : {};
  const deleted = items.map((o) => deleteObject(ctx, def, o.metadata.namespace, o.metadata.name, body, q));
  return {
    code: 200,
    body: `{"kind":"${def.kind}List","apiVersion":"${groupVersion(def)}","metadata":{"resourceVersion":"${ctx.store.resourceVersion}"},"items":[${deleted.map((o) => servedJson(ctx, def, o)).join(',')}]}`,
  };
}
