/** Fidelity with the real @kubernetes/client-node 2.x. */
import { AppsV1Api, CoreV1Api, DiscoveryV1Api, KubeConfig, PatchStrategy, setHeaderOptions, Watch, type V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSimulator, type KubeSimulator } from './index';
import { deploymentManifest } from './test-helpers';
import { waitFor } from '@/lib/testing/wait';

let sim: KubeSimulator;
let kc: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;

beforeAll(async () => {
  sim = await startKubeSimulator({ nodes: 3, podReadyDelayMs: 150, controllerIntervalMs: 50, historyLimit: 60, bookmarkIntervalMs: 200 });
  kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig());
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
});
afterAll(async () => {
  await sim?.stop();
});

async function readyPods(ns: string, selector: string): Promise<number> {
  const list = await core.listNamespacedPod({ namespace: ns, labelSelector: selector });
  return list.items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
}

describe('k8s simulator with @kubernetes/client-node', () => {
  it('serves TLS verified by the kubeconfig CA and rejects missing tokens with 401', async () => {
    const ns = await core.listNamespace();
    expect(ns.items.map((n) => n.metadata?.name)).toContain('kube-system');
    const bad = new KubeConfig();
    bad.loadFromString(sim.kubeconfig().replace(sim.token, 'wrong-token'));
    const err = await bad.makeApiClient(CoreV1Api).listNamespace().catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(401);
  });

  it('answers 403 for a forbidden resource and recovers after allow()', async () => {
    sim.faults.forbid('secrets');
    const err = await core.listSecretForAllNamespaces().catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(403);
    expect(String((err as { body?: unknown }).body)).toContain('Forbidden');
    // Only reads are refused: writes stay possible so a test can seed what a reader cannot see.
    await core.createNamespacedSecret({ namespace: 'default', body: { metadata: { name: 'hidden' }, stringData: { k: 'v' } } });
    expect((await core.readNamespacedSecret({ name: 'hidden', namespace: 'default' }).catch((e: { code?: number }) => e.code))).toBe(403);
    sim.faults.allow('secrets');
    await expect(core.listSecretForAllNamespaces()).resolves.toBeTruthy();
    const hidden = await core.readNamespacedSecret({ name: 'hidden', namespace: 'default' });
    expect(hidden.data).toEqual({ k: Buffer.from('v').toString('base64') });
    expect(hidden.stringData).toBeUndefined();
  });

  it('runs a deployment: ReplicaSet with pod-template-hash, pods scheduled and Ready, status and EndpointSlice', async () => {
    await apps.createNamespacedDeployment({ namespace: 'default', body: deploymentManifest('web', 3) as V1Deployment });
    await core.createNamespacedService({
      namespace: 'default',
      body: { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } },
    });
    await waitFor('3 ready pods', async () => (await readyPods('default', 'app=web')) === 3);
    const rsList = await apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=web' });
    expect(rsList.items).toHaveLength(1);
    const rs = rsList.items[0];
    const hash = rs.metadata?.labels?.['pod-template-hash'];
    expect(hash).toMatch(/^[a-z0-9]{10}$/);
    expect(rs.metadata?.name).toBe(`web-${hash}`);
    expect(rs.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(rs.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
    const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' });
    for (const p of pods.items) {
      expect(p.metadata?.name).toMatch(new RegExp(`^web-${hash}-[a-z0-9]{5}$`));
      expect(p.spec?.nodeName).toMatch(/^demo-worker/);
      expect(p.status?.podIP).toMatch(/^10\.244\./);
      expect(p.status?.containerStatuses?.[0]).toMatchObject({ ready: true, restartCount: 0, image: 'nginx:1.27' });
      expect(p.spec?.containers[0].ports?.[0].protocol).toBe('TCP');
    }
    const d = await waitFor('deployment complete', async () => {
      const x = await apps.readNamespacedDeployment({ name: 'web', namespace: 'default' });
      return x.status?.availableReplicas === 3 && x.status.conditions?.some((c) => c.reason === 'NewReplicaSetAvailable') ? x : undefined;
    });
    expect(d.status).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 3, observedGeneration: 1 });
    const slices = await waitFor('endpoint slice with 3 ready endpoints', async () => {
      const s = await kc.makeApiClient(DiscoveryV1Api).listNamespacedEndpointSlice({ namespace: 'default', labelSelector: 'kubernetes.io/service-name=web' });
      return s.items[0]?.endpoints?.filter((e) => e.conditions?.ready).length === 3 ? s : undefined;
    });
    expect(slices.items[0].ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    const svc = await core.readNamespacedService({ name: 'web', namespace: 'default' });
    expect(svc.spec?.clusterIP).toMatch(/^10\.96\./);
    const events = await core.listNamespacedEvent({ namespace: 'default', fieldSelector: 'involvedObject.kind=Deployment,involvedObject.name=web' });
    expect(events.items.some((e) => e.reason === 'ScalingReplicaSet')).toBe(true);
  });

  it('scales through the scale subresource', async () => {
    const scale = await apps.readNamespacedDeploymentScale({ name: 'web', namespace: 'default' });
    expect(scale).toMatchObject({ kind: 'Scale', spec: { replicas: 3 }, status: { selector: 'app=web' } });
    await apps.patchNamespacedDeploymentScale({ name: 'web', namespace: 'default', body: { spec: { replicas: 1 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await waitFor('1 pod', async () => (await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' })).items.length === 1);
    await apps.replaceNamespacedDeploymentScale({ name: 'web', namespace: 'default', body: { metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2 } } });
    await waitFor('2 ready pods', async () => (await readyPods('default', 'app=web')) === 2);
  });

  it('rolls out a template change as a second ReplicaSet with revision 2', async () => {
    const before = (await apps.readNamespacedDeployment({ name: 'web', namespace: 'default' })).metadata?.generation ?? 0;
    await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'default', body: { spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:1.28' }] } } } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const d = await apps.readNamespacedDeployment({ name: 'web', namespace: 'default' });
    // Scale changes bumped generation too, as on a real server.
    expect(d.metadata?.generation).toBe(before + 1);
    expect(d.spec?.template.spec?.containers[0].ports?.[0].containerPort).toBe(80);
    await waitFor('rollout complete', async () => {
      const x = await apps.readNamespacedDeployment({ name: 'web', namespace: 'default' });
      return x.status?.observedGeneration === before + 1 && x.status.updatedReplicas === 2 && x.status.replicas === 2 && x.status.availableReplicas === 2;
    });
    const rs = (await apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=web' })).items;
    expect(rs).toHaveLength(2);
    const byRev = Object.fromEntries(rs.map((r) => [r.metadata?.annotations?.['deployment.kubernetes.io/revision'], r]));
    expect(byRev['2'].spec?.template?.spec?.containers[0].image).toBe('nginx:1.28');
    expect(byRev['2'].spec?.replicas).toBe(2);
    expect(byRev['1'].spec?.replicas).toBe(0);
    const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' });
    // Old pods may still be Terminating (graceful deletion); the live ones run the new image.
    const live = pods.items.filter((p) => !p.metadata?.deletionTimestamp);
    expect(live).toHaveLength(2);
    expect(live.every((p) => p.spec?.containers[0].image === 'nginx:1.28')).toBe(true);
  });

  it('pages lists with limit/continue returning every item exactly once, and filters with selectors', async () => {
    const names: string[] = [];
    for (let i = 0; i < 23; i++) names.push(`cm-${String(i).padStart(2, '0')}`);
    await core.createNamespace({ body: { metadata: { name: 'paging' } } });
    for (const [i, name] of names.entries()) {
      await core.createNamespacedConfigMap({ namespace: 'paging', body: { metadata: { name, labels: { parity: i % 2 ? 'odd' : 'even', idx: String(i) } }, data: { i: String(i) } } });
    }
    const seen: string[] = [];
    let cont: string | undefined;
    let pages = 0;
    do {
      const page = await core.listNamespacedConfigMap({ namespace: 'paging', limit: 5, _continue: cont });
      pages++;
      seen.push(...page.items.map((c) => c.metadata?.name ?? ''));
      cont = page.metadata?._continue;
      if (cont) expect(page.metadata?.remainingItemCount).toBe(23 - seen.length);
    } while (cont);
    expect(pages).toBe(5);
    expect(seen).toEqual(names);
    const odd = await core.listNamespacedConfigMap({ namespace: 'paging', labelSelector: 'parity=odd' });
    expect(odd.items).toHaveLength(11);
    const sel = await core.listNamespacedConfigMap({ namespace: 'paging', labelSelector: 'parity!=odd,idx in (0,2,3)' });
    expect(sel.items.map((c) => c.metadata?.name)).toEqual(['cm-00', 'cm-02']);
    const byName = await core.listConfigMapForAllNamespaces({ fieldSelector: 'metadata.name=cm-07' });
    expect(byName.items).toHaveLength(1);
    const bad = await core.listNamespacedPod({ namespace: 'default', fieldSelector: 'spec.nope=1' }).catch((e: unknown) => e);
    expect((bad as { code?: number }).code).toBe(400);
  });

  it('reports 404, 409 AlreadyExists and 409 Conflict as Status errors', async () => {
    const nf = await core.readNamespacedConfigMap({ name: 'nope', namespace: 'paging' }).catch((e: unknown) => e);
    expect((nf as { code?: number }).code).toBe(404);
    const dup = await core.createNamespacedConfigMap({ namespace: 'paging', body: { metadata: { name: 'cm-00' } } }).catch((e: unknown) => e);
    expect((dup as { code?: number }).code).toBe(409);
    const cm = await core.readNamespacedConfigMap({ name: 'cm-00', namespace: 'paging' });
    await core.replaceNamespacedConfigMap({ name: 'cm-00', namespace: 'paging', body: { ...cm, data: { i: 'x' } } });
    const stale = await core.replaceNamespacedConfigMap({ name: 'cm-00', namespace: 'paging', body: { ...cm, data: { i: 'y' } } }).catch((e: unknown) => e);
    expect((stale as { code?: number }).code).toBe(409);
    expect(String((stale as { body?: unknown }).body)).toContain('Conflict');
  });

  it('watches ADDED/MODIFIED/DELETED from a list resourceVersion, with bookmarks', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'paging' });
    const events: { type: string; name?: string; rv?: string }[] = [];
    let done: unknown = 'open';
    const ctrl = await new Watch(kc).watch(
      '/api/v1/namespaces/paging/configmaps',
      { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
      (type, obj: { metadata?: { name?: string; resourceVersion?: string } }) => events.push({ type, name: obj.metadata?.name, rv: obj.metadata?.resourceVersion }),
      (err) => (done = err),
    );
    await core.createNamespacedConfigMap({ namespace: 'paging', body: { metadata: { name: 'watched' } } });
    await core.patchNamespacedConfigMap({ name: 'watched', namespace: 'paging', body: { data: { a: '1' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await core.deleteNamespacedConfigMap({ name: 'watched', namespace: 'paging' });
    await waitFor('watch events and a bookmark', () => events.some((e) => e.type === 'DELETED') && events.some((e) => e.type === 'BOOKMARK'));
    expect(events.filter((e) => e.type !== 'BOOKMARK').map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED watched', 'MODIFIED watched', 'DELETED watched']);
    ctrl.abort();
    expect(done).toBe('open');
  });

  it('sends synthetic ADDED for current state without resourceVersion, and 410 Expired for a too-old one', async () => {
    const added: string[] = [];
    const c1 = await new Watch(kc).watch('/api/v1/namespaces/paging/configmaps', { labelSelector: 'parity=even' }, (type, obj: { metadata?: { name?: string } }) => {
      if (type === 'ADDED') added.push(obj.metadata?.name ?? '');
    }, () => undefined);
    await waitFor('12 synthetic ADDED', () => added.length === 12);
    c1.abort();
    // Push resourceVersion 2 out of the (60 event) history: a continue token from then expires.
    const expired = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 2, start: 'paging\u0000cm-00' })).toString('base64');
    const continueCode = async (): Promise<number | undefined> =>
      core.listNamespacedConfigMap({ namespace: 'paging', limit: 5, _continue: expired }).then(
        () => 200,
        (e: { code?: number }) => e.code,
      );
    for (let i = 0; i < 400 && (await continueCode()) === 200; i++) {
      await core.patchNamespacedConfigMap({ name: 'cm-01', namespace: 'paging', body: { data: { n: String(i) } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    }
    expect(await continueCode()).toBe(410);
    let status: { code?: number; reason?: string } | undefined;
    await new Watch(kc).watch('/api/v1/namespaces/paging/configmaps', { resourceVersion: '2' }, (type, obj: { code?: number; reason?: string }) => {
      if (type === 'ERROR') status = obj;
    }, () => undefined);
    await waitFor('410 ERROR event', () => status);
    expect(status).toMatchObject({ code: 410, reason: 'Expired' });
  });

  it('runs StatefulSets with ordered pods and bound PVCs, and DaemonSets on every eligible node', async () => {
    await apps.createNamespacedStatefulSet({
      namespace: 'default',
      body: {
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          replicas: 2,
          selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
        },
      },
    });
    await apps.createNamespacedDaemonSet({
      namespace: 'default',
      body: {
        metadata: { name: 'agent' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox:1.36' }] } },
        },
      },
    });
    await waitFor('statefulset ready', async () => (await apps.readNamespacedStatefulSet({ name: 'db', namespace: 'default' })).status?.readyReplicas === 2);
    const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=db' });
    expect(pods.items.map((p) => p.metadata?.name)).toEqual(['db-0', 'db-1']);
    expect(pods.items[0].metadata?.labels?.['controller-revision-hash']).toMatch(/^db-/);
    const pvcs = await core.listNamespacedPersistentVolumeClaim({ namespace: 'default' });
    expect(pvcs.items.map((c) => [c.metadata?.name, c.status?.phase])).toEqual([['data-db-0', 'Bound'], ['data-db-1', 'Bound']]);
    const pv = await core.readPersistentVolume({ name: pvcs.items[0].spec?.volumeName ?? '' });
    expect(pv.spec?.storageClassName).toBe('standard');
    // Two workers; the control plane carries a NoSchedule taint the DaemonSet does not tolerate.
    await waitFor('daemonset ready', async () => (await apps.readNamespacedDaemonSet({ name: 'agent', namespace: 'default' })).status?.numberReady === 2);
  });

  it('deletes bound pods gracefully (Terminating, then gone) and immediately with grace 0', async () => {
    const [victim, other] = (await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=db' })).items;
    const deleted = await core.deleteNamespacedPod({ name: victim.metadata?.name ?? '', namespace: 'default' });
    expect(deleted.metadata?.deletionTimestamp).toBeTruthy();
    expect(deleted.metadata?.deletionGracePeriodSeconds).toBe(30);
    await waitFor('terminated pod removed and recreated', async () => {
      const p = await core.readNamespacedPod({ name: victim.metadata?.name ?? '', namespace: 'default' }).catch(() => undefined);
      return p && p.metadata?.uid !== victim.metadata?.uid && !p.metadata?.deletionTimestamp;
    });
    await core.deleteNamespacedPod({ name: other.metadata?.name ?? '', namespace: 'default', gracePeriodSeconds: 0 });
    // Gone at once: a read finds nothing, or already the StatefulSet's replacement.
    const after = await core.readNamespacedPod({ name: other.metadata?.name ?? '', namespace: 'default' }).then(
      (p) => p.metadata?.uid,
      (e: { code?: number }) => e.code,
    );
    expect(after === 404 || (typeof after === 'string' && after !== other.metadata?.uid)).toBe(true);
  });

  it('simulates crash-looping and image-pull faults, and a rollout past its progress deadline', async () => {
    const crash = deploymentManifest('crashy', 1) as V1Deployment;
    crash.spec!.progressDeadlineSeconds = 1;
    crash.spec!.template.metadata!.annotations = { 'sim.parallax.dev/fault': 'crashloop' };
    await apps.createNamespacedDeployment({ namespace: 'default', body: crash });
    const pull = deploymentManifest('pully', 1) as V1Deployment;
    pull.spec!.template.metadata!.annotations = { 'sim.parallax.dev/fault': 'imagepull' };
    await apps.createNamespacedDeployment({ namespace: 'default', body: pull });
    const crashing = await waitFor('CrashLoopBackOff with restarts', async () => {
      const p = (await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=crashy' })).items[0];
      const cs = p?.status?.containerStatuses?.[0];
      return cs?.state?.waiting?.reason === 'CrashLoopBackOff' && (cs.restartCount ?? 0) >= 1 ? p : undefined;
    });
    expect(crashing.status?.phase).toBe('Running');
    expect(crashing.status?.containerStatuses?.[0].lastState?.terminated?.exitCode).toBe(1);
    const pulling = await waitFor('ImagePullBackOff', async () => {
      const p = (await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=pully' })).items[0];
      return p?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff' ? p : undefined;
    });
    expect(pulling.status?.phase).toBe('Pending');
    const stuck = await waitFor('ProgressDeadlineExceeded', async () => {
      const d = await apps.readNamespacedDeployment({ name: 'crashy', namespace: 'default' });
      return d.status?.conditions?.find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
    }, 8000);
    expect(stuck.status).toBe('False');
    await apps.deleteNamespacedDeployment({ name: 'crashy', namespace: 'default' });
    await apps.deleteNamespacedDeployment({ name: 'pully', namespace: 'default' });
  });

  it('schedules onto Nodes created through the API and evicts pods', async () => {
    await core.createNode({ body: { metadata: { name: 'extra-node', labels: { 'kubernetes.io/hostname': 'extra-node', special: 'yes' } } } });
    const node = await core.readNode({ name: 'extra-node' });
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    await core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'pinned' }, spec: { nodeSelector: { special: 'yes' }, containers: [{ name: 'c', image: 'busybox:1.36' }] } },
    });
    const pinned = await waitFor('pinned pod running', async () => {
      const p = await core.readNamespacedPod({ name: 'pinned', namespace: 'default' });
      return p.status?.phase === 'Running' ? p : undefined;
    });
    expect(pinned.spec?.nodeName).toBe('extra-node');
    await core.createNamespacedPodEviction({ name: 'pinned', namespace: 'default', body: { metadata: { name: 'pinned', namespace: 'default' } } });
    await waitFor('evicted pod gone', async () => (await core.readNamespacedPod({ name: 'pinned', namespace: 'default' }).catch((e: { code?: number }) => e.code)) === 404);

    // A node's allocatable pods cap what the scheduler binds there.
    await core.createNode({
      body: {
        metadata: { name: 'tiny-node', labels: { tiny: 'yes' } },
        // Tainted so that the DaemonSet from the earlier test stays off it.
        spec: { podCIDR: '10.244.77.0/24', taints: [{ key: 'tiny', effect: 'NoSchedule' }] },
        status: { allocatable: { pods: '1' }, capacity: { pods: '1' }, conditions: [{ type: 'Ready', status: 'True' }] },
      },
    });
    for (const name of ['tiny-a', 'tiny-b']) {
      await core.createNamespacedPod({ namespace: 'default', body: { metadata: { name }, spec: { nodeSelector: { tiny: 'yes' }, tolerations: [{ key: 'tiny', operator: 'Exists' }], containers: [{ name: 'c', image: 'busybox:1.36' }] } } });
    }
    const [a, b] = await waitFor('one pod bound, one unschedulable', async () => {
      const ps = await Promise.all(['tiny-a', 'tiny-b'].map((name) => core.readNamespacedPod({ name, namespace: 'default' })));
      return ps[0].spec?.nodeName && ps[1].status?.conditions?.some((c) => c.reason === 'Unschedulable') ? ps : undefined;
    });
    expect(a.status?.podIP).toBe('10.244.77.2');
    expect(b.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message).toContain('Too many pods');
    for (const name of ['tiny-a', 'tiny-b']) await core.deleteNamespacedPod({ name, namespace: 'default', gracePeriodSeconds: 0 });
  });

  it('cascades deletion of a Deployment to its ReplicaSets and Pods', async () => {
    await apps.deleteNamespacedDeployment({ name: 'web', namespace: 'default' });
    await waitFor('pods gone', async () => (await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' })).items.length === 0);
    expect((await apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=web' })).items).toHaveLength(0);
  });

  it('records every request', () => {
    expect(sim.requests.length).toBeGreaterThan(10);
    expect(sim.requests.some((r) => r.method === 'GET' && r.path === '/api/v1/namespaces' && r.status === 200)).toBe(true);
    expect(sim.requests.some((r) => r.status === 401)).toBe(true);
  });
});

describe('k8s simulator at scale', () => {
  it('bulk-loads 10,000 pods and pages them with limit/continue', async () => {
    const seed = [];
    for (let i = 0; i < 10_000; i++) {
      seed.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `pod-${String(i).padStart(5, '0')}`, namespace: `team-${i % 10}`, labels: { app: `app-${i % 40}` } },
        spec: { nodeName: 'demo-worker', containers: [{ name: 'main', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
        status: { phase: 'Running', podIP: `10.244.${(i >> 8) & 255}.${i & 255}`, conditions: [{ type: 'Ready', status: 'True' }] },
      });
    }
    const big = await startKubeSimulator({ nodes: 2, seed });
    try {
      const bkc = new KubeConfig();
      bkc.loadFromString(big.kubeconfig());
      const bcore = bkc.makeApiClient(CoreV1Api);
      const started = Date.now();
      const names = new Set<string>();
      let cont: string | undefined;
      let pages = 0;
      let rv: string | undefined;
      do {
        const page = await bcore.listPodForAllNamespaces({ limit: 500, _continue: cont });
        for (const p of page.items) names.add(`${p.metadata?.namespace}/${p.metadata?.name}`);
        rv ??= page.metadata?.resourceVersion;
        expect(page.metadata?.resourceVersion).toBe(rv);
        cont = page.metadata?._continue;
        pages++;
      } while (cont);
      expect(pages).toBe(20);
      expect(names.size).toBe(10_000);
      expect(Date.now() - started).toBeLessThan(15_000);
      // Seeded Running pods without an owner keep their stored status.
      const one = await bcore.readNamespacedPod({ name: 'pod-00007', namespace: 'team-7' });
      expect(one.status?.podIP).toBe('10.244.0.7');
      const sel = await bcore.listPodForAllNamespaces({ labelSelector: 'app=app-3', fieldSelector: 'metadata.namespace=team-3' });
      expect(sel.items).toHaveLength(250);
    } finally {
      await big.stop();
    }
  });
});
