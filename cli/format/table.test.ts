import { describe, expect, it } from 'vitest';
import { formatTable } from './table';
import { longReport, reportWithSourceDown, shopReport, timeReport } from '../testing/reports';

const lines = (s: string) => s.trimEnd().split('\n');

describe('formatTable', () => {
  it('shows one block per pair with drift, then the equal pairs, only-on-one-side and ignored findings', () => {
    const out = formatTable(shopReport({ ignoreLogLevel: true }), { failOn: 'info', exitCode: 1 }, { width: 80 });
    expect(out).toBe([
      'parallax drift: 2 findings in 1 of 2 pairs: 1 critical, 1 warning, 0 info',
      'Kubernetes kind-shop <-> ECS prod/us-east-1',
      'fails on info and above: exit 1',
      '',
      'web: Deployment shop/web on Kubernetes kind-shop <-> Service shop/web on ECS',
      '  prod/us-east-1',
      '  SEVERITY  CONTAINER  FIELD     KIND-SHOP               PROD/US-EAST-1',
      '  critical  web        image     ghcr.io/acme/web:1.8.2  ghcr.io/acme/web:1.8.1',
      '  warning   -          replicas  2                       3',
      '',
      'no drift: api (8 equal)',
      '',
      'Only on one side (1):',
      '  cron: Deployment shop/cron on Kubernetes kind-shop, not on ECS prod/us-east-1',
      '',
      'Ignored by the config file (1):',
      '  web/web env.LOG_LEVEL: info / debug (rule 1: debug logging on ECS while we',
      '    chase a bug)',
      '',
      'The kubectl / aws commands that would fix each finding: --format markdown or',
      '--format json.',
      '',
    ].join('\n'));
  });

  it('fits every line into the width, whatever the lengths of names and values', () => {
    for (const report of [shopReport(), longReport(), reportWithSourceDown()]) {
      for (const width of [60, 80, 120]) {
        const out = formatTable(report, { failOn: 'warning', exitCode: 1 }, { width });
        for (const line of lines(out)) expect([...line].length, line).toBeLessThanOrEqual(width);
      }
    }
  });

  it('lists sources that could not be compared under "not compared"', () => {
    const out = formatTable(reportWithSourceDown(), { failOn: 'info', exitCode: 2 }, { width: 80 });
    expect(out).toContain('Not compared (1):\n  Kubernetes staging is down: connect ECONNREFUSED 10.0.0.1:6443\n');
    expect(out).toContain('fails on info and above: exit 2');
  });

  it('over time: the snapshot and now side by side, pairs named with their source', () => {
    const out = formatTable(timeReport(), { failOn: 'info', exitCode: 1, against: { file: 'before.json', generatedAt: '2026-12-01T00:00:00.000Z' } }, { width: 80 });
    expect(lines(out)).toEqual([
      'parallax drift: 1 finding in 1 of 2 workloads: 1 critical, 0 warning, 0 info',
      'Kubernetes kind-shop: now <-> the snapshot before.json of',
      '2026-12-01T00:00:00.000Z',
      'fails on info and above: exit 1',
      '',
      'web: Deployment shop/web on Kubernetes kind-shop',
      '  SEVERITY  CONTAINER  FIELD     SNAPSHOT                NOW',
      '  critical  web        image     ghcr.io/acme/web:1.8.2  ghcr.io/acme/web:1.9.0',
      '',
      'no drift: api on kind-shop (8 equal)',
      '',
      'The kubectl / aws commands that would fix each finding: --format markdown or',
      '--format json.',
    ]);
  });
});
