import { describe, expect, it } from 'vitest';
import { sampleSnapshot } from '@/lib/testing/sample-snapshot';
import { Inventory } from '@/lib/inventory/store';
import type { SourceAdapter, SourceSink } from '@/lib/inventory/types';
import type { Snapshot } from '@/lib/model';
import { overviewOf, overviewResponse, relatedIndexOf, servedSnapshot, workloadResponse, type SnapshotReader } from './views';

const WEB = 'k8s/kind-demo/shop/Deployment/web';
const reader = (s: Snapshot, version = 7): SnapshotReader => ({ snapshot: () => s, version });
const url = (id?: string) => `http://localhost/api/workload${id === undefined ? '' : `?id=${encodeURIComponent(id)}`}`;

describe('GET /api/workload', () => {
  it('400 without id, 404 JSON for an unknown id', async () => {
    const inv = reader(sampleSnapshot());
    for (const u of [url(), url('')]) {
      const res = workloadResponse(inv, u);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/id/);
    }
    const res = workloadResponse(inv, url('k8s/nope/x/Deployment/y'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error: 'no workload k8s/nope/x/Deployment/y' });
  });

  it('200 with the workload and only its related objects', async () => {
    const res = workloadResponse(reader(sampleSnapshot()), url(WEB));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-parallax-version')).toBe('7');
    const body = await res.json();
    expect(body.workload.id).toBe(WEB);
    expect(body.instances.map((i: { name: string }) => i.name)).toEqual(['web-a', 'web-b', 'web-c']);
    expect(body.events.map((e: { id: string }) => e.id)).toEqual(['e2', 'e1']);
    expect(body.alsoOn).toHaveLength(1);
  });
});

describe('credentials in plain values', () => {
  it('are masked in what the routes serve, and only there (the inventory keeps the real value)', async () => {
    const s = sampleSnapshot();
    s.workloads[0].template.containers[0].env.push({ name: 'AWS_ACCESS_KEY_ID', from: 'value', value: 'AKIAIOSFODNN7EXAMPLE' });
    const inv = reader(s);
    const text = await workloadResponse(inv, url(WEB)).text();
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(text).toContain('[masked by Parallax: AWS access key id; hmac ');
    expect(JSON.stringify(servedSnapshot(inv))).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(servedSnapshot(inv)).toBe(servedSnapshot(inv));
    expect(JSON.stringify(s)).toContain('AKIAIOSFODNN7EXAMPLE');
  });
});

describe('GET /api/overview', () => {
  it('answers the overview payload', async () => {
    const res = overviewResponse(reader(sampleSnapshot()));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['charts', 'generatedAt', 'matrix', 'sources']);
    expect(body).not.toHaveProperty('instances');
  });
});

class ManualAdapter implements SourceAdapter {
  sink?: SourceSink;
  constructor(readonly id: string) {}
  describe() { return { ...sampleSnapshot().sources[0], id: this.id }; }
  async start(sink: SourceSink) { this.sink = sink; }
  async stop() {}
}

describe('per-version caching', () => {
  it('one overview and one index per inventory version, however many readers', async () => {
    const inv = new Inventory();
    const a = new ManualAdapter('k8s/kind-demo');
    await inv.add(a);
    const sample = sampleSnapshot();
    a.sink!.replace('workloads', sample.workloads);
    a.sink!.replace('pods', sample.instances);
    const o1 = overviewOf(inv.snapshot());
    expect(overviewOf(inv.snapshot())).toBe(o1);
    const ix = relatedIndexOf(inv.snapshot());
    expect(relatedIndexOf(inv.snapshot())).toBe(ix);
    a.sink!.remove('pods', sample.instances[0].id);
    expect(overviewOf(inv.snapshot())).not.toBe(o1);
    expect(relatedIndexOf(inv.snapshot())).not.toBe(ix);
    const res = workloadResponse(inv, url(WEB));
    expect((await res.json()).instances.map((i: { name: string }) => i.name)).toEqual(['web-b', 'web-c']);
    expect(res.headers.get('x-parallax-version')).toBe(String(inv.version));
  });
});
