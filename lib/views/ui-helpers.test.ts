import { describe, expect, it } from 'vitest';
import { ECS, K8S, sampleInstance, sampleSnapshot, sampleSource } from '@/lib/testing/sample-snapshot';
import { ago, age, freshness } from './format';
import { applyFilters, facetValues, matchesText } from './filter';
import { readTableState, tableHref, toggleFacet, workloadHref, writeTableState } from './url-state';
import { workloadFacets, workloadHealth, workloadRows, workloadText } from './workloads';
import { bannerText, confirmedText, staleKinds, syncProgress, waitingText } from './health';
import { instancesByState } from './charts';
import { nodeRows } from './nodes';

const NOW = Date.parse('2026-01-01T01:00:00.000Z');

describe('format', () => {
  it('relative times and ages', () => {
    expect(ago('2026-01-01T00:59:57.000Z', NOW)).toBe('3 s ago');
    expect(ago('2026-01-01T00:56:00.000Z', NOW)).toBe('4 min ago');
    expect(ago('2026-01-01T01:00:05.000Z', NOW)).toBe('just now'); // clock skew never shows negative
    expect(ago(undefined, NOW)).toBe('—');
    expect(age('2026-01-01T00:00:00.000Z', NOW)).toBe('1h');
    expect(age('2025-12-31T22:55:00.000Z', NOW)).toBe('2h5m');
    expect(age('2025-12-29T01:00:00.000Z', NOW)).toBe('3d');
  });
  it('freshness per source mode', () => {
    expect(freshness({ ...K8S, lastChangeAt: '2026-01-01T00:59:57.000Z' }, NOW)).toBe('watching · changed 3 s ago');
    expect(freshness({ ...ECS, lastSyncAt: '2026-01-01T00:59:56.000Z' }, NOW)).toBe('polled every 10 s · 4 s ago');
    expect(freshness({ ...ECS, status: 'syncing', lastSyncAt: undefined }, NOW)).toBe('first sync…');
  });
});

describe('workload health', () => {
  it('classifies rollouts and readiness', () => {
    expect(workloadHealth({ desired: 3, ready: 3, rollout: { state: 'complete' } })).toBe('healthy');
    expect(workloadHealth({ desired: 3, ready: 2, rollout: { state: 'progressing' } })).toBe('progressing');
    expect(workloadHealth({ desired: 3, ready: 2, rollout: { state: 'complete' } })).toBe('progressing');
    expect(workloadHealth({ desired: 3, ready: 0, rollout: { state: 'progressing' } })).toBe('degraded');
    expect(workloadHealth({ desired: 3, ready: 3, rollout: { state: 'failed' } })).toBe('degraded');
    expect(workloadHealth({ desired: 0, ready: 0, rollout: { state: 'complete' } })).toBe('healthy');
  });
});

describe('filter and facets', () => {
  const snap = sampleSnapshot();
  const rows = workloadRows(snap.workloads, snap.sources);
  const facets = workloadFacets(snap.sources);
  it('matches every term, case-insensitively, over name, group, images and platform label', () => {
    expect(matchesText('web shop K8s shop/web:1.8.2', 'WEB k8s')).toBe(true);
    expect(matchesText('web shop K8s', 'web ecs')).toBe(false);
    expect(applyFilters(rows, { q: 'web', facets: {} }, facets, workloadText)).toHaveLength(3); // api runs image shop/web
    expect(applyFilters(rows, { q: 'api', facets: {} }, facets, workloadText).map((r) => r.name)).toEqual(['api']);
    expect(applyFilters(rows, { q: '1.8.2 ecs', facets: {} }, facets, workloadText)).toHaveLength(1);
  });
  it('facet counts ignore their own selection but honour the other facets and the text', () => {
    const state = { q: '', facets: { platform: ['ecs'] } };
    const platform = facetValues(rows, state, facets, workloadText, 'platform');
    // Selecting ECS must not make the Kubernetes count drop to zero (OR within a facet).
    expect(platform.find((v) => v.value === 'kubernetes')?.count).toBe(2);
    expect(platform.find((v) => v.value === 'ecs')).toMatchObject({ count: 1, selected: true, label: 'ECS' });
    const health = facetValues(rows, state, facets, workloadText, 'health');
    expect(health.map((h) => [h.value, h.count])).toEqual([['healthy', 1], ['progressing', 0], ['degraded', 0]]);
    const source = facetValues(rows, { q: 'api', facets: {} }, facets, workloadText, 'source');
    expect(source.find((v) => v.value === K8S.id)).toMatchObject({ count: 1, label: 'kind-demo' });
  });
  it('keeps a selected value that no row has any more, so it can be cleared', () => {
    const values = facetValues(rows, { q: '', facets: { group: ['gone'] } }, facets, workloadText, 'group');
    expect(values.find((v) => v.value === 'gone')).toMatchObject({ count: 0, selected: true });
  });
});

describe('URL state', () => {
  it('round-trips ids with "/" and "%" and keeps parameters it does not own', () => {
    const id = 'k8s/arn%3Aaws%3Aeks%3Aus-east-1%3A1%3Acluster%2Fprod';
    const out = writeTableState(new URLSearchParams('id=keep'), { q: 'web api', facets: { source: [id, ECS.id] }, sort: { id: 'ready', desc: true } }, ['source']);
    const back = readTableState(new URLSearchParams(out.toString()), ['source']);
    expect(back).toEqual({ q: 'web api', facets: { source: [id, ECS.id] }, sort: { id: 'ready', desc: true } });
    expect(out.get('id')).toBe('keep');
  });
  it('drops empty state from the URL and toggles facets off', () => {
    const s = toggleFacet(toggleFacet({ q: '', facets: {} }, 'kind', 'Service'), 'kind', 'Service');
    expect(s.facets).toEqual({});
    expect(writeTableState(new URLSearchParams('q=x&kind=a'), s, ['kind']).toString()).toBe('');
  });
  it('builds links whose ids survive decoding', () => {
    const id = 'k8s/a%2Fb/shop/Deployment/web';
    const href = workloadHref(id);
    expect(new URL(href, 'http://x').searchParams.get('id')).toBe(id);
    expect(new URL(tableHref('/workloads', { source: [id] }), 'http://x').searchParams.getAll('source')).toEqual([id]);
  });
});

describe('source health', () => {
  it('adds what to do to a bare reason, once', () => {
    const down = sampleSource({ id: ECS.id, platform: 'ecs', name: 'demo/us-east-1', status: 'down', reason: 'connection refused at http://127.0.0.1:4566' });
    expect(bannerText(down)).toBe('ECS demo/us-east-1: connection refused at http://127.0.0.1:4566 — is the ECS endpoint (or emulator) running?');
    const advised = { ...down, reason: 'connect ECONNREFUSED 127.0.0.1:6443 — is the cluster running?' };
    expect(bannerText(advised).match(/running\?/g)).toHaveLength(1);
    const forbidden = { ...down, reason: 'AccessDeniedException: not allowed' };
    expect(bannerText(forbidden)).toContain('grant read');
  });
  it('first-sync progress counts synced sources and objects', () => {
    const syncing = sampleSource({ id: 'k8s/b', platform: 'kubernetes', name: 'b', status: 'syncing', progress: { done: 3, total: 16, objects: 4000 } });
    const ok = { ...K8S, coverage: [{ kind: 'pods', collections: ['instances'], state: 'ok' as const, count: 210 }] };
    expect(syncProgress([ok, syncing, ECS])).toEqual({ syncing: true, synced: 2, total: 3, objects: 4210 });
    expect(syncProgress([ok]).syncing).toBe(false);
  });
});

describe('charts and nodes', () => {
  it('instances by state: one bar per source, even with no instances', () => {
    const snap = sampleSnapshot();
    const extra = sampleSource({ id: 'k8s/empty', platform: 'kubernetes', name: 'empty' });
    const { data, states } = instancesByState(snap.instances, [...snap.sources, extra]);
    expect(data.map((d) => [d.source, d.running ?? 0, d.pending ?? 0])).toEqual([[K8S.id, 2, 1], [ECS.id, 1, 0], ['k8s/empty', 0, 0]]);
    expect(states).toEqual(['running', 'pending']);
    const forbidden = { ...K8S, coverage: [{ kind: 'pods', collections: ['instances'], state: 'forbidden' as const, count: 0 }] };
    expect(instancesByState([], [forbidden]).data[0].label).toBe('kind-demo · K8s (not covered)');
  });
  it('counts running and pending instances per node by id or by name', () => {
    const n = { id: 'k8s/kind-demo/_/Node/node-1', platform: 'kubernetes' as const, source: K8S.id, name: 'node-1', labels: {}, ref: { kind: 'Node' }, kind: 'node' as const, ready: true, status: 'Ready', roles: [], capacity: {}, allocatable: { cpuMillis: 2000 }, requested: { cpuMillis: 500 }, taints: [], unschedulable: false };
    const is = [
      sampleInstance({ id: 'p1', platform: 'kubernetes', source: K8S.id, name: 'p1', node: n.id }),
      sampleInstance({ id: 'p2', platform: 'kubernetes', source: K8S.id, name: 'p2', nodeName: 'node-1' }),
      sampleInstance({ id: 'p3', platform: 'kubernetes', source: K8S.id, name: 'p3', nodeName: 'node-1', state: 'succeeded' }),
      sampleInstance({ id: 'p4', platform: 'kubernetes', source: 'k8s/other', name: 'p4', nodeName: 'node-1' }),
    ];
    expect(nodeRows([n], is, [K8S])[0]).toMatchObject({ instances: 2, cpuRequested: 500, cpuAllocatable: 2000, sourceName: 'kind-demo' });
  });
});

describe('resource rows', () => {
  it('labels instances with their revision and counts live instances per revision', async () => {
    const { instanceRows, revisionRows, resourceKind } = await import('./resources');
    const snap = sampleSnapshot();
    const inst = instanceRows(snap.instances, snap.revisions);
    expect(inst.find((i) => i.name === 'web-a')?.revisionLabel).toBe('1');
    expect(inst.find((i) => i.name === 't1')?.revisionLabel).toBeUndefined();
    snap.instances.push(sampleInstance({ id: 'gone', platform: 'kubernetes', source: K8S.id, name: 'gone', revision: 'k8s/kind-demo/shop/ReplicaSet/web-1', state: 'stopped' }));
    const revs = revisionRows(snap.revisions, snap.instances);
    expect(revs.map((r) => [r.revision, r.instanceCount])).toEqual([['1', 1], ['2', 2]]);
    expect(resourceKind('nonsense')).toBe('instances');
  });
});

describe('waiting and staleness', () => {
  it('says what a source waits for and how long, and when each kind was last confirmed', () => {
    expect(waitingText({ waiting: [{ operation: 'list pods', since: '2026-01-01T00:59:15.000Z' }, { operation: 'DescribeServices', since: '2026-01-01T00:59:48.000Z' }] }, NOW))
      .toBe('list pods (45 s), DescribeServices (12 s)');
    expect(waitingText({ waiting: [] }, NOW)).toBeUndefined();
    expect(waitingText({}, NOW)).toBeUndefined();
    expect(confirmedText({ confirmedAt: '2026-01-01T00:57:00.000Z' }, NOW)).toBe('last confirmed 3 min ago');
    expect(confirmedText({ confirmedAt: '2026-01-01T00:57:00.000Z', stale: true }, NOW)).toBe('stale, last confirmed 3 min ago');
    expect(confirmedText({}, NOW)).toBeUndefined();
    const coverage = [
      { kind: 'pods', collections: ['instances'], state: 'ok' as const, count: 3, confirmedAt: '2026-01-01T00:57:00.000Z', stale: true },
      { kind: 'nodes', collections: ['nodes'], state: 'ok' as const, count: 1, confirmedAt: '2026-01-01T00:59:59.000Z' },
    ];
    expect(staleKinds({ coverage }, NOW)).toEqual(['pods (last confirmed 3 min ago)']);
  });
});
