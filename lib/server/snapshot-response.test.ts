import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Inventory } from '@/lib/inventory/store';
import type { SourceAdapter, SourceSink } from '@/lib/inventory/types';
import type { Snapshot } from '@/lib/model';
import { sampleSnapshot } from '@/lib/testing/sample-snapshot';
import { pickCollections } from './http';
import { acceptsGzip, snapshotResponse } from './snapshot-response';
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
  it('are JSON.stringify of the served (masked) snapshot, plain or gzip, whole or some collections', async () => {
    const s = sampleSnapshot();
    s.workloads[0].template.containers[0].env.push({ name: 'AWS_ACCESS_KEY_ID', from: 'value', value: 'AKIAIOSFODNN7EXAMPLE' });
    const { inv } = await inventoryOf(s);
    for (const wanted of [null, new Set(['workloads'] as const)]) {
      const expected = JSON.stringify(pickCollections(servedSnapshot(inv), wanted));
      const plain = snapshotResponse(inv, wanted, false);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toBe(expected);
      const zipped = snapshotResponse(inv, wanted, true);
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.headers.get('x-parallax-version')).toBe(String(inv.version));
      expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(expected);
    }
    expect(await snapshotResponse(inv, null, false).text()).not.toContain('AKIAIOSFODNN7EXAMPLE');
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
    const text = gunzipSync(Buffer.from(await snapshotResponse(inv, null, true).arrayBuffer())).toString();
    expect(text).toBe(JSON.stringify(after));
    expect(text).toContain('"restarts":41');
  });

  it('gzip only when the client accepts it', () => {
    const req = (v?: string) => new Request('http://x/api/snapshot', v === undefined ? {} : { headers: { 'accept-encoding': v } });
    expect(acceptsGzip(req('gzip, deflate, br, zstd'))).toBe(true);
    expect(acceptsGzip(req('br;q=1.0, gzip;q=0.8'))).toBe(true);
    expect(acceptsGzip(req('gzip;q=0'))).toBe(false);
    expect(acceptsGzip(req('identity'))).toBe(false);
    expect(acceptsGzip(req())).toBe(false);
  });
});
