// In a pod: no kubeconfig, KUBERNETES_SERVICE_HOST/PORT set by the kubelet and the service account's
// token, CA and namespace mounted. Discovery finds the one "in-cluster" context and the adapter reads
// through client-node's loadFromCluster, here with a temporary directory as the path prefix and the
// simulator (HTTPS, bearer token, its certificate as the pod's CA) as the API server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSources } from '@/lib/config/sources';
import { TestSink } from '@/lib/testing/sink';
import { startKubeSimulator, type KubeSimulator } from '@/lib/sim/k8s';
import { discoverKubeContexts, IN_CLUSTER_CONTEXT, SERVICE_ACCOUNT_DIR } from './kubeconfig';
import { createKubeSource } from './source';

describe('in-cluster configuration', () => {
  let sim: KubeSimulator;
  let tmp: string;
  let prefix: string;
  let env: Record<string, string>;
  const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };

  beforeAll(async () => {
    sim = await startKubeSimulator({
      nodes: 1, podReadyDelayMs: 50, controllerIntervalMs: 50,
      seed: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'parallax' }, data: { a: '1' } }],
    });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-in-cluster-'));
    prefix = path.join(tmp, 'root');
    const sa = path.join(prefix, SERVICE_ACCOUNT_DIR);
    fs.mkdirSync(sa, { recursive: true });
    fs.writeFileSync(path.join(sa, 'token'), sim.token);
    fs.writeFileSync(path.join(sa, 'ca.crt'), Buffer.from(sim.caData, 'base64'));
    fs.writeFileSync(path.join(sa, 'namespace'), 'parallax');
    const url = new URL(sim.url);
    env = { KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port };
    // loadFromCluster reads the address from process.env, as it is in a pod.
    Object.assign(process.env, env);
  });
  afterAll(async () => {
    for (const [k, v] of [['KUBERNETES_SERVICE_HOST', saved.host], ['KUBERNETES_SERVICE_PORT', saved.port]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await sim?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const discover = (o: { env: Record<string, string | undefined>; homeDir: string }) => discoverKubeContexts({ ...o, serviceAccountPrefix: prefix });

  it('is the one source when there is no kubeconfig, and the demo does not start', () => {
    const r = resolveSources({ env, homeDir: tmp, discoverKubeContexts: discover });
    expect(r.demo).toBe(false);
    expect(r.problems).toEqual([]);
    expect(r.sources).toEqual([{ platform: 'kubernetes', context: IN_CLUSTER_CONTEXT, kubeconfigPaths: [], demo: false, inCluster: { pathPrefix: prefix } }]);
    expect(discover({ env, homeDir: tmp }).contexts[0].server).toBe(`https://${env.KUBERNETES_SERVICE_HOST}:${env.KUBERNETES_SERVICE_PORT}`);
  });

  it('is not used when a kubeconfig exists, outside a pod, or without a mounted token', () => {
    const kubeconfig = path.join(tmp, 'kubeconfig');
    fs.writeFileSync(kubeconfig, sim.kubeconfig('sim'));
    expect(discover({ env: { ...env, KUBECONFIG: kubeconfig }, homeDir: tmp }).contexts.map((c) => c.name)).toEqual(['sim']);
    expect(discover({ env: {}, homeDir: tmp }).contexts).toEqual([]);
    expect(discoverKubeContexts({ env, homeDir: tmp, serviceAccountPrefix: path.join(tmp, 'elsewhere') }).contexts).toEqual([]);
  });

  it('the adapter syncs through the service account token and CA over HTTPS', async () => {
    const [cfg] = resolveSources({ env, homeDir: tmp, discoverKubeContexts: discover }).sources;
    if (cfg.platform !== 'kubernetes') throw new Error('expected a Kubernetes source');
    const source = createKubeSource(cfg);
    const sink = new TestSink();
    await source.start(sink);
    try {
      await sink.until(() => sink.status_.status === 'ok', 15_000, 'in-cluster source ok');
      expect(source.id).toBe('k8s/in-cluster');
      expect(sink.objects('configmaps', 'config').map((c) => c.name)).toContain('settings');
      // Every read was authenticated (the simulator answers 401 to anything else).
      expect(sim.requests.filter((r) => r.status === 401)).toEqual([]);
    } finally {
      await source.stop();
    }
  });
});
