import { describe, expect, it } from 'vitest';
import type { Source } from '@/lib/model';
import { Inventory } from './store';
import type { SourceAdapter, SourceSink } from './types';
import { FakeClock } from '@/lib/util/fake-clock';
import { waitForFirstSync } from './first-sync';

/** An adapter whose sink the test drives. */
function fakeSource(id: string, platform: Source['platform'] = 'kubernetes') {
  let sink: SourceSink | undefined;
  const adapter: SourceAdapter = {
    id,
    describe: () => ({
      id, platform, name: id, status: 'syncing', demo: false, connection: {}, coverage: [], errors: [],
      freshness: { mode: 'watch' }, progress: { done: 0, total: 19, objects: 0 },
    }),
    start: async (s) => { sink = s; },
    stop: async () => {},
  };
  return { adapter, sink: () => sink! };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('waitForFirstSync', () => {
  it('resolves once every source is ok, degraded or down, reporting progress changes once each', async () => {
    const inv = new Inventory();
    const a = fakeSource('k8s/a');
    const b = fakeSource('ecs/b', 'ecs');
    await inv.add(a.adapter);
    await inv.add(b.adapter);
    const clock = new FakeClock(0);
    const lines: string[] = [];
    let result: Awaited<ReturnType<typeof waitForFirstSync>> | undefined;
    void waitForFirstSync(inv, { timeoutMs: 120_000, clock, onProgress: (s) => lines.push(`${s.id} ${s.status} ${s.progress?.done}/${s.progress?.total}`) })
      .then((r) => { result = r; });

    a.sink().status({ progress: { done: 12, total: 19, objects: 40 } });
    a.sink().status({ progress: { done: 12, total: 19, objects: 41 } }); // objects alone: no new line
    a.sink().status({ status: 'ok', progress: { done: 19, total: 19, objects: 58 } });
    await flush();
    expect(result).toBeUndefined();
    b.sink().status({ status: 'down', reason: 'connect ECONNREFUSED' });
    await flush();

    expect(result?.stillSyncing).toEqual([]);
    expect(result?.sources.map((s) => [s.id, s.status])).toEqual([['k8s/a', 'ok'], ['ecs/b', 'down']]);
    expect(lines).toEqual(['k8s/a syncing 0/19', 'ecs/b syncing 0/19', 'k8s/a syncing 12/19', 'k8s/a ok 19/19', 'ecs/b down 0/19']);
    expect(clock.size).toBe(0);
  });

  it('at the deadline, resolves with the sources still syncing', async () => {
    const inv = new Inventory();
    const a = fakeSource('k8s/hung');
    const b = fakeSource('k8s/fine');
    await inv.add(a.adapter);
    await inv.add(b.adapter);
    const clock = new FakeClock(0);
    let result: Awaited<ReturnType<typeof waitForFirstSync>> | undefined;
    void waitForFirstSync(inv, { timeoutMs: 5_000, clock }).then((r) => { result = r; });
    b.sink().status({ status: 'ok' });
    await clock.advance(4_999);
    expect(result).toBeUndefined();
    await clock.advance(1);
    expect(result?.stillSyncing.map((s) => s.id)).toEqual(['k8s/hung']);
    // Changes after the deadline are not listened to any more.
    a.sink().status({ status: 'ok' });
    expect(result?.stillSyncing.map((s) => s.id)).toEqual(['k8s/hung']);
  });

  it('resolves at once when nothing is syncing (no sources, or all finished already)', async () => {
    const clock = new FakeClock(0);
    await expect(waitForFirstSync(new Inventory(), { timeoutMs: 1, clock })).resolves.toEqual({ sources: [], stillSyncing: [] });
    expect(clock.size).toBe(0);
  });
});
