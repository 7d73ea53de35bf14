// The drift page's findings as filterable rows: facets severity, source pair and field kind, a text
// filter over everything a row shows, all in the URL (?severity=critical&sources=…&field=env&q=LOG)
// through the generic table state (url-state.ts, filter.ts). Rows are then grouped back by pair.
import { SEVERITIES, type Category, type Severity, type SourceRef } from '@/lib/drift/types';
import type { FacetDef } from './filter';
import type { DriftPagePayload, FindingLine, PairLine } from './drift';
import { sourceLabel } from './drift';

export const DRIFT_FACET_KEYS = ['severity', 'sources', 'field'] as const;

export interface FindingRow extends FindingLine {
  /** "<left source id>|<right source id>": the source pair, a facet value. */
  sources: string;
  leftName: string;
  rightName: string;
}

/** Field kinds as a person names them (the engine's categories). */
export const CATEGORY_LABEL: Record<Category, string> = {
  image: 'image', command: 'command / args', env: 'environment', secret: 'secrets', container: 'containers',
  resources: 'CPU / memory', ports: 'ports', scale: 'replicas / autoscaling', health: 'health checks', volumes: 'volumes',
  placement: 'placement', identity: 'identity', security: 'security',
};
const CATEGORY_ORDER: readonly Category[] = Object.keys(CATEGORY_LABEL) as Category[];

export const sourcePairKey = (p: Pick<PairLine, 'left' | 'right'>) => `${p.left.source}|${p.right.source}`;

/** "Kubernetes kind-demo ⟷ ECS demo/us-east-1", from the report's source list. */
export function sourcePairLabel(key: string, sources: readonly SourceRef[]): string {
  const byId = new Map(sources.map((s) => [s.id, s]));
  // Source ids never hold "|" (their segments are percent-encoded), so the first one splits them.
  const cut = key.indexOf('|');
  const [l, r] = [key.slice(0, cut), key.slice(cut + 1)].map((id) => byId.get(id));
  return l && r ? `${sourceLabel(l)} ⟷ ${sourceLabel(r)}` : key;
}

export function findingRows(pairs: readonly PairLine[]): FindingRow[] {
  return pairs.flatMap((p) => p.findings.map((f) => ({ ...f, sources: sourcePairKey(p), leftName: p.left.name, rightName: p.right.name })));
}

export function findingText(r: FindingRow): string {
  return [r.key, r.leftName, r.rightName, r.container ?? '', r.field, r.leftValue, r.rightValue, r.message, r.severity, CATEGORY_LABEL[r.category]].join(' ');
}

export function driftFacets(sources: readonly SourceRef[]): FacetDef<FindingRow>[] {
  return [
    { key: 'severity', label: 'Severity', value: (r) => r.severity, order: SEVERITIES },
    { key: 'sources', label: 'Sources', value: (r) => r.sources, display: (v) => sourcePairLabel(v, sources) },
    { key: 'field', label: 'Field', value: (r) => r.category, display: (v) => CATEGORY_LABEL[v as Category] ?? v, order: CATEGORY_ORDER },
  ];
}

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** The most severe finding of a pair (3 when it has none). */
export function worstSeverity(p: Pick<PairLine, 'counts'>): number {
  return p.counts.critical ? 0 : p.counts.warning ? 1 : p.counts.info ? 2 : 3;
}

/** Pairs as listed: the most severe first, then by app name, then by sources. */
export function sortPairs<P extends Pick<PairLine, 'counts' | 'key' | 'id'>>(pairs: readonly P[]): P[] {
  return [...pairs].sort((a, b) => worstSeverity(a) - worstSeverity(b) || a.key.localeCompare(b.key) || a.id.localeCompare(b.id));
}

export interface FindingGroup {
  pair: PairLine;
  findings: FindingRow[];
}

/** Filtered rows back under their pairs, in pair order (most severe first), most severe finding first. */
export function groupByPair(rows: readonly FindingRow[], pairs: readonly PairLine[]): FindingGroup[] {
  const byPair = new Map<string, FindingRow[]>();
  for (const r of rows) {
    const list = byPair.get(r.pairId);
    if (list) list.push(r);
    else byPair.set(r.pairId, [r]);
  }
  return sortPairs(pairs)
    .filter((p) => byPair.has(p.id))
    .map((pair) => ({ pair, findings: [...byPair.get(pair.id)!].sort((a, b) => RANK[a.severity] - RANK[b.severity]) }));
}

export interface NotComparedGroup {
  reason: string;
  /** A whole source could not be compared (no pair, no field). */
  source: boolean;
  /** The fields it concerns, by pair key then container and field. */
  items: DriftPagePayload['notCompared'];
}

/**
 * Not-compared entries by reason: one reason ("secret values not read") usually covers many fields
 * of many pairs, and is said once. Reasons about whole sources first: they explain the rest.
 */
export function notComparedGroups(report: Pick<DriftPagePayload, 'notCompared'>): NotComparedGroup[] {
  const groups = new Map<string, NotComparedGroup>();
  for (const n of report.notCompared) {
    let g = groups.get(n.reason);
    if (!g) groups.set(n.reason, (g = { reason: n.reason, source: false, items: [] }));
    if (n.pairId) g.items.push(n);
    else g.source = true;
  }
  const itemKey = (n: DriftPagePayload['notCompared'][number]) => `${n.key ?? ''}\n${n.container ?? ''}\n${n.field ?? ''}`;
  for (const g of groups.values()) g.items.sort((a, b) => (itemKey(a) < itemKey(b) ? -1 : itemKey(a) > itemKey(b) ? 1 : 0));
  return [...groups.values()].sort((a, b) => Number(b.source) - Number(a.source) || b.items.length - a.items.length || a.reason.localeCompare(b.reason));
}
