// The pair view's rows: one section per container (workload-level fields first), each field once,
// in the order a person reads a workload (image, command, ports, env, resources, health, mounts…),
// with its status: a finding (severity, message, hints), ignored (the rule and its reason), not
// compared (the reason), or equal (hidden unless asked for: the "why equal").
import type { Hint, NotCompared, Pair, Severity, Side } from '@/lib/drift/types';
import { platformName } from './format';

export type RowStatus = 'finding' | 'ignored' | 'not-compared' | 'equal';

export interface HintView {
  changes: 'left' | 'right';
  /** "Make ECS like Kubernetes" (or the source names when both sides are one platform). */
  label: string;
  /** The side the command changes, for the badge beside it. */
  target: Side;
  command: string;
  note?: string;
}

export interface PairRow {
  /** Anchor: the finding id for findings and ignored ones; a derived id for the rest. */
  id: string;
  status: RowStatus;
  container?: string;
  field: string;
  /** Absent when the engine gave no values (a not-compared field with no equal counterpart). */
  leftValue?: string;
  rightValue?: string;
  severity?: Severity;
  message?: string;
  hints: HintView[];
  /** not-compared: why; ignored: the rule's reason. */
  reason?: string;
  /** ignored: the index of the parallax.yaml ignore rule (0-based as the engine gives it). */
  rule?: number;
}

export interface PairSection {
  /** undefined: workload-level fields (replicas, autoscaling, placement). */
  container?: string;
  title: string;
  /** Rows to show, given showEqual. */
  rows: PairRow[];
  /** Equal rows in this section (shown or not). */
  equal: number;
  /** Rows with a finding in this section. */
  findings: number;
}


/** What to call each side in labels: the platform when the two differ, else the source (and group) names. */
export function sideNames(pair: Pick<Pair, 'left' | 'right'>): { left: string; right: string } {
  const { left, right } = pair;
  if (left.platform !== right.platform) return { left: platformName(left.platform), right: platformName(right.platform) };
  if (left.source !== right.source) return { left: `${platformName(left.platform)} ${left.sourceName}`, right: `${platformName(right.platform)} ${right.sourceName}` };
  return { left: `${left.group ?? ''}/${left.name}`, right: `${right.group ?? ''}/${right.name}` };
}

export function hintViews(hints: readonly Hint[], pair: Pick<Pair, 'left' | 'right'>): HintView[] {
  const names = sideNames(pair);
  return hints.map((h) => {
    const other = h.changes === 'left' ? 'right' : 'left';
    return { changes: h.changes, label: `Make ${names[h.changes]} like ${names[other]}`, target: pair[h.changes], command: h.command, ...(h.note ? { note: h.note } : {}) };
  });
}

// The order fields are read in (as the design sketch of a pair has them: image, scale, cpu, memory, env,
// health, volumes); the engine's own order is lost once findings are sorted by severity.
const WORKLOAD_ORDER = ['scheduling', 'replicas', 'autoscaling', 'resources', 'placement', 'identity'];
const CONTAINER_ORDER = ['container', 'image', 'command', 'args', 'ports', 'resources', 'env', 'health', 'mount', 'volume', 'security'];

function fieldRank(field: string, order: readonly string[]): number {
  const head = field.split(/[.\s]/)[0];
  const i = order.indexOf(head);
  return i < 0 ? order.length : i;
}

/** Compares field paths: by kind, then alphabetically (env names). */
export function compareFields(a: string, b: string, level: 'workload' | 'container' = 'container'): number {
  const order = level === 'workload' ? WORKLOAD_ORDER : CONTAINER_ORDER;
  return fieldRank(a, order) - fieldRank(b, order) || (a < b ? -1 : a > b ? 1 : 0);
}

const rowKey = (container: string | undefined, field: string) => `${container ?? '-'}#${field}`;

/** Rows per section: findings, ignored and not-compared rows always; equal rows on demand. */
export function pairSections(pair: Pair, opts: { showEqual: boolean }): PairSection[] {
  const rows: PairRow[] = [];
  for (const f of pair.findings) {
    rows.push({ id: f.id, status: 'finding', container: f.container, field: f.field, leftValue: f.leftValue, rightValue: f.rightValue, severity: f.severity, message: f.message, hints: hintViews(f.hints, pair) });
  }
  for (const f of pair.ignored) {
    rows.push({
      id: f.id, status: 'ignored', container: f.container, field: f.field, leftValue: f.leftValue, rightValue: f.rightValue, severity: f.severity, message: f.message,
      hints: [], rule: f.ignoredBy.rule, ...(f.ignoredBy.reason ? { reason: f.ignoredBy.reason } : {}),
    });
  }
  for (const nc of pair.notCompared) {
    rows.push({
      id: `${pair.id}#${rowKey(nc.container, nc.field ?? '*')}#not-compared`, status: 'not-compared', container: nc.container, field: nc.field ?? '*',
      ...(nc.leftValue !== undefined ? { leftValue: nc.leftValue, rightValue: nc.rightValue } : {}), reason: nc.reason, hints: [],
    });
  }
  const equalRows = pair.equal.map((e): PairRow => ({
    id: `${pair.id}#${rowKey(e.container, e.field)}#equal`, status: 'equal', container: e.container, field: e.field, leftValue: e.leftValue, rightValue: e.rightValue, hints: [],
  }));

  // Sections in the engine's container order (equal rows list every compared container), workload level first.
  const order: (string | undefined)[] = [undefined];
  for (const r of [...equalRows, ...rows]) if (!order.includes(r.container)) order.push(r.container);
  return order.map((container) => {
    const mine = (list: PairRow[]) => list.filter((r) => r.container === container);
    const equal = mine(equalRows);
    const shown = [...mine(rows), ...(opts.showEqual ? equal : [])].sort((a, b) => compareFields(a.field, b.field, container === undefined ? 'workload' : 'container'));
    return {
      ...(container !== undefined ? { container } : {}),
      title: container === undefined ? 'workload' : `container ${container}`,
      rows: shown,
      equal: equal.length,
      findings: shown.filter((r) => r.status === 'finding').length,
    };
  }).filter((s) => s.rows.length > 0 || s.equal > 0);
}
