import { describe, expect, it } from 'vitest';
import { ECS, K8S, sampleSnapshot, sampleWorkload } from '@/lib/testing/sample-snapshot';
import { applyFilters, facetValues } from './filter';
import { labelKeyNames, labelMatches, parseQuery } from './query';
import { PAIR_SORT, pairKeys, pairSortKey, workloadFacets, workloadMatcher, workloadRows, workloadText } from './workloads';

describe('parseQuery', () => {
  it('splits words, label terms and platform terms; a colon in an image stays a word', () => {
    expect(parseQuery('  Web app=WEB  platform:ECS nginx:1.27 tier= ')).toEqual({
      words: ['web', 'nginx:1.27'],
      labels: [{ key: 'app', value: 'web' }, { key: 'tier', value: '' }],
      platforms: ['ecs'],
    });
    expect(parseQuery('platform:k8s platform:kubernetes').platforms).toEqual(['kubernetes', 'kubernetes']);
    // "=web" has no key: a word, not a label term that would match every label.
    expect(parseQuery('=web').words).toEqual(['=web']);
  });

  it('label keys answer to their name without the prefix, and app to app.kubernetes.io/name', () => {
    expect(labelKeyNames('app.kubernetes.io/name')).toEqual(['app.kubernetes.io/name', 'name', 'app']);
    expect(labelKeyNames('Team')).toEqual(['team']);
    const labels = { 'app.kubernetes.io/name': 'Web', 'app.kubernetes.io/part-of': 'shop' };
    expect(labelMatches(labels, { key: 'app', value: 'web' })).toBe(true);
    expect(labelMatches(labels, { key: 'part-of', value: 'shop' })).toBe(true);
    expect(labelMatches(labels, { key: 'part-of', value: '' })).toBe(true);
    expect(labelMatches(labels, { key: 'app', value: 'shop' })).toBe(false); // value of another key
    expect(labelMatches(labels, { key: 'tier', value: '' })).toBe(false);
  });
});

describe('the workloads filter understands label and platform terms', () => {
  const snap = sampleSnapshot();
  const rows = workloadRows(snap.workloads, snap.sources);
  const facets = workloadFacets(snap.sources);
  const names = (q: string) => applyFilters(rows, { q, facets: {} }, facets, workloadMatcher).map((r) => `${r.platform}/${r.name}`);

  it('app=web keeps the workloads labelled so, on both platforms', () => {
    expect(names('app=web')).toEqual(['kubernetes/web', 'ecs/web']);
    expect(names('app=api')).toEqual([]); // api carries no label: no match on its name
  });
  it('platform:ecs narrows to one platform and combines with words', () => {
    expect(names('platform:ecs')).toEqual(['ecs/web']);
    expect(names('platform:k8s')).toEqual(['kubernetes/web', 'kubernetes/api']);
    expect(names('platform:k8s api')).toEqual(['kubernetes/api']);
    expect(names('platform:nomad')).toEqual([]);
  });
  it('facet counts follow the terms', () => {
    const platform = facetValues(rows, { q: 'app=web', facets: {} }, facets, workloadMatcher, 'platform');
    expect(platform.map((v) => [v.value, v.count])).toEqual([['kubernetes', 1], ['ecs', 1]]);
  });
  it('a table without labels reads `a=b` and `platform:x` as words', () => {
    const plain = applyFilters(rows, { q: 'platform:ecs', facets: {} }, facets, workloadText);
    expect(plain).toEqual([]); // no row's text says "platform:ecs"
  });
});

describe('grouping the workloads by pair', () => {
  it('puts both sides of a pair next to each other, Kubernetes first, with the engine key', () => {
    const snap = sampleSnapshot();
    const frontend = sampleWorkload({ id: 'ecs/demo/us-east-1/shop-cluster/service/frontend', platform: 'ecs', source: ECS.id, name: 'frontend' });
    const zeta = sampleWorkload({ id: 'k8s/kind-demo/shop/Deployment/zeta', platform: 'kubernetes', source: K8S.id, name: 'zeta' });
    const rows = workloadRows([...snap.workloads, frontend, zeta], snap.sources);
    // As /api/drift lists them: web paired by label, zeta <-> frontend paired in parallax.yaml under the key "storefront".
    const keys = pairKeys([
      { key: 'web', by: 'label', left: { workloadId: snap.workloads[0].id }, right: { workloadId: snap.workloads[2].id } },
      { key: 'storefront', by: 'config', left: { workloadId: zeta.id }, right: { workloadId: frontend.id } },
    ]);
    const grouped = rows.map((r) => ({ ...r, pair: keys.get(r.id) })).sort((a, b) => (pairSortKey(a) < pairSortKey(b) ? -1 : 1));
    expect(grouped.map((r) => `${r.pair?.key ?? '-'} ${r.platform}/${r.name}`)).toEqual([
      '- kubernetes/api',
      'storefront kubernetes/zeta',
      'storefront ecs/frontend',
      'web kubernetes/web',
      'web ecs/web',
    ]);
    expect(PAIR_SORT).toBe('pair');
  });
});
