import { describe, expect, it } from 'vitest';
import { driftJson, formatJson } from './json';
import { reportWithSourceDown, shopReport } from '../testing/reports';

describe('formatJson', () => {
  it('is one object with every finding once at the top level, pairs pointing at them by pairId', () => {
    const report = shopReport({ ignoreLogLevel: true });
    const out = JSON.parse(formatJson(report, { failOn: 'info', exitCode: 1 }));
    expect(Object.keys(out).sort()).toEqual(['ambiguous', 'excluded', 'exitCode', 'failOn', 'findings', 'generatedAt', 'mode', 'notCompared', 'onlyOn', 'pairs', 'schema', 'sourcePairs', 'sources', 'totals']);
    expect(out.schema).toBe('parallax.drift/v1');
    expect(out.findings).toEqual(report.findings);
    expect(out.pairs.map((p: { key: string }) => p.key)).toEqual(['api', 'web']);
    for (const p of out.pairs) expect(p).not.toHaveProperty('findings');
    const web = out.pairs.find((p: { key: string }) => p.key === 'web');
    expect(web.ignored.map((f: { field: string }) => f.field)).toEqual(['env.LOG_LEVEL']);
    expect(out.findings.every((f: { pairId: string }) => f.pairId === web.id)).toBe(true);
    expect(out.onlyOn.map((o: { side: { name: string } }) => o.side.name)).toEqual(['cron']);
  });

  it('carries the exit code, the threshold, the snapshot compared with, and not-compared sources', () => {
    const out = driftJson(reportWithSourceDown(), { failOn: 'warning', exitCode: 2, against: { file: 'snap.json', generatedAt: '2026-11-30T00:00:00Z' } });
    expect(out).toMatchObject({ failOn: 'warning', exitCode: 2, against: { file: 'snap.json' }, notCompared: [{ reason: expect.stringContaining('staging is down') }] });
  });
});
