/**
 * kubectl 1.32's everyday commands against the simulator, as against kind: every imperative
 * create of the table (protobuf bodies), get and delete; explain; logs (tail, follow, previous,
 * timestamps) and top.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSimulator, type KubeObject, type KubeSimulator } from './index';
import { IMPERATIVE_COMMANDS, IMPERATIVE_NAMESPACE } from './fixtures/imperative-commands';
import { deploymentManifest, kubectlAvailable, kubectlFor, type Kubectl } from './test-helpers';
import { PROTOBUF_KINDS } from './proto-schema';
import { waitFor } from '@/lib/testing/wait';

const HAVE_KUBECTL = kubectlAvailable();

const crashing = deploymentManifest('cache', 1, { image: 'redis:7' }) as KubeObject;
crashing.spec.template.metadata.annotations = { 'sim.parallax.dev/fault': 'crashloop' };

describe.skipIf(!HAVE_KUBECTL)('kubectl everyday commands', () => {
  let sim: KubeSimulator;
  let k: Kubectl;

  beforeAll(async () => {
    sim = await startKubeSimulator({
      nodes: 2,
      podReadyDelayMs: 100,
      controllerIntervalMs: 50,
      seed: [
        { ...(deploymentManifest('web', 2, { resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } } }) as KubeObject), metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } } },
        { ...crashing, metadata: { name: 'cache', namespace: 'shop', labels: { app: 'cache' } } },
      ],
    });
    k = await kubectlFor(sim);
  });
  afterAll(async () => {
    await sim?.stop();
    await k?.cleanup();
  });

  it('creates every kind of the table imperatively (protobuf bodies), gets and deletes it', async () => {
    const created = new Set<string>();
    for (const c of IMPERATIVE_COMMANDS) {
      const out = await k.ok(c.args);
      expect(out, c.name).toMatch(/ created\n$/);
      const ns = c.namespaced ? ['-n', IMPERATIVE_NAMESPACE] : [];
      const obj = JSON.parse(await k.ok(['get', c.get, ...ns, '-o', 'json'])) as KubeObject;
      expect(`${obj.kind}/${obj.metadata.name}`, c.name).toBe(`${obj.kind}/${c.get.split('/')[1]}`);
      created.add(obj.kind);
    }
    expect([...created].sort()).toEqual(PROTOBUF_KINDS.map((t) => t.kind).sort());
    expect(sim.requests.filter((r) => r.method === 'POST' && r.status >= 400)).toEqual([]);

    // What the protobuf bodies carried arrived intact.
    const get = async (what: string, ns = true) => JSON.parse(await k.ok(['get', what, ...(ns ? ['-n', IMPERATIVE_NAMESPACE] : []), '-o', 'json'])) as KubeObject;
    expect((await get('deploy/idle')).spec.replicas).toBe(0);
    expect((await get('deploy/web')).spec.template.spec.containers[0]).toMatchObject({ image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] });
    expect(Buffer.from(((await get('secret/creds')).data as Record<string, string>).password, 'base64').toString()).toBe('hunter2');
    expect((await get('svc/np')).spec).toMatchObject({ type: 'NodePort', ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] });
    expect((await get('ingress/shop')).spec).toMatchObject({ ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] });
    expect((await get('pdb/web')).spec.minAvailable).toBe('50%');
    expect((await get('priorityclass/sim-low', false)).value).toBe(-5);
    expect((await get('quota/limits')).spec.hard).toEqual({ cpu: '2', memory: '1Gi', pods: '10' });
    expect((await get('rolebinding/reader')).subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', name: 'bot', namespace: IMPERATIVE_NAMESPACE },
    ]);
    expect((await get('job/manual')).metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'nightly' });

    // Delete, cluster-scoped ones too; the namespace last.
    for (const c of [...IMPERATIVE_COMMANDS].reverse()) {
      const ns = c.namespaced ? ['-n', IMPERATIVE_NAMESPACE] : [];
      expect(await k.ok(['delete', c.get, ...ns, '--wait=false']), c.name).toContain('deleted');
    }
    expect((await k.run(['get', 'clusterrole', 'sim-reader'])).stderr).toContain('NotFound');
  });

  it('explains the table kinds field by field', async () => {
    const spec = await k.ok(['explain', 'deployment.spec']);
    expect(spec).toMatch(/KIND:\s+Deployment\nVERSION:\s+v1/);
    expect(spec).toMatch(/replicas\s+<integer>\n\s+Number of desired pods/);
    expect(spec).toMatch(/template\s+<PodTemplateSpec>/);
    expect(await k.ok(['explain', 'pods.spec.containers.resources'])).toMatch(/limits\s+<map\[string\]/);
    expect(await k.ok(['explain', 'ingress.spec.rules.http.paths', '--recursive'])).toMatch(/service\s+<IngressServiceBackend>\n\s+name\s+<string>\n\s+port\s+<ServiceBackendPort>/);
    for (const kind of ['ns', 'cm', 'secret', 'svc', 'sa', 'job', 'cronjob', 'role', 'rolebinding', 'clusterrole', 'clusterrolebinding', 'pdb', 'priorityclass', 'quota']) {
      expect(await k.ok(['explain', kind]), kind).toMatch(/FIELDS:\n(?:[\s\S]*\n)?\s+apiVersion\s+<string>/);
    }
  });

  it('reads logs: a deployment, tail, timestamps, previous, and an honest error', async () => {
    await waitFor('web running', async () => JSON.parse(await k.ok(['get', 'deploy', 'web', '-n', 'shop', '-o', 'json'])).status?.availableReplicas === 2, 15_000);
    // Lines come on the simulator's (real) clock from the container's start: a pod a second old may
    // not have four yet, so wait for them rather than race them.
    let lines: string[] = [];
    await waitFor('four log lines', async () => {
      lines = (await k.ok(['logs', 'deploy/web', '-n', 'shop', '--tail=4'])).trimEnd().split('\n').filter(Boolean);
      return lines.length >= 4;
    }, 15_000);
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(l).toMatch(/^10\.244\.\d+\.\d+ - - \[[^\]]+\] "(GET|POST) \S+ HTTP\/1\.1" \d{3} \d+/);
    const stamped = await k.ok(['logs', 'deploy/web', '-n', 'shop', '--tail=2', '--timestamps']);
    for (const l of stamped.trimEnd().split('\n')) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z 10\.244\./);
    await waitFor('cache restarted', async () => JSON.parse(await k.ok(['get', 'pods', '-n', 'shop', '-l', 'app=cache', '-o', 'json'])).items[0]?.status?.containerStatuses?.[0]?.lastState?.terminated !== undefined, 15_000);
    expect((await k.ok(['logs', 'deploy/cache', '-n', 'shop', '--previous'])).trimEnd().split('\n').at(-1)).toMatch(/Can't handle RDB format/);
    const none = await k.run(['logs', 'deploy/web', '-n', 'shop', '--previous']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/Error from server \(BadRequest\): previous terminated container "main" in pod "web-[a-z0-9-]+" not found/);
  });

  it('follows logs until kubectl is stopped, and the simulator lets go of the stream', async () => {
    const pods = JSON.parse(await k.ok(['get', 'pods', '-n', 'shop', '-l', 'app=web', '-o', 'json'])).items as KubeObject[];
    const child = spawn('kubectl', ['--kubeconfig', k.kubeconfig, '--cache-dir', path.join(k.dir, 'cache'), 'logs', '-f', '--tail=1', '-n', 'shop', pods[0].metadata.name], { env: { ...process.env, HOME: k.dir } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      // One tailed line, then lines written while following (a line every 0.8-3 s).
      await waitFor('three followed lines', () => out.trimEnd().split('\n').length >= 3, 15_000);
    } finally {
      child.kill();
    }
    await new Promise((resolve) => child.once('exit', resolve));
    const follow = sim.requests.filter((r) => r.path.endsWith('/log') && r.query.includes('follow=true'));
    expect(follow).toHaveLength(1);
    expect(follow[0].status).toBe(200);
  });

  it('top pods and nodes read metrics.k8s.io', async () => {
    const pods = await k.ok(['top', 'pods', '-n', 'shop']);
    expect(pods.split('\n')[0]).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)/);
    const rows = pods.trimEnd().split('\n').slice(1).filter((l) => l.startsWith('web-'));
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      const [, cpu, mem] = /^\S+\s+(\d+)m\s+(\d+)Mi/.exec(r)!;
      expect(Number(cpu)).toBeGreaterThan(0);
      expect(Number(cpu)).toBeLessThanOrEqual(250);
      expect(Number(mem)).toBeLessThanOrEqual(128);
    }
    expect(await k.ok(['top', 'pods', '-n', 'shop', '--containers', '-l', 'app=web'])).toMatch(/POD\s+NAME\s+CPU\(cores\)[\s\S]*web-\S+\s+main\s+\d+m/);
    const nodes = await k.ok(['top', 'nodes']);
    expect(nodes).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s*\ndemo-control-plane\s+\d+m\s+\d+%/);
    expect(nodes).toMatch(/\ndemo-worker\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%/);
  });
});
