import { describe, expect, it } from 'vitest';
import { ECS, K8S, sampleInstance, sampleSnapshot, sampleWorkload } from '@/lib/testing/sample-snapshot';
import type { Snapshot, Volume } from '@/lib/model';
import { alsoOn } from '@/lib/relations/same-app';
import { relatedIndex, workloadDetail } from './related';

const WEB = 'k8s/kind-demo/shop/Deployment/web';
const pvc = (name: string, over: Partial<Volume> = {}): Volume => ({ id: `k8s/kind-demo/shop/PersistentVolumeClaim/${name}`, platform: 'kubernetes', source: K8S.id, group: 'g', name, labels: {}, ref: { kind: 'PersistentVolumeClaim' }, kind: 'volume', volumeKind: 'persistent', backing: 'PersistentVolumeClaim', accessModes: [], usedBy: [], ...over });

describe('workload detail', () => {
  it('gathers revisions (current first), instances per revision, endpoints, config and secrets', () => {
    const d = workloadDetail(sampleSnapshot(), WEB)!;
    expect(d.revisions.map((r) => r.revision)).toEqual(['2', '1']);
    expect(d.instances.map((i) => i.name)).toEqual(['web-a', 'web-b', 'web-c']);
    expect(d.instancesByRevision).toEqual([{ revision: 'k8s/kind-demo/shop/ReplicaSet/web-1', count: 1 }, { revision: 'k8s/kind-demo/shop/ReplicaSet/web-2', count: 2 }]);
    expect(d.endpoints).toHaveLength(2);
    expect(d.configs.map((c) => c.name)).toEqual(['web']);
    // The Secret has no usedBy, but the template's env refers to it in the same namespace.
    expect(d.secrets.map((s) => s.name)).toEqual(['shop-db']);
    expect(d.sources.map((s) => s.id)).toEqual([K8S.id, ECS.id]);
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
    db.template.volumes = [{ name: 'data', persistence: 'persistent', source: 'volumeClaimTemplate', detail: {} }];
    s.workloads.push(db);
    s.volumes = [pvc('data-db-0'), pvc('data-db-1'), pvc('data-dbx-0'), pvc('data-db-old'), pvc('data-db-2', { group: 'other' })];
    expect(workloadDetail(s, db.id)!.volumes.map((v) => v.name)).toEqual(['data-db-0', 'data-db-1']);
  });
  it('returns undefined for an unknown id', () => {
    expect(workloadDetail(sampleSnapshot(), 'nope')).toBeUndefined();
  });
});

/** A snapshot with objects of several workloads, links of every kind, and look-alikes in other groups. */
function crowded(): Snapshot {
  const s = sampleSnapshot();
  const web = s.workloads.find((w) => w.id === WEB)!;
  web.template.volumes = [{ name: 'files', persistence: 'persistent', source: 'persistentVolumeClaim', target: 'files', detail: {} }];
  for (let n = 0; n < 50; n++) {
    const id = `k8s/kind-demo/ns${n}/Deployment/web`;
    // Same name, same source: never "also on"; same config and secret names in another namespace: not web's.
    s.workloads.push(sampleWorkload({ id, platform: 'kubernetes', source: K8S.id, name: 'web', group: `ns${n}` }));
    s.instances.push(sampleInstance({ id: `k8s/kind-demo/ns${n}/Pod/web-x`, platform: 'kubernetes', source: K8S.id, name: 'web-x', workload: id }));
    s.secrets.push({ ...s.secrets[0], id: `k8s/kind-demo/ns${n}/Secret/shop-db`, group: `ns${n}` });
    s.volumes.push(pvc(`files`, { id: `k8s/kind-demo/ns${n}/PersistentVolumeClaim/files`, group: `ns${n}` }));
    s.events.push({ ...s.events[1], id: `ev${n}`, involved: { kind: 'Pod', name: 'web-x', id: `k8s/kind-demo/ns${n}/Pod/web-x` } });
  }
  s.volumes.push(pvc('files'));
  s.configs.push({ ...s.configs[0], id: 'k8s/kind-demo/shop/ConfigMap/shared', name: 'shared', usedBy: [WEB, 'k8s/kind-demo/ns1/Deployment/web'] });
  s.autoscalers.push({ id: 'k8s/kind-demo/shop/HorizontalPodAutoscaler/web', platform: 'kubernetes', source: K8S.id, name: 'web', labels: {}, ref: { kind: 'HorizontalPodAutoscaler' }, kind: 'autoscaler', target: WEB, targetName: 'web', min: 1, max: 5, metrics: [] });
  s.events.push({ ...s.events[0], id: 'e4', at: '2026-01-01T00:00:05.000Z', workload: WEB, involved: { kind: 'ReplicaSet', name: 'web-2', id: 'k8s/kind-demo/shop/ReplicaSet/web-2' } });
  return s;
}

describe('related index', () => {
  it('one index answers for every workload, each with only its own objects', () => {
    const s = crowded();
    const ix = relatedIndex(s);
    const d = workloadDetail(ix, WEB)!;
    expect(d.instances.map((i) => i.id)).toEqual(['k8s/kind-demo/shop/Pod/web-a', 'k8s/kind-demo/shop/Pod/web-b', 'k8s/kind-demo/shop/Pod/web-c']);
    expect(d.secrets.map((x) => x.id)).toEqual(['k8s/kind-demo/shop/Secret/shop-db']);
    expect(d.configs.map((c) => c.name)).toEqual(['shared', 'web']);
    expect(d.volumes.map((v) => v.id)).toEqual(['k8s/kind-demo/shop/PersistentVolumeClaim/files']);
    expect(d.autoscalers.map((a) => a.name)).toEqual(['web']);
    // e4 concerns the workload and involves a revision: listed once.
    expect(d.events.map((e) => e.id)).toEqual(['e2', 'e1', 'e4']);
    expect(d.alsoOn.map((a) => a.workload.id)).toEqual(['ecs/demo/us-east-1/shop-cluster/service/web']);

    const other = workloadDetail(ix, 'k8s/kind-demo/ns7/Deployment/web')!;
    expect(other.instances.map((i) => i.id)).toEqual(['k8s/kind-demo/ns7/Pod/web-x']);
    expect(other.events.map((e) => e.id)).toEqual(['ev7']);
    expect(other.secrets.map((x) => x.id)).toEqual(['k8s/kind-demo/ns7/Secret/shop-db']);
    expect(other.volumes).toEqual([]); // no claim in its template
    expect(other.configs).toEqual([]);
    // Only by name, and the ECS web carries a label this one has not: by name on another source.
    expect(other.alsoOn.map((a) => [a.workload.id, a.by])).toEqual([['ecs/demo/us-east-1/shop-cluster/service/web', 'name']]);
    expect(workloadDetail(ix, 'k8s/kind-demo/ns1/Deployment/web')!.configs.map((c) => c.name)).toEqual(['shared']);
  });

  it('a workload in both the label and the name bucket is "also on" once', () => {
    const s = sampleSnapshot();
    const d = workloadDetail(s, 'ecs/demo/us-east-1/shop-cluster/service/web')!;
    expect(d.alsoOn.map((a) => [a.workload.id, a.by])).toEqual([[WEB, 'label']]);
  });
});
