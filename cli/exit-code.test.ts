import { describe, expect, it } from 'vitest';
import { driftExitCode, uncomparedSources } from './exit-code';
import { reportWithSourceDown, shopReport } from './testing/reports';

describe('driftExitCode (kubectl diff: 0 none, 1 drift, 2 error)', () => {
  it('is 1 for a finding at or above the threshold, else 0', () => {
    const report = shopReport(); // one critical (image), one warning (replicas), LOG_LEVEL critical
    expect(report.findings.map((f) => f.severity).sort()).toEqual(['critical', 'critical', 'warning']);
    expect(driftExitCode(report, { failOn: 'info' })).toBe(1);
    expect(driftExitCode(report, { failOn: 'critical' })).toBe(1);
    const warningsOnly = { ...report, findings: report.findings.filter((f) => f.severity === 'warning') };
    expect(driftExitCode(warningsOnly, { failOn: 'warning' })).toBe(1);
    expect(driftExitCode(warningsOnly, { failOn: 'critical' })).toBe(0);
  });

  it('ignored findings and fields not compared inside a pair never change it', () => {
    const report = shopReport({ ignoreLogLevel: true });
    const none = { ...report, findings: [], notCompared: [{ pairId: 'p', key: 'web', container: 'web', field: 'env.DB_PASSWORD', reason: 'secret values not read' }] };
    expect(driftExitCode(none, { failOn: 'info' })).toBe(0);
  });

  it('only-on-one-side counts only when asked', () => {
    const report = { ...shopReport(), findings: [] };
    expect(report.onlyOn).toHaveLength(1);
    expect(driftExitCode(report, { failOn: 'info' })).toBe(0);
    expect(driftExitCode(report, { failOn: 'info', failOnOnlyOn: true })).toBe(1);
  });

  it('is 2 when a whole source could not be compared, even with drift elsewhere', () => {
    const report = reportWithSourceDown();
    expect(uncomparedSources(report).map((n) => n.reason)).toEqual(['Kubernetes staging is down: connect ECONNREFUSED 10.0.0.1:6443']);
    expect(driftExitCode(report, { failOn: 'info' })).toBe(2);
    expect(driftExitCode({ ...report, findings: shopReport().findings }, { failOn: 'info' })).toBe(2);
  });
});
