import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiException, AppsV1Api, CoreV1Api, KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { startKubeSimulator, type KubeSimulator } from '@/lib/sim/k8s';
import { waitFor } from '@/lib/testing/wait';
import { loadManifests, retryOnConflict, seedKubernetes } from './kubernetes';

const DIR = path.resolve(__dirname, '../../scenarios/demo/kubernetes');
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('seedKubernetes against the Kubernetes simulator', () => {
  let sim: KubeSimulator;
  let kc: KubeConfig;
  let manifests: KubernetesObject[];

  beforeAll(async () => {
    sim = await startKubeSimulator({ podReadyDelayMs: 50, controllerIntervalMs: 50 });
    kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig());
    manifests = await loadManifests(DIR);
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('without includeNodes creates everything but the Nodes', async () => {
    const lines: string[] = [];
    const r = await seedKubernetes({ kubeConfig: kc, dir: DIR, log: (l) => lines.push(l) });
    expect(r).toEqual({ created: manifests.length - 3, updated: 0, unchanged: 0 });
    expect(lines.some((l) => /skipping 3 Node/.test(l))).toBe(true);
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).not.toContain('shop-node-a');
  });

  it('with includeNodes adds the Nodes, with their status, and leaves the rest alone', async () => {
    const r = await seedKubernetes({ kubeConfig: kc, dir: DIR, includeNodes: true });
    expect(r).toEqual({ created: 3, updated: 0, unchanged: manifests.length - 3 });
    const node = await kc.makeApiClient(CoreV1Api).readNode({ name: 'shop-node-b' });
    expect(node.metadata?.labels?.['topology.kubernetes.io/zone']).toBe('us-east-1b');
    expect(node.status?.capacity?.cpu).toBe('4');
  });

  it('created every object of the scenario, readable through the API', async () => {
    const api = KubernetesObjectApi.makeApiClient(kc);
    for (const m of manifests) {
      const live = await api.read({ apiVersion: m.apiVersion!, kind: m.kind!, metadata: { name: m.metadata!.name!, namespace: m.metadata!.namespace } });
      expect(live.metadata?.uid, `${m.kind}/${m.metadata?.name}`).toBeTruthy();
    }
    const secret = await kc.makeApiClient(CoreV1Api).readNamespacedSecret({ name: 'shop-db', namespace: 'shop' });
    expect(Buffer.from(secret.data!.password!, 'base64').toString()).toBe('parallax-demo-secret-value-7f3a');
  });

  it('a second run writes nothing and duplicates nothing', async () => {
    const before = sim.requests.length;
    const r = await seedKubernetes({ kubeConfig: kc, dir: DIR, includeNodes: true });
    expect(r).toEqual({ created: 0, updated: 0, unchanged: manifests.length });
    const writes = sim.requests.slice(before).filter((q) => WRITES.has(q.method));
    expect(writes).toEqual([]);
    const apps = kc.makeApiClient(AppsV1Api);
    const deployments = await apps.listNamespacedDeployment({ namespace: 'shop' });
    expect(deployments.items.map((d) => d.metadata?.name).sort()).toEqual(['api', 'web', 'worker']);
    const core = kc.makeApiClient(CoreV1Api);
    expect((await core.listNamespacedConfigMap({ namespace: 'shop' })).items.filter((c) => c.metadata?.name?.endsWith('config'))).toHaveLength(2);
    expect((await core.listNamespacedService({ namespace: 'shop' })).items).toHaveLength(3);
  });

  it('puts back what someone changed, by replace with the live resourceVersion', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const cm = await core.readNamespacedConfigMap({ name: 'shop-config', namespace: 'shop' });
    await core.replaceNamespacedConfigMap({ name: 'shop-config', namespace: 'shop', body: { ...cm, data: { ...cm.data, LOG_LEVEL: 'trace' } } });
    await retryOnConflict(async () => {
      const d = await apps.readNamespacedDeployment({ name: 'api', namespace: 'shop' });
      await apps.replaceNamespacedDeployment({ name: 'api', namespace: 'shop', body: { ...d, spec: { ...d.spec!, replicas: 5 } } });
    });
    const r = await seedKubernetes({ kubeConfig: kc, dir: DIR, includeNodes: true });
    expect(r.created).toBe(0);
    expect(r.updated).toBe(2);
    expect((await core.readNamespacedConfigMap({ name: 'shop-config', namespace: 'shop' })).data?.LOG_LEVEL).toBe('info');
    const api = await apps.readNamespacedDeployment({ name: 'api', namespace: 'shop' });
    expect(api.spec?.replicas).toBe(2);
    // The controller's view survives: the Service kept its allocated clusterIP, the pods run.
    expect((await core.readNamespacedService({ name: 'web', namespace: 'shop' })).spec?.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('the simulator runs the seeded workloads', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const running = await waitFor('7 running pods', async () => {
      const pods = await core.listNamespacedPod({ namespace: 'shop' });
      const n = pods.items.filter((p) => p.status?.phase === 'Running').length;
      return n >= 7 && n;
    }, 6_000, 100);
    // web 3 + api 2 + worker 1 + db 1
    expect(running).toBeGreaterThanOrEqual(7);
  });
});

describe('retryOnConflict', () => {
  const apiError = (code: number) => new ApiException(code, `HTTP ${code}`, {}, {});
  it('redoes the read-modify-write on 409 only, a bounded number of times', async () => {
    let calls = 0;
    await expect(retryOnConflict(async () => (++calls < 3 ? Promise.reject(apiError(409)) : 'done'))).resolves.toBe('done');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryOnConflict(async () => { calls++; throw apiError(500); })).rejects.toMatchObject({ code: 500 });
    expect(calls).toBe(1);
    calls = 0;
    await expect(retryOnConflict(async () => { calls++; throw new Error('wrapped', { cause: apiError(409) }); }, 4)).rejects.toThrow('wrapped');
    expect(calls).toBe(4);
  });
});
