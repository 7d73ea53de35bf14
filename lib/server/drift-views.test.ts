import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleSnapshot } from '@/lib/testing/sample-snapshot';
import type { ParallaxConfig } from '@/lib/config/parallax-file';
import { DEFAULT_DRIFT_CONFIG } from '@/lib/drift';
import type { Snapshot } from '@/lib/model';
import { configReader } from './drift-config';
import { driftPairResponse, driftReportOf, driftResponse, driftSummaryResponse } from './drift-views';
import type { SnapshotReader } from './views';

const WEB_K8S = 'k8s/kind-demo/shop/Deployment/web';
const WEB_PAIR = `${WEB_K8S}|ecs/demo/us-east-1/shop-cluster/service/web`;
const reader = (s: Snapshot, version = 7): SnapshotReader => ({ snapshot: () => s, version });
const defaults: ParallaxConfig = { drift: DEFAULT_DRIFT_CONFIG, errors: [] };
const pairUrl = (id?: string) => `http://localhost/api/drift/pair${id === undefined ? '' : `?id=${encodeURIComponent(id)}`}`;

describe('GET /api/drift', () => {
  it('the page report as JSON: pairs with counts and findings, no equal rows, config status', async () => {
    const res = driftResponse(reader(sampleSnapshot()), defaults);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('x-parallax-version')).toBe('7');
    const body = await res.json();
    expect(body.pairs.map((p: { key: string; counts: { warning: number } }) => [p.key, p.counts.warning])).toEqual([['web', 1]]);
    expect(body.pairs[0]).not.toHaveProperty('equal');
    expect(body.onlyOn).toHaveLength(1);
    expect(body.config).toEqual({ errors: [], ignoreRules: 0, pairRules: 0, pairingLabel: 'app.kubernetes.io/name' });
    expect(body.status.kind).toBe('drift');
  });

  it('config errors travel with the report (file:line:col), never as a 500', async () => {
    const broken: ParallaxConfig = { file: '/x/parallax.yaml', drift: DEFAULT_DRIFT_CONFIG, errors: [{ file: '/x/parallax.yaml', line: 3, column: 7, at: 'ignore[0]', message: 'field: required' }] };
    const res = driftResponse(reader(sampleSnapshot()), broken);
    expect(res.status).toBe(200);
    expect((await res.json()).config.errors[0].text).toBe('/x/parallax.yaml:3:7: ignore[0]: field: required');
  });

  it('an engine failure is a JSON 500 with the reason', async () => {
    const res = driftResponse({ snapshot: () => { throw new Error('boom'); }, version: 1 }, defaults);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error: 'drift could not be computed', detail: 'boom' });
  });
});

describe('GET /api/drift/pair', () => {
  it('400 without id, 404 JSON for an unknown pair', async () => {
    const inv = reader(sampleSnapshot());
    for (const u of [pairUrl(), pairUrl('')]) {
      const res = driftPairResponse(inv, defaults, u);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/id/);
    }
    const res = driftPairResponse(inv, defaults, pairUrl('a|b'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error: 'no pair a|b' });
  });

  it('one pair in full: findings with hints, equal rows, both workloads', async () => {
    const res = driftPairResponse(reader(sampleSnapshot()), defaults, pairUrl(WEB_PAIR));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.pair.findings[0].hints[0].command).toContain('kubectl');
    expect(body.pair.equal.length).toBeGreaterThan(5);
    expect(body.workloads.left.id).toBe(WEB_K8S);
    expect(body.workloads.right.platform).toBe('ecs');
  });
});

describe('GET /api/drift/summary', () => {
  it('totals and status; with ?workload= that workload\'s pairs', async () => {
    const inv = reader(sampleSnapshot());
    const all = await driftSummaryResponse(inv, defaults, 'http://localhost/api/drift/summary').json();
    expect(all.totals).toMatchObject({ pairs: 1, pairsWithDrift: 1, warning: 1 });
    expect(all).not.toHaveProperty('workload');
    const web = await driftSummaryResponse(inv, defaults, `http://localhost/api/drift/summary?workload=${encodeURIComponent(WEB_K8S)}`).json();
    expect(web.workload.pairs.map((p: { id: string; side: string }) => [p.id, p.side])).toEqual([[WEB_PAIR, 'left']]);
    const api = await driftSummaryResponse(inv, defaults, `http://localhost/api/drift/summary?workload=${encodeURIComponent('k8s/kind-demo/shop/Deployment/api')}`).json();
    expect(api.workload.onlyOn.missingFrom.sourceName).toBe('demo/us-east-1');
    const unknown = await driftSummaryResponse(inv, defaults, 'http://localhost/api/drift/summary?workload=nope').json();
    expect(unknown.workload).toEqual({ pairs: [] });
    expect(driftSummaryResponse(inv, defaults, 'http://localhost/api/drift/summary?workload=').status).toBe(400);
  });
});

describe('caching and parallax.yaml', () => {
  it('one report per snapshot and config version', () => {
    const s = sampleSnapshot();
    const r1 = driftReportOf(s, defaults);
    expect(driftReportOf(s, defaults)).toBe(r1);
    expect(driftReportOf(sampleSnapshot(), defaults)).not.toBe(r1);
    const other: ParallaxConfig = { ...defaults };
    expect(driftReportOf(s, other)).not.toBe(r1);
  });

  it('an edited file is read again (and only then); ignore rules apply without a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plx-cfg-'));
    const file = path.join(dir, 'parallax.yaml');
    fs.writeFileSync(file, '# nothing yet\n');
    const current = configReader({ env: { PARALLAX_CONFIG: file }, cwd: dir });
    const c1 = current();
    expect(c1.errors).toEqual([]);
    expect(current()).toBe(c1);
    const inv = reader(sampleSnapshot());
    expect((await driftResponse(inv, current()).json()).totals.warning).toBe(1);

    fs.writeFileSync(file, 'ignore:\n  - pair: web\n    field: replicas\n    reason: HPA owns it\n');
    const c2 = current();
    expect(c2).not.toBe(c1);
    const body = await driftResponse(inv, c2).json();
    expect(body.totals).toMatchObject({ warning: 0, ignored: 1 });
    expect(body.pairs[0].ignored[0].ignoredBy).toEqual({ rule: 0, reason: 'HPA owns it' });
    expect(body.status.headline).toBe('No drift: 1 pair compared, all equal in intent (1 ignored by parallax.yaml).');

    fs.writeFileSync(file, 'ignore:\n  - pair: web\n    feild: replicas\n');
    const errors = (await driftResponse(inv, current()).json()).config.errors;
    expect(errors.length).toBeGreaterThan(0);
    // The rule without its field (at the rule), and the misspelt key on its own line (871728c).
    expect(errors.map((e: { text: string }) => e.text.slice(file.length))).toEqual([
      expect.stringMatching(/^:2:5: ignore\[0\]\.field: /),
      expect.stringMatching(/^:3:5: ignore\[0\]: Unrecognized key: "feild"/),
    ]);

    fs.rmSync(file);
    expect(current().errors[0].message).toMatch(/does not exist/);
    fs.writeFileSync(file, '');
    expect(current().errors).toEqual([]);
  });

  it('without PARALLAX_CONFIG a missing ./parallax.yaml is no error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plx-cfg-'));
    expect(configReader({ env: {}, cwd: dir })()).toEqual({ drift: DEFAULT_DRIFT_CONFIG, errors: [] });
  });
});
