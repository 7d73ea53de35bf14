import { describe, expect, it } from 'vitest';
import { ECS, K8S, sampleSnapshot, sampleWorkload } from '@/components/fixtures/sample-snapshot';
import { alsoOn, envDisplay, healthCheckText, workloadDetail } from './detail';

const WEB = 'k8s/kind-demo/shop/Deployment/web';

describe('workload detail', () => {
  it('gathers revisions (current first), instances per revision, endpoints, config and secrets', () => {
    const d = workloadDetail(sampleSnapshot(), WEB)!;
    expect(d.revisions.map((r) => r.revision)).toEqual(['2', '1']);
    expect(d.instancesByRevision.get('k8s/kind-demo/shop/ReplicaSet/web-2')?.map((i) => i.name)).toEqual(['web-b', 'web-c']);
    expect(d.endpoints).toHaveLength(2);
    expect(d.configs.map((c) => c.name)).toEqual(['web']);
    // The Secret has no usedBy, but the template's env refers to it in the same namespace.
    expect(d.secrets.map((s) => s.name)).toEqual(['shop-db']);
  });
  it('events: the workload, its instances and revisions, newest first; not unrelated ones', () => {
    const d = workloadDetail(sampleSnapshot(), WEB)!;
    expect(d.events.map((e) => e.id)).toEqual(['e2', 'e1']);
  });
  it('also on: same app.kubernetes.io/name on another source', () => {
    const s = sampleSnapshot();
    const d = workloadDetail(s, WEB)!;
    expect(d.alsoOn.map((a) => [a.workload.source, a.by])).toEqual([[ECS.id, 'label']]);
    const api = s.workloads.find((w) => w.name === 'api')!;
    const ecsApi = sampleWorkload({ id: 'ecs/x/api', platform: 'ecs', source: ECS.id, name: 'api' });
    const sameSourceApi = sampleWorkload({ id: 'k8s/kind-demo/other/Deployment/api', platform: 'kubernetes', source: K8S.id, name: 'api' });
    expect(alsoOn(api, [api, ecsApi, sameSourceApi]).map((a) => [a.workload.id, a.by])).toEqual([['ecs/x/api', 'name']]);
  });
  it('relates StatefulSet claim-template PVCs by name, not look-alikes', () => {
    const s = sampleSnapshot();
    const db = sampleWorkload({ id: 'k8s/kind-demo/shop/StatefulSet/db', platform: 'kubernetes', source: K8S.id, name: 'db' });
    db.template.volumes = [{ name: 'data', type: 'persistent', source: 'volumeClaimTemplate', detail: {} }];
    const pvc = (name: string) => ({ id: `k8s/kind-demo/shop/PersistentVolumeClaim/${name}`, platform: 'kubernetes' as const, source: K8S.id, group: 'g', name, labels: {}, ref: { kind: 'PersistentVolumeClaim' }, kind: 'volume' as const, volumeKind: 'persistent' as const, backing: 'PersistentVolumeClaim', accessModes: [], usedBy: [] });
    s.workloads.push(db);
    s.volumes = [pvc('data-db-0'), pvc('data-db-1'), pvc('data-dbx-0'), pvc('data-db-old')];
    expect(workloadDetail(s, db.id)!.volumes.map((v) => v.name)).toEqual(['data-db-0', 'data-db-1']);
  });
  it('returns undefined for an unknown id', () => {
    expect(workloadDetail(sampleSnapshot(), 'nope')).toBeUndefined();
  });
});

describe('env and health checks', () => {
  it('shows only a reference for secrets, even if a value slipped into the model', () => {
    expect(envDisplay({ name: 'P', from: 'secret', ref: { name: 'shop-db', key: 'password' }, value: 'leak' })).toBe('secret/shop-db key password');
    expect(envDisplay({ name: 'P', from: 'secret', ref: { arn: 'arn:aws:secretsmanager:us-east-1:1:secret:shop/db' } })).toBe('arn:aws:secretsmanager:us-east-1:1:secret:shop/db');
    expect(envDisplay({ name: 'L', from: 'config', value: 'info', ref: { name: 'web', key: 'LOG' } })).toBe('info');
    expect(envDisplay({ name: 'L', from: 'config', ref: { name: 'web', key: 'LOG' } })).toBe('configmap/web key LOG');
  });
  it('describes probes and ECS health checks', () => {
    expect(healthCheckText({ role: 'readiness', type: 'http', path: '/healthz', port: 8080, intervalSeconds: 10 })).toBe('GET /healthz :8080 · every 10 s');
    expect(healthCheckText({ role: 'container', type: 'exec', command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], intervalSeconds: 30 })).toBe('SHELL curl -f http://localhost/ || exit 1 · every 30 s');
    expect(healthCheckText({ role: 'liveness', type: 'tcp', port: 5432 })).toBe('TCP :5432');
  });
});
