// The loop's protocol handling with a scripted list and watch (the HTTP path is covered in source.test.ts).
import { describe, expect, it } from 'vitest';
import type { Watch } from '@kubernetes/client-node';
import { KindLoop, type LoopEvents } from './list-watch';
import { KINDS, type Apis, type KindSpec, type ListPage } from './kinds';
import { KubeState } from './state';
import { httpError } from './errors';
import { Limiter, Timers } from './runtime';
import { TestSink } from '@/lib/inventory/testing';
import type { NormalizeContext } from './normalize/common';

const ctx: NormalizeContext = { sourceId: 'k8s/t', clusterId: 'k8s/t/_/Cluster/t' };
const ns = (name: string, rv = '1') => ({ metadata: { name, resourceVersion: rv } });

type WatchCall = { path: string; params: Record<string, unknown>; onEvent: (t: string, o: unknown) => void; done: (e: unknown) => void };

function harness(pages: (p: { _continue?: string; namespace?: string }) => ListPage, fallbackNamespace?: string, scope = 'namespaces') {
  const sink = new TestSink();
  const state = new KubeState(ctx, sink);
  const listCalls: { _continue?: string; namespace?: string }[] = [];
  const watches: WatchCall[] = [];
  const failures: string[] = [];
  const base = KINDS.find((k) => k.scope === scope)!;
  const spec: KindSpec = { ...base, list: async (_a, p) => { listCalls.push({ ...p }); return pages(p); } };
  const watch = {
    watch: async (path: string, params: Record<string, unknown>, onEvent: WatchCall['onEvent'], done: WatchCall['done']) => {
      watches.push({ path, params, onEvent, done });
      return new AbortController();
    },
  } as unknown as Watch;
  const listed: (string | undefined)[] = [];
  const events: LoopEvents = {
    listed: (_s, _c, nsName) => void listed.push(nsName), failed: (_s, e, op) => void failures.push(`${op}: ${e.message}`), malformed: (_s, e) => void failures.push(e.message),
    pageRead: () => undefined, changed: () => undefined, connected: () => undefined,
  };
  const timers = new Timers();
  const loop = new KindLoop({
    spec, apis: {} as Apis, watch, state, ctx, pageSize: 2, server: 'https://t', events, limiter: new Limiter(4), timers,
    requestTimeoutMs: 1000, watchTimeoutSeconds: 300, backoff: { baseMs: 1, maxMs: 5 },
    ...(fallbackNamespace ? { fallbackNamespace } : {}),
  });
  return { sink, loop, listCalls, watches, failures, timers, listed };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('KindLoop', () => {
  it('restarts a list whose continue token expired (410) and replaces the scope once, without duplicates', async () => {
    let expiredOnce = false;
    const h = harness((p) => {
      if (!p._continue) return { items: [ns('a'), ns('b')], metadata: { _continue: 't1', resourceVersion: '10' } };
      if (!expiredOnce) {
        expiredOnce = true;
        throw httpError(410, { reason: 'Expired', message: 'The provided continue parameter is too old' });
      }
      return { items: [ns('c')], metadata: { resourceVersion: '12' } };
    });
    await h.loop.start();
    expect(h.listCalls).toEqual([{ limit: 2 }, { limit: 2, _continue: 't1' }, { limit: 2 }, { limit: 2, _continue: 't1' }]);
    expect(h.sink.log.filter((l) => l.scope === 'namespaces')).toEqual([{ op: 'replace', scope: 'namespaces', count: 3 }]);
    await tick();
    expect(h.watches[0].params).toMatchObject({ resourceVersion: '12', allowWatchBookmarks: true });
    h.loop.stop();
    h.timers.stop();
  });

  it('follows bookmarks, resumes after a normal end, relists on an ERROR 410 event', async () => {
    let lists = 0;
    const h = harness(() => ({ items: lists++ === 0 ? [ns('a')] : [ns('b')], metadata: { resourceVersion: String(100 + lists) } }));
    await h.loop.start();
    await tick();
    const w0 = h.watches[0];
    w0.onEvent('ADDED', ns('x', '102'));
    w0.onEvent('BOOKMARK', { metadata: { resourceVersion: '150' } });
    expect(h.sink.get('namespaces', 'k8s/t/_/Namespace/x')).toBeDefined();
    await tick(1100);
    w0.done(null);
    await tick();
    expect(h.watches[1].params.resourceVersion).toBe('150');
    h.watches[1].onEvent('DELETED', ns('x', '151'));
    expect(h.sink.get('namespaces', 'k8s/t/_/Namespace/x')).toBeUndefined();
    h.watches[1].onEvent('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' });
    await tick(50);
    expect(lists).toBe(2);
    expect(h.sink.objects('namespaces').map((o) => o.name)).toEqual(['b']);
    expect(h.watches[2].params.resourceVersion).toBe('102');
    expect(h.failures).toEqual([]);
    h.loop.stop();
    h.timers.stop();
  });

  it('falls back to the context namespace when listing all namespaces is forbidden', async () => {
    const pod = (name: string) => ({ metadata: { name, namespace: 'team-a', resourceVersion: '5' }, spec: { containers: [] } });
    const h = harness((p) => {
      if (!p.namespace) throw httpError(403, { reason: 'Forbidden', message: 'pods is forbidden: User "dev" cannot list resource "pods" in API group "" at the cluster scope' });
      return { items: [pod('a')], metadata: { resourceVersion: '9' } };
    }, 'team-a', 'pods');
    await h.loop.start();
    await tick(50);
    expect(h.listCalls).toEqual([{ limit: 2 }, { limit: 2, namespace: 'team-a' }]);
    expect(h.listed).toEqual(['team-a']);
    expect(h.failures).toEqual([]);
    expect(h.sink.get('pods', 'k8s/t/team-a/Pod/a')).toBeDefined();
    expect(h.watches[0].params.resourceVersion).toBe('9');
    expect(h.watches[0].path).toBe('/api/v1/namespaces/team-a/pods');
    h.loop.stop();
    h.timers.stop();
  });

  it('reports a malformed watch object and keeps watching', async () => {
    const h = harness(() => ({ items: [], metadata: { resourceVersion: '1' } }));
    await h.loop.start();
    await tick();
    h.watches[0].onEvent('ADDED', { metadata: {} });
    h.watches[0].onEvent('ADDED', ns('ok', '2'));
    expect(h.failures).toEqual(['malformed Namespace: metadata.name is missing']);
    expect(h.sink.get('namespaces', 'k8s/t/_/Namespace/ok')).toBeDefined();
    h.loop.stop();
    h.timers.stop();
  });
});
