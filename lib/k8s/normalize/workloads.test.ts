import { describe, expect, it } from 'vitest';
import { fixture } from '../fixtures';
import { normalizeDaemonSet, normalizeDeployment, normalizeStatefulSet } from './workloads';
import { normalizeCronJob, normalizeJob } from './batch';
import { NO_REFS, reresolveTemplate, type RefResolver } from './template';
import { normalizePod, normalizeReplicaSet, revisionStates, type PodLookups } from './pods';
import { MalformedObjectError, type NormalizeContext } from './common';
import { processHasher } from '@/lib/secrets/hasher';

const secretHash = (v: string) => processHasher.hash(v);

const ctx: NormalizeContext = { sourceId: 'k8s/prod', clusterId: 'k8s/prod/_/Cluster/prod' };
const Mi = 2 ** 20;
const Gi = 2 ** 30;

const WEB_CONFIG: Record<string, string> = { log_level: 'info', MODE: 'from-config', TIMEOUT: '30' };
const WEB_SECRETS = [{ key: 'api-key', hash: secretHash('k') }];
const resolver: RefResolver = {
  configValue: (ns, name, key) => (ns === 'shop' && name === 'web-config' ? WEB_CONFIG[key] : undefined),
  secretHash: (ns, name, key) => (ns === 'shop' && name === 'web-secrets' ? WEB_SECRETS.find((k) => k.key === key)?.hash : undefined),
  configData: (ns, name) => (ns === 'shop' && name === 'web-config' ? WEB_CONFIG : undefined),
  secretKeys: (ns, name) => (ns === 'shop' && name === 'web-secrets' ? WEB_SECRETS : undefined),
};

describe('Deployment -> Workload', () => {
  const { workload: w, index } = normalizeDeployment(ctx, fixture('deployment-web.json'), resolver);

  it('has a stable id, namespace group and counts', () => {
    expect(w.id).toBe('k8s/prod/shop/Deployment/web');
    expect(w.group).toBe('k8s/prod/_/Namespace/shop');
    expect(w.groupName).toBe('shop');
    expect(w.cluster).toBe(ctx.clusterId);
    expect([w.desired, w.ready, w.available, w.updated]).toEqual([3, 3, 3, 3]);
    expect(w.rollout.state).toBe('complete');
    expect(w.selector).toEqual({ app: 'web' });
    expect(w.scheduling).toBe('replica');
    expect(w.ref).toMatchObject({ kind: 'Deployment', uid: '5d1c0a5e-0000-4000-8000-000000000001', resourceVersion: '912345' });
  });

  it('orders init, sidecar and main containers with their roles', () => {
    expect(w.template.containers.map((c) => [c.name, c.role])).toEqual([
      ['migrate', 'init'], ['log-shipper', 'sidecar'], ['web', 'main'], ['grpc-health', 'main'],
    ]);
  });

  it('converts units and defaults the port protocol', () => {
    const web = w.template.containers.find((c) => c.name === 'web')!;
    expect(web.requests).toEqual({ cpuMillis: 250, memoryBytes: 512 * Mi });
    expect(web.limits).toEqual({ cpuMillis: 1000, memoryBytes: 512 * Mi });
    expect(web.derived).toBeUndefined();
    expect(web.ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
      { containerPort: 5353, protocol: 'UDP' },
    ]);
    expect(web.image.canonical).toBe('docker.io/library/nginx:1.27');
    const grpc = w.template.containers.find((c) => c.name === 'grpc-health')!;
    expect(grpc.image.digest).toMatch(/^sha256:/);
    // Effective pod requests: max(main 250m + sidecar 50m, init 1000m); max(512Mi + 64Mi, 1Gi).
    expect(w.template.reserved).toEqual({ cpuMillis: 1000, memoryBytes: Gi });
    expect(w.template.instanceResources).toBeUndefined();
    expect(w.template.identity).toBe('web');
  });

  it('keeps env sources: values, resolved config, secret refs with hashes only', () => {
    const env = Object.fromEntries(w.template.containers.find((c) => c.name === 'web')!.env.map((e) => [e.name, e]));
    expect(env.MODE).toEqual({ name: 'MODE', from: 'value', value: 'production' });
    expect(env.EMPTY).toEqual({ name: 'EMPTY', from: 'value', value: '' });
    expect(env.LOG_LEVEL).toEqual({ name: 'LOG_LEVEL', from: 'config', ref: { name: 'web-config', key: 'log_level' }, value: 'info' });
    expect(env.API_KEY).toEqual({ name: 'API_KEY', from: 'secret', ref: { name: 'web-secrets', key: 'api-key' }, hash: secretHash('k') });
    expect(env.API_KEY.value).toBeUndefined();
    expect(env.POD_IP).toEqual({ name: 'POD_IP', from: 'field', value: 'status.podIP' });
    expect(env.MEM_LIMIT.from).toBe('resource');
    expect(env.MEM_LIMIT.value).toBe('web.limits.memory / 1Mi');
    const migrate = w.template.containers[0];
    expect(migrate.env[0]).toEqual({ name: 'DB_PASSWORD', from: 'secret', ref: { name: 'web-db', key: 'password' } });
    expect(w.template.containers[2].envFrom).toEqual([
      { from: 'config', name: 'web-config', keys: ['MODE', 'TIMEOUT', 'log_level'] },
      { from: 'secret', name: 'web-secrets', prefix: 'S_', optional: true, keys: ['S_api-key'] },
    ]);
  });

  it('builds the environment as the container sees it: envFrom expanded, env wins, one entry per name, by name', () => {
    const web = w.template.containers.find((c) => c.name === 'web')!;
    const seen = web.effectiveEnv;
    expect(seen.map((e) => e.name)).toEqual(['API_KEY', 'EMPTY', 'LOG_LEVEL', 'MEM_LIMIT', 'MODE', 'POD_IP', 'S_api-key', 'TIMEOUT', 'log_level']);
    const by = Object.fromEntries(seen.map((e) => [e.name, e]));
    // env MODE overrides the config map's MODE key.
    expect(by.MODE).toEqual({ name: 'MODE', from: 'value', value: 'production' });
    expect(by.TIMEOUT).toEqual({ name: 'TIMEOUT', from: 'config', ref: { name: 'web-config', key: 'TIMEOUT' }, value: '30' });
    expect(by['S_api-key']).toEqual({ name: 'S_api-key', from: 'secret', ref: { name: 'web-secrets', key: 'api-key' }, hash: secretHash('k') });
    // An envFrom source that could not be read contributes no keys, and says so.
    const unread = normalizeDeployment(ctx, fixture('deployment-web.json'), NO_REFS).workload.template.containers.find((c) => c.name === 'web')!;
    expect(unread.envFrom.map((s) => s.keys)).toEqual([undefined, undefined]);
    expect(unread.effectiveEnv.find((e) => e.name === 'LOG_LEVEL')).toEqual({ name: 'LOG_LEVEL', from: 'config', ref: { name: 'web-config', key: 'log_level' } });
  });

  it('maps probes to health checks with API defaults, named ports resolved', () => {
    const web = w.template.containers.find((c) => c.name === 'web')!;
    expect(web.health).toEqual([
      { role: 'liveness', type: 'http', scheme: 'HTTP', path: '/healthz', port: 8080, intervalSeconds: 20, timeoutSeconds: 1, failureThreshold: 3, startPeriodSeconds: 0 },
      { role: 'readiness', type: 'tcp', port: 8080, intervalSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, startPeriodSeconds: 5 },
      { role: 'startup', type: 'exec', command: ['cat', '/tmp/started'], intervalSeconds: 10, timeoutSeconds: 1, failureThreshold: 30, startPeriodSeconds: 0 },
    ]);
    expect(w.template.containers[3].health[0]).toMatchObject({ type: 'grpc', port: 9000 });
  });

  it('keeps mounts and security context (container overrides pod)', () => {
    const web = w.template.containers.find((c) => c.name === 'web')!;
    expect(web.mounts).toContainEqual({ volume: 'data', path: '/data', readOnly: false, subPath: 'web' });
    expect(web.mounts).toContainEqual({ volume: 'config', path: '/etc/web', readOnly: true });
    expect(web.user).toBe('101:3000');
    expect(web.privileged).toBe(false);
    expect(web.readOnlyRootFilesystem).toBe(true);
    expect(w.template.containers[0].user).toBe('1000:3000');
    expect(w.template.containers[0].privileged).toBeUndefined();
  });

  it('classifies template volumes', () => {
    const v = Object.fromEntries(w.template.volumes.map((x) => [x.name, x]));
    expect(v.logs).toMatchObject({ persistence: 'ephemeral', source: 'emptyDir', detail: { sizeLimit: '1Gi' } });
    expect(v.config).toMatchObject({ persistence: 'projected', source: 'configMap', target: 'web-config' });
    expect(v.tls).toMatchObject({ persistence: 'projected', source: 'secret', target: 'web-tls' });
    expect(v.data).toMatchObject({ persistence: 'persistent', source: 'persistentVolumeClaim', target: 'web-data' });
    expect(v['host-certs']).toMatchObject({ persistence: 'host', source: 'hostPath', target: '/etc/ssl/certs' });
    expect(v.shared).toMatchObject({ persistence: 'persistent', source: 'nfs', target: '10.0.0.5:/exports/web' });
    expect(v['kube-api-access']).toMatchObject({ persistence: 'projected', detail: { sources: 'serviceAccountToken,configMap:kube-root-ca.crt,downwardAPI' } });
  });

  it('turns placement into structured terms: anti-affinity on its own pods is "distinct", topologies canonical', () => {
    expect(w.placement.terms).toEqual([
      { type: 'node', required: true, expression: 'kubernetes.io/os=linux', field: 'nodeSelector' },
      { type: 'node', required: true, expression: 'topology.kubernetes.io/zone In [eu-west-1a,eu-west-1b]', field: 'nodeAffinity' },
      { type: 'distinct', over: 'host', required: false, weight: 100, expression: 'app=web', field: 'podAntiAffinity' },
      { type: 'tolerate', required: false, expression: 'dedicated=web:NoSchedule', field: 'tolerations' },
      { type: 'tolerate', required: false, expression: '* exists', field: 'tolerations' },
      { type: 'spread', over: 'zone', required: true, maxSkew: 1, expression: 'app=web', field: 'topologySpreadConstraints' },
    ]);
  });

  it('indexes references and template labels', () => {
    expect(index.refs.configs.sort()).toEqual(['kube-root-ca.crt', 'web-config']);
    expect(index.refs.secrets.sort()).toEqual(['registry-creds', 'web-db', 'web-secrets', 'web-tls']);
    expect(index.refs.claims).toEqual(['web-data']);
    expect(index.templateLabels).toEqual({ app: 'web', tier: 'frontend' });
  });

  it('re-resolves config values and secret hashes without renormalizing', () => {
    const same = reresolveTemplate(w.template, 'shop', resolver);
    expect(same).toBe(w.template);
    const changed = reresolveTemplate(w.template, 'shop', { ...NO_REFS, configValue: () => 'debug', configData: () => ({ log_level: 'debug' }) });
    const web = changed.containers.find((c) => c.name === 'web')!;
    expect(web.env.find((e) => e.name === 'LOG_LEVEL')!.value).toBe('debug');
    expect(web.env.find((e) => e.name === 'API_KEY')!.hash).toBeUndefined();
    expect(web.env.find((e) => e.name === 'MODE')!.value).toBe('production');
    // The effective environment follows: the config map lost TIMEOUT, the secret is unreadable now.
    expect(web.effectiveEnv.map((e) => e.name)).toEqual(['API_KEY', 'EMPTY', 'LOG_LEVEL', 'MEM_LIMIT', 'MODE', 'POD_IP', 'log_level']);
    expect(web.envFrom[1].keys).toBeUndefined();
  });

  it('reads rollout failure, pause and missing status', () => {
    expect(normalizeDeployment(ctx, fixture('deployment-stuck.json'), NO_REFS).workload.rollout).toEqual({
      state: 'failed', message: 'ReplicaSet "api-6d8f7" has timed out progressing.',
    });
    const items = fixture('apps-other.json').items;
    const paused = normalizeDeployment(ctx, items[2], NO_REFS).workload;
    expect(paused.rollout.state).toBe('paused');
    expect(paused.desired).toBe(0);
    const bare = normalizeDeployment(ctx, items[3], NO_REFS).workload;
    expect(bare.rollout.state).toBe('unknown');
    expect([bare.desired, bare.ready]).toEqual([1, 0]);
  });
});

describe('StatefulSet and DaemonSet -> Workload', () => {
  const items = fixture('apps-other.json').items;
  it('StatefulSet: progressing while replicas are not ready, claim templates as persistent volumes', () => {
    const { workload: s } = normalizeStatefulSet(ctx, items[0], NO_REFS);
    expect(s.id).toBe('k8s/prod/shop/StatefulSet/db');
    expect([s.desired, s.ready, s.updated]).toEqual([3, 2, 1]);
    expect(s.rollout.state).toBe('progressing');
    expect(s.template.volumes).toContainEqual({ name: 'pgdata', persistence: 'persistent', source: 'volumeClaimTemplate', target: 'pgdata', detail: { storageClass: 'gp3', request: '20Gi', accessModes: 'ReadWriteOnce' } });
    expect(s.template.reserved.memoryBytes).toBe(4 * Gi);
  });
  it('DaemonSet: daemon scheduling, counts from the status, host network', () => {
    const { workload: d } = normalizeDaemonSet(ctx, items[1], NO_REFS);
    expect(d.scheduling).toBe('daemon');
    expect([d.desired, d.ready, d.available]).toEqual([3, 3, 3]);
    expect(d.rollout.state).toBe('complete');
    expect(d.template.networkMode).toBe('host');
    expect(d.template.containers[0].privileged).toBe(true);
    expect(d.template.volumes[0]).toMatchObject({ persistence: 'host', target: '/proc' });
  });
});

describe('Job and CronJob -> batch Workload (k9s fixtures)', () => {
  it('Job: complete from its condition, counts from the status', () => {
    const { workload: j } = normalizeJob(ctx, fixture('job.json'), NO_REFS);
    expect(j).toMatchObject({ workloadKind: 'Job', scheduling: 'batch', desired: 1, available: 1, rollout: { state: 'complete' } });
    const failed = normalizeJob(ctx, { metadata: { name: 'f', namespace: 'x' }, status: { conditions: [{ type: 'Failed', status: 'True', message: 'BackoffLimitExceeded' }] } } as never, NO_REFS);
    expect(failed.workload.rollout).toEqual({ state: 'failed', message: 'BackoffLimitExceeded' });
  });
  it('CronJob (old batch/v1beta1 shape): template from the job template, schedule as strategy', () => {
    const { workload: c } = normalizeCronJob(ctx, fixture('cj.json'), NO_REFS);
    expect(c.id).toMatch(/\/CronJob\//);
    expect(c.scheduling).toBe('batch');
    expect(c.strategy).toBe('schedule */1 * * * *');
    expect(c.template.containers.length).toBeGreaterThan(0);
  });
  it('pods of a Job belong to the Job workload', () => {
    const pod = { metadata: { name: 'j-abc', namespace: 'x', ownerReferences: [{ kind: 'Job', name: 'j', controller: true }] }, spec: { containers: [] } };
    expect(normalizePod(ctx, pod as never, { replicaSetOwner: () => undefined, nodeZone: () => undefined }).instance.workload).toBe('k8s/prod/x/Job/j');
  });
});

describe('ReplicaSet -> Revision', () => {
  const rs = fixture('replicasets.json').items.map((r: unknown) => normalizeReplicaSet(ctx, r as never));
  it('keeps revision, template hash, owner and images', () => {
    expect(rs[1].revision).toMatchObject({
      id: 'k8s/prod/shop/ReplicaSet/web-7c9f8b6d5', workload: 'k8s/prod/shop/Deployment/web', revision: '10',
      templateRef: '7c9f8b6d5', images: ['nginx:1.27'], desired: 3, ready: 2, pending: 1, status: 'ReplicaSet',
    });
    expect(rs[1].index).toEqual({ namespace: 'shop', deployment: 'web', revision: 10, replicas: 3 });
  });
  it('current is the highest revision (numerically), previous has replicas, inactive has none', () => {
    const states = revisionStates(rs.map((r: ReturnType<typeof normalizeReplicaSet>) => ({ id: r.revision.id, index: r.index, createdAt: r.revision.createdAt })));
    expect(states.get('k8s/prod/shop/ReplicaSet/web-7c9f8b6d5')).toBe('current');
    expect(states.get('k8s/prod/shop/ReplicaSet/web-66f4b7c9d')).toBe('previous');
    expect(states.get('k8s/prod/shop/ReplicaSet/web-5b7d9c8f4')).toBe('inactive');
  });
});

describe('Pod -> Instance', () => {
  const pods = fixture('pods.json').items;
  const lookups: PodLookups = {
    replicaSetOwner: (ns, rs) => (ns === 'shop' && rs === 'web-7c9f8b6d5' ? 'web' : undefined),
    nodeZone: (n) => (n.startsWith('ip-10-0-1-23') ? 'eu-west-1a' : undefined),
  };

  it('resolves owner, revision, node, readiness, restarts and requests', () => {
    const { instance: p, index } = normalizePod(ctx, pods[0], lookups);
    expect(p.id).toBe('k8s/prod/shop/Pod/web-7c9f8b6d5-abcde');
    expect(p.workload).toBe('k8s/prod/shop/Deployment/web');
    expect(p.revision).toBe('k8s/prod/shop/ReplicaSet/web-7c9f8b6d5');
    expect(p.node).toBe('k8s/prod/_/Node/ip-10-0-1-23.eu-west-1.compute.internal');
    expect(p.zone).toBe('eu-west-1a');
    expect([p.state, p.phase, p.ready, p.health]).toEqual(['running', 'Running', true, 'healthy']);
    expect(p.restarts).toBe(3);
    expect(p.requests).toEqual({ cpuMillis: 1000, memoryBytes: Gi });
    expect(p.ip).toBe('10.244.1.17');
    expect(p.startedAt).toBe('2026-10-02T09:00:01Z');
    expect(p.containers.map((c) => [c.name, c.state, c.restarts])).toEqual([
      ['migrate', 'terminated', 0], ['log-shipper', 'running', 2], ['web', 'running', 1], ['grpc-health', 'running', 0],
    ]);
    expect(index).toEqual({ namespace: 'shop', replicaSet: 'web-7c9f8b6d5' });
  });

  it('pods of one template share their labels, requests and container states; a difference gets its own, all frozen', () => {
    const twin = structuredClone(pods[0]);
    twin.metadata.name = 'web-7c9f8b6d5-fghij';
    const a = normalizePod(ctx, pods[0], lookups);
    const b = normalizePod(ctx, twin, lookups);
    expect(b.instance.labels).toBe(a.instance.labels);
    expect(b.instance.requests).toBe(a.instance.requests);
    expect(b.instance.containers).toBe(a.instance.containers);
    expect(b.index).toBe(a.index);
    expect(Object.isFrozen(a.instance.labels) && Object.isFrozen(a.instance.requests) && Object.isFrozen(a.instance.containers)).toBe(true);
    // One more restart of one container, a label of its own: no longer the same records.
    twin.status.containerStatuses[0].restartCount += 1;
    twin.metadata.labels = { ...twin.metadata.labels, canary: 'true' };
    const c = normalizePod(ctx, twin, lookups);
    expect(c.instance.containers).not.toBe(a.instance.containers);
    expect(c.instance.restarts).toBe(a.instance.restarts + 1);
    expect(c.instance.labels).toEqual({ ...a.instance.labels, canary: 'true' });
    expect(c.instance.requests).toBe(a.instance.requests);
  });

  it('surfaces CrashLoopBackOff as failed and unhealthy; owner from the ReplicaSet naming rule when unknown', () => {
    const { instance: p } = normalizePod(ctx, pods[1], lookups);
    expect([p.state, p.phase, p.ready, p.health, p.reason]).toEqual(['failed', 'Running', false, 'unhealthy', 'CrashLoopBackOff']);
    expect(p.restarts).toBe(7);
    expect(p.workload).toBe('k8s/prod/shop/Deployment/api');
    expect(p.requests).toEqual({ cpuMillis: 500, memoryBytes: 256 * Mi });
  });

  it('tolerates a pod without status; StatefulSet owner is direct', () => {
    const { instance: p } = normalizePod(ctx, pods[2], lookups);
    expect([p.state, p.phase, p.ready, p.restarts, p.health]).toEqual(['pending', 'Pending', false, 0, 'unknown']);
    expect(p.workload).toBe('k8s/prod/shop/StatefulSet/db');
    expect(p.node).toBeUndefined();
    expect(p.requests).toEqual({});
  });

  it('marks a pod with a deletionTimestamp as terminating', () => {
    const { instance: p } = normalizePod(ctx, pods[3], lookups);
    expect([p.state, p.reason, p.desiredState]).toEqual(['stopped', 'Terminating', 'stopped']);
  });

  it('rejects an object without a name as malformed', () => {
    expect(() => normalizePod(ctx, pods[4], lookups)).toThrow(MalformedObjectError);
  });

  it('does not resolve a standalone ReplicaSet (known to have no Deployment) to a workload', () => {
    const { instance: p } = normalizePod(ctx, pods[0], { ...lookups, replicaSetOwner: () => null });
    expect(p.workload).toBeUndefined();
    expect(p.revision).toBe('k8s/prod/shop/ReplicaSet/web-7c9f8b6d5');
  });
});
