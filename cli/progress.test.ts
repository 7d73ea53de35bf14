import { describe, expect, it } from 'vitest';
import type { Source } from '@/lib/model';
import { progressLine, ProgressPrinter } from './progress';

const src = (over: Partial<Source>): Source => ({
  id: 'k8s/kind', platform: 'kubernetes', name: 'kind', status: 'syncing', demo: false, connection: {}, coverage: [], errors: [], freshness: { mode: 'watch' }, ...over,
});

describe('progress lines', () => {
  it('say per source: syncing n/m kinds (clusters on ECS), ok with the objects, down or degraded with the reason', () => {
    expect(progressLine(src({ progress: { done: 12, total: 19, objects: 300 } }))).toBe('k8s/kind: syncing 12/19 kinds');
    expect(progressLine(src({ id: 'ecs/p/r', platform: 'ecs', progress: { done: 1, total: 3, objects: 0 } }))).toBe('ecs/p/r: syncing 1/3 clusters');
    expect(progressLine(src({ id: 'ecs/p/r', platform: 'ecs', progress: { done: 0, total: 0, objects: 0 } }))).toBe('ecs/p/r: syncing');
    expect(progressLine(src({ status: 'ok', progress: { done: 19, total: 19, objects: 58 } }))).toBe('k8s/kind: ok (58 objects)');
    expect(progressLine(src({ status: 'down', reason: 'connect ECONNREFUSED 127.0.0.1:1' }))).toBe('k8s/kind: down: connect ECONNREFUSED 127.0.0.1:1');
    expect(progressLine(src({ status: 'degraded', reason: 'not covered: secrets' }))).toBe('k8s/kind: degraded: not covered: secrets');
  });

  it('print "syncing" at most once a second per source, and the outcome at once', () => {
    let now = 0;
    const lines: string[] = [];
    const p = new ProgressPrinter({ write: (l) => lines.push(l), now: () => now });
    const at = (done: number) => src({ progress: { done, total: 19, objects: 0 } });
    p.update(at(0));
    now = 400;
    p.update(at(5));
    p.update(src({ id: 'k8s/other', progress: { done: 1, total: 19, objects: 0 } }));
    now = 1000;
    p.update(at(12));
    p.update(at(12));
    now = 1100;
    p.update(src({ status: 'ok', progress: { done: 19, total: 19, objects: 58 } }));
    expect(lines).toEqual(['k8s/kind: syncing 0/19 kinds', 'k8s/other: syncing 1/19 kinds', 'k8s/kind: syncing 12/19 kinds', 'k8s/kind: ok (58 objects)']);
  });
});
