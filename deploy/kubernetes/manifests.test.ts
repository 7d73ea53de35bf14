// deploy/kubernetes as users install it: rendered by the real `kubectl kustomize`, checked for what
// the issue promises (read-only RBAC on exactly the adapter's kinds, Secrets opt-in, a hardened pod,
// no baked-in token), and accepted by the Kubernetes simulator through `kubectl apply`.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '@/lib/k8s/kinds';
import { startKubeSimulator, type KubeSimulator } from '@/lib/sim/k8s';
import { KUBECTL_MISSING, kubectlAvailable, kubectlFor, type Kubectl } from '@/lib/sim/k8s/test-helpers';

const HAVE_KUBECTL = kubectlAvailable();
const DIR = path.resolve(__dirname);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
function render(dir: string): { text: string; docs: Doc[] } {
  const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return { text, docs: yaml.loadAll(text) as Doc[] };
}
const one = (docs: Doc[], kind: string): Doc => {
  const found = docs.filter((d) => d.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0];
};
/** "group/resource" pairs a ClusterRole grants, and the verbs it grants them with. */
function grants(role: Doc): { resources: string[]; verbs: string[] } {
  const resources = role.rules.flatMap((r: Doc) => r.apiGroups.flatMap((g: string) => r.resources.map((res: string) => `${g}/${res}`)));
  return { resources: resources.sort(), verbs: [...new Set<string>(role.rules.flatMap((r: Doc) => r.verbs))].sort() };
}
/** What the adapter reads (lib/k8s/kinds.ts), from each kind's collection path: /api/v1/x or /apis/<group>/<v>/x. */
const ADAPTER_RESOURCES = KINDS.map((k) => {
  const m = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)\/([^/]+)$/.exec(k.path)!;
  return `${m[1] ?? ''}/${m[2]}`;
}).sort();
/** What the usage reader lists (lib/k8s/usage.ts): get/list only, metrics.k8s.io has no watch. */
const METRICS_RESOURCES = ['metrics.k8s.io/nodes', 'metrics.k8s.io/pods'];
const metricsRule = (role: Doc) => role.rules.find((r: Doc) => r.apiGroups.includes('metrics.k8s.io'));

describe('kubectl availability', () => {
  it('kubectl is on PATH (required in CI)', () => {
    if (!HAVE_KUBECTL && process.env.CI) throw new Error(KUBECTL_MISSING);
    if (!HAVE_KUBECTL) console.warn(KUBECTL_MISSING);
  });
});

describe.skipIf(!HAVE_KUBECTL)('deploy/kubernetes', () => {
  const base = HAVE_KUBECTL ? render(DIR) : { text: '', docs: [] };
  const withSecrets = HAVE_KUBECTL ? render(path.join(DIR, 'overlays', 'read-secrets')) : { text: '', docs: [] };

  it('renders the ServiceAccount, read-only ClusterRole and its binding, Deployment and Service, and no Secret', () => {
    expect(base.docs.map((d) => d.kind).sort()).toEqual(['ClusterRole', 'ClusterRoleBinding', 'Deployment', 'Namespace', 'Service', 'ServiceAccount']);
    const binding = one(base.docs, 'ClusterRoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: one(base.docs, 'ClusterRole').metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'parallax', namespace: 'parallax' }]);
    expect(one(base.docs, 'Deployment').spec.template.spec.serviceAccountName).toBe('parallax');
  });

  it('the ClusterRole grants only get/list/watch, on exactly the kinds the adapter reads but Secrets', () => {
    const g = grants(one(base.docs, 'ClusterRole'));
    expect(g.verbs).toEqual(['get', 'list', 'watch']);
    expect(g.resources).toEqual([...ADAPTER_RESOURCES.filter((r) => r !== '/secrets'), ...METRICS_RESOURCES].sort());
    expect(metricsRule(one(base.docs, 'ClusterRole'))).toEqual({ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list'] });
  });

  it('the read-secrets overlay adds Secrets, still read-only, and changes nothing else', () => {
    const g = grants(one(withSecrets.docs, 'ClusterRole'));
    expect(g.verbs).toEqual(['get', 'list', 'watch']);
    expect(g.resources).toEqual([...ADAPTER_RESOURCES, ...METRICS_RESOURCES].sort());
    expect(withSecrets.docs.filter((d) => d.kind !== 'ClusterRole')).toEqual(base.docs.filter((d) => d.kind !== 'ClusterRole'));
  });

  it('the pod runs as non-root on a read-only root filesystem, with probes, resources and the token from a Secret', () => {
    const pod = one(base.docs, 'Deployment').spec.template.spec;
    const [c] = pod.containers;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    for (const probe of [c.readinessProbe, c.livenessProbe]) expect(probe.httpGet).toEqual({ path: '/api/health', port: 'http' });
    expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
    // Where Next.js and Node write, scratch volumes instead of the image's filesystem.
    const mounts = Object.fromEntries(c.volumeMounts.map((m: Doc) => [m.mountPath, m.name]));
    expect(Object.keys(mounts).sort()).toEqual(['/app/.next/cache', '/tmp']);
    for (const name of Object.values(mounts)) expect(pod.volumes.find((v: Doc) => v.name === name).emptyDir).toBeDefined();
    const env = Object.fromEntries(c.env.map((e: Doc) => [e.name, e]));
    expect(env.HOST.value).toBe('0.0.0.0');
    expect(env.PARALLAX_TOKEN).toEqual({ name: 'PARALLAX_TOKEN', valueFrom: { secretKeyRef: { name: 'parallax-access', key: 'token' } } });
    expect(env.PARALLAX_DEMO.value).toBe('0');
  });

  describe('applied to the Kubernetes simulator', () => {
    let sim: KubeSimulator;
    let k: Kubectl;
    beforeAll(async () => {
      sim = await startKubeSimulator({ nodes: 1, podReadyDelayMs: 100, controllerIntervalMs: 50 });
      k = await kubectlFor(sim);
    });
    afterAll(async () => {
      await sim?.stop();
      await k?.cleanup();
    });

    it('is accepted by `kubectl apply --dry-run=server`, which stores nothing', async () => {
      // As on a real cluster, a dry run cannot create the namespace its other objects go into.
      // (`kubectl create namespace` sends protobuf, which the simulator does not read; apply sends JSON.)
      await k.ok(['apply', '-f', '-'], yaml.dump(one(base.docs, 'Namespace')));
      const out = await k.ok(['apply', '--dry-run=server', '-f', '-'], withSecrets.text);
      expect(out).toContain('clusterrole.rbac.authorization.k8s.io/parallax-read-only created (server dry run)');
      expect(out).toContain('deployment.apps/parallax created (server dry run)');
      const get = await k.run(['get', 'clusterrole', 'parallax-read-only']);
      expect(get.code).not.toBe(0);
      expect(get.stderr).toContain('NotFound');
    });

    it('is created by `kubectl apply`, and the stored ClusterRole reads back as rendered', async () => {
      await k.ok(['apply', '-f', '-'], base.text);
      const stored = JSON.parse(await k.ok(['get', 'clusterrole', 'parallax-read-only', '-o', 'json']));
      expect(stored.rules).toEqual(one(base.docs, 'ClusterRole').rules);
      const sa = JSON.parse(await k.ok(['get', 'serviceaccount', 'parallax', '-n', 'parallax', '-o', 'json']));
      expect(sa.metadata.name).toBe('parallax');
      const dep = JSON.parse(await k.ok(['get', 'deployment', 'parallax', '-n', 'parallax', '-o', 'json']));
      expect(dep.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    });
  });
});
