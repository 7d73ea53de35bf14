import { describe, expect, it } from 'vitest';
import { fixture } from '../fixtures';
import { MalformedObjectError, shaped, type NormalizeContext } from './common';
import { normalizeNamespace, normalizeNode } from './infra';
import { countTargets, normalizeIngress, normalizeService, summarizeEndpointSlice } from './network';
import {
  normalizeConfigMap, normalizeEvent, normalizeHpa, normalizePersistentVolume, normalizePersistentVolumeClaim, normalizeSecret,
} from './resources';
import { normalizeDaemonSet, normalizeDeployment, normalizeStatefulSet } from './workloads';
import { normalizePod, normalizeReplicaSet } from './pods';
import { NO_REFS } from './template';
import { processHasher } from '@/lib/secrets/hasher';

const secretHash = (v: string) => processHasher.hash(v);

const ctx: NormalizeContext = { sourceId: 'k8s/prod', clusterId: 'k8s/prod/_/Cluster/prod' };
const Mi = 2 ** 20;
const Gi = 2 ** 30;

describe('Secret -> Secret', () => {
  const raw = fixture('secret.json');
  const s = normalizeSecret(ctx, raw);

  it('keeps type and key names with keyed hashes of the decoded values', () => {
    expect(s.id).toBe('k8s/prod/shop/Secret/web-secrets');
    expect(s.type).toBe('Opaque');
    expect(s.keys.map((k) => k.key)).toEqual(['api-key', 'password']);
    expect(s.keys[0].hash).toBe(secretHash('hunter2-super-secret-value'));
    expect(s.keys[0].hash).not.toBe(s.keys[1].hash);
  });

  it('never lets a value (plain or base64) into the output, annotations included', () => {
    const out = JSON.stringify(s);
    for (const b64 of Object.values(raw.data) as string[]) {
      expect(out).not.toContain(b64);
      expect(out).not.toContain(Buffer.from(b64, 'base64').toString('utf8'));
    }
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('last-applied');
  });

  it('gives equal values equal hashes across secrets (comparable), and tolerates no data', () => {
    const other = normalizeSecret(ctx, { metadata: { name: 'copy', namespace: 'shop' }, data: { k: raw.data['api-key'] } });
    expect(other.keys[0].hash).toBe(s.keys[0].hash);
    const empty = normalizeSecret(ctx, { metadata: { name: 'empty', namespace: 'shop' } });
    expect(empty.keys).toEqual([]);
    expect(empty.type).toBe('Opaque');
  });
});

describe('ConfigMap -> Config', () => {
  it('keeps data values and only the keys of binaryData', () => {
    const c = normalizeConfigMap(ctx, fixture('configmap.json'));
    expect(c.data).toEqual({ log_level: 'info', 'nginx.conf': 'server { listen 8080; }\n' });
    expect(c.binaryKeys).toEqual(['logo.png']);
    expect(JSON.stringify(c)).not.toContain('iVBORw0KGgo=');
    expect(c.configKind).toBe('configMap');
  });
});

describe('Node -> Node', () => {
  const n = normalizeNode(ctx, fixture('node.json'));
  it('converts capacity and allocatable to millicores and bytes', () => {
    expect(n.id).toBe('k8s/prod/_/Node/ip-10-0-1-23.eu-west-1.compute.internal');
    expect(n.group).toBeUndefined();
    expect(n.capacity).toEqual({ cpuMillis: 4000, memoryBytes: 16094176 * 1024, pods: 58 });
    expect(n.allocatable).toEqual({ cpuMillis: 3920, memoryBytes: 15155680 * 1024, pods: 58 });
  });
  it('reads readiness, cordon, roles, zone, instance, taints, kubelet', () => {
    expect(n.ready).toBe(true);
    expect(n.unschedulable).toBe(true);
    expect(n.status).toBe('SchedulingDisabled');
    expect(n.roles).toEqual(['ingress', 'worker']);
    expect(n.zone).toBe('eu-west-1a');
    expect(n.instanceType).toBe('m6i.xlarge');
    expect(n.instanceId).toBe('i-0abc123def4567890');
    expect(n.ip).toBe('10.0.1.23');
    expect(n.agentVersion).toBe('v1.31.2-eks-7f9249a');
    expect(n.taints).toEqual([{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]);
  });
  it('reads the k9s minikube node (old master role, no zone)', () => {
    const m = normalizeNode(ctx, JSON.parse(JSON.stringify({
      metadata: { name: 'minikube', labels: { 'node-role.kubernetes.io/master': '' } },
      status: { conditions: [{ type: 'Ready', status: 'False' }], capacity: { cpu: '4', memory: '8165556Ki' } },
    })));
    expect([m.ready, m.status, m.roles, m.zone]).toEqual([false, 'NotReady', ['master'], undefined]);
  });
});

describe('Service, EndpointSlice, Ingress -> Endpoint', () => {
  const items = fixture('network.json').items;
  it('Service: type, all cluster IPs and LB hostname, ports with targetPort/nodePort', () => {
    const { endpoint: s, index } = normalizeService(ctx, items[0]);
    expect(s.type).toBe('LoadBalancer');
    expect(s.addresses).toEqual(['10.96.12.34', 'fd00:10:96::1234', 'a1b2c3.elb.eu-west-1.amazonaws.com']);
    expect(s.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
    ]);
    expect(index.selector).toEqual({ app: 'web' });
    const { endpoint: db } = normalizeService(ctx, items[1]);
    expect(db.type).toBe('Headless');
    expect(db.addresses).toEqual([]);
  });
  it('EndpointSlices: absent ready counts as ready; dual-stack backends counted once', () => {
    const v4 = summarizeEndpointSlice(items[2]);
    const v6 = summarizeEndpointSlice(items[3]);
    expect(v4.service).toBe('web');
    expect(countTargets([v4])).toEqual({ ready: 2, notReady: 1 });
    expect(countTargets([v4, v6])).toEqual({ ready: 2, notReady: 1 });
  });
  it('Ingress v1: class, default backend, rules, TLS hosts, LB address', () => {
    const { endpoint: i, index } = normalizeIngress(ctx, items[4]);
    expect(i.endpointKind).toBe('ingress');
    expect(i.type).toBe('alb');
    expect(i.rules).toEqual([
      { backend: 'web:http' },
      { host: 'shop.example.com', path: '/', backend: 'web:80' },
      { host: 'shop.example.com', path: '/api', backend: 'api:8080' },
    ]);
    expect(i.tls).toEqual(['shop.example.com', 'www.shop.example.com']);
    expect(i.addresses).toEqual(['k8s-shop-1234.eu-west-1.elb.amazonaws.com']);
    expect(index.services.sort()).toEqual(['api', 'web']);
  });
  it('Ingress: tolerates the legacy serviceName/servicePort backend', () => {
    const { endpoint: i, index } = normalizeIngress(ctx, items[5]);
    expect(i.rules).toEqual([{ path: '/testpath', backend: 'test:80' }]);
    expect(index.services).toEqual(['test']);
    expect(i.id).toBe('k8s/prod/default/Ingress/test-ingress');
  });
});

describe('PV / PVC / HPA / Event', () => {
  const items = fixture('storage-scaling-events.json').items;
  it('PersistentVolume: capacity bytes, class, claim, backing', () => {
    const pv = normalizePersistentVolume(ctx, items[0]);
    expect(pv).toMatchObject({
      id: 'k8s/prod/_/PersistentVolume/pvc-0b1c2d3e', volumeKind: 'persistent', backing: 'csi:ebs.csi.aws.com', storageClass: 'gp3',
      capacityBytes: 10 * Gi, accessModes: ['ReadWriteOnce'], phase: 'Bound', boundTo: 'k8s/prod/shop/PersistentVolumeClaim/web-data',
    });
    const host = normalizePersistentVolume(ctx, items[1]);
    expect(host).toMatchObject({ volumeKind: 'host', hostPath: '/mnt/data', capacityBytes: 500e6, phase: 'Available' });
    expect(host.boundTo).toBeUndefined();
  });
  it('PersistentVolumeClaim: request and capacity bytes, bound volume', () => {
    const pvc = normalizePersistentVolumeClaim(ctx, items[2]);
    expect(pvc).toMatchObject({ requestBytes: 8 * Gi, capacityBytes: 10 * Gi, boundTo: 'k8s/prod/_/PersistentVolume/pvc-0b1c2d3e', phase: 'Bound', storageClass: 'gp3' });
    const pending = normalizePersistentVolumeClaim(ctx, items[3]);
    expect(pending.phase).toBe('Pending');
    expect(pending.capacityBytes).toBeUndefined();
  });
  it('HPA v2: target workload, bounds, metrics in canonical units', () => {
    const h = normalizeHpa(ctx, items[4]);
    expect(h).toMatchObject({ target: 'k8s/prod/shop/Deployment/web', targetName: 'Deployment/web', min: 2, max: 12, current: 3, desired: 4 });
    expect(h.metrics).toEqual([
      { name: 'cpu', targetType: 'utilization', target: 70, current: 85 },
      { name: 'memory', targetType: 'averageValue', target: 400 * Mi, current: 300 * Mi },
      { name: 'requests_per_second', targetType: 'averageValue', target: 100 },
    ]);
  });
  it('HPA in the autoscaling/v1 shape (k9s fixture) still yields its CPU target', () => {
    const h = normalizeHpa(ctx, {
      metadata: { name: 'nginx', namespace: 'default' },
      spec: { maxReplicas: 10, minReplicas: 1, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' }, targetCPUUtilizationPercentage: 10 },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    } as never);
    expect(h.metrics).toEqual([{ name: 'cpu', targetType: 'utilization', target: 10 }]);
    expect([h.min, h.max, h.current]).toEqual([1, 10, 0]);
  });
  it('Events: time fallbacks, counts, involved ids and workloads', () => {
    const lookups = { workloadOf: (kind: string, ns: string, name: string) => (kind === 'Pod' && name === 'api-6d8f7-crash1' ? 'k8s/prod/shop/Deployment/api' : kind === 'ReplicaSet' && name === 'web-7c9f8b6d5' ? 'k8s/prod/shop/Deployment/web' : undefined) };
    const [backoff, scaled, created, node] = items.slice(5).map((e: never) => normalizeEvent(ctx, e, lookups));
    expect(backoff).toMatchObject({ type: 'Warning', reason: 'BackOff', count: 14, at: '2026-10-02T09:15:00Z', workload: 'k8s/prod/shop/Deployment/api',
      involved: { kind: 'Pod', name: 'api-6d8f7-crash1', id: 'k8s/prod/shop/Pod/api-6d8f7-crash1' } });
    expect(scaled).toMatchObject({ at: '2026-10-02T09:00:00.123456Z', count: 1, workload: 'k8s/prod/shop/Deployment/web' });
    expect(created).toMatchObject({ at: '2026-10-02T08:00:00Z', workload: 'k8s/prod/shop/Deployment/web' });
    expect(node.involved.id).toBe('k8s/prod/_/Node/ip-10-0-1-23.eu-west-1.compute.internal');
    expect(node.workload).toBeUndefined();
    expect(node.at).toBe('2026-10-02T07:00:00Z');
  });
});

describe('tolerance', () => {
  const minimal = { metadata: { name: 'x', namespace: 'ns' } };
  const all: [string, (raw: never) => unknown][] = [
    ['namespace', (r) => normalizeNamespace(ctx, r)], ['node', (r) => normalizeNode(ctx, r)],
    ['deployment', (r) => normalizeDeployment(ctx, r, NO_REFS)], ['statefulset', (r) => normalizeStatefulSet(ctx, r, NO_REFS)],
    ['daemonset', (r) => normalizeDaemonSet(ctx, r, NO_REFS)], ['replicaset', (r) => normalizeReplicaSet(ctx, r)],
    ['pod', (r) => normalizePod(ctx, r, { replicaSetOwner: () => undefined, nodeZone: () => undefined })],
    ['service', (r) => normalizeService(ctx, r)], ['slice', (r) => summarizeEndpointSlice(r)], ['ingress', (r) => normalizeIngress(ctx, r)],
    ['configmap', (r) => normalizeConfigMap(ctx, r)], ['secret', (r) => normalizeSecret(ctx, r)],
    ['pv', (r) => normalizePersistentVolume(ctx, r)], ['pvc', (r) => normalizePersistentVolumeClaim(ctx, r)],
    ['hpa', (r) => normalizeHpa(ctx, r)], ['event', (r) => normalizeEvent(ctx, r, { workloadOf: () => undefined })],
  ];
  it.each(all)('%s: metadata only never throws', (_n, f) => {
    expect(() => f(minimal as never)).not.toThrow();
  });
  it.each(all)('%s: no name is reported as malformed', (_n, f) => {
    expect(() => f({} as never)).toThrow(MalformedObjectError);
  });
  it('timestamps are kept as the API sends them (RFC 3339 strings); a non-string is absent, not a crash', () => {
    const g = normalizeNamespace(ctx, { metadata: { name: 'a', creationTimestamp: '2026-01-02T03:04:05Z' } } as never);
    expect(g.createdAt).toBe('2026-01-02T03:04:05Z');
    expect(g.status).toBe('Active');
    expect(normalizeNamespace(ctx, { metadata: { name: 'b', creationTimestamp: 17 } } as never).createdAt).toBeUndefined();
  });
});

describe('shaped', () => {
  it('copies an object: same keys, same order, same values (nested objects shared)', () => {
    const labels = { app: 'web' };
    const owned = ['w'].length > 0;
    const o = { id: 'a', ...(owned ? { workload: 'w' } : {}), labels, ready: false, n: 0 };
    const s = shaped(o);
    expect(s).not.toBe(o);
    expect(Object.entries(s)).toEqual(Object.entries(o));
    expect(s.labels).toBe(labels);
  });
});
