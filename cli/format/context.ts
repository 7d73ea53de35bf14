// What every output format needs besides the engine's report, and the wording they share. Pure.
import type { DriftReport, Finding, Pair, Side, Severity } from '@/lib/drift/types';

export interface ReportContext {
  failOn: Severity;
  exitCode: number;
  /** With --against: the saved snapshot (the left side of every pair). */
  against?: { file: string; generatedAt: string };
}

export const platformName = (p: Side['platform']): string => (p === 'ecs' ? 'ECS' : 'Kubernetes');

/** "Deployment shop/web" */
export const workloadText = (s: Side): string => `${s.kind} ${s.group ? `${s.group}/` : ''}${s.name}`;

/** "Kubernetes kind-shop" */
export const sourceText = (s: Pick<Side, 'platform' | 'sourceName'>): string => `${platformName(s.platform)} ${s.sourceName}`;

/** Column titles for the two values of a pair: the sources, or the snapshot and now. */
export function sideTitles(report: DriftReport, pair: Pick<Pair, 'left' | 'right'>): [string, string] {
  if (report.mode === 'time') return ['snapshot', 'now'];
  if (pair.left.sourceName !== pair.right.sourceName) return [pair.left.sourceName, pair.right.sourceName];
  return [pair.left.source, pair.right.source];
}

/** A pair's name in lists: its key; over time the same key is on several sources, so the source too. */
export function pairLabel(report: DriftReport, p: Pick<Pair, 'key' | 'right'>): string {
  return report.mode === 'time' ? `${p.key} on ${p.right.sourceName}` : p.key;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "6 findings in 3 of 4 pairs: 3 critical, 3 warning, 0 info" / "no drift in 4 pairs" */
export function summaryText(report: DriftReport): string {
  const t = report.totals;
  const what = report.mode === 'time' ? 'workload' : 'pair';
  if (report.findings.length === 0) return `no drift in ${plural(t.pairs, what)}`;
  return `${plural(report.findings.length, 'finding')} in ${t.pairsWithDrift} of ${plural(t.pairs, what)}: ${t.critical} critical, ${t.warning} warning, ${t.info} info`;
}

/** What was compared with what: "Kubernetes kind-shop <-> ECS prod/us-east-1", or the snapshot and now. */
export function comparedText(report: DriftReport, ctx: ReportContext, arrow = '<->'): string {
  const byId = new Map(report.sources.map((s) => [s.id, s]));
  const name = (id: string) => {
    const s = byId.get(id);
    return s ? sourceText({ platform: s.platform, sourceName: s.name }) : id;
  };
  if (report.mode === 'time') {
    const sources = report.sourcePairs.map(([id]) => name(id)).join(', ') || 'no source';
    return `${sources}: now ${arrow} the snapshot ${ctx.against ? `${ctx.against.file} of ${ctx.against.generatedAt}` : ''}`.trim();
  }
  return report.sourcePairs.map(([l, r]) => `${name(l)} ${arrow} ${name(r)}`).join('; ') || 'fewer than two sources: nothing to pair';
}

/** "fails on info and above: exit 1" */
export function verdictText(ctx: ReportContext): string {
  const on = ctx.failOn === 'critical' ? 'critical' : `${ctx.failOn} and above`;
  return `fails on ${on}: exit ${ctx.exitCode}`;
}

/** "who/what container" for a finding or a not-compared field: "web/web", "api (workload)". */
export function whereText(key: string | undefined, container: string | undefined): string {
  return `${key ?? '?'}${container !== undefined ? `/${container}` : ''}`;
}

/** Which side a hint changes, in words. */
export function hintTarget(f: Finding, changes: 'left' | 'right', mode: DriftReport['mode']): string {
  // Over time the engine only hints at the live side, back to what the snapshot says.
  if (mode === 'time') return `put ${sourceText(f.right)} back as in the snapshot`;
  const [mine, other] = changes === 'left' ? [f.left, f.right] : [f.right, f.left];
  return `make ${sourceText(mine)} like ${sourceText(other)}`;
}

/** Not-compared entries grouped by reason, in first-seen order, each with where it applies. */
export function notComparedByReason(report: DriftReport): { reason: string; where: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const n of report.notCompared) {
    const list = groups.get(n.reason) ?? [];
    if (n.pairId !== undefined) list.push(`${whereText(n.key, n.container)} ${n.field ?? ''}`.trim());
    groups.set(n.reason, list);
  }
  return [...groups].map(([reason, where]) => ({ reason, where }));
}
