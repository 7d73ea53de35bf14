/** Fidelity with the real kubectl (1.32 via the dispatcher on PATH). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSimulator, type KubeObject, type KubeSimulator } from './index';
import { deploymentManifest, KUBECTL_MISSING, kubectlAvailable, kubectlFor, type Kubectl } from './test-helpers';
import { waitFor } from '@/lib/testing/wait';

const HAVE_KUBECTL = kubectlAvailable();

describe('kubectl availability', () => {
  it('kubectl is on PATH (required in CI)', () => {
    if (!HAVE_KUBECTL && process.env.CI) throw new Error(KUBECTL_MISSING);
    if (!HAVE_KUBECTL) console.warn(KUBECTL_MISSING);
  });
});

const SEED: KubeObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop', creationTimestamp: '2026-01-02T03:04:05Z' }, data: { a: '1' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'shop' }, data: { pw: 'c2VjcmV0' } },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'files', namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'shop', namespace: 'shop' }, spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] } }] } },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'shop' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 1, maxReplicas: 5 } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'shop' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'j', image: 'busybox:1.36' }] } } } } } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'shop' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'j', image: 'busybox:1.36' }] } } } },
  { ...(deploymentManifest('api', 2) as KubeObject), metadata: { name: 'api', namespace: 'shop', labels: { app: 'api' } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' }, spec: { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 'http' }] } },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'shop' },
    spec: { serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } } },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'shop' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox:1.36' }] } } },
  },
];

describe.skipIf(!HAVE_KUBECTL)('k8s simulator with kubectl', () => {
  let sim: KubeSimulator;
  let k: Kubectl;

  beforeAll(async () => {
    sim = await startKubeSimulator({ nodes: 3, podReadyDelayMs: 150, controllerIntervalMs: 50, seed: SEED });
    k = await kubectlFor(sim);
  });
  afterAll(async () => {
    await sim?.stop();
    await k?.cleanup();
  });

  it('lists every kind with -A -o json', async () => {
    await waitFor('seeded workloads running', async () => JSON.parse(await k.ok(['get', 'pods', '-n', 'shop', '-o', 'json'])).items.filter((p: KubeObject) => p.status?.phase === 'Running').length === 5, 15_000);
    const kinds = 'namespaces,nodes,pods,services,configmaps,secrets,persistentvolumes,persistentvolumeclaims,events,deployments,statefulsets,daemonsets,replicasets,endpointslices,ingresses,horizontalpodautoscalers,jobs,cronjobs,controllerrevisions,storageclasses';
    const out = JSON.parse(await k.ok(['get', kinds, '-A', '-o', 'json'])) as { kind: string; items: KubeObject[] };
    expect(out.kind).toBe('List');
    const counts: Record<string, number> = {};
    for (const o of out.items) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
    for (const kind of ['Namespace', 'Node', 'Pod', 'Service', 'ConfigMap', 'Secret', 'PersistentVolume', 'PersistentVolumeClaim', 'Event', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'EndpointSlice', 'Ingress', 'HorizontalPodAutoscaler', 'Job', 'CronJob', 'ControllerRevision', 'StorageClass']) {
      expect(counts[kind], kind).toBeGreaterThan(0);
    }
    expect(counts.Node).toBe(3);
    expect(out.items.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'cfg')?.metadata.creationTimestamp).toBe('2026-01-02T03:04:05Z');
    for (const short of ['po', 'deploy', 'svc', 'cm', 'sts', 'ds', 'rs', 'ing', 'hpa', 'pvc', 'pv', 'no', 'ns', 'ev']) {
      await expect(k.ok(['get', short, '-A', '-o', 'name'])).resolves.toBeTypeOf('string');
    }
  });

  it('prints server-side tables', async () => {
    const pods = await k.ok(['get', 'pods', '-n', 'shop']);
    expect(pods.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(pods).toMatch(/api-[a-z0-9]{10}-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\d+s/);
    const wide = await k.ok(['get', 'pods', '-n', 'shop', '-o', 'wide']);
    expect(wide.split('\n')[0]).toMatch(/IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/);
    const deploy = await k.ok(['get', 'deploy', '-n', 'shop']);
    expect(deploy).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\napi\s+2\/2\s+2\s+2\s+/);
    const nodes = await k.ok(['get', 'nodes']);
    expect(nodes).toMatch(/demo-control-plane\s+Ready\s+control-plane\s+\S+\s+v1\.32\.4/);
    expect(await k.ok(['get', 'svc', '-n', 'shop'])).toMatch(/api\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP/);
  });

  it('pages with --chunk-size', async () => {
    const before = sim.requests.length;
    const out = JSON.parse(await k.ok(['get', 'events', '-A', '-o', 'json', '--chunk-size=3'])) as { items: KubeObject[] };
    const listCalls = sim.requests.slice(before).filter((r) => r.path === '/api/v1/events');
    expect(listCalls.length).toBeGreaterThan(1);
    expect(listCalls.some((r) => r.query.includes('continue='))).toBe(true);
    expect(new Set(out.items.map((e) => e.metadata.name)).size).toBe(out.items.length);
  });

  it('creates, scales, watches, sets image, rolls out and deletes a deployment', async () => {
    const manifest = path.join(k.dir, 'web.yaml');
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    await writeFile(manifest, `${yaml.dump(deploymentManifest('web', 1))}---\n${yaml.dump(svc)}`);
    expect(await k.ok(['create', '--validate=false', '-f', manifest])).toContain('deployment.apps/web created');
    expect(await k.ok(['rollout', 'status', 'deploy/web', '--timeout=20s'])).toContain('successfully rolled out');

    const watcher = spawn('kubectl', ['--kubeconfig', k.kubeconfig, '--cache-dir', path.join(k.dir, 'cache'), 'get', 'pods', '-l', 'app=web', '--watch', '--output-watch-events'], { env: { ...process.env, HOME: k.dir } });
    let watched = '';
    watcher.stdout.on('data', (d: Buffer) => (watched += d.toString()));
    try {
      await waitFor('watch listing', () => /web-/.test(watched));
      expect(await k.ok(['scale', 'deploy/web', '--replicas=3'])).toContain('scaled');
      await waitFor('3 pods', async () => JSON.parse(await k.ok(['get', 'pods', '-l', 'app=web', '-o', 'json'])).items.length === 3);
      await waitFor('watch sees new pods', () => (watched.match(/ADDED/g) ?? []).length >= 3);
    } finally {
      watcher.kill();
    }
    expect(watched.split('\n')[0]).toMatch(/EVENT\s+NAME\s+READY\s+STATUS/);

    expect(await k.ok(['set', 'image', 'deploy/web', 'main=nginx:1.28'])).toContain('image updated');
    expect(await k.ok(['rollout', 'status', 'deploy/web', '--timeout=20s'])).toContain('successfully rolled out');
    const d = JSON.parse(await k.ok(['get', 'deploy', 'web', '-o', 'json'])) as KubeObject;
    expect(d.spec.template.spec.containers[0]).toMatchObject({ image: 'nginx:1.28', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }] });
    const history = await k.ok(['rollout', 'history', 'deploy/web']);
    expect(history).toMatch(/1\s+<none>\n2\s+<none>/);
    expect(await k.ok(['describe', 'deploy', 'web'])).toMatch(/ScalingReplicaSet\s+.*Scaled up replica set web-/);
    // Undo re-labels the first ReplicaSet as revision 3, as the deployment controller does.
    expect(await k.ok(['rollout', 'undo', 'deploy/web'])).toContain('rolled back');
    expect(await k.ok(['rollout', 'status', 'deploy/web', '--timeout=20s'])).toContain('successfully rolled out');
    expect(await k.ok(['rollout', 'history', 'deploy/web'])).toMatch(/2\s+<none>\n3\s+<none>/);
    expect(JSON.parse(await k.ok(['get', 'rs', '-l', 'app=web', '-o', 'json'])).items).toHaveLength(2);

    expect(await k.ok(['delete', 'deploy', 'web'])).toContain('deleted');
    await waitFor('web pods gone', async () => JSON.parse(await k.ok(['get', 'pods', '-l', 'app=web', '-o', 'json'])).items.length === 0);
    const gone = await k.run(['get', 'deploy', 'web']);
    expect(gone.stderr).toContain('Error from server (NotFound): deployments.apps "web" not found');
  });

  it('cordons and drains a node', async () => {
    const onNode = async (node: string): Promise<KubeObject[]> =>
      (JSON.parse(await k.ok(['get', 'pods', '-n', 'shop', '-l', 'app=api', '-o', 'json'])) as { items: KubeObject[] }).items.filter(
        (p) => p.spec.nodeName === node && !p.metadata.deletionTimestamp,
      );
    const node = (await onNode('demo-worker')).length ? 'demo-worker' : 'demo-worker2';
    expect(await k.ok(['drain', node, '--ignore-daemonsets', '--timeout=20s'])).toContain(`node/${node} drained`);
    expect(await k.ok(['get', 'node', node])).toContain('Ready,SchedulingDisabled');
    await waitFor('api pods off the drained node and ready again', async () => {
      const d = JSON.parse(await k.ok(['get', 'deploy', 'api', '-n', 'shop', '-o', 'json'])) as KubeObject;
      return (await onNode(node)).length === 0 && d.status?.availableReplicas === 2;
    }, 15_000);
    expect(await k.ok(['uncordon', node])).toContain('uncordoned');
  });

  it('applies client-side and server-side', async () => {
    const manifest = path.join(k.dir, 'cm.yaml');
    await writeFile(manifest, yaml.dump({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: 'shop' }, data: { a: '1' } }));
    expect(await k.ok(['apply', '--validate=false', '-f', manifest])).toContain('configmap/applied created');
    expect(await k.ok(['apply', '--validate=false', '-f', manifest])).toContain('configmap/applied unchanged');
    await writeFile(manifest, yaml.dump({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa', namespace: 'shop' }, data: { b: '2' } }));
    expect(await k.ok(['apply', '--server-side', '--validate=false', '-f', manifest])).toContain('serverside-applied');
    expect(JSON.parse(await k.ok(['get', 'cm', 'ssa', '-n', 'shop', '-o', 'json'])).data).toEqual({ b: '2' });
    // Default validation: the OpenAPI v3 index advertises server-side fieldValidation.
    await writeFile(manifest, yaml.dump({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'validated', namespace: 'shop' }, data: { c: '3' } }));
    expect(await k.ok(['create', '-f', manifest])).toContain('configmap/validated created');
    expect(sim.requests.some((r) => r.method === 'POST' && r.query.includes('fieldValidation=Strict'))).toBe(true);
  });

  it('reports 401 and 403 like a real server', async () => {
    sim.faults.forbid('secrets');
    try {
      const r = await k.run(['get', 'secrets', '-n', 'shop']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('Error from server (Forbidden): secrets is forbidden');
      const can = await k.run(['auth', 'can-i', 'list', 'secrets', '-n', 'shop']);
      expect(can.stdout.trim()).toBe('no');
      expect((await k.run(['auth', 'can-i', 'list', 'pods', '-n', 'shop'])).stdout.trim()).toBe('yes');
    } finally {
      sim.faults.allow('secrets');
    }
    const badConfig = path.join(k.dir, 'bad-kubeconfig');
    await writeFile(badConfig, sim.kubeconfig().replace(sim.token, 'not-the-token'));
    const r = await k.run(['--kubeconfig', badConfig, 'get', 'pods']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('You must be logged in to the server');
  });
});
