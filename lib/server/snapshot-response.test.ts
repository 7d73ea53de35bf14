import { describe, expect, it } from 'vitest';
import { Inventory } from '@/lib/inventory/store';
import type { SourceAdapter, SourceSink } from '@/lib/inventory/types';
import type { Snapshot } from '@/lib/model';
import { sampleSnapshot } from '@/lib/testing/sample-snapshot';
import { pickCollections } from './http';
import { snapshotResponse } from './snapshot-response';
import { servedSnapshot } from './views';

/** An inventory fed the sample snapshot's objects through a hand-driven adapter. */
async function inventoryOf(s: Snapshot) {
  const inv = new Inventory();
  let sink!: SourceSink;
  const adapter: SourceAdapter = {
    id: 'k8s/kind-demo',
    describe: () => ({ ...s.sources[0], id: 'k8s/kind-demo' }),
    start: async (k) => { sink = k; },
    stop: async () => undefined,
  };
  await inv.add(adapter);
  sink.replace('workloads', s.workloads);
  sink.replace('pods', s.instances);
  sink.replace('configs', s.configs);
  return { inv, sink };
}

describe('GET /api/snapshot bytes', () => {
  it('are JSON.stringify of the served (masked) snapshot, whole or some collections', async () => {
    const s = sampleSnapshot();
    s.workloads[0].template.containers[0].env.push({ name: 'AWS_ACCESS_KEY_ID', from: 'value', value: 'AKIAIOSFODNN7EXAMPLE' });
    const { inv } = await inventoryOf(s);
    for (const wanted of [null, new Set(['workloads'] as const)]) {
      const expected = JSON.stringify(pickCollections(servedSnapshot(inv), wanted));
      const res = snapshotResponse(inv, wanted);
      expect(res.headers.get('x-parallax-version')).toBe(String(inv.version));
      expect(await res.text()).toBe(expected);
    }
    expect(await snapshotResponse(inv, null).text()).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('a change re-serializes only its collection: the masked others keep their identity across versions', async () => {
    const s = sampleSnapshot();
    s.workloads[0].template.containers[0].env.push({ name: 'AWS_ACCESS_KEY_ID', from: 'value', value: 'AKIAIOSFODNN7EXAMPLE' });
    const { inv, sink } = await inventoryOf(s);
    const before = servedSnapshot(inv);
    sink.upsert('pods', { ...s.instances[0], restarts: 41 });
    const after = servedSnapshot(inv);
    expect(after).not.toBe(before);
    expect(after.workloads).toBe(before.workloads);
    expect(after.workloads).not.toBe(inv.snapshot().workloads);
    expect(after.instances).not.toBe(before.instances);
    const text = await snapshotResponse(inv, null).text();
    expect(text).toBe(JSON.stringify(after));
    expect(text).toContain('"restarts":41');
  });
});
