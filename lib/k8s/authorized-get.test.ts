// authorizedGet over real HTTPS against the embedded simulator: requests of one kubeconfig share
// kept-alive connections (one TLS handshake, not one per list page), and keep client-node's headers.
import { afterEach, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { startKubeSimulator, type KubeSimulator } from '@/lib/sim/k8s';
import { PARALLAX_USER_AGENT } from '@/lib/util/user-agent';
import { authorizedGet } from './authorized-get';

let sim: KubeSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

function kubeconfig(s: KubeSimulator): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(s.kubeconfig('sim'));
  return kc;
}

const get = async (kc: KubeConfig, s: KubeSimulator, path: string) => {
  const res = await authorizedGet(kc, new URL(s.url + path), AbortSignal.timeout(10_000));
  await res.text();
  return res.status;
};

describe('authorizedGet', () => {
  it('sends one kubeconfig\'s requests over its kept-alive connections, with its token and user agent', async () => {
    sim = await startKubeSimulator({ nodes: 1 });
    const kc = kubeconfig(sim);
    for (let i = 0; i < 10; i++) expect(await get(kc, sim, `/api/v1/namespaces?limit=1&page=${i}`)).toBe(200);
    const reqs = sim.requests.filter((r) => r.path === '/api/v1/namespaces');
    expect(reqs).toHaveLength(10);
    // client-node's own dispatcher made a new connection (and TLS handshake) for each of them. undici
    // may open a second one when a request leaves before the last answer's connection is back in the pool.
    expect(new Set(reqs.map((r) => r.connection)).size).toBeLessThanOrEqual(2);
    expect(reqs.every((r) => r.userAgent === PARALLAX_USER_AGENT)).toBe(true);
  });

  it('requests in flight together get connections of their own; another kubeconfig never shares them', async () => {
    sim = await startKubeSimulator({ nodes: 1 });
    const a = kubeconfig(sim);
    const b = kubeconfig(sim);
    await Promise.all([get(a, sim, '/api/v1/nodes'), get(a, sim, '/api/v1/pods')]);
    await get(b, sim, '/api/v1/services');
    const conn = (path: string) => sim!.requests.find((r) => r.path === path)?.connection;
    expect(conn('/api/v1/nodes')).not.toBe(conn('/api/v1/pods'));
    expect([conn('/api/v1/nodes'), conn('/api/v1/pods')]).not.toContain(conn('/api/v1/services'));
  });

  it('a wrong token is still the server\'s 401, not a pooled success', async () => {
    sim = await startKubeSimulator({ nodes: 1 });
    const kc = kubeconfig(sim);
    expect(await get(kc, sim, '/api/v1/namespaces')).toBe(200);
    // The same kubeconfig and pool: authentication is read for every request, never pooled.
    (kc.getCurrentUser() as { token?: string }).token = 'not-the-token';
    expect(await get(kc, sim, '/api/v1/namespaces')).toBe(401);
  });
});
