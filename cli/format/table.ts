// `parallax drift --format table` (the default): for a terminal, every line within `width` columns
// (80 by default). One block per pair with drift, values wrapped inside their columns; then the
// pairs without drift, what is only on one side, ambiguous, ignored and not compared. Pure.
import type { DriftReport, Finding, Pair } from '@/lib/drift/types';
import {
  comparedText, notComparedByReason, pairLabel, sideTitles, sourceText, summaryText, verdictText, whereText, workloadText,
  type ReportContext,
} from './context';
import { fitColumns, renderColumns, wrap, wrapIndented, type Column } from './text';

export interface TableOptions {
  width: number;
}

const INDENT = 2;
const GAP = 2;

function pairHeading(report: DriftReport, p: Pair): string {
  if (report.mode === 'time') return `${p.key}: ${workloadText(p.right)} on ${sourceText(p.right)}`;
  const guess = p.by === 'name' ? ' (paired by name: a guess)' : '';
  return `${p.key}: ${workloadText(p.left)} on ${sourceText(p.left)} <-> ${workloadText(p.right)} on ${sourceText(p.right)}${guess}`;
}

function findingRows(findings: readonly Finding[]): string[][] {
  return findings.map((f) => [f.severity, f.container ?? '-', f.field, f.leftValue, f.rightValue]);
}

function pairBlock(report: DriftReport, p: Pair, findings: readonly Finding[], total: number): string[] {
  const [l, r] = sideTitles(report, p);
  const columns: Column[] = [
    { header: 'SEVERITY', min: 8, max: 8 },
    { header: 'CONTAINER', min: 5, max: 16 },
    { header: 'FIELD', min: 8, max: 28 },
    { header: l, min: 8 },
    { header: r, min: 8 },
  ];
  const rows = findingRows(findings);
  const widths = fitColumns(columns, rows, total - INDENT, GAP);
  const header = columns.map((c, i) => c.header.slice(0, widths[i]).toUpperCase());
  return [
    ...wrapIndented(pairHeading(report, p), total),
    ...renderColumns([header, ...rows], widths, GAP, INDENT),
  ];
}

function section(title: string, lines: string[]): string[] {
  return lines.length ? ['', title, ...lines] : [];
}

export function formatTable(report: DriftReport, ctx: ReportContext, opts: TableOptions): string {
  const total = opts.width;
  const out: string[] = [
    ...wrap(`parallax drift: ${summaryText(report)}`, total),
    ...wrap(comparedText(report, ctx), total),
    ...wrap(verdictText(ctx), total),
  ];
  const byPair = new Map<string, Finding[]>();
  for (const f of report.findings) byPair.set(f.pairId, [...(byPair.get(f.pairId) ?? []), f]);
  for (const p of report.pairs) {
    const findings = byPair.get(p.id);
    if (findings?.length) out.push('', ...pairBlock(report, p, findings, total));
  }

  const equal = report.pairs.filter((p) => p.compared && !byPair.has(p.id));
  if (equal.length) out.push('', ...wrapIndented(`no drift: ${equal.map((p) => `${pairLabel(report, p)} (${p.counts.equal} equal)`).join(', ')}`, total, 0, INDENT));

  out.push(...section(`Only on one side (${report.onlyOn.length}):`, report.onlyOn.flatMap((o) => wrapIndented(
    `${o.side.name}: ${workloadText(o.side)} on ${sourceText(o.side)}, not on ${sourceText({ platform: o.missingFrom.platform, sourceName: o.missingFrom.sourceName })}`,
    total, INDENT, INDENT,
  ))));
  out.push(...section(`Ambiguous, not paired (${report.ambiguous.length}):`, report.ambiguous.flatMap((a) => [
    ...wrapIndented(`${a.side.name} on ${sourceText(a.side)}: ${a.candidates.length} candidates (${a.candidates.map((c) => `${workloadText(c)} on ${c.sourceName}`).join(', ')})`, total, INDENT, INDENT),
    ...a.howToPair.split('\n').flatMap((l) => wrapIndented(l, total, INDENT * 2, INDENT)),
  ])));
  const ignored = report.pairs.flatMap((p) => p.ignored);
  out.push(...section(`Ignored by the config file (${ignored.length}):`, ignored.flatMap((f) => wrapIndented(
    `${whereText(f.key, f.container)} ${f.field}: ${f.leftValue} / ${f.rightValue} (rule ${f.ignoredBy.rule + 1}${f.ignoredBy.reason ? `: ${f.ignoredBy.reason}` : ''})`,
    total, INDENT, INDENT,
  ))));
  out.push(...section(`Not compared (${report.notCompared.length}):`, notComparedByReason(report).flatMap((g) => [
    ...wrapIndented(g.reason, total, INDENT, INDENT),
    ...(g.where.length ? wrapIndented(g.where.join(', '), total, INDENT * 2, INDENT) : []),
  ])));
  if (report.findings.length) out.push('', ...wrap('The kubectl / aws commands that would fix each finding: --format markdown or --format json.', total));
  return `${out.join('\n')}\n`;
}
