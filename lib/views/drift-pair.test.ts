import { describe, expect, it } from 'vitest';
import type { Pair, Side } from '@/lib/drift/types';
import { compareFields, hintViews, pairSections, sideNames } from './drift-pair';

const K: Side = { workloadId: 'k8s/kind/shop/Deployment/web', name: 'web', kind: 'Deployment', group: 'shop', source: 'k8s/kind', sourceName: 'kind', platform: 'kubernetes' };
const E: Side = { workloadId: 'ecs/p/r/shop/service/web', name: 'web', kind: 'Service', group: 'shop', source: 'ecs/p/r', sourceName: 'p/r', platform: 'ecs' };
const ID = `${K.workloadId}|${E.workloadId}`;
const base = { pairId: ID, key: 'web', left: K, right: E };

const PAIR: Pair = {
  id: ID, key: 'web', by: 'label', left: K, right: E, compared: true,
  counts: { critical: 1, warning: 1, info: 0, ignored: 1, notCompared: 1, equal: 4 },
  findings: [
    { ...base, id: `${ID}#web#image`, container: 'web', field: 'image', category: 'image', severity: 'critical', leftValue: 'web:2', rightValue: 'web:1', message: 'image differs',
      hints: [{ changes: 'left', command: 'kubectl set image deployment/web web=web:1' }, { changes: 'right', command: 'aws ecs register-task-definition …', note: 'then update the service' }] },
    { ...base, id: `${ID}#-#replicas`, field: 'replicas', category: 'scale', severity: 'warning', leftValue: '3', rightValue: '2', message: 'replicas differ', hints: [] },
  ],
  ignored: [
    { ...base, id: `${ID}#web#env.BUILD`, container: 'web', field: 'env.BUILD', category: 'env', severity: 'critical', leftValue: '1', rightValue: '2', message: 'BUILD differs', hints: [], ignoredBy: { rule: 0, reason: 'CI writes it' } },
  ],
  notCompared: [{ pairId: ID, key: 'web', container: 'web', field: 'env.DB_PASSWORD', reason: 'secret values not read', leftValue: 'secret shop-db/password', rightValue: 'SSM /shop/db' }],
  equal: [
    { field: 'placement', leftValue: 'spread zone', rightValue: 'spread zone' },
    { container: 'web', field: 'ports', leftValue: '8080/TCP', rightValue: '8080/TCP' },
    { container: 'web', field: 'env.A', leftValue: 'x', rightValue: 'x' },
  ],
};

describe('hints', () => {
  it('say which side they change, by platform across platforms', () => {
    const h = hintViews(PAIR.findings[0].hints, PAIR);
    expect(h.map((x) => [x.label, x.target.platform])).toEqual([['Make Kubernetes like ECS', 'kubernetes'], ['Make ECS like Kubernetes', 'ecs']]);
    expect(h[1].note).toBe('then update the service');
  });
  it('by source name between two clusters of one platform, by workload within one source', () => {
    const staging = { ...K, source: 'k8s/staging', sourceName: 'staging' };
    expect(sideNames({ left: K, right: staging })).toEqual({ left: 'Kubernetes kind', right: 'Kubernetes staging' });
    expect(hintViews([{ changes: 'right', command: 'x' }], { left: K, right: staging })[0].label).toBe('Make Kubernetes staging like Kubernetes kind');
    expect(sideNames({ left: K, right: { ...K, name: 'web2' } })).toEqual({ left: 'shop/web', right: 'shop/web2' });
  });
});

describe('pair sections', () => {
  it('only differing rows by default: findings, ignored, not compared; equal rows counted', () => {
    const s = pairSections(PAIR, { showEqual: false });
    expect(s.map((x) => [x.title, x.rows.map((r) => `${r.status}:${r.field}`), x.equal, x.findings])).toEqual([
      ['workload', ['finding:replicas'], 1, 1],
      ['container web', ['finding:image', 'ignored:env.BUILD', 'not-compared:env.DB_PASSWORD'], 2, 1],
    ]);
  });

  it('a not-compared field shows what each side has where the engine knows it', () => {
    const nc = pairSections(PAIR, { showEqual: true })[1].rows.find((r) => r.status === 'not-compared')!;
    expect(nc).toMatchObject({ field: 'env.DB_PASSWORD', leftValue: 'secret shop-db/password', rightValue: 'SSM /shop/db', reason: 'secret values not read' });
    const fields = pairSections(PAIR, { showEqual: true })[1].rows.map((r) => r.field);
    expect(fields).toEqual(['image', 'ports', 'env.A', 'env.BUILD', 'env.DB_PASSWORD']);
  });

  it('ignored rows carry the rule and its reason; findings their hints and anchors', () => {
    const rows = pairSections(PAIR, { showEqual: false })[1].rows;
    expect(rows.find((r) => r.status === 'ignored')).toMatchObject({ rule: 0, reason: 'CI writes it', severity: 'critical' });
    const image = rows.find((r) => r.field === 'image')!;
    expect(image.id).toBe(`${ID}#web#image`);
    expect(image.hints).toHaveLength(2);
  });

  it('a pair that could not be compared shows one row with the reason', () => {
    const blocked: Pair = { ...PAIR, compared: false, findings: [], ignored: [], equal: [], notCompared: [{ pairId: ID, key: 'web', field: '*', reason: 'ECS p/r is down' }] };
    expect(pairSections(blocked, { showEqual: true })).toEqual([
      { title: 'workload', rows: [expect.objectContaining({ status: 'not-compared', field: '*', reason: 'ECS p/r is down' })], equal: 0, findings: 0 },
    ]);
  });

  it('fields in reading order', () => {
    const fields = ['security.privileged', 'env.B', 'health.port', 'image', 'resources.memory.limit', 'env.A', 'ports', 'mount./data'];
    expect([...fields].sort((a, b) => compareFields(a, b))).toEqual(['image', 'ports', 'resources.memory.limit', 'env.A', 'env.B', 'health.port', 'mount./data', 'security.privileged']);
    expect(['placement', 'resources.cpu.instance', 'autoscaling.max', 'replicas'].sort((a, b) => compareFields(a, b, 'workload'))).toEqual(['replicas', 'autoscaling.max', 'resources.cpu.instance', 'placement']);
  });
});
