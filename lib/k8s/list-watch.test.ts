// The loop's protocol handling with a scripted list and watch on fake time (the HTTP path is
// covered in source.test.ts and faults.test.ts).
import { describe, expect, it } from 'vitest';
import { KindLoop, type LoopEvents, type WatchOpener } from './list-watch';
import { KINDS } from './kinds';
import type { ListPage, ListPager } from './list-page';
import { KubeState } from './state';
import { httpError, type KubeError } from './errors';
import { Limiter } from '@/lib/util/limiter';
import { Timers } from '@/lib/util/timers';
import { malformedEvent, type WatchHandlers } from './watch-stream';
import { TestSink } from '@/lib/testing/sink';
import { FakeClock } from '@/lib/util/fake-clock';
import type { NormalizeContext } from './normalize/common';

const ctx: NormalizeContext = { sourceId: 'k8s/t', clusterId: 'k8s/t/_/Cluster/t' };
const ns = (name: string, rv = '1') => ({ metadata: { name, resourceVersion: rv } });

type WatchCall = { path: string; params: Record<string, unknown>; h: WatchHandlers; aborted: boolean; at: number };
type Params = { continue?: string; namespace?: string };

interface HarnessOptions {
  fallbackNamespace?: string;
  scope?: string;
  staleAfterMs?: number;
  requestTimeoutMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** Answer each watch as it opens (the default leaves it open and silent). */
  onWatch?: (w: WatchCall) => void;
}

function harness(pages: (p: Params, signal?: AbortSignal) => ListPage | Promise<ListPage>, o: HarnessOptions = {}) {
  const clock = new FakeClock();
  const sink = new TestSink();
  const state = new KubeState(ctx, sink);
  const listCalls: (Params & { at: number })[] = [];
  const watches: WatchCall[] = [];
  const failures: string[] = [];
  const stale: number[] = [];
  const retries: number[] = [];
  const spec = KINDS.find((k) => k.scope === (o.scope ?? 'namespaces'))!;
  // The scripted list sees the page as parameters: the namespace is the one in the path, if any.
  const listPage: ListPager = async (req, signal) => {
    const namespace = /\/namespaces\/([^/]+)\//.exec(req.path)?.[1];
    const p: Params & { limit: number } = { limit: req.limit, ...(req.continue ? { continue: req.continue } : {}), ...(namespace ? { namespace } : {}) };
    listCalls.push({ ...p, at: clock.now() });
    return pages(p, signal);
  };
  const openWatch: WatchOpener = (req, h) => {
    const w: WatchCall = { path: req.path, params: req.params, h, aborted: false, at: clock.now() };
    watches.push(w);
    queueMicrotask(() => {
      if (w.aborted) return;
      h.connected();
      o.onWatch?.(w);
    });
    return { abort: () => { w.aborted = true; } };
  };
  const listed: (string | undefined)[] = [];
  const events: LoopEvents = {
    listed: (_s, _c, nsName) => void listed.push(nsName),
    failed: (_s, e: KubeError, op, _lf, retryIn) => { failures.push(`${op}: ${e.message}`); retries.push(retryIn); },
    malformed: (_s, e) => void failures.push(e.message),
    pageRead: () => undefined, changed: () => undefined, connected: () => undefined, confirmed: () => undefined,
    stale: (_s, since) => void stale.push(since), waiting: () => undefined,
  };
  const timers = new Timers(clock);
  const loop = new KindLoop({
    spec, listPage, openWatch, state, ctx, pageSize: 2, server: 'https://t', events, limiter: new Limiter(4), timers,
    random: () => 0.5, requestTimeoutMs: o.requestTimeoutMs ?? 60_000, watchTimeoutSeconds: 300,
    staleAfterMs: o.staleAfterMs ?? 90_000, backoff: o.backoff ?? { baseMs: 500, maxMs: 30_000 },
    ...(o.fallbackNamespace ? { fallbackNamespace: o.fallbackNamespace } : {}),
  });
  const stop = () => { loop.stop(); timers.stop(); };
  return { clock, sink, loop, listCalls, watches, failures, stale, retries, timers, listed, stop };
}

const open = (h: { watches: WatchCall[] }) => h.watches.filter((w) => !w.aborted).at(-1)!;

describe('KindLoop', () => {
  it('restarts a list whose continue token expired (410) and replaces the scope once, without duplicates', async () => {
    let expiredOnce = false;
    const h = harness((p) => {
      if (!p.continue) return { items: [ns('a'), ns('b')], metadata: { continue: 't1', resourceVersion: '10' } };
      if (!expiredOnce) {
        expiredOnce = true;
        throw httpError(410, { reason: 'Expired', message: 'The provided continue parameter is too old' });
      }
      return { items: [ns('c')], metadata: { resourceVersion: '12' } };
    });
    await h.loop.start();
    expect(h.listCalls.map(({ at: _at, ...p }) => p)).toEqual([{ limit: 2 }, { limit: 2, continue: 't1' }, { limit: 2 }, { limit: 2, continue: 't1' }]);
    expect(h.sink.log.filter((l) => l.scope === 'namespaces')).toEqual([{ op: 'replace', scope: 'namespaces', count: 3 }]);
    expect(h.watches[0].params).toMatchObject({ resourceVersion: '12', allowWatchBookmarks: true });
    h.stop();
  });

  it('follows bookmarks, resumes after a normal end, relists on an ERROR 410 event', async () => {
    let lists = 0;
    const h = harness(() => ({ items: lists++ === 0 ? [ns('a')] : [ns('b')], metadata: { resourceVersion: String(100 + lists) } }));
    await h.loop.start();
    await h.clock.advance(0);
    const w0 = h.watches[0];
    w0.h.event('ADDED', ns('x', '102'));
    w0.h.event('BOOKMARK', { metadata: { resourceVersion: '150' } });
    expect(h.sink.get('namespaces', 'k8s/t/_/Namespace/x')).toBeDefined();
    await h.clock.advance(60_000);
    w0.h.done();
    await h.clock.advance(0);
    expect(h.watches[1].params.resourceVersion).toBe('150');
    h.watches[1].h.event('DELETED', ns('x', '151'));
    expect(h.sink.get('namespaces', 'k8s/t/_/Namespace/x')).toBeUndefined();
    h.watches[1].h.event('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' });
    await h.clock.advance(0);
    expect(lists).toBe(2);
    expect(h.sink.objects('namespaces').map((o) => o.name)).toEqual(['b']);
    expect(h.watches[2].params.resourceVersion).toBe('102');
    // One 410 is ordinary compaction: nothing to report.
    expect(h.failures).toEqual([]);
    h.stop();
  });

  it('falls back to the context namespace when listing all namespaces is forbidden', async () => {
    const pod = (name: string) => ({ metadata: { name, namespace: 'team-a', resourceVersion: '5' }, spec: { containers: [] } });
    const h = harness((p) => {
      if (!p.namespace) throw httpError(403, { reason: 'Forbidden', message: 'pods is forbidden: User "dev" cannot list resource "pods" in API group "" at the cluster scope' });
      return { items: [pod('a')], metadata: { resourceVersion: '9' } };
    }, { fallbackNamespace: 'team-a', scope: 'pods' });
    await h.loop.start();
    await h.clock.advance(0);
    expect(h.listCalls.map(({ at: _at, ...p }) => p)).toEqual([{ limit: 2 }, { limit: 2, namespace: 'team-a' }]);
    expect(h.listed).toEqual(['team-a']);
    expect(h.failures).toEqual([]);
    expect(h.sink.get('pods', 'k8s/t/team-a/Pod/a')).toBeDefined();
    expect(h.watches[0].params.resourceVersion).toBe('9');
    expect(h.watches[0].path).toBe('/api/v1/namespaces/team-a/pods');
    h.stop();
  });

  it('reports an object that cannot be normalized and keeps watching', async () => {
    const h = harness(() => ({ items: [], metadata: { resourceVersion: '1' } }));
    await h.loop.start();
    await h.clock.advance(0);
    h.watches[0].h.event('ADDED', { metadata: {} });
    h.watches[0].h.event('ADDED', ns('ok', '2'));
    expect(h.failures).toEqual(['malformed Namespace: metadata.name is missing']);
    expect(h.sink.get('namespaces', 'k8s/t/_/Namespace/ok')).toBeDefined();
    expect(h.watches).toHaveLength(1);
    h.stop();
  });

  it('an undecodable watch line ends the watch, is reported, and relists (the lost DELETED shows)', async () => {
    let lists = 0;
    const h = harness(() => ({ items: lists++ === 0 ? [ns('a'), ns('gone')] : [ns('a')], metadata: { resourceVersion: String(10 + lists) } }));
    await h.loop.start();
    await h.clock.advance(0);
    expect(h.sink.get('namespaces', 'k8s/t/_/Namespace/gone')).toBeDefined();
    h.watches[0].h.done(malformedEvent('https://t', 'Unexpected end of JSON input'));
    await h.clock.advance(0);
    expect(lists).toBe(2);
    expect(h.sink.get('namespaces', 'k8s/t/_/Namespace/gone')).toBeUndefined();
    expect(h.failures).toEqual(['watch: watch event could not be decoded (Unexpected end of JSON input): the watch was ended and the kind is relisted']);
    expect(h.watches[1].params.resourceVersion).toBe('12');
    h.stop();
  });

  it('a persistent watch 410 relists with backoff and jitter, and is reported from the second one', async () => {
    const h = harness(() => ({ items: [ns('a')], metadata: { resourceVersion: '5' } }), {
      onWatch: (w) => w.h.event('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 5 (9)' }),
    });
    await h.loop.start();
    await h.clock.advance(60_000);
    // Relists at about 0, 0.5, 1, 2, 4, 8, 16, 30, 30 s... (jitter drawn at 0.5: 3/4 of each step).
    const lists = h.listCalls.length;
    expect(lists).toBeGreaterThanOrEqual(8);
    expect(lists).toBeLessThanOrEqual(11);
    const gaps = h.listCalls.slice(1).map((c, i) => c.at - h.listCalls[i].at);
    expect(gaps.slice(0, 6)).toEqual([0, 375, 750, 1500, 3000, 6000]);
    expect(h.failures[0]).toBe('watch: 410 Gone: the watch expired 2 times in a row (410 Gone: too old resource version: 5 (9))');
    expect(h.failures).toHaveLength(lists - 1);
    h.stop();
  });

  it('a watch silent past the stale limit is dropped, reported stale and relisted', async () => {
    let lists = 0;
    const h = harness(() => ({ items: [ns(`n${lists++}`)], metadata: { resourceVersion: String(20 + lists) } }), { staleAfterMs: 90_000 });
    await h.loop.start();
    await h.clock.advance(0);
    const w0 = h.watches[0];
    await h.clock.advance(60_000);
    w0.h.event('BOOKMARK', { metadata: { resourceVersion: '30' } });
    await h.clock.advance(89_000);
    expect(h.stale).toEqual([]);
    const confirmed = h.clock.now() - 89_000;
    await h.clock.advance(1_000);
    expect(h.stale).toEqual([confirmed]);
    expect(w0.aborted).toBe(true);
    expect(lists).toBe(2);
    expect(h.watches).toHaveLength(2);
    h.stop();
  });

  it('honours Retry-After on a throttled watch (429) before reconnecting', async () => {
    const h = harness(() => ({ items: [], metadata: { resourceVersion: '3' } }));
    await h.loop.start();
    await h.clock.advance(0);
    h.watches[0].h.done(httpError(429, { reason: 'TooManyRequests', message: 'slow down' }, 'https://t', { 'retry-after': '20' }));
    expect(h.retries).toEqual([20_000]);
    await h.clock.advance(19_999);
    expect(h.watches).toHaveLength(1);
    await h.clock.advance(1);
    expect(h.watches).toHaveLength(2);
    expect(h.watches[1].params.resourceVersion).toBe('3');
    h.stop();
  });

  it('aborts a list page past its deadline and frees its slot for the next attempt', async () => {
    let calls = 0;
    const h = harness((_p, signal) => {
      calls++;
      if (calls > 1) return { items: [ns('late')], metadata: { resourceVersion: '7' } };
      return new Promise<ListPage>((_resolve, reject) => signal!.addEventListener('abort', () => reject(new Error('aborted by the client'))));
    }, { requestTimeoutMs: 60_000 });
    void h.loop.start();
    await h.clock.advance(59_999);
    expect(h.failures).toEqual([]);
    await h.clock.advance(1);
    expect(h.failures).toEqual(['list: list namespaces timed out after 60 s (https://t)']);
    await h.clock.advance(h.retries[0]);
    expect(h.sink.get('namespaces', 'k8s/t/_/Namespace/late')).toBeDefined();
    h.stop();
  });
});
