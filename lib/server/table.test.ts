import { describe, expect, it } from 'vitest';
import { sampleSnapshot } from '@/lib/testing/sample-snapshot';
import type { Snapshot } from '@/lib/model';
import { tableResponse } from './table';

const reader = (s: Snapshot, version = 7) => ({ snapshot: () => s, version });
const get = async (s: Snapshot, qs: string) => {
  const res = tableResponse(reader(s), `http://localhost/api/table?${qs}`);
  return { status: res.status, body: await res.json(), version: res.headers.get('x-parallax-version') };
};

describe('GET /api/table', () => {
  it('answers one window with totals, facets, sources and the version', async () => {
    const { status, body, version } = await get(sampleSnapshot(), 'table=instances&platform=kubernetes&limit=1');
    expect(status).toBe(200);
    expect(version).toBe('7');
    expect(body).toMatchObject({ table: 'instances', version: 7, offset: 0 });
    expect(body.rows).toHaveLength(1);
    expect(body.filtered).toBeLessThanOrEqual(body.total);
    expect(body.facets.map((f: { key: string }) => f.key)).toEqual(['platform', 'source', 'group']);
    expect(body.sources).toHaveLength(2);
  });

  it('refuses what it cannot answer with a 400 that says why', async () => {
    expect((await get(sampleSnapshot(), '')).body.error).toMatch(/missing \?table=.*instances/);
    expect((await get(sampleSnapshot(), 'table=pods')).body.error).toMatch(/unknown \?table=pods/);
    expect((await get(sampleSnapshot(), 'table=nodes&limit=5000')).status).toBe(400);
    expect((await get(sampleSnapshot(), 'table=nodes&offset=-1')).status).toBe(400);
  });

  it('serves config values masked (servedSnapshot)', async () => {
    const s = sampleSnapshot();
    s.configs = [{ id: 'c1', kind: 'config', platform: 'kubernetes', source: s.sources[0].id, name: 'app', labels: {}, ref: { kind: 'ConfigMap' }, configKind: 'configMap', data: { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, binaryKeys: [], usedBy: [] }];
    const text = JSON.stringify((await get(s, 'table=configs')).body);
    expect(text).not.toContain('wJalrXUtnFEMI');
    expect(text).toContain('masked by Parallax');
  });
});
