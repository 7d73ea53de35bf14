// The usage view model: bars against their bounds (equal bounds merged, percent of the ECS
// reservation with the absolute figure), chart rows, ticks and units as a person reads them.
import { describe, expect, it } from 'vitest';
import { boundLines, formatMillicores, hourTicks, memoryAxis, usageBars, usageChartRows, type UsagePayload } from './usage';

const base: UsagePayload = { id: 'w', name: 'web', platform: 'kubernetes', subject: 'workload', from: 'x', measure: 'absolute', covered: true, cpu: {}, memory: {}, series: [], intervalS: 30 };

describe('usageBars', () => {
  it('Kubernetes: the value against request and limit, on a scale with room past the largest; equal bounds merged', () => {
    const [cpu, mem] = usageBars({ ...base, current: { t: 1, cpu: 900, memory: 512 * 2 ** 20 }, cpu: { request: 500, limit: 1000 }, memory: { request: 2 ** 30, limit: 2 ** 30 } });
    expect(cpu).toMatchObject({ label: 'CPU', used: '900m', against: 'request 500m · limit 1 core', tone: 'bad' });
    expect(cpu.fill).toBeCloseTo((900 / 1100) * 100);
    expect(cpu.marks.map((m) => m.label)).toEqual(['request', 'limit']);
    expect(mem).toMatchObject({ used: '512Mi', against: 'request = limit 1Gi', tone: 'ok' });
    expect(mem.marks).toHaveLength(1);
  });

  it('no current value: no fill (never a zero); no bounds on a workload says so', () => {
    const [cpu] = usageBars(base);
    expect(cpu.fill).toBeUndefined();
    expect(cpu.against).toBe('no request or limit set');
  });

  it('ECS: percent of the reservation with the absolute figure from the task size', () => {
    const [cpu, mem] = usageBars({ ...base, platform: 'ecs', measure: 'percent', current: { t: 1, cpu: 95, memory: 10 }, cpu: { capacity: 100 }, memory: { capacity: 100 }, reservation: { tasks: 2, cpuMillis: 1000, memoryBytes: 2 ** 31 } });
    expect(cpu).toMatchObject({ used: '95% ≈ 950m of 1 core', tone: 'bad', against: 'reservation 100%' });
    expect(mem.used).toBe('10% ≈ 204.8Mi of 2Gi');
  });

  it('a node: against allocatable, with what its pods request', () => {
    expect(boundLines({ ...base, subject: 'node', cpu: { request: 1000, capacity: 4000 } }, 'cpu')).toEqual([['request', 1000], ['allocatable', 4000]]);
  });
});

describe('formatting', () => {
  it('millicores, chart rows in MiB (GiB from 2 GiB up), quarter-hour ticks', () => {
    expect([formatMillicores(3.24), formatMillicores(250.4), formatMillicores(1250), formatMillicores(undefined)]).toEqual(['3.2m', '250m', '1.25 cores', '—']);
    const big = { ...base, series: [{ t: 1, memory: 1.5 * 2 ** 30 }], memory: { limit: 3 * 2 ** 30 } };
    expect(memoryAxis(big).unit).toBe('GiB');
    expect(usageChartRows(big)[0].memory).toBe(1.5);
    expect(usageChartRows({ ...base, series: [{ t: 1, cpu: 12.345, memory: 3 * 2 ** 20 }] })).toEqual([{ t: 1, cpu: 12.3, memory: 3 }]);
    const end = Date.UTC(2026, 11, 1, 18, 40);
    expect(hourTicks(end)).toEqual([45, 60, 75, 90].map((m) => Date.UTC(2026, 11, 1, 17, m)));
  });
});
