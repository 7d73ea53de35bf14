import { describe, expect, it } from 'vitest';
import { ECS, K8S, sampleInstance, sampleSnapshot, sampleWorkload } from '@/lib/testing/sample-snapshot';
import type { Source } from '@/lib/model';
import { MATRIX_ROWS, matrixCell, matrixColumns } from './matrix';
import { OVERVIEW_CHART_LIMIT, overviewPayload } from './overview';

describe('overview payload', () => {
  it('carries the matrix cells the page draws, computed by the same matrixCell', () => {
    const snap = sampleSnapshot();
    const o = overviewPayload(snap);
    expect(o.sources).toEqual(snap.sources);
    expect(o.matrix.columns.map((c) => [c.key, c.sourceIds])).toEqual([[K8S.id, [K8S.id]], [ECS.id, [ECS.id]]]);
    expect(o.matrix.rows.map((r) => r.key)).toEqual(MATRIX_ROWS.map((r) => r.key));
    const cols = matrixColumns(snap.sources);
    for (const row of o.matrix.rows) expect(row.cells).toEqual(cols.map((c) => matrixCell(snap, c, row.key)));
    expect(o.matrix.rows.find((r) => r.key === 'instances')!.cells[0]).toMatchObject({ total: 3, detail: '2 running · 1 pending' });
    expect(o.charts.instancesByState.data.map((d) => [d.source, d.running, d.pending])).toEqual([[K8S.id, 2, 1], [ECS.id, 1, undefined]]);
    expect(o.charts.desiredReady).toMatchObject({ of: 3 });
    expect(o.charts.desiredReady.rows[0]).toMatchObject({ id: 'k8s/kind-demo/shop/Deployment/web', desired: 3, ready: 2 });
  });

  it('a forbidden kind stays "not covered" in the payload, never 0', () => {
    const snap = sampleSnapshot();
    const k8s: Source = { ...K8S, status: 'degraded', coverage: [{ kind: 'pods', collections: ['instances'], state: 'forbidden', count: 0, message: 'pods is forbidden' }] };
    snap.sources = [k8s, ECS];
    snap.instances = snap.instances.filter((i) => i.source !== K8S.id);
    const cell = overviewPayload(snap).matrix.rows.find((r) => r.key === 'instances')!.cells[0];
    expect(cell).toMatchObject({ state: 'not-covered', total: 0 });
    expect(overviewPayload(snap).charts.instancesByState.data[0].label).toContain('(not covered)');
  });

  it('is bounded: 20 chart rows and no instance, whatever the number of pods', () => {
    const snap = sampleSnapshot();
    const many = 5_000;
    snap.workloads = Array.from({ length: 500 }, (_, i) => sampleWorkload({ id: `k8s/kind-demo/ns/Deployment/w${i}`, platform: 'kubernetes', source: K8S.id, name: `w${i}`, desired: i % 37 }));
    snap.instances = Array.from({ length: many }, (_, i) => sampleInstance({ id: `k8s/kind-demo/ns/Pod/p${i}`, platform: 'kubernetes', source: K8S.id, name: `p${i}`, state: i % 10 ? 'running' : 'failed' }));
    const o = overviewPayload(snap);
    expect(o.charts.desiredReady.rows).toHaveLength(OVERVIEW_CHART_LIMIT);
    expect(o.charts.desiredReady.of).toBe(500);
    // The largest desired first: all 13 workloads at 36, then 7 of those at 35.
    expect(o.charts.desiredReady.rows.map((r) => r.desired)).toEqual([...Array(13).fill(36), ...Array(7).fill(35)]);
    expect(o.matrix.rows.find((r) => r.key === 'instances')!.cells[0]).toMatchObject({ total: many, segments: [{ key: 'running', count: 4_500 }, { key: 'failed', count: 500 }] });
    const small = JSON.stringify(o).length;
    snap.instances.push(...Array.from({ length: many }, (_, i) => sampleInstance({ id: `k8s/kind-demo/ns/Pod/q${i}`, platform: 'kubernetes', source: K8S.id, name: `q${i}` })));
    // Twice the pods: the same payload but for the numbers in it.
    expect(Math.abs(JSON.stringify(overviewPayload(snap)).length - small)).toBeLessThan(20);
  });
});
