import { describe, expect, it } from 'vitest';
import type { Category, Severity, Side, SourceRef } from '@/lib/drift/types';
import { applyFilters, facetValues } from './filter';
import { readTableState, writeTableState } from './url-state';
import type { FindingLine, PairLine } from './drift';
import { DRIFT_FACET_KEYS, driftFacets, findingRows, findingText, groupByPair, notComparedGroups, sortPairs, sourcePairLabel } from './drift-filters';

const SOURCES: SourceRef[] = [
  { id: 'k8s/kind', name: 'kind', platform: 'kubernetes', status: 'ok' },
  { id: 'ecs/prod/us-east-1', name: 'prod/us-east-1', platform: 'ecs', status: 'ok' },
  { id: 'k8s/staging', name: 'staging', platform: 'kubernetes', status: 'ok' },
];
const side = (source: SourceRef, name: string): Side => ({ workloadId: `${source.id}/shop/x/${name}`, name, kind: 'x', group: 'shop', source: source.id, sourceName: source.name, platform: source.platform });

function pair(key: string, l: SourceRef, r: SourceRef, findings: [string, Severity, Category, string?][]): PairLine {
  const id = `${side(l, key).workloadId}|${side(r, key).workloadId}`;
  const lines: FindingLine[] = findings.map(([field, severity, category, container]) => ({
    id: `${id}#${container ?? '-'}#${field}`, pairId: id, key, field, severity, category, ...(container ? { container } : {}),
    leftValue: 'a', rightValue: 'b', message: `${field} differs`,
  }));
  const count = (s: Severity) => lines.filter((f) => f.severity === s).length;
  return {
    id, key, by: 'label', left: side(l, key), right: side(r, key), compared: true,
    counts: { critical: count('critical'), warning: count('warning'), info: count('info'), ignored: 0, notCompared: 0, equal: 3 }, findings: lines, ignored: [],
  };
}

const [KIND, PROD, STAGING] = SOURCES;
const PAIRS = [
  pair('api', KIND, PROD, [['replicas', 'warning', 'scale'], ['env.STRIPE_KEY', 'critical', 'secret', 'api']]),
  pair('db', KIND, PROD, []),
  pair('web', KIND, PROD, [['image', 'critical', 'image', 'web'], ['env.LOG_LEVEL', 'critical', 'env', 'web']]),
  pair('worker', KIND, STAGING, [['resources.memory.limit', 'warning', 'resources', 'worker']]),
  pair('cron', KIND, STAGING, [['placement', 'info', 'placement']]),
];

describe('finding rows and facets', () => {
  const rows = findingRows(PAIRS);
  const facets = driftFacets(SOURCES);

  it('one row per finding, carrying its source pair and both names', () => {
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({ key: 'api', sources: 'k8s/kind|ecs/prod/us-east-1', leftName: 'api', rightName: 'api' });
    expect(findingText(rows[0])).toContain('replicas / autoscaling');
  });

  it('filters by severity, source pair, field kind and text; facet counts follow the other filters', () => {
    const state = readTableState(new URLSearchParams('severity=critical&sources=k8s%2Fkind%7Cecs%2Fprod%2Fus-east-1'), DRIFT_FACET_KEYS);
    expect(applyFilters(rows, state, facets, findingText).map((r) => r.field)).toEqual(['env.STRIPE_KEY', 'image', 'env.LOG_LEVEL']);
    expect(applyFilters(rows, { ...state, q: 'LOG_LEVEL' }, facets, findingText).map((r) => r.field)).toEqual(['env.LOG_LEVEL']);
    expect(applyFilters(rows, { q: '', facets: { field: ['resources', 'placement'] } }, facets, findingText).map((r) => r.key)).toEqual(['worker', 'cron']);

    const severities = facetValues(rows, state, facets, findingText, 'severity');
    expect(severities.map((v) => [v.value, v.count, v.selected])).toEqual([['critical', 3, true], ['warning', 1, false], ['info', 0, false]]);
    const sources = facetValues(rows, state, facets, findingText, 'sources');
    expect(sources.map((v) => [v.label, v.count])).toEqual([['Kubernetes kind ⟷ ECS prod/us-east-1', 3], ['Kubernetes kind ⟷ Kubernetes staging', 0]]);
    expect(facetValues(rows, { q: '', facets: {} }, facets, findingText, 'field').map((v) => v.label)).toEqual(['image', 'environment', 'secrets', 'CPU / memory', 'replicas / autoscaling', 'placement']);
  });

  it('the filter state round-trips through the URL, keeping the parameters it does not own', () => {
    const state = { q: 'web', facets: { severity: ['critical', 'warning'], sources: ['k8s/kind|ecs/prod/us-east-1'], field: ['env'] } };
    const qs = writeTableState(new URLSearchParams('equal=1'), state, DRIFT_FACET_KEYS);
    expect(qs.get('equal')).toBe('1');
    expect(readTableState(new URLSearchParams(qs.toString()), DRIFT_FACET_KEYS)).toEqual({ ...state, sort: undefined });
  });
});

describe('grouping by pair', () => {
  it('most severe pairs first, then by name; findings most severe first; pairs without a match left out', () => {
    const rows = findingRows(PAIRS);
    const groups = groupByPair(rows, PAIRS);
    expect(groups.map((g) => g.pair.key)).toEqual(['api', 'web', 'worker', 'cron']);
    expect(groups[0].findings.map((f) => f.field)).toEqual(['env.STRIPE_KEY', 'replicas']);
    const onlyWarnings = rows.filter((r) => r.severity === 'warning');
    expect(groupByPair(onlyWarnings, PAIRS).map((g) => g.pair.key)).toEqual(['api', 'worker']);
    expect(sortPairs(PAIRS).map((p) => p.key)).toEqual(['api', 'web', 'worker', 'cron', 'db']);
  });

  it('labels a source pair by platform and name, and falls back to the key for unknown sources', () => {
    expect(sourcePairLabel('k8s/kind|k8s/staging', SOURCES)).toBe('Kubernetes kind ⟷ Kubernetes staging');
    expect(sourcePairLabel('a|b', SOURCES)).toBe('a|b');
  });

  it('not-compared entries by reason: whole sources first, then the most common reason', () => {
    const groups = notComparedGroups({
      notCompared: [
        { pairId: 'p2', key: 'web', container: 'web', field: 'env.DB_PASSWORD', reason: 'secret values not read' },
        { pairId: 'p1', key: 'api', container: 'api', field: 'env.DB_PASSWORD', reason: 'secret values not read' },
        { reason: 'ECS prod is down' },
        { pairId: 'p1', key: 'api', container: 'migrate', field: 'env.DB_PASSWORD', reason: 'secret values not read' },
        { pairId: 'p2', key: 'web', field: 'replicas', reason: 'autoscaling not readable' },
      ],
    });
    expect(groups.map((g) => [g.reason, g.source, g.items.map((n) => `${n.key} ${n.container ?? '-'} ${n.field}`)])).toEqual([
      ['ECS prod is down', true, []],
      ['secret values not read', false, ['api api env.DB_PASSWORD', 'api migrate env.DB_PASSWORD', 'web web env.DB_PASSWORD']],
      ['autoscaling not readable', false, ['web - replicas']],
    ]);
  });
});
