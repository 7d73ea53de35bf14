import { describe, expect, it } from 'vitest';
import { ECS_SOURCE, K8S_SOURCE, kubeWorkload, deployment, snapshotOf } from '@/lib/testing/drift';
import { findSource, parseSnapshot, restrictToSources } from './snapshot-file';

const snap = snapshotOf([K8S_SOURCE, ECS_SOURCE], [kubeWorkload({ deployment: deployment('web', { containers: [{ name: 'web', image: 'nginx' }] }) })]);

describe('saved snapshots', () => {
  it('parse back to what was saved', () => {
    expect(parseSnapshot(JSON.stringify(snap), 's.json')).toEqual(snap);
  });

  it('are refused in one line that names the file and the first problem', () => {
    const err = (text: string) => {
      try {
        parseSnapshot(text, 'old.json');
        return 'parsed';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(err('{"generatedAt":')).toMatch(/^old\.json is not JSON \(.+\); 'parallax snapshot --out FILE' writes a snapshot$/);
    expect(err(JSON.stringify({ findings: [] }))).toMatch(/^old\.json is not a Parallax snapshot: generatedAt: .+ \(and 13 more problems\); 'parallax snapshot --out FILE' writes one$/);
    const broken = { ...snap, workloads: [{ ...snap.workloads[0], template: { ...snap.workloads[0].template, containers: 'none' } }] };
    expect(err(JSON.stringify(broken))).toMatch(/^old\.json is not a Parallax snapshot: workloads\[0\]\.template\.containers: /);
    for (const t of ['{', '[]', JSON.stringify(broken)]) expect(err(t)).not.toContain('\n');
  });

  it('narrow to some sources, objects included', () => {
    const only = restrictToSources(snap, new Set([ECS_SOURCE.id]));
    expect(only.sources).toEqual([ECS_SOURCE]);
    expect(only.workloads).toEqual([]);
    expect(restrictToSources(snap, new Set([K8S_SOURCE.id])).workloads).toHaveLength(1);
    expect(findSource(snap, 'kind-shop')?.id).toBe(K8S_SOURCE.id);
    expect(findSource(snap, ECS_SOURCE.id)?.id).toBe(ECS_SOURCE.id);
    expect(findSource(snap, 'nope')).toBeUndefined();
  });
});
