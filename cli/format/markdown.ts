// `parallax drift --format markdown`: for a pull-request comment (GitHub-flavoured Markdown). A
// summary line, one table per pair with drift, the commands that would fix each finding in a
// collapsed details block, then only-on-one-side, ambiguous, ignored and not-compared sections.
// Kept under GitHub's comment limit (65,536 characters): pairs that do not fit are named, not shown.
// Pure.
import type { DriftReport, Finding, Pair } from '@/lib/drift/types';
import {
  comparedText, hintTarget, notComparedByReason, pairLabel, sideTitles, sourceText, summaryText, verdictText, whereText, workloadText,
  type ReportContext,
} from './context';

export interface MarkdownOptions {
  /** Characters at most (default 60,000: room under GitHub's 65,536 for a title around it). */
  maxChars?: number;
}

/** Text for a table cell or a line: Markdown and HTML specials escaped, newlines as <br>. */
export function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|#!~]/g, (c) => `\\${c}`).replace(/\r?\n/g, '<br>');
}

/** A code span that survives any backticks in the value, and pipes inside a table. */
export function codeSpan(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/** A value in a table: absent ("—") as is, anything else as code. */
const valueCell = (v: string) => (v === '—' || v === '' ? '—' : codeSpan(v));

function codeBlock(text: string, lang = 'sh'): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

function pairTitle(report: DriftReport, p: Pair): string {
  if (report.mode === 'time') return `${workloadText(p.right)} on ${sourceText(p.right)}, since the snapshot`;
  const guess = p.by === 'name' ? ' — paired by name (a guess)' : '';
  return `${workloadText(p.left)} on ${sourceText(p.left)} ↔ ${workloadText(p.right)} on ${sourceText(p.right)}${guess}`;
}

function hintsBlock(report: DriftReport, findings: readonly Finding[]): string[] {
  const withHints = findings.filter((f) => f.hints.length);
  if (!withHints.length) return [];
  const out = ['', `<details><summary>How to fix (${withHints.length} finding${withHints.length === 1 ? '' : 's'}; Parallax never runs these)</summary>`, ''];
  for (const f of withHints) {
    out.push(`**${escapeMd(whereText(f.key, f.container))} ${codeSpan(f.field)}**: ${escapeMd(f.message)}`, '');
    for (const h of f.hints) {
      const target = hintTarget(f, h.changes, report.mode);
      out.push(`${escapeMd(target[0].toUpperCase() + target.slice(1))}:`, '', codeBlock(h.command), '');
      if (h.note) out.push(`_${escapeMd(h.note)}_`, '');
    }
  }
  out.push('</details>');
  return out;
}

function pairSection(report: DriftReport, p: Pair, findings: readonly Finding[]): string {
  const [l, r] = sideTitles(report, p);
  const lines = [
    `### ${escapeMd(pairLabel(report, p))}`,
    '',
    escapeMd(pairTitle(report, p)),
    '',
    `| Severity | Container | Field | ${escapeMd(l)} | ${escapeMd(r)} |`,
    '|---|---|---|---|---|',
    ...findings.map((f) => `| ${f.severity === 'critical' ? '**critical**' : f.severity} | ${escapeMd(f.container ?? '—')} | ${codeSpan(f.field)} | ${valueCell(f.leftValue)} | ${valueCell(f.rightValue)} |`),
    ...hintsBlock(report, findings),
  ];
  return lines.join('\n');
}

/** At most `n` items, then one that says how many more (long lists must not eat the comment). */
function capped<T>(items: readonly T[], n: number, show: (x: T) => string, more: (k: number) => string): string[] {
  return [...items.slice(0, n).map(show), ...(items.length > n ? [more(items.length - n)] : [])];
}

function details(summary: string, body: string[]): string {
  return body.length ? ['<details><summary>' + escapeMd(summary) + '</summary>', '', ...body, '', '</details>'].join('\n') : '';
}

export function formatMarkdown(report: DriftReport, ctx: ReportContext, opts: MarkdownOptions = {}): string {
  const maxChars = opts.maxChars ?? 60_000;
  const head = [
    `## Parallax drift: ${escapeMd(summaryText(report))}`,
    '',
    `${escapeMd(comparedText(report, ctx, '↔'))} · ${escapeMd(verdictText(ctx))}`,
  ].join('\n');

  const byPair = new Map<string, Finding[]>();
  for (const f of report.findings) byPair.set(f.pairId, [...(byPair.get(f.pairId) ?? []), f]);
  const drifted = report.pairs.filter((p) => byPair.has(p.id));
  const equal = report.pairs.filter((p) => p.compared && !byPair.has(p.id));

  const tail: string[] = [];
  if (equal.length) tail.push(`**No drift:** ${equal.map((p) => `${escapeMd(pairLabel(report, p))} (${p.counts.equal} fields equal)`).join(', ')}`);
  if (report.onlyOn.length) {
    tail.push(['### Only on one side', '', ...capped(report.onlyOn, 100, (o) => `- **${escapeMd(o.side.name)}**: ${escapeMd(workloadText(o.side))} on ${escapeMd(sourceText(o.side))}, not on ${escapeMd(sourceText({ platform: o.missingFrom.platform, sourceName: o.missingFrom.sourceName }))}`, (k) => `- … and ${k} more (see --format json)`)].join('\n'));
  }
  if (report.ambiguous.length) {
    tail.push(['### Ambiguous, not paired', '', ...report.ambiguous.flatMap((a) => [
      `- **${escapeMd(a.side.name)}** on ${escapeMd(sourceText(a.side))}: candidates ${a.candidates.map((c) => escapeMd(`${workloadText(c)} on ${c.sourceName}`)).join(', ')}`,
      '',
      codeBlock(a.howToPair, 'yaml').split('\n').map((l) => `  ${l}`).join('\n'),
    ])].join('\n'));
  }
  const ignored = report.pairs.flatMap((p) => p.ignored);
  const ignoredBlock = details(`Ignored by the config file (${ignored.length})`, capped(ignored, 100, (f) => `- ${escapeMd(whereText(f.key, f.container))} ${codeSpan(f.field)}: ${valueCell(f.leftValue)} / ${valueCell(f.rightValue)} (rule ${f.ignoredBy.rule + 1}${f.ignoredBy.reason ? `: ${escapeMd(f.ignoredBy.reason)}` : ''})`, (k) => `- … and ${k} more (see --format json)`));
  if (ignoredBlock) tail.push(ignoredBlock);
  const groups = notComparedByReason(report);
  const notComparedBlock = details(`Not compared (${report.notCompared.length})`, capped(groups, 50, (g) => `- ${escapeMd(g.reason)}${g.where.length ? `: ${capped(g.where, 30, codeSpan, (k) => `and ${k} more`).join(', ')}` : ''}`, (k) => `- … and ${k} more reasons (see --format json)`));
  if (notComparedBlock) tail.push(notComparedBlock);

  // Pairs in order while they fit, with room kept for the note that names those left out.
  const NOTE_ROOM = 1_200;
  let used = [head, ...tail].join('\n\n').length + NOTE_ROOM;
  const sections: string[] = [];
  for (const p of drifted) {
    const s = pairSection(report, p, byPair.get(p.id)!);
    if (used + s.length + 2 > maxChars) break;
    sections.push(s);
    used += s.length + 2;
  }
  const cut = drifted.slice(sections.length).map((p) => escapeMd(pairLabel(report, p)));
  if (cut.length) {
    let names = '';
    for (const [i, name] of cut.entries()) {
      if (names.length + name.length > NOTE_ROOM - 300) {
        names += `, and ${cut.length - i} more`;
        break;
      }
      names += (i ? ', ' : '') + name;
    }
    sections.push(`_${cut.length} more pair${cut.length === 1 ? '' : 's'} with drift not shown here (a comment holds ${maxChars} characters): ${names}. \`parallax drift --format json\` has every finding._`);
  }
  return `${[head, ...sections, ...tail].join('\n\n')}\n`;
}
