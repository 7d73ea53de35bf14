// Fault matrix, Kubernetes, the faults that already held before issue 8, kept held: 5xx, cut-off
// and non-JSON list bodies (first list and relist), an expired continue token, TLS. The refused
// connection, 401 and per-kind 403 cases are in source.test.ts; the broken kubeconfig in
// lib/server/runtime.test.ts (docs/FAULTS.md lists them all).
import { afterEach, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { faultHarness, synced, type FaultHarness } from '@/lib/testing/k8s-harness';

let h: FaultHarness;
afterEach(async () => {
  await h?.stop();
});

const pod = (name: string) => ({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });

describe('Kubernetes faults that held', () => {
  it('500 on a list: that kind is not covered (error), the rest is ok; the retry covers it', async () => {
    h = await faultHarness();
    h.sim.faults.inject({ resource: 'pods', verb: 'list', fault: { type: 'status', code: 500 }, times: 2 });
    const { sink } = await h.start();
    await sink.until(synced(sink), 10_000, 'sync');
    expect(sink.coverage.get('pods')).toMatchObject({ state: 'error', message: '500 Internal Server Error: injected fault: 500 InternalError' });
    expect(sink.status_).toMatchObject({ status: 'degraded', reason: 'not covered: pods' });
    expect(sink.coverage.get('nodes')?.state).toBe('ok');
    await h.step(5_000, 1_000);
    await sink.until(() => sink.status_.status === 'ok', 5_000, 'covered after the retry');
  });

  for (const fault of ['truncate', 'garbage'] as const) {
    it(`a ${fault === 'truncate' ? 'cut-off' : 'non-JSON'} list body on a relist keeps the objects listed before; the next relist replaces them`, async () => {
      h = await faultHarness();
      await h.core.createNamespacedPod({ namespace: 'default', body: pod('kept') });
      const { sink } = await h.start();
      await sink.until(synced(sink), 10_000, 'sync');
      // The next pod event is garbled (the watch ends and the kind is relisted), and that relist's body is broken.
      h.sim.faults.inject({ resource: 'pods', verb: 'list', fault: { type: fault }, times: 1 });
      h.sim.faults.inject({ resource: 'pods', verb: 'watch', fault: { type: 'malformedEvent' }, times: 1 });
      await h.core.createNamespacedPod({ namespace: 'default', body: pod('later') });
      await sink.until(() => sink.errors.some((e) => e.operation === 'list pods'), 5_000, 'the broken relist reported');
      expect(sink.get('pods', 'k8s/sim/default/Pod/kept')).toBeDefined();
      expect(sink.coverage.get('pods')?.state).toBe('ok');
      expect(sink.status_.status).toBe('degraded');
      await h.step(5_000, 1_000);
      await sink.until(() => !!sink.get('pods', 'k8s/sim/default/Pod/later') && sink.status_.status === 'ok', 5_000, 'relisted');
      expect(sink.get('pods', 'k8s/sim/default/Pod/kept')).toBeDefined();
    });
  }

  it('a cut-off first list is an error for that kind only, never zero objects shown as covered', async () => {
    h = await faultHarness();
    h.sim.faults.inject({ resource: 'pods', verb: 'list', fault: { type: 'truncate' }, times: 1 });
    const { sink } = await h.start();
    await sink.until(synced(sink), 10_000, 'sync');
    expect(sink.coverage.get('pods')).toMatchObject({ state: 'error', count: 0 });
    expect(sink.status_.reason).toBe('not covered: pods');
  });

  it('an expired continue token (410) over HTTP restarts the list: every pod once', async () => {
    h = await faultHarness();
    for (let i = 0; i < 5; i++) await h.core.createNamespacedPod({ namespace: 'default', body: pod(`p${i}`) });
    h.sim.faults.inject({ resource: 'pods', verb: 'list', fault: { type: 'expire' }, times: 1 });
    const { sink } = await h.start({ pageSize: 2 });
    await sink.until(synced(sink), 10_000, 'sync');
    expect(sink.status_.status).toBe('ok');
    expect(sink.objects('pods').map((p) => p.name).sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(sink.log.filter((l) => l.op === 'replace' && l.scope === 'pods')).toEqual([{ op: 'replace', scope: 'pods', count: 5 }]);
    const lists = h.requests('/api/v1/pods', 'list');
    expect(lists.filter((r) => r.status === 410)).toHaveLength(1);
    expect(lists).toHaveLength(1 + 1 + 3);
  });

  it('TLS: a server whose certificate the kubeconfig does not trust gives down with a TLS reason', async () => {
    h = await faultHarness();
    const doc = yaml.load(h.sim.kubeconfig('sim')) as { clusters: { cluster: Record<string, unknown> }[] };
    delete doc.clusters[0].cluster['certificate-authority-data'];
    const untrusted = yaml.dump(doc);
    const { sink } = await h.start({}, untrusted);
    await sink.until(() => sink.status_.status === 'down', 10_000, 'down');
    expect(sink.status_.reason).toMatch(new RegExp(`^TLS error talking to ${h.sim.url.replace(/\./g, '\\.')}: .*certificate.* — check the cluster CA in the kubeconfig$`));
    expect(h.sim.requests).toHaveLength(0);
  });
});
