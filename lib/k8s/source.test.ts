// The adapter over real HTTP: the real @kubernetes/client-node against the embedded simulator.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppsV1Api, CoreV1Api, KubeConfig, type V1Deployment } from '@kubernetes/client-node';
import { startKubeSimulator, type KubeSimulator } from '@/lib/sim/k8s';
import { deploymentManifest } from '@/lib/sim/k8s/test-helpers';
import type { KubeSourceConfig } from '@/lib/config/types';
import type { SourceAdapter } from '@/lib/inventory/types';
import { ObjectSchema, type Config, type Endpoint, type Instance, type Revision, type Secret, type Workload } from '@/lib/model';
import { createKubeSource, type KubeSourceOptions } from './source';
import { TestSink } from '@/lib/testing/sink';
import { retryOnConflict } from '@/lib/seed/kubernetes';
import { assertOnlyReads } from '@/lib/testing/read-only';
import { FakeClock } from '@/lib/util/fake-clock';
import { SCOPES } from './kinds';

const Mi = 2 ** 20;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function sim(opts: Parameters<typeof startKubeSimulator>[0] = {}): Promise<KubeSimulator> {
  const s = await startKubeSimulator({ nodes: 3, podReadyDelayMs: 50, controllerIntervalMs: 50, ...opts });
  cleanups.push(() => s.stop());
  return s;
}

function clients(s: KubeSimulator) {
  const kc = new KubeConfig();
  kc.loadFromString(s.kubeconfig('sim'));
  return { core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api) };
}

function cfgFor(yaml: string, context = 'sim'): KubeSourceConfig {
  return { platform: 'kubernetes', context, kubeconfigPaths: [], kubeconfigYaml: yaml, demo: false };
}

async function startSource(s: KubeSimulator | string, opts: KubeSourceOptions = {}): Promise<{ source: SourceAdapter; sink: TestSink }> {
  const yaml = typeof s === 'string' ? s : s.kubeconfig('sim');
  const source = createKubeSource(cfgFor(yaml), { backoff: { baseMs: 50, maxMs: 500 }, ...opts });
  const sink = new TestSink();
  cleanups.push(() => source.stop());
  await source.start(sink);
  return { source, sink };
}

function deployment(name: string, replicas: number, extra: Partial<V1Deployment['spec']> = {}): V1Deployment {
  return deploymentManifest(name, replicas, {
    ports: [{ containerPort: 8080, name: 'http' }],
    resources: { requests: { cpu: '250m', memory: '128Mi' } },
    env: [
      { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: `${name}-config`, key: 'level' } } },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: `${name}-secret`, key: 'token' } } },
    ],
  }, extra) as V1Deployment;
}

/** Watches the simulator has answered 200 (open or since ended). */
const watchesAnswered = (s: KubeSimulator) => s.requests.filter((r) => /(^|&)watch=(true|1)/.test(r.query) && r.status === 200).length;

const synced = (sink: TestSink) => () =>
  sink.status_.progress !== undefined && sink.status_.progress.done === sink.status_.progress.total && sink.status_.status !== undefined && sink.status_.status !== 'syncing';

describe('Kubernetes source against the simulator', () => {
  it('syncs a deployment: pod owners, ready counts, units, revisions, service and config links', async () => {
    const s = await sim();
    const { core, apps } = clients(s);
    await core.createNamespace({ body: { metadata: { name: 'shop' } } });
    await core.createNamespacedConfigMap({ namespace: 'shop', body: { metadata: { name: 'web-config' }, data: { level: 'info' } } });
    await core.createNamespacedSecret({ namespace: 'shop', body: { metadata: { name: 'web-secret' }, data: { token: Buffer.from('tok-PLAIN-never-leaks').toString('base64') } } });
    await apps.createNamespacedDeployment({ namespace: 'shop', body: deployment('web', 3) });
    await core.createNamespacedService({ namespace: 'shop', body: { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } } });

    const { sink } = await startSource(s);
    const wid = 'k8s/sim/shop/Deployment/web';
    const pods = () => sink.objects('pods', 'instance').filter((p) => p.groupName === 'shop');
    await sink.until(() => pods().length === 3 && pods().every((p) => p.ready), 15_000, '3 ready pods');
    await sink.until(() => sink.get<Workload>('deployments', wid)?.ready === 3, 10_000, 'deployment ready 3');
    await sink.until(synced(sink), 10_000, 'sync');

    expect(sink.status_.status).toBe('ok');
    const rsList = sink.objects('replicasets', 'revision') as Revision[];
    const current = rsList.find((r) => r.workload === wid)!;
    expect(current.state).toBe('current');
    for (const p of pods() as Instance[]) {
      expect(p.workload).toBe(wid);
      expect(p.revision).toBe(current.id);
      expect(p.requests).toEqual({ cpuMillis: 250, memoryBytes: 128 * Mi });
      expect(p.node).toMatch(/^k8s\/sim\/_\/Node\//);
      expect(p.state).toBe('running');
    }
    const w = sink.get<Workload>('deployments', wid)!;
    expect([w.desired, w.ready]).toEqual([3, 3]);
    const env = Object.fromEntries(w.template.containers[0].env.map((e) => [e.name, e]));
    expect(env.LEVEL.value).toBe('info');
    expect(env.TOKEN.hash).toMatch(/^hmac-sha256:/);
    expect(sink.get<Config>('configmaps', 'k8s/sim/shop/ConfigMap/web-config')!.usedBy).toEqual([wid]);
    expect(sink.get<Secret>('secrets', 'k8s/sim/shop/Secret/web-secret')!.usedBy).toEqual([wid]);
    await sink.until(() => sink.get<Endpoint>('services', 'k8s/sim/shop/Service/web')?.readyTargets === 3, 10_000, 'service ready targets');
    expect(sink.get<Endpoint>('services', 'k8s/sim/shop/Service/web')!.workloads).toEqual([wid]);
    expect(sink.objects('nodes', 'node')).toHaveLength(3);
    const cluster = sink.objects('cluster', 'cluster')[0];
    expect(cluster.counts.nodes).toBe(3);
    expect(cluster.endpoint).toBe(s.url);
    const objects = [...sink.scopes.values()].flatMap((m) => [...m.values()]);
    for (const o of objects) expect(ObjectSchema.safeParse(o).success, o.id).toBe(true);
    const everything = JSON.stringify(objects);
    expect(everything).not.toContain('tok-PLAIN-never-leaks');
    expect(everything).not.toContain(Buffer.from('tok-PLAIN-never-leaks').toString('base64'));
    expect(JSON.stringify(sink.errors)).not.toContain(s.token);

    // Changes arrive through the watch: scale, and a ConfigMap edit re-resolves the workload's env.
    await retryOnConflict(async () => {
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace: 'shop' });
      d.spec!.replicas = 5;
      await apps.replaceNamespacedDeployment({ name: 'web', namespace: 'shop', body: d });
    });
    await sink.until(() => sink.get<Workload>('deployments', wid)?.desired === 5, 10_000, 'desired 5');
    await sink.until(() => pods().filter((p) => p.ready && p.workload === wid).length === 5, 15_000, '5 ready pods');
    await sink.until(() => sink.coverage.get('pods')?.count === sink.objects('pods').length, 5_000, 'coverage count follows the watch');
    expect(sink.status_.lastChangeAt).toBeDefined();
    await core.replaceNamespacedConfigMap({ name: 'web-config', namespace: 'shop', body: { metadata: { name: 'web-config' }, data: { level: 'debug' } } });
    await sink.until(() => sink.get<Workload>('deployments', wid)?.template.containers[0].env[0].value === 'debug', 10_000, 'env re-resolved');
  });

  it('StatefulSet rollouts show as ControllerRevisions with pod counts', async () => {
    const s = await sim({ nodes: 2 });
    const { apps } = clients(s);
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:15' }] } } } };
    await apps.createNamespacedStatefulSet({ namespace: 'default', body: sts });
    const { sink } = await startSource(s);
    const revs = () => sink.objects('controllerrevisions', 'revision').filter((r) => r.workload === 'k8s/sim/default/StatefulSet/db');
    await sink.until(() => revs().some((r) => r.state === 'current' && r.ready === 2), 15_000, 'current revision with 2 ready pods');
    const first = revs()[0];
    expect(first.images).toEqual(['postgres:15']);
    for (const p of sink.objects('pods', 'instance').filter((x) => x.workload === 'k8s/sim/default/StatefulSet/db')) expect(p.revision).toBe(first.id);
    // The controller writes the StatefulSet's status meanwhile: a read-modify-replace may meet 409.
    await retryOnConflict(async () => {
      const cur = await apps.readNamespacedStatefulSet({ name: 'db', namespace: 'default' });
      cur.spec!.template.spec!.containers[0].image = 'postgres:16';
      await apps.replaceNamespacedStatefulSet({ name: 'db', namespace: 'default', body: cur });
    });
    await sink.until(() => revs().some((r) => r.state === 'current' && r.images[0] === 'postgres:16' && r.ready === 2), 20_000, 'new revision rolled out');
    await sink.until(() => sink.get<Revision>('controllerrevisions', first.id)?.state === 'inactive', 10_000, 'old revision inactive');
  });

  it('pages lists: pageSize 2 over 7 pods gives every pod exactly once, with limit/continue', async () => {
    const s = await sim({ nodes: 1 });
    const { core } = clients(s);
    await core.createNamespace({ body: { metadata: { name: 'paged' } } });
    for (let i = 0; i < 7; i++) {
      await core.createNamespacedPod({ namespace: 'paged', body: { metadata: { name: `p${i}` }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } });
    }
    const { sink } = await startSource(s, { pageSize: 2 });
    await sink.until(synced(sink), 10_000, 'sync');
    const replaced = sink.log.filter((l) => l.op === 'replace' && l.scope === 'pods');
    expect(replaced[0].count).toBe(7);
    expect(new Set(sink.objects('pods').map((p) => p.name))).toEqual(new Set(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']));
    const podLists = s.requests.filter((r) => r.path === '/api/v1/pods' && !String(r.query ?? '').includes('watch'));
    expect(podLists.length).toBe(4);
    expect(podLists.every((r) => String(r.query).includes('limit=2'))).toBe(true);
    expect(podLists.filter((r) => String(r.query).includes('continue=')).length).toBe(3);
    expect(sink.coverage.get('pods')).toMatchObject({ state: 'ok', count: 7 });
  });

  it('a 403 on secrets degrades the source; other kinds keep working', async () => {
    const s = await sim({ nodes: 1 });
    s.faults.forbid('secrets');
    const { core } = clients(s);
    await core.createNamespacedPod({ namespace: 'default', body: { metadata: { name: 'lonely' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } });
    const { sink } = await startSource(s);
    await sink.until(synced(sink), 10_000, 'sync');
    expect(sink.coverage.get('secrets')).toMatchObject({ state: 'forbidden', count: 0 });
    expect(sink.coverage.get('secrets')!.message).toMatch(/^403 Forbidden: .*secrets/);
    expect(sink.status_.status).toBe('degraded');
    expect(sink.status_.reason).toContain('secrets');
    expect(sink.coverage.get('pods')?.state).toBe('ok');
    expect(sink.get('pods', 'k8s/sim/default/Pod/lonely')).toBeDefined();
    // Pods still arrive through the watch.
    await core.createNamespacedPod({ namespace: 'default', body: { metadata: { name: 'later' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } });
    await sink.until(() => Boolean(sink.get('pods', 'k8s/sim/default/Pod/later')), 10_000, 'watched pod');
    // Permission granted again: the retry covers the kind.
    s.faults.allow('secrets');
    await sink.until(() => sink.coverage.get('secrets')?.state === 'ok', 10_000, 'secrets covered');
    await sink.until(() => sink.status_.status === 'ok', 5_000, 'status ok');
  });

  it('an unreachable server gives down with a clear reason', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const yaml = [
      'apiVersion: v1', 'kind: Config', 'current-context: sim',
      'clusters: [{name: sim, cluster: {server: "https://127.0.0.1:' + port + '", insecure-skip-tls-verify: true}}]',
      'users: [{name: u, user: {token: abc}}]',
      'contexts: [{name: sim, context: {cluster: sim, user: u}}]',
    ].join('\n');
    const { sink } = await startSource(yaml);
    await sink.until(() => sink.status_.status === 'down', 10_000, 'down');
    expect(sink.status_.reason).toBe(`connection refused at https://127.0.0.1:${port} — is the cluster running?`);
    expect(sink.errors[0]).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a bad token gives down with 401', async () => {
    const s = await sim({ nodes: 0 });
    const yaml = s.kubeconfig('sim').replace(s.token, 'not-the-token');
    const { sink } = await startSource(yaml);
    await sink.until(() => sink.status_.status === 'down' && synced(sink)(), 10_000, 'down');
    expect(sink.status_.reason).toBe('401 Unauthorized: credentials expired or invalid');
    expect(JSON.stringify(sink.errors)).not.toContain('not-the-token');
  });

  it('only reads: every request Parallax sent is a GET (the shared read-only audit)', async () => {
    const s = await sim({
      nodes: 2,
      seed: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ro' } },
        { ...deployment('ro-app', 2), metadata: { name: 'ro-app', namespace: 'ro' } } as never,
      ],
    });
    const { sink, source } = await startSource(s);
    await sink.until(synced(sink), 10_000, 'sync');
    await sink.until(() => sink.objects('pods').length === 2, 10_000, 'pods');
    await source.stop();
    expect(assertOnlyReads({ platform: 'kubernetes', url: s.url, requests: s.requests })).toBeGreaterThan(16);
    expect(s.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('a watch 410 (resourceVersion gone from history) leads to a relist', async () => {
    const s = await sim({ nodes: 1, historyLimit: 5, bookmarkIntervalMs: 600_000 });
    const { core } = clients(s);
    const { sink } = await startSource(s, { watchTimeoutSeconds: 1 });
    await sink.until(synced(sink), 10_000, 'sync');
    const secretLists = () => s.requests.filter((r) => r.path === '/api/v1/secrets' && !String(r.query ?? '').includes('watch')).length;
    expect(secretLists()).toBe(1);
    // Enough writes elsewhere to push the idle secrets watch's resourceVersion out of the history;
    // when that watch times out and resumes from it, the server answers 410 and we must relist.
    for (let i = 0; i < 20; i++) await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: `cm${i}` } } });
    await sink.until(() => secretLists() >= 2, 10_000, 'secrets relisted');
    expect(sink.coverage.get('secrets')?.state).toBe('ok');
    // The watch resumes after the relist.
    await core.createNamespacedSecret({ namespace: 'default', body: { metadata: { name: 'after-gap' }, data: { a: 'Yg==' } } });
    await sink.until(() => Boolean(sink.get('secrets', 'k8s/sim/default/Secret/after-gap')), 10_000, 'secret after relist');
    expect(sink.objects('configmaps').filter((c) => c.name.startsWith('cm'))).toHaveLength(20);
  });

  it('a cluster that goes away after the sync turns the source down, with the reason', async () => {
    // Long bookmark interval: the simulator's stop() leaves watch bookmark timers writing to ended responses.
    const s = await startKubeSimulator({ nodes: 1, podReadyDelayMs: 50, controllerIntervalMs: 50, bookmarkIntervalMs: 600_000 });
    const { sink } = await startSource(s);
    await sink.until(synced(sink), 10_000, 'sync');
    expect(sink.status_.status).toBe('ok');
    // Let every watch finish connecting: the simulator's stop() can wait forever on a connection
    // still in its TLS handshake when it closes.
    await sink.until(() => watchesAnswered(s) >= SCOPES.length, 10_000, 'every watch connected');
    await s.stop();
    await sink.until(() => sink.status_.status === 'down', 15_000, 'down after the server stopped');
    expect(sink.status_.reason).toMatch(/^connection lost: (connection refused at|connection reset by) https:\/\/127\.0\.0\.1:\d+/);
    // The data read before stays (shown as stale), coverage stays ok.
    expect(sink.coverage.get('nodes')?.state).toBe('ok');
    expect(sink.objects('nodes')).toHaveLength(1);
  });

  it('stop() ends everything: nothing left scheduled, no more requests however long after', async () => {
    const s = await sim({ nodes: 1 });
    const clock = new FakeClock();
    const { sink, source } = await startSource(s, { clock });
    await sink.until(synced(sink), 10_000, 'sync');
    // Every request of the source is answered (the watches are open), so none is still on its way.
    await sink.until(() => watchesAnswered(s) >= SCOPES.length, 10_000, 'every watch connected');
    await source.stop();
    const n = s.requests.length;
    expect(clock.size).toBe(0);
    await clock.advance(3_600_000);
    expect(s.requests.length).toBe(n);
  });
});
