// The read-only audit itself: it attributes requests by User-Agent, catches a write by Parallax,
// ignores the seeders' writes, and holds for both adapters over real HTTP.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { startKubeSimulator } from '@/lib/sim/k8s';
import { startEcsSimulator } from '@/lib/sim/ecs';
import { createKubeSource } from '@/lib/k8s/source';
import { TestSink } from '@/lib/testing/sink';
import { readEcsOnce } from '@/lib/testing/ecs/read-once';
import { seedContract, TEST_CREDENTIALS } from '@/lib/testing/ecs/seed';
import { TaskDefinitionCache } from '@/lib/ecs/read';
import { seedKubernetes } from '@/lib/seed';
import { PARALLAX_USER_AGENT } from '@/lib/util/user-agent';
import { assertOnlyReads, auditSimulators, parallaxKubeRequests } from './read-only';

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of stops) await s();
});

describe('read-only audit', () => {
  it('attributes requests by User-Agent: a write by Parallax is caught, a seeder\'s is not Parallax\'s', () => {
    const at = 0;
    const kube = [
      { method: 'GET', path: '/api/v1/pods', query: 'limit=500', status: 200, at, userAgent: PARALLAX_USER_AGENT },
      { method: 'PATCH', path: '/apis/apps/v1/namespaces/a/deployments/web', query: '', status: 200, at, userAgent: 'kubernetes-client-javascript/2.0.1' },
      { method: 'DELETE', path: '/api/v1/namespaces/a/pods/p', query: '', status: 200, at, userAgent: PARALLAX_USER_AGENT },
    ];
    const aws = [
      { service: 'ecs', operation: 'DescribeServices', status: 200, at, userAgent: `aws-sdk-js/3.1141.0 ua/2.1 ${PARALLAX_USER_AGENT}` },
      { service: 'ecs', operation: 'RunTask', status: 200, at, userAgent: 'aws-sdk-js/3.1141.0 ua/2.1' },
      { service: 'ecs', operation: 'UpdateService', status: 200, at, userAgent: `aws-sdk-js/3.1141.0 ${PARALLAX_USER_AGENT}` },
    ];
    expect(auditSimulators([{ platform: 'kubernetes', url: 'https://k', requests: kube }, { platform: 'ecs', url: 'http://e', requests: aws }]))
      .toEqual(['https://k: DELETE /api/v1/namespaces/a/pods/p', 'http://e: ecs:UpdateService']);
    expect(() => assertOnlyReads({ platform: 'kubernetes', requests: kube.slice(0, 2) })).not.toThrow();
    expect(() => assertOnlyReads({ platform: 'ecs', requests: aws.slice(1, 2) })).toThrow(/no request from Parallax/);
  });

  it('both adapters, over real HTTP after real seeding: Parallax only read (GET; Describe*/List*/Get*)', async () => {
    const kubeSim = await startKubeSimulator({ nodes: 2, podReadyDelayMs: 50, controllerIntervalMs: 50 });
    stops.push(() => kubeSim.stop());
    const ecsSim = await startEcsSimulator({ tickMs: 50, stepMs: 50 });
    stops.push(() => ecsSim.stop());
    const kc = new KubeConfig();
    kc.loadFromString(kubeSim.kubeconfig('sim'));
    await seedKubernetes({ kubeConfig: kc, dir: path.join(process.cwd(), 'scenarios/demo/kubernetes') });
    await seedContract(ecsSim.url);

    const source = createKubeSource({ platform: 'kubernetes', context: 'sim', kubeconfigPaths: [], kubeconfigYaml: kubeSim.kubeconfig('sim'), demo: false });
    const sink = new TestSink();
    await source.start(sink);
    await sink.until(() => sink.status_.status === 'ok', 15_000, 'k8s sync');
    await source.stop();
    await readEcsOnce({ platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint: ecsSim.url, pollIntervalMs: 60_000, credentials: TEST_CREDENTIALS, demo: false }, { taskDefinitionCache: new TaskDefinitionCache() });

    // The seeders wrote (and are not Parallax); Parallax's own requests were all reads.
    expect(kubeSim.requests.some((r) => r.method !== 'GET')).toBe(true);
    expect(ecsSim.requests.some((r) => !/^(Describe|List|Get)/.test(r.operation))).toBe(true);
    expect(assertOnlyReads({ platform: 'kubernetes', url: kubeSim.url, requests: kubeSim.requests })).toBeGreaterThan(19);
    // Lists, watches and the version call all carry Parallax's agent.
    const mine = parallaxKubeRequests(kubeSim.requests);
    expect(mine.some((r) => r.query.includes('watch=true'))).toBe(true);
    expect(mine.some((r) => r.path === '/version')).toBe(true);
    expect(assertOnlyReads({ platform: 'ecs', url: ecsSim.url, requests: ecsSim.requests })).toBeGreaterThan(10);
  });
});
