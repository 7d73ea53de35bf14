import { describe, expect, it } from 'vitest';
import type { Source, Workload } from '@/lib/model';
import { source } from '@/lib/testing/drift';
import { DriftConfigSchema } from './config';
import { computeDrift } from './engine';
import { pairWorkloads } from './pairing';
import { snapshotOf } from '@/lib/testing/drift';

const K = source({ id: 'k8s/prod', platform: 'kubernetes', name: 'prod' });
const S = source({ id: 'k8s/staging', platform: 'kubernetes', name: 'staging' });
const E = source({ id: 'ecs/default/eu-west-1', platform: 'ecs', name: 'default/eu-west-1' });

function w(src: Source, group: string, name: string, app?: string): Workload {
  return {
    id: `${src.id}/${group}/W/${name}`, kind: 'workload', platform: src.platform, source: src.id, name, groupName: group,
    labels: app ? { 'app.kubernetes.io/name': app } : {}, ref: { kind: 'W' }, workloadKind: 'Deployment', scheduling: 'replica',
    desired: 1, ready: 1, rollout: { state: 'complete' }, template: { containers: [], volumes: [], reserved: {} }, placement: { terms: [] },
  };
}
const config = (c: unknown = {}) => DriftConfigSchema.parse(c);
const pairsOf = (ws: Workload[], sources: Source[], c: unknown = {}, only?: [string, string]) => pairWorkloads({ workloads: ws, sources, config: config(c), ...(only ? { only } : {}) });
const names = (p: ReturnType<typeof pairsOf>) => p.sourcePairs.flatMap((sp) => sp.pairs.map((x) => `${x.key}:${x.by}:${x.left.name}@${x.left.source}<>${x.right.name}@${x.right.source}`));

describe('pairing', () => {
  it('pairs by app label across any two sources, Kubernetes on the left, then by name within equal groups', () => {
    const p = pairsOf([w(E, 'shop', 'storefront', 'web'), w(K, 'shop', 'web-deploy', 'web'), w(K, 'shop', 'db'), w(E, 'shop', 'db')], [E, K]);
    expect(p.sourcePairs.map((sp) => [sp.left.id, sp.right.id])).toEqual([[K.id, E.id]]);
    expect(names(p)).toEqual(['db:name:db@k8s/prod<>db@ecs/default/eu-west-1', 'web:label:web-deploy@k8s/prod<>storefront@ecs/default/eu-west-1']);
  });

  it('does not pair by name across groups of different names, nor when the app labels disagree', () => {
    const p = pairsOf([w(K, 'shop', 'db'), w(E, 'billing', 'db'), w(K, 'shop', 'api', 'api'), w(E, 'shop', 'api', 'payments')], [K, E]);
    expect(names(p)).toEqual([]);
    expect(p.sourcePairs[0].unpaired.map((u) => `${u.workload.name}@${u.workload.source}`).sort()).toEqual(['api@ecs/default/eu-west-1', 'api@k8s/prod', 'db@ecs/default/eu-west-1', 'db@k8s/prod']);
  });

  it('narrows a label used several times to equal group names, and never guesses among the rest', () => {
    const ws = [w(K, 'shop', 'web', 'web'), w(K, 'blue', 'web', 'web'), w(K, 'green', 'web', 'web'), w(E, 'shop', 'web', 'web'), w(E, 'other', 'web2', 'web')];
    const p = pairsOf(ws, [K, E]);
    expect(names(p)).toEqual(['web:label:web@k8s/prod<>web@ecs/default/eu-west-1']);
    const amb = p.sourcePairs[0].ambiguous;
    expect(amb.map((a) => `${a.workload.groupName}/${a.workload.name}`).sort()).toEqual(['blue/web', 'green/web', 'other/web2']);
    expect(amb[0].howToPair).toContain('pairs:');
  });

  it('explicit pairs from the config win, matched by source, group and name globs or ids', () => {
    const ws = [w(K, 'shop', 'web-frontend'), w(E, 'shop', 'web'), w(K, 'shop', 'web', 'web'), w(E, 'shop', 'api')];
    const c = { pairs: [{ name: 'storefront', workloads: [{ source: 'default/*', name: 'web' }, { source: 'prod', group: 'shop', name: 'web-f*' }] }, { workloads: [`${K.id}/shop/W/web`, `${E.id}/shop/W/api`] }] };
    expect(names(pairsOf(ws, [K, E], c))).toEqual([
      'storefront:config:web-frontend@k8s/prod<>web@ecs/default/eu-west-1',
      'web:config:web@k8s/prod<>api@ecs/default/eu-west-1',
    ]);
  });

  it('compares every pair of sources, or only the two asked for, in the order asked', () => {
    const ws = [w(K, 'shop', 'web', 'web'), w(S, 'shop', 'web', 'web'), w(E, 'shop', 'web', 'web')];
    expect(pairsOf(ws, [K, S, E]).sourcePairs.map((sp) => `${sp.left.name}<>${sp.right.name}`)).toEqual(['prod<>staging', 'prod<>default/eu-west-1', 'staging<>default/eu-west-1']);
    expect(pairsOf(ws, [K, S, E], {}, ['staging', 'prod']).sourcePairs.map((sp) => `${sp.left.name}<>${sp.right.name}`)).toEqual(['staging<>prod']);
    expect(() => pairsOf(ws, [K, E], {}, ['nope', 'prod'])).toThrow(/no source "nope"/);
  });

  it('leaves Kubernetes system namespaces out unless configured', () => {
    const ws = [w(K, 'kube-system', 'coredns'), w(K, 'shop', 'web', 'web'), w(E, 'shop', 'web', 'web')];
    const p = pairsOf(ws, [K, E]);
    expect(p.excluded).toBe(1);
    expect(p.sourcePairs[0].unpaired).toEqual([]);
    expect(pairsOf(ws, [K, E], { pairing: { includeSystemNamespaces: true } }).sourcePairs[0].unpaired.map((u) => u.workload.name)).toEqual(['coredns']);
  });
});

describe('what cannot be compared is said, never drift', () => {
  it('a source that is down: no "only on" for the other side, and the reason listed', () => {
    const down = { ...E, status: 'down' as const, reason: 'connect ECONNREFUSED 127.0.0.1:4566' };
    const r = computeDrift(snapshotOf([K, down], [{ workload: w(K, 'shop', 'web', 'web') }]));
    expect(r.onlyOn).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.notCompared.map((n) => n.reason)).toEqual(['ECS default/eu-west-1 is down: connect ECONNREFUSED 127.0.0.1:4566']);
  });

  it('a pair whose source is still syncing is listed but not compared', () => {
    const syncing = { ...E, status: 'syncing' as const };
    const r = computeDrift(snapshotOf([K, syncing], [{ workload: w(K, 'shop', 'web', 'web') }, { workload: { ...w(E, 'shop', 'web', 'web'), desired: 7 } }]));
    expect(r.pairs[0].compared).toBe(false);
    expect(r.findings).toEqual([]);
    expect(r.pairs[0].notCompared[0].reason).toMatch(/first sync still running/);
  });

  it('replicas are not compared when a side could not read its autoscalers', () => {
    const denied = { ...E, coverage: [{ kind: 'autoscalers', collections: ['autoscalers'], state: 'forbidden' as const, count: 0, message: 'AccessDeniedException' }] };
    const r = computeDrift(snapshotOf([K, denied], [{ workload: w(K, 'shop', 'web', 'web') }, { workload: { ...w(E, 'shop', 'web', 'web'), desired: 7 } }]));
    expect(r.findings).toEqual([]);
    expect(r.notCompared.map((n) => `${n.field}: ${n.reason}`)).toEqual(['replicas: ECS default/eu-west-1: autoscaling not readable (AccessDeniedException), so replicas may be managed']);
  });

  it('ignore rules move findings aside, counted and listed with their reason', () => {
    const ws = [{ workload: w(K, 'shop', 'web', 'web') }, { workload: { ...w(E, 'shop', 'web', 'web'), desired: 3 } }];
    const r = computeDrift(snapshotOf([K, E], ws), { config: config({ ignore: [{ pair: 'we?', field: 'repl*', reason: 'ECS runs one more during the migration' }] }) });
    expect(r.findings).toEqual([]);
    expect(r.totals.ignored).toBe(1);
    expect(r.pairs[0].ignored[0]).toMatchObject({ field: 'replicas', ignoredBy: { rule: 0, reason: 'ECS runs one more during the migration' } });
  });
});
