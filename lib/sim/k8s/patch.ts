/**
 * PATCH bodies the API server accepts: JSON merge patch (RFC 7386), strategic merge patch
 * (Kubernetes lists merged by their patchMergeKey, `$` directives), and JSON patch (RFC 6902).
 */
import { ApiError, deepClone, isRecord, type Dict } from './types';

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return deepClone(patch);
  const out: Dict = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * patchMergeKey of list fields in the core types (k8s.io/api struct tags). `ports` is keyed by
 * `containerPort` in containers and by `port` in Services; decided by the elements.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  ownerReferences: 'uid',
};

function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') {
    const first = items.find(isRecord);
    if (first && 'containerPort' in first) return 'containerPort';
    return 'port';
  }
  return MERGE_KEYS[field];
}

function mergeList(field: string, target: unknown, patch: unknown[]): unknown[] {
  const key = mergeKeyFor(field, patch);
  const base = Array.isArray(target) ? target : [];
  if (!key) {
    // Lists without a merge key are replaced; `$patch: replace` elements are dropped.
    return patch.filter((p) => !(isRecord(p) && '$patch' in p)).map((p) => strategicMerge(undefined, p));
  }
  if (patch.some((p) => isRecord(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isRecord(p) && p.$patch === 'replace')).map((p) => strategicMerge(undefined, p));
  }
  const out: unknown[] = [...base];
  for (const p of patch) {
    if (!isRecord(p)) {
      if (!out.includes(p)) out.push(p);
      continue;
    }
    const idx = out.findIndex((t) => isRecord(t) && t[key] === p[key]);
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMerge(out[idx], p);
    else out.push(strategicMerge(undefined, p));
  }
  return out;
}

function orderBy(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const pos = (v: unknown): number => {
    const id = key && isRecord(v) ? v[key] : v;
    const i = order.findIndex((o) => (key && isRecord(o) ? o[key] : o) === id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return list
    .map((v, i) => ({ v, i, p: pos(v) }))
    .sort((a, b) => a.p - b.p || a.i - b.i)
    .map((x) => x.v);
}

/** Strategic merge patch as kubectl `set image`, `apply` and `edit` send it. */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return deepClone(patch);
  if (patch.$patch === 'replace') {
    const rest = { ...patch };
    delete rest.$patch;
    return strategicMerge(undefined, rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Dict = isRecord(target) ? { ...target } : {};
  const orders: [string, unknown[]][] = [];
  let retainKeys: string[] | undefined;
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch') continue;
    if (k === '$retainKeys') {
      if (Array.isArray(v)) retainKeys = v.map(String);
      continue;
    }
    if (k.startsWith('$setElementOrder/')) {
      if (Array.isArray(v)) orders.push([k.slice('$setElementOrder/'.length), v]);
      continue;
    }
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const f = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[f]) && Array.isArray(v)) out[f] = (out[f] as unknown[]).filter((x) => !v.includes(x));
      continue;
    }
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = mergeList(k, out[k], v);
    else {
      const merged = strategicMerge(out[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  for (const [field, order] of orders) {
    if (Array.isArray(out[field])) out[field] = orderBy(out[field] as unknown[], order, mergeKeyFor(field, order));
  }
  if (retainKeys) for (const k of Object.keys(out)) if (!retainKeys.includes(k)) delete out[k];
  return out;
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new ApiError(422, 'Invalid', `invalid JSON pointer: ${path}`);
  return path.slice(1).split('/').map(unescapePointer);
}

function getAt(doc: unknown, segs: string[]): unknown {
  let cur = doc;
  for (const s of segs) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isRecord(cur)) cur = cur[s];
    else return undefined;
  }
  return cur;
}

function parentOf(doc: unknown, segs: string[], op: string): { parent: Dict | unknown[]; last: string } {
  const parent = getAt(doc, segs.slice(0, -1));
  if (!isRecord(parent) && !Array.isArray(parent)) {
    throw new ApiError(422, 'Invalid', `the server rejected our request: ${op} operation does not apply: doc is missing path: /${segs.join('/')}`);
  }
  return { parent, last: segs[segs.length - 1] };
}

function addAt(doc: unknown, segs: string[], value: unknown): unknown {
  if (segs.length === 0) return value;
  const { parent, last } = parentOf(doc, segs, 'add');
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    parent.splice(i, 0, value);
  } else parent[last] = value;
  return doc;
}

function removeAt(doc: unknown, segs: string[]): unknown {
  const { parent, last } = parentOf(doc, segs, 'remove');
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else {
    if (!(last in parent)) throw new ApiError(422, 'Invalid', `remove operation does not apply: doc is missing key: /${segs.join('/')}`);
    delete parent[last];
  }
  return doc;
}

/** RFC 6902 JSON patch. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new ApiError(400, 'BadRequest', 'json patch must be an array of operations');
  let doc = deepClone(target);
  for (const op of ops) {
    if (!isRecord(op) || typeof op.path !== 'string') throw new ApiError(400, 'BadRequest', 'invalid json patch operation');
    const segs = parsePointer(op.path);
    switch (op.op) {
      case 'add':
        doc = addAt(doc, segs, deepClone(op.value));
        break;
      case 'remove':
        doc = removeAt(doc, segs);
        break;
      case 'replace':
        if (segs.length === 0) doc = deepClone(op.value);
        else {
          const { parent, last } = parentOf(doc, segs, 'replace');
          if (Array.isArray(parent)) parent[Number(last)] = deepClone(op.value);
          else parent[last] = deepClone(op.value);
        }
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, segs)) !== JSON.stringify(op.value)) {
          throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: testing value ${op.path} failed`);
        }
        break;
      case 'move':
      case 'copy': {
        if (typeof op.from !== 'string') throw new ApiError(400, 'BadRequest', `${op.op} needs from`);
        const from = parsePointer(op.from);
        const v = deepClone(getAt(doc, from));
        if (op.op === 'move') doc = removeAt(doc, from);
        doc = addAt(doc, segs, v);
        break;
      }
      default:
        throw new ApiError(400, 'BadRequest', `unknown json patch op ${String(op.op)}`);
    }
  }
  return doc;
}
