// Fault matrix, Kubernetes, the faults issue 8 found: hung and stalled requests, stalled watches,
// undecodable watch events, persistent watch 410s, 429 with Retry-After. The real client over
// HTTPS against the simulator's fault switch; deadlines and backoff on fake time (docs/FAULTS.md).
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { faultHarness, synced, type FaultHarness } from '@/lib/testing/k8s-harness';

let h: FaultHarness;
afterEach(async () => {
  await h?.stop();
});

const pod = (name: string) => ({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });

describe('Kubernetes faults: deadlines', () => {
  it('a list that is never answered is aborted at its deadline; meanwhile the source says what it waits for', async () => {
    h = await faultHarness();
    h.sim.faults.inject({ resource: 'pods', verb: 'list', fault: { type: 'hang' }, times: 1 });
    const { sink } = await h.start({ requestTimeoutMs: 60_000 });
    await sink.until(() => sink.status_.progress?.done === 18, 10_000, 'every kind but pods');
    await h.watching(18);
    await h.clock.advance(5_000);
    await sink.until(() => (sink.status_.waiting ?? []).length > 0, 5_000, 'waiting reported');
    expect(sink.status_.waiting).toEqual([{ operation: 'list pods', since: new Date(h.clock.now() - 5_000).toISOString() }]);
    expect(sink.status_.status).toBe('syncing');
    await h.clock.advance(55_000);
    await sink.until(() => sink.coverage.get('pods')?.state === 'error', 5_000, 'pods list timed out');
    expect(sink.coverage.get('pods')!.message).toBe(`list pods timed out after 60 s (${h.sim.url})`);
    expect(sink.status_).toMatchObject({ status: 'degraded', waiting: [] });
    await h.clock.advance(1_000);
    await sink.until(() => sink.status_.status === 'ok', 5_000, 'pods listed on retry');
  });

  it('a list that sends headers, then nothing, is aborted at its deadline', async () => {
    h = await faultHarness();
    h.sim.faults.inject({ resource: 'pods', verb: 'list', fault: { type: 'stall' }, times: 1 });
    const { sink } = await h.start({ requestTimeoutMs: 30_000 });
    await sink.until(() => sink.status_.progress?.done === 18, 10_000, 'every kind but pods');
    await h.clock.advance(30_000);
    await sink.until(() => sink.coverage.get('pods')?.state === 'error', 5_000, 'pods list timed out');
    expect(sink.coverage.get('pods')!.message).toMatch(/^list pods timed out after 30 s/);
    await h.clock.advance(1_000);
    await sink.until(() => sink.status_.status === 'ok', 5_000, 'pods listed on retry');
  });

  it('four hung lists do not hold the four list slots: the other kinds sync, the hung ones retry', async () => {
    h = await faultHarness();
    for (const resource of ['namespaces', 'nodes', 'deployments', 'statefulsets']) h.sim.faults.inject({ resource, verb: 'list', fault: { type: 'hang' }, times: 1 });
    const { sink } = await h.start({ listConcurrency: 4 });
    await h.clock.advance(5_000);
    await sink.until(() => (sink.status_.waiting ?? []).length === 4, 5_000, 'four lists waiting');
    expect(sink.status_.waiting!.map((w) => w.operation).sort()).toEqual(['list deployments', 'list namespaces', 'list nodes', 'list statefulsets']);
    expect(sink.status_.progress?.done ?? 0).toBe(0);
    await h.clock.advance(55_000);
    await sink.until(() => sink.status_.progress?.done === 19, 10_000, 'every kind done (15 ok, 4 timed out)');
    expect([...sink.coverage.values()].filter((c) => c.state === 'error').map((c) => c.kind).sort()).toEqual(['deployments', 'namespaces', 'nodes', 'statefulsets']);
    await h.clock.advance(1_000);
    await sink.until(() => sink.status_.status === 'ok', 5_000, 'all listed');
  });

  it('a server that accepts connections and sends nothing (not even TLS): every list times out, the source is down', async () => {
    h = await faultHarness();
    const sockets = new Set<net.Socket>();
    const hole = net.createServer((s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
    await new Promise<void>((r) => hole.listen(0, '127.0.0.1', () => r()));
    const port = (hole.address() as net.AddressInfo).port;
    try {
      const { sink } = await h.start({ requestTimeoutMs: 20_000 }, h.sim.kubeconfig('sim').replace(/server: .*/, `server: https://127.0.0.1:${port}`));
      await sink.until(() => sockets.size >= 4, 5_000, 'connections made');
      await h.clock.advance(20_000);
      await sink.until(() => sink.status_.status === 'down', 5_000, 'down');
      expect(sink.status_.reason).toMatch(new RegExp(`^list \\w+ timed out after 20 s \\(https://127\\.0\\.0\\.1:${port}\\)$`));
      await sink.until(() => sink.errors.some((e) => e.operation === 'get version'), 5_000, 'version call timed out');
      expect(sink.errors.find((e) => e.operation === 'get version')!.message).toMatch(/^get version timed out after 15 s/);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => hole.close(r));
    }
  });

  it('a watch whose connect is never answered is aborted at its deadline and reconnected', async () => {
    h = await faultHarness();
    h.sim.faults.inject({ resource: 'pods', verb: 'watch', fault: { type: 'hang' }, times: 1 });
    const { sink } = await h.start({ requestTimeoutMs: 60_000 });
    await sink.until(synced(sink), 10_000, 'sync');
    await h.clock.advance(60_000);
    await sink.until(() => sink.errors.some((e) => e.operation === 'watch pods'), 5_000, 'watch connect timed out');
    expect(sink.status_.status).toBe('degraded');
    expect(sink.status_.reason).toBe('reconnecting: pods');
    await h.clock.advance(1_000);
    await sink.until(() => sink.status_.status === 'ok', 5_000, 'watch reconnected');
    await h.core.createNamespacedPod({ namespace: 'default', body: pod('after') });
    await sink.until(() => !!sink.get('pods', 'k8s/sim/default/Pod/after'), 5_000, 'pod through the new watch');
  });
});

describe('Kubernetes faults: watches', () => {
  it('a stalled watch (headers, then nothing) is shown stale with its last confirmed time, relisted, and recovers', async () => {
    h = await faultHarness();
    h.sim.faults.inject({ resource: 'pods', verb: 'watch', fault: { type: 'stall' }, times: 1 });
    const { sink } = await h.start({ staleAfterMs: 90_000, confirmReportMs: 30_000 });
    await sink.until(synced(sink), 10_000, 'sync');
    const listedAt = new Date(h.clock.now()).toISOString();
    await h.core.createNamespacedPod({ namespace: 'default', body: pod('missed') });
    await h.step(85_000);
    // Silent, but not yet past the bookmark interval plus slack: still live.
    expect(sink.status_.status).toBe('ok');
    expect(sink.get('pods', 'k8s/sim/default/Pod/missed')).toBeUndefined();
    await h.clock.advance(5_000);
    await sink.until(() => sink.coverage.get('pods')?.stale === true, 5_000, 'pods stale');
    const marked = sink.updates.flatMap((u) => u.coverage ?? []).find((c) => c.kind === 'pods' && c.stale)!;
    expect(marked.confirmedAt).toBe(listedAt);
    expect(sink.status_.status).toBe('degraded');
    expect(sink.status_.reason).toBe('stale (watch silent past the bookmark interval), relisting: pods');
    expect(sink.errors.find((e) => e.operation === 'watch pods (stalled)')?.message).toBe(`watch silent (no event or bookmark): data last confirmed 90 s ago (${listedAt}); relisting`);
    // The relist brings the missed pod; the new watch's first bookmark clears the stale mark.
    await sink.until(() => !!sink.get('pods', 'k8s/sim/default/Pod/missed'), 5_000, 'relisted');
    await sink.until(() => sink.status_.status === 'ok' && !sink.coverage.get('pods')!.stale, 5_000, 'live again');
    expect(h.requests('/api/v1/pods', 'list')).toHaveLength(2);
  });

  it('an undecodable watch line ends the watch and relists: a deletion it held is not lost; the fault is reported', async () => {
    h = await faultHarness();
    await h.core.createNamespacedPod({ namespace: 'default', body: pod('doomed') });
    const { sink } = await h.start();
    await sink.until(synced(sink), 10_000, 'sync');
    expect(sink.get('pods', 'k8s/sim/default/Pod/doomed')).toBeDefined();
    h.sim.faults.inject({ resource: 'pods', verb: 'watch', fault: { type: 'malformedEvent' }, times: 1 });
    await h.core.deleteNamespacedPod({ name: 'doomed', namespace: 'default', gracePeriodSeconds: 0 });
    await sink.until(() => !sink.get('pods', 'k8s/sim/default/Pod/doomed'), 5_000, 'deletion seen through the relist');
    expect(h.requests('/api/v1/pods', 'list')).toHaveLength(2);
    const err = sink.errors.find((e) => e.operation === 'decode watch pods')!;
    expect(err).toMatchObject({ code: 'MalformedWatchEvent' });
    expect(err.message).toMatch(/^watch event could not be decoded \(.+\): the watch was ended and the kind is relisted$/);
    // Reported, and kept in the source's recent errors once the watch is healthy again.
    await sink.until(() => sink.status_.status === 'ok', 5_000, 'ok after the next bookmark');
    expect(sink.updates.some((u) => u.status === 'degraded' && u.reason === 'undecodable watch event, relisted: pods')).toBe(true);
    expect(sink.errors.some((e) => e.operation === 'decode watch pods')).toBe(true);
  });

  it('a persistent watch 410 relists with backoff (no storm), shows degraded, and recovers when it stops', async () => {
    h = await faultHarness();
    const stopExpiring = h.sim.faults.inject({ resource: 'pods', verb: 'watch', fault: { type: 'expire' } });
    const { sink } = await h.start({ backoff: { baseMs: 500, maxMs: 30_000 } });
    await sink.until(synced(sink), 10_000, 'sync');
    await h.step(60_000, 2_000);
    const lists = h.requests('/api/v1/pods', 'list').length;
    // Without backoff this was about 30 lists a second; with it: 0, 0.4, 0.8, 1.5, 3, 6, 12, 22.5, 22.5 s apart
    // (fewer when real I/O lags the 2 s steps; never more).
    expect(lists).toBeGreaterThanOrEqual(5);
    expect(lists).toBeLessThanOrEqual(11);
    expect(sink.status_.status).toBe('degraded');
    expect(sink.status_.reason).toBe('watch expired again and again (410), relisting with backoff: pods');
    expect(sink.coverage.get('pods')?.state).toBe('ok');
    stopExpiring();
    await h.step(30_000, 2_000);
    await sink.until(() => sink.status_.status === 'ok', 5_000, 'ok once the watch works');
  });

  it('429 on every list with Retry-After: 20 is "degraded: throttled, retrying in 20 s", never down, and waits 20 s', async () => {
    h = await faultHarness();
    const unthrottle = h.sim.faults.inject({ verb: 'list', fault: { type: 'status', code: 429, retryAfterSeconds: 20 } });
    const { sink } = await h.start();
    await sink.until(() => h.sim.requests.filter((r) => r.status === 429).length === 19, 5_000, '19 throttled lists');
    // The server has answered all 19; the fake clock may move once Parallax has read every answer.
    await sink.until(() => [...sink.coverage.values()].filter((c) => c.message === 'throttled, retrying in 20 s').length === 19, 5_000, '19 throttled kinds');
    await sink.until(() => sink.status_.status === 'degraded', 5_000, 'degraded');
    expect(sink.status_.reason).toMatch(/^throttled, retrying in 20 s: namespaces, nodes, /);
    expect(sink.updates.some((u) => u.status === 'down')).toBe(false);
    expect(sink.coverage.get('pods')).toMatchObject({ state: 'pending', message: 'throttled, retrying in 20 s' });
    await h.clock.advance(19_900);
    expect(h.sim.requests.filter((r) => r.status === 429)).toHaveLength(19);
    unthrottle();
    await h.clock.advance(100);
    await sink.until(() => sink.status_.status === 'ok', 10_000, 'ok after the throttle');
  });

  it('429 on a watch with Retry-After: 20 is honoured: the watch reconnects after 20 s, degraded meanwhile', async () => {
    h = await faultHarness();
    h.sim.faults.inject({ resource: 'pods', verb: 'watch', fault: { type: 'status', code: 429, retryAfterSeconds: 20 }, times: 1 });
    const { sink } = await h.start();
    await sink.until(() => sink.status_.reason === 'throttled, retrying in 20 s: pods', 10_000, 'throttled watch');
    expect(sink.status_.status).toBe('degraded');
    await h.step(19_000, 1_000);
    expect(h.requests('/api/v1/pods', 'watch')).toHaveLength(1);
    await h.clock.advance(1_000);
    await sink.until(() => h.requests('/api/v1/pods', 'watch').length === 2, 5_000, 'watch retried after 20 s');
    await sink.until(() => sink.status_.status === 'ok', 5_000, 'ok');
  });
});
