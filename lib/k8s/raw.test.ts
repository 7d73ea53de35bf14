// readRaw over real HTTPS against the embedded simulator: one GET of the object's own path.
import { afterEach, describe, expect, it } from 'vitest';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startKubeSimulator } from '@/lib/sim/k8s';
import { deploymentManifest } from '@/lib/sim/k8s/test-helpers';
import type { ModelObject } from '@/lib/model';
import { RawNotFoundError } from '@/lib/inventory/raw';
import { sanitizeRaw, SECRET_VALUE_REMOVED } from '@/lib/security/raw';
import { TestSink } from '@/lib/testing/sink';
import { createKubeSource } from './source';
import { kubeObjectPath } from './raw';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('kubeObjectPath', () => {
  it('maps ids to the object\'s API path, namespaced or not, names kept percent-encoded', () => {
    expect(kubeObjectPath('k8s/kind-demo/shop/Deployment/web')).toBe('/apis/apps/v1/namespaces/shop/deployments/web');
    expect(kubeObjectPath('k8s/kind-demo/_/Node/ip-10-0-1-2.ec2.internal')).toBe('/api/v1/nodes/ip-10-0-1-2.ec2.internal');
    expect(kubeObjectPath('k8s/ctx/shop/HorizontalPodAutoscaler/web')).toBe('/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web');
    expect(kubeObjectPath('k8s/arn%3Aaws%3Aeks%3Ax%2Fprod/_/PersistentVolume/pv%2Fodd')).toBe('/api/v1/persistentvolumes/pv%2Fodd');
    // No API object of its own, or a namespace missing where one is needed.
    expect(kubeObjectPath('k8s/ctx/_/Cluster/kind')).toBeUndefined();
    expect(kubeObjectPath('k8s/ctx/_/Pod/web-1')).toBeUndefined();
    expect(kubeObjectPath('ecs/p/r/c/service/web')).toBeUndefined();
  });
});

describe('Kubernetes readRaw against the simulator', () => {
  it('reads one object as the server has it (managedFields included); the sanitizer keeps a Secret\'s keys only', async () => {
    const sim = await startKubeSimulator({ nodes: 1, podReadyDelayMs: 50, controllerIntervalMs: 50 });
    cleanups.push(() => sim.stop());
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig('sim'));
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    await core.createNamespace({ body: { metadata: { name: 'shop' } } });
    const planted = 'raw-view-PLAIN-never-leaks';
    await core.createNamespacedSecret({ namespace: 'shop', body: {
      metadata: { name: 'shop-db', managedFields: [{ manager: 'kubectl', operation: 'Update', apiVersion: 'v1' }] },
      data: { password: Buffer.from(planted).toString('base64') },
    } });
    await apps.createNamespacedDeployment({ namespace: 'shop', body: deploymentManifest('web', 1, {}) as never });

    const source = createKubeSource({ platform: 'kubernetes', context: 'sim', kubeconfigPaths: [], kubeconfigYaml: sim.kubeconfig('sim'), demo: false });
    cleanups.push(() => source.stop());
    const sink = new TestSink();
    await source.start(sink);
    await sink.until(() => sink.objects('secrets', 'secret').some((s) => s.name === 'shop-db') && sink.objects('deployments', 'workload').length > 0, 10_000, 'secret and deployment listed');
    const secret = sink.objects('secrets', 'secret').find((s) => s.name === 'shop-db') as ModelObject;

    const read = await source.readRaw!({ object: secret });
    expect(read.call).toBe('GET /api/v1/namespaces/shop/secrets/shop-db');
    const raw = read.object as { kind: string; metadata: { name: string; managedFields?: unknown[] }; data: Record<string, string> };
    expect(raw.kind).toBe('Secret');
    expect(raw.metadata.managedFields).toHaveLength(1);
    const sent = sanitizeRaw(raw) as typeof raw;
    expect(sent.data).toEqual({ password: SECRET_VALUE_REMOVED });
    expect(sent.metadata.managedFields).toBeUndefined();
    expect(JSON.stringify(sent)).not.toContain(Buffer.from(planted).toString('base64'));

    const deployment = sink.objects('deployments', 'workload')[0] as ModelObject;
    const dep = await source.readRaw!({ object: deployment });
    expect((dep.object as { spec: { replicas: number } }).spec.replicas).toBe(1);
    // Only GETs went out (the read-only audit checks every request of this file as well).
    const gets = sim.requests.filter((r) => r.path === '/api/v1/namespaces/shop/secrets/shop-db');
    expect(gets.map((r) => r.method)).toEqual(['GET']);

    // Deleted since the last sync: the platform's 404 is an answer of its own.
    await core.deleteNamespacedSecret({ namespace: 'shop', name: 'shop-db' });
    await expect(source.readRaw!({ object: secret })).rejects.toBeInstanceOf(RawNotFoundError);
    // The cluster object has no API object to GET.
    const cluster = sink.objects(undefined, 'cluster')[0] as ModelObject;
    await expect(source.readRaw!({ object: cluster })).rejects.toThrow(/no API object/);
  });

  it('a source whose server is unreachable rejects with the reason, not a 404', async () => {
    const sim = await startKubeSimulator({ nodes: 0 });
    const yaml = sim.kubeconfig('sim');
    await sim.stop();
    const source = createKubeSource({ platform: 'kubernetes', context: 'sim', kubeconfigPaths: [], kubeconfigYaml: yaml, demo: false });
    const object = { id: 'k8s/sim/shop/Pod/web-1', name: 'web-1', ref: { kind: 'Pod' } } as ModelObject;
    const err = await source.readRaw!({ object }).catch((e: Error) => e);
    expect(err).not.toBeInstanceOf(RawNotFoundError);
    expect((err as Error).message).toMatch(/ECONNREFUSED|refused/i);
  });
});
