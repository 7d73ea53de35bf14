/**
 * Label and field selectors as the API server parses them from `labelSelector` and
 * `fieldSelector` query parameters, plus LabelSelector objects (matchLabels/matchExpressions).
 */
import { ApiError, isRecord, type KubeObject } from './types';

export type LabelRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type Labels = Record<string, string> | undefined;

/** Splits on commas that are not inside parentheses (`a in (x,y),b`). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x.length > 0);
}

export function parseLabelSelector(s: string | null | undefined): LabelRequirement[] {
  if (!s) return [];
  return splitTop(s).map((term) => {
    let m = /^([^\s!=(),]+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
    if (m) {
      const values = m[3].split(',').map((v) => v.trim()).filter((v) => v !== '');
      return { op: m[2] as 'in' | 'notin', key: m[1], values };
    }
    if (/^![^\s!=(),]+$/.test(term)) return { op: 'notexists', key: term.slice(1) };
    m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(term);
    if (m) return { op: m[2] === '!=' ? 'neq' : 'eq', key: m[1], value: m[3] };
    if (/^[^\s!=(),]+$/.test(term)) return { op: 'exists', key: term };
    throw new ApiError(400, 'BadRequest', `unable to parse requirement: found '${term}', expected: identifier`);
  });
}

export function matchesLabels(reqs: LabelRequirement[], labels: Labels): boolean {
  const l = labels ?? {};
  for (const r of reqs) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'eq':
        if (!has || v !== r.value) return false;
        break;
      case 'neq':
        if (has && v === r.value) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case 'notexists':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** A metav1.LabelSelector object. An empty selector matches everything; null matches nothing. */
export function labelSelectorObjectToReqs(sel: unknown): LabelRequirement[] | null {
  if (!isRecord(sel)) return null;
  const reqs: LabelRequirement[] = [];
  if (isRecord(sel.matchLabels)) {
    for (const [k, v] of Object.entries(sel.matchLabels)) reqs.push({ op: 'eq', key: k, value: String(v) });
  }
  if (Array.isArray(sel.matchExpressions)) {
    for (const e of sel.matchExpressions) {
      if (!isRecord(e)) continue;
      const key = String(e.key);
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      switch (e.operator) {
        case 'In':
          reqs.push({ op: 'in', key, values });
          break;
        case 'NotIn':
          reqs.push({ op: 'notin', key, values });
          break;
        case 'Exists':
          reqs.push({ op: 'exists', key });
          break;
        case 'DoesNotExist':
          reqs.push({ op: 'notexists', key });
          break;
      }
    }
  }
  return reqs;
}

/** Renders requirements the way `status.selector` of a Scale shows them. */
export function formatLabelSelector(reqs: LabelRequirement[]): string {
  return reqs
    .map((r) => {
      switch (r.op) {
        case 'eq':
          return `${r.key}=${r.value}`;
        case 'neq':
          return `${r.key}!=${r.value}`;
        case 'in':
          return `${r.key} in (${r.values.join(',')})`;
        case 'notin':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'exists':
          return r.key;
        case 'notexists':
          return `!${r.key}`;
      }
    })
    .join(',');
}

export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

/** Field paths the API server accepts per kind; others answer 400 BadRequest. */
const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
const KIND_FIELDS: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Event: [
    'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
    'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath',
    'reason', 'reportingComponent', 'source', 'type',
  ],
  Secret: ['type'],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

export function parseFieldSelector(s: string | null | undefined, kind: string): FieldRequirement[] {
  if (!s) return [];
  const allowed = [...COMMON_FIELDS, ...(KIND_FIELDS[kind] ?? [])];
  return splitTop(s).map((term) => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new ApiError(400, 'BadRequest', `invalid selector: '${term}'; can't understand '${term}'`);
    const field = m[1].trim();
    if (!allowed.includes(field)) {
      throw new ApiError(400, 'BadRequest', `field label not supported: ${field}`);
    }
    return { field, value: m[3].trim(), negate: m[2] === '!=' };
  });
}

function fieldValue(obj: KubeObject, path: string): string {
  if (path === 'source' && obj.kind === 'Event') {
    const src = obj.source;
    return isRecord(src) && typeof src.component === 'string' ? src.component : '';
  }
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!isRecord(cur)) return '';
    cur = cur[part];
  }
  if (cur === undefined || cur === null) return '';
  return String(cur);
}

export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  for (const r of reqs) {
    const eq = fieldValue(obj, r.field) === r.value;
    if (eq === r.negate) return false;
  }
  return true;
}
