import { describe, expect, it } from 'vitest';
import type { DriftReport } from '@/lib/drift';
import { codeSpan, escapeMd, formatMarkdown } from './markdown';
import { longReport, reportWithSourceDown, shopReport, timeReport } from '../testing/reports';

describe('formatMarkdown', () => {
  it('reads as a pull-request comment: summary, a table per pair, hints folded, then the other lists', () => {
    const out = formatMarkdown(shopReport({ ignoreLogLevel: true }), { failOn: 'info', exitCode: 1 });
    const lines = out.split('\n');
    expect(lines[0]).toBe('## Parallax drift: 2 findings in 1 of 2 pairs: 1 critical, 1 warning, 0 info');
    expect(lines[2]).toBe('Kubernetes kind-shop ↔ ECS prod/us-east-1 · fails on info and above: exit 1');
    expect(out).toContain([
      '| Severity | Container | Field | kind-shop | prod/us-east-1 |',
      '|---|---|---|---|---|',
      '| **critical** | web | `image` | `ghcr.io/acme/web:1.8.2` | `ghcr.io/acme/web:1.8.1` |',
      '| warning | — | `replicas` | `2` | `3` |',
    ].join('\n'));
    expect(out).toContain('<details><summary>How to fix (2 findings; Parallax never runs these)</summary>\n\n');
    expect(out).toContain('```sh\nkubectl --context kind-shop -n shop set image deployment/web web=ghcr.io/acme/web:1.8.1\n```');
    expect(out).toContain('**No drift:** api (8 fields equal)');
    expect(out).toContain('### Only on one side\n\n- **cron**: Deployment shop/cron on Kubernetes kind-shop, not on ECS prod/us-east-1');
    expect(out).toContain('<details><summary>Ignored by the config file (1)</summary>');
    // Every <details> is closed.
    expect(out.match(/<details>/g)?.length).toBe(out.match(/<\/details>/g)?.length);
  });

  it('renders every finding of the report, and not-compared sources', () => {
    for (const report of [shopReport(), longReport()]) {
      const out = formatMarkdown(report, { failOn: 'info', exitCode: 1 });
      for (const f of report.findings) expect(out).toContain(`| ${codeSpan(f.field)} | ${codeSpan(f.leftValue)} | ${codeSpan(f.rightValue)} |`);
    }
    expect(formatMarkdown(reportWithSourceDown(), { failOn: 'info', exitCode: 2 })).toContain('<details><summary>Not compared (1)</summary>\n\n- Kubernetes staging is down: connect ECONNREFUSED 10.0.0.1:6443');
  });

  it('escapes what would break a table or the page', () => {
    expect(escapeMd('a|b <script> *x* `y`')).toBe('a\\|b \\<script\\> \\*x\\* \\`y\\`');
    expect(codeSpan('a|b')).toBe('`a\\|b`');
    expect(codeSpan('has `tick`')).toBe('`` has `tick` ``');
  });

  it('stays under the comment limit, naming the pairs it leaves out', () => {
    const one = shopReport();
    const many: DriftReport = {
      ...one,
      pairs: Array.from({ length: 400 }, (_, i) => one.pairs.map((p) => ({ ...p, id: `${p.id}-${i}`, key: `${p.key}-${i}` }))).flat(),
      findings: Array.from({ length: 400 }, (_, i) => one.findings.map((f) => ({ ...f, pairId: `${f.pairId}-${i}`, key: `${f.key}-${i}` }))).flat(),
    };
    const out = formatMarkdown(many, { failOn: 'info', exitCode: 1 }, { maxChars: 20_000 });
    expect(out.length).toBeLessThanOrEqual(20_000);
    expect(out).toMatch(/_\d+ more pairs with drift not shown here \(a comment holds 20000 characters\): web-\d+, web-\d+, .*, and \d+ more\. `parallax drift --format json` has every finding\._/);
  });

  it('over time: a section per changed workload, the one hint that puts it back as the snapshot has it', () => {
    const out = formatMarkdown(timeReport(), { failOn: 'info', exitCode: 1, against: { file: 'before.json', generatedAt: '2026-12-01T00:00:00.000Z' } });
    expect(out).toContain('### web on kind-shop\n\nDeployment shop/web on Kubernetes kind-shop, since the snapshot\n\n| Severity | Container | Field | snapshot | now |');
    expect(out).toContain('Put Kubernetes kind-shop back as in the snapshot:\n\n```sh\nkubectl --context kind-shop -n shop set image deployment/web web=ghcr.io/acme/web:1.8.2\n```');
    expect(out).toContain('**No drift:** api on kind-shop (8 fields equal)');
  });
});
