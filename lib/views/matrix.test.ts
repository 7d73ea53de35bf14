import { describe, expect, it } from 'vitest';
import { ECS, K8S, sampleSnapshot, sampleSource } from '@/lib/testing/sample-snapshot';
import { collectionCoverage, matrixCell, matrixColumns } from './matrix';
import type { Source } from '@/lib/model';

describe('concept matrix', () => {
  it('one column per source, Kubernetes first; one per platform past four sources', () => {
    expect(matrixColumns([ECS, K8S]).map((c) => c.key)).toEqual([K8S.id, ECS.id]);
    const many = Array.from({ length: 5 }, (_, i) => sampleSource({ id: `k8s/c${i}`, platform: 'kubernetes', name: `c${i}` }));
    const cols = matrixColumns([...many, ECS]);
    expect(cols.map((c) => [c.key, c.sources.length])).toEqual([['kubernetes', 5], ['ecs', 1]]);
  });

  it('counts per source with details, and links to the filtered table', () => {
    const snap = sampleSnapshot();
    const [k8s, ecs] = matrixColumns(snap.sources);
    const w = matrixCell(snap, k8s, 'workloads');
    expect(w).toMatchObject({ state: 'ok', total: 2, detail: '1 progressing · 1 degraded' });
    expect(new URL(w.href, 'http://x').searchParams.getAll('source')).toEqual([K8S.id]);
    expect(matrixCell(snap, ecs, 'workloads')).toMatchObject({ total: 1, detail: '1 healthy' });
    expect(matrixCell(snap, k8s, 'instances')).toMatchObject({ total: 3, detail: '2 running · 1 pending', segments: [{ key: 'running', count: 2 }, { key: 'pending', count: 1 }] });
    expect(matrixCell(snap, k8s, 'endpoints').detail).toBe('1 service · 1 ingress');
    expect(matrixCell(snap, k8s, 'revisions').detail).toBe('1 old still running');
    expect(matrixCell(snap, k8s, 'config')).toMatchObject({ total: 2, detail: '1 config map · 1 secret' });
    expect(new URL(matrixCell(snap, k8s, 'instances').href, 'http://x').searchParams.get('kind')).toBe('instances');
  });

  it('a kind that could not be read is "not covered", never 0', () => {
    const snap = sampleSnapshot();
    const k8s: Source = { ...K8S, status: 'degraded', coverage: [
      { kind: 'pods', collections: ['instances'], state: 'forbidden', count: 0, message: 'pods is forbidden: User cannot list' },
      { kind: 'deployments', collections: ['workloads'], state: 'ok', count: 2 },
      { kind: 'secrets', collections: ['secrets'], state: 'forbidden', count: 0 },
    ] };
    snap.sources = [k8s, ECS];
    snap.instances = snap.instances.filter((i) => i.source !== K8S.id); // forbidden: never read
    const [col] = matrixColumns(snap.sources);
    const inst = matrixCell(snap, col, 'instances');
    expect(inst.state).toBe('not-covered');
    expect(inst.reasons[0]).toContain('forbidden');
    expect(matrixCell(snap, col, 'workloads').state).toBe('ok');
    // Config readable, secrets not: the cell says which part is missing rather than "0 secrets".
    const cfg = matrixCell(snap, col, 'config');
    expect(cfg.state).toBe('partial');
    expect(cfg.detail).toBe('1 config map · secrets not covered');
  });

  it('coverage names the collections each kind feeds; a down source covers nothing', () => {
    const ecs: Source = { ...ECS, status: 'degraded', coverage: [{ kind: 'nodes', collections: ['nodes'], state: 'error', count: 0, message: 'DescribeContainerInstances: 500' }, { kind: 'workloads', collections: ['workloads'], state: 'ok', count: 1 }] };
    expect(collectionCoverage(ecs, 'nodes')).toMatchObject({ state: 'not-covered' });
    expect(collectionCoverage(ecs, 'workloads').state).toBe('ok');
    const down: Source = { ...ECS, status: 'down', reason: 'connection refused' };
    expect(collectionCoverage(down, 'workloads')).toEqual({ state: 'not-covered', reason: 'source down' });
    const syncing: Source = { ...ECS, status: 'syncing', coverage: [{ kind: 'instances', collections: ['instances'], state: 'pending', count: 0 }] };
    expect(collectionCoverage(syncing, 'instances').state).toBe('syncing');
  });

  it('aggregated columns say which source is not covered', () => {
    const snap = sampleSnapshot();
    const down = sampleSource({ id: 'ecs/p/eu-west-1', platform: 'ecs', name: 'p/eu-west-1', status: 'down', reason: 'timeout' });
    const col = { key: 'ecs', platform: 'ecs' as const, label: 'ECS', sources: [ECS, down] };
    const cell = matrixCell(snap, col, 'workloads');
    expect(cell.state).toBe('partial');
    expect(cell.total).toBe(1);
    expect(cell.reasons[0]).toBe('p/eu-west-1: workloads — source down');
  });

  it('a down source with last-known objects is stale, one without any is not covered', () => {
    const snap = sampleSnapshot();
    snap.sources = [K8S, { ...ECS, status: 'down', reason: 'connection refused' }];
    const [, ecs] = matrixColumns(snap.sources);
    expect(matrixCell(snap, ecs, 'workloads')).toMatchObject({ state: 'stale', total: 1 });
    expect(matrixCell(snap, ecs, 'nodes')).toMatchObject({ state: 'not-covered', total: 0 });
  });
});
