import { describe, expect, it } from 'vitest';
import type { Source } from '@/lib/model';
import { applyFilters, sanitizeTableState } from './filter';
import { readTableState } from './url-state';
import { resourceKindNote } from './resources';
import { WORKLOAD_FACET_KEYS, workloadFacets, type WorkloadRow } from './workloads';

const sources = [{ id: 'k8s/kind-a', name: 'kind-a' }, { id: 'ecs/p/eu-west-1', name: 'p/eu-west-1' }] as Source[];
const facets = workloadFacets(sources);
const read = (qs: string) => readTableState(new URLSearchParams(qs), WORKLOAD_FACET_KEYS);
const rows = [{ platform: 'kubernetes', source: 'k8s/kind-a', group: 'shop', kind: 'Deployment', health: 'healthy', name: 'web' }] as unknown as WorkloadRow[];

describe('sanitizeTableState', () => {
  it('drops an unknown platform, kind, source and sort with a note each, keeping the good values', () => {
    const r = sanitizeTableState(read('platform=xyz&platform=ecs&kind=bogus&source=k8s/gone&sort=-nope&q=web'), facets, ['name', 'age']);
    expect(r.state).toEqual({ q: 'web', facets: { platform: ['ecs'] }, sort: undefined });
    expect(r.notes).toEqual([
      'platform=xyz (no such platform; known: Kubernetes, ECS)',
      'source=k8s/gone (no such source; known: kind-a, p/eu-west-1)',
      'kind=bogus (no such kind; known: Deployment, StatefulSet, DaemonSet, Job, CronJob, Service)',
      'sort=-nope (no such column; sortable: name, age)',
    ]);
  });

  it('a link with only a bad value no longer empties the page', () => {
    const bad = read('platform=xyz');
    expect(applyFilters(rows, bad, facets, () => '')).toHaveLength(0);
    expect(applyFilters(rows, sanitizeTableState(bad, facets, []).state, facets, () => '')).toHaveLength(1);
  });

  it('leaves a good state untouched (same object: no URL rewrite) and open facets (groups) alone', () => {
    const good = read('platform=kubernetes&group=anything&sort=name');
    const r = sanitizeTableState(good, facets, ['name']);
    expect(r.state).toBe(good);
    expect(r.notes).toEqual([]);
  });

  it('says when ?kind= on /resources names no concept', () => {
    expect(resourceKindNote('bogus')).toMatch(/^kind=bogus \(no such concept; known: instances, /);
    expect(resourceKindNote('volumes')).toBeUndefined();
    expect(resourceKindNote(null)).toBeUndefined();
  });
});
