import { describe, expect, it } from 'vitest';
import { ECS, K8S, sampleSnapshot, sampleWorkload } from '@/lib/testing/sample-snapshot';
import { computeDrift, DriftConfigSchema } from '@/lib/drift';
import type { Snapshot } from '@/lib/model';
import { driftPagePayload, driftPairPayload, driftStatus, driftSummaryPayload, pairedByText, pairHref, workloadDriftIndex, type DriftConfigStatus } from './drift';

const CONFIG: DriftConfigStatus = { errors: [], ignoreRules: 0, pairRules: 0, pairingLabel: 'app.kubernetes.io/name' };
const WEB_K8S = 'k8s/kind-demo/shop/Deployment/web';
const WEB_ECS = 'ecs/demo/us-east-1/shop-cluster/service/web';
const WEB_PAIR = `${WEB_K8S}|${WEB_ECS}`;

/** The sample: web on both platforms (replicas 3 vs 2), api only on Kubernetes. */
const report = (s: Snapshot = sampleSnapshot(), ignore: unknown[] = []) => computeDrift(s, { config: DriftConfigSchema.parse({ ignore }) });

describe('driftStatus', () => {
  it('says why nothing is compared: no source, one source', () => {
    const s = sampleSnapshot();
    expect(driftStatus(report({ ...s, sources: [] }))).toMatchObject({ kind: 'no-sources', headline: expect.stringMatching(/^No sources/) });
    const one = report({ ...s, sources: [K8S], workloads: s.workloads.filter((w) => w.source === K8S.id) });
    expect(driftStatus(one)).toMatchObject({ kind: 'one-source', headline: 'One source only (Kubernetes kind-demo): drift needs two.' });
  });

  it('first sync running: pairs are not compared yet, and it says which source', () => {
    const s = sampleSnapshot();
    s.sources = [K8S, { ...ECS, status: 'syncing' }];
    const st = driftStatus(report(s));
    expect(st.syncing).toEqual(['ECS demo/us-east-1']);
    expect(st.kind).toBe('no-drift');
    expect(st.pairsNotCompared).toBe(1);
    expect(st.headline).toBe('First sync running (ECS demo/us-east-1): 1 pair found, none could be compared yet.');
    const none = driftStatus(report({ ...s, workloads: s.workloads.filter((w) => w.source === K8S.id) }));
    expect(none).toMatchObject({ kind: 'no-pairs', headline: 'First sync running (ECS demo/us-east-1): pairs show once both sides are read.' });
  });

  it('no drift: N pairs compared, all equal in intent (and how many were ignored)', () => {
    const s = sampleSnapshot();
    s.workloads = s.workloads.map((w) => ({ ...w, desired: 2 }));
    expect(driftStatus(report(s)).headline).toBe('No drift: 1 pair compared, all equal in intent.');
    expect(driftStatus(report(sampleSnapshot(), [{ field: 'replicas', reason: 'HPA' }])).headline).toBe('No drift: 1 pair compared, all equal in intent (1 ignored by parallax.yaml).');
  });

  it('drift: findings, pairs and severities', () => {
    expect(driftStatus(report())).toMatchObject({ kind: 'drift', headline: '1 finding on 1 pair (1 warning).' });
  });

  it('two sources, nothing on both', () => {
    const s = sampleSnapshot();
    s.workloads = s.workloads.filter((w) => w.id !== WEB_ECS);
    expect(driftStatus(report(s))).toMatchObject({ kind: 'no-pairs', headline: 'No app found on two sources: 2 workloads only on one side, 0 ambiguous.' });
  });
});

describe('the page payload', () => {
  it('keeps pairs, counts and findings; leaves out equal rows and hints', () => {
    const r = report();
    const page = driftPagePayload(r, CONFIG);
    expect(page.pairs).toHaveLength(1);
    expect(page.pairs[0]).toMatchObject({ id: WEB_PAIR, key: 'web', by: 'label', counts: { warning: 1, equal: 11 } });
    expect(page.pairs[0].findings.map((f) => [f.field, f.leftValue, f.rightValue, f.severity])).toEqual([['replicas', '3', '2', 'warning']]);
    const text = JSON.stringify(page);
    expect(text).not.toContain('"equal":[');
    expect(text).not.toContain('"hints"');
    expect(text).not.toContain('kubectl');
    expect(page.onlyOn.map((o) => o.side.name)).toEqual(['api']);
    expect(page.config).toBe(CONFIG);
    expect(page.status.kind).toBe('drift');
    expect(text.length).toBeLessThan(JSON.stringify(r).length / 2);
  });
});

describe('the pair payload', () => {
  it('one pair in full with both workloads; undefined for an unknown id', () => {
    const s = sampleSnapshot();
    const r = report(s);
    const byId = new Map(s.workloads.map((w) => [w.id, w]));
    const p = driftPairPayload(r, byId, WEB_PAIR, CONFIG)!;
    expect(p.pair.equal).toHaveLength(11);
    expect(p.pair.findings[0].hints.map((h) => h.changes)).toEqual(['left', 'right']);
    expect(p.workloads.left?.id).toBe(WEB_K8S);
    expect(p.workloads.right?.id).toBe(WEB_ECS);
    expect(p.sources.map((x) => x.id)).toEqual([K8S.id, ECS.id]);
    expect(driftPairPayload(r, byId, 'nope|nope', CONFIG)).toBeUndefined();
  });
});

describe('a workload\'s drift', () => {
  it('indexes pairs from both sides, only-on and ambiguous entries', () => {
    const s = sampleSnapshot();
    // Two ECS "api" services in other clusters: the Kubernetes api of namespace x has two candidates.
    s.workloads.push(
      sampleWorkload({ id: 'ecs/demo/us-east-1/a/service/api', platform: 'ecs', source: ECS.id, name: 'api', groupName: 'a', labels: { 'app.kubernetes.io/name': 'api' } }),
      sampleWorkload({ id: 'ecs/demo/us-east-1/b/service/api', platform: 'ecs', source: ECS.id, name: 'api', groupName: 'b', labels: { 'app.kubernetes.io/name': 'api' } }),
      sampleWorkload({ id: 'k8s/kind-demo/x/Deployment/api', platform: 'kubernetes', source: K8S.id, name: 'api', groupName: 'x', labels: { 'app.kubernetes.io/name': 'api' } }),
    );
    const r = report(s);
    const ix = workloadDriftIndex(r);
    expect(ix.get(WEB_K8S)?.pairs.map((p) => [p.side, p.other.workloadId, p.counts.warning])).toEqual([['left', WEB_ECS, 1]]);
    expect(ix.get(WEB_ECS)?.pairs.map((p) => [p.side, p.other.workloadId])).toEqual([['right', WEB_K8S]]);
    expect(ix.get('k8s/kind-demo/x/Deployment/api')?.ambiguous?.candidates.map((c) => c.workloadId).sort()).toEqual(['ecs/demo/us-east-1/a/service/api', 'ecs/demo/us-east-1/b/service/api']);
    expect(ix.get('k8s/kind-demo/shop/Deployment/api')?.onlyOn?.missingFrom.source).toBe(ECS.id);

    expect(driftSummaryPayload(r, 2)).not.toHaveProperty('workload');
    expect(driftSummaryPayload(r, 2, null).workload).toEqual({ pairs: [] });
    expect(driftSummaryPayload(r, 2, ix.get(WEB_K8S)).configErrors).toBe(2);
  });
});

describe('links and labels', () => {
  it('pair links carry the id as a query value and the finding as the anchor', () => {
    expect(pairHref(WEB_PAIR)).toBe(`/drift/pair?id=${encodeURIComponent(WEB_PAIR)}`);
    const href = pairHref(WEB_PAIR, `${WEB_PAIR}#web#image`);
    expect(new URL(href, 'http://x').searchParams.get('id')).toBe(WEB_PAIR);
    expect(decodeURIComponent(new URL(href, 'http://x').hash.slice(1))).toBe(`${WEB_PAIR}#web#image`);
  });
  it('says how a pair was made; a name match is a guess', () => {
    expect(pairedByText('label')).toBe('paired by app.kubernetes.io/name');
    expect(pairedByText('name')).toMatch(/guess/);
    expect(pairedByText('config')).toBe('paired by parallax.yaml');
  });
});
