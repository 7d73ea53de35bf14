import { describe, expect, it } from 'vitest';
import { FakeClock } from '@/lib/util/fake-clock';
import { WaitingTracker } from './waiting';
import type { Waiting } from '@/lib/model';

describe('WaitingTracker', () => {
  it('reports requests outstanding past the threshold, oldest first, and clears them when they end', async () => {
    const clock = new FakeClock(0);
    const reports: Waiting[][] = [];
    const t = new WaitingTracker(clock, 5_000, (w) => reports.push(w));
    const endQuick = t.start('ListClusters');
    endQuick();
    t.set('pods', 'list pods');
    await clock.advance(2_000);
    t.set('nodes', 'list nodes');
    await clock.advance(3_000);
    expect(reports).toEqual([[{ operation: 'list pods', since: '1970-01-01T00:00:00.000Z' }]]);
    await clock.advance(5_000);
    expect(reports.at(-1)).toEqual([{ operation: 'list pods', since: '1970-01-01T00:00:00.000Z' }, { operation: 'list nodes', since: '1970-01-01T00:00:02.000Z' }]);
    t.set('pods', undefined);
    t.set('nodes', undefined);
    expect(reports.at(-1)).toEqual([]);
    const n = reports.length;
    await clock.advance(60_000);
    expect(reports).toHaveLength(n);
    expect(clock.size).toBe(0);
    t.stop();
  });
});
