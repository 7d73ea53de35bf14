import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverKubeContexts, kubeConfigFor } from './kubeconfig';

const env = (e: Record<string, string>) => e as NodeJS.ProcessEnv;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-kubeconfig-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
  return f;
}

const A = write('a.yaml', `
apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster: { server: "https://dev.example:6443", certificate-authority: certs/ca.pem }
- name: shared
  cluster: { server: "https://from-a.example" }
users:
- name: dev-user
  user: { token: dev-token, client-certificate: certs/client.pem, client-key: certs/client-key.pem }
- name: eks-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, prod]
contexts:
- name: dev
  context: { cluster: dev-cluster, user: dev-user, namespace: team-a }
- name: prod
  context: { cluster: shared, user: eks-user }
`);

const B = write('b.yaml', `
apiVersion: v1
kind: Config
current-context: other
clusters:
- name: shared
  cluster: { server: "https://from-b.example" }
- name: b-cluster
  cluster: { server: "https://b.example" }
users:
- name: b-user
  user: { token: b-token }
contexts:
- name: prod
  context: { cluster: b-cluster, user: b-user }
- name: other
  context: { cluster: b-cluster, user: b-user }
`);

const BROKEN = write('broken.yaml', 'clusters: [ { name: x, cluster: { server: "https://x" }\n  oops: : :\n');

describe('discoverKubeContexts', () => {
  it('reports "no configuration" distinctly: no paths, no error', () => {
    const r = discoverKubeContexts({ env: env({}), homeDir: path.join(dir, 'nohome') });
    expect(r).toEqual({ paths: [], contexts: [] });
  });

  it('reads ~/.kube/config without KUBECONFIG', () => {
    const home = path.join(dir, 'home');
    fs.mkdirSync(path.join(home, '.kube'), { recursive: true });
    fs.copyFileSync(A, path.join(home, '.kube', 'config'));
    const r = discoverKubeContexts({ env: env({}), homeDir: home });
    expect(r.paths).toEqual([path.join(home, '.kube', 'config')]);
    expect(r.current).toBe('dev');
    expect(r.contexts.map((c) => c.name)).toEqual(['dev', 'prod']);
    expect(r.contexts[0]).toEqual({ name: 'dev', cluster: 'dev-cluster', server: 'https://dev.example:6443', user: 'dev-user', namespace: 'team-a' });
    expect(r.error).toBeUndefined();
  });

  it('merges KUBECONFIG files like kubectl: first definition and first current-context win; missing files ignored', () => {
    const r = discoverKubeContexts({ env: env({ KUBECONFIG: [A, path.join(dir, 'missing.yaml'), B].join(path.delimiter) }), homeDir: dir });
    expect(r.paths).toEqual([A, B]);
    expect(r.current).toBe('dev');
    expect(r.contexts.map((c) => c.name)).toEqual(['dev', 'prod', 'other']);
    const prod = r.contexts.find((c) => c.name === 'prod')!;
    expect(prod).toMatchObject({ cluster: 'shared', user: 'eks-user', server: 'https://from-a.example' });
  });

  it('a broken file gives an error naming it, and loses nothing from the others', () => {
    const r = discoverKubeContexts({ env: env({ KUBECONFIG: [BROKEN, B].join(path.delimiter) }), homeDir: dir });
    expect(r.paths).toEqual([BROKEN, B]);
    expect(r.error).toContain(BROKEN);
    expect(r.contexts.map((c) => c.name)).toEqual(['prod', 'other']);
    expect(r.current).toBe('other');
  });

  it('a file with an invalid entry reports it and keeps its valid entries', () => {
    const f = write('partial.yaml', 'clusters:\n- name: ok\n  cluster: { server: "https://ok" }\n- name: bad\n  cluster: {}\ncontexts:\n- name: c\n  context: { cluster: ok, user: u }\nusers:\n- name: u\n  user: {}\n');
    const r = discoverKubeContexts({ env: env({ KUBECONFIG: f }), homeDir: dir });
    expect(r.error).toMatch(/partial\.yaml: clusters\[1\]\.cluster\.server is missing/);
    expect(r.contexts).toEqual([{ name: 'c', cluster: 'ok', server: 'https://ok', user: 'u' }]);
  });
});

describe('kubeConfigFor', () => {
  it('selects the context from merged files, keeping relative cert paths, tokens and exec plugins', () => {
    const kc = kubeConfigFor({ platform: 'kubernetes', context: 'dev', kubeconfigPaths: [A, B], demo: false });
    expect(kc.getCurrentContext()).toBe('dev');
    expect(kc.getCurrentCluster()?.server).toBe('https://dev.example:6443');
    expect(kc.getCurrentCluster()?.caFile).toBe(path.join(dir, 'certs/ca.pem'));
    expect(kc.getCurrentUser()?.token).toBe('dev-token');
    expect(kc.getCurrentUser()?.certFile).toBe(path.join(dir, 'certs/client.pem'));
    const prod = kubeConfigFor({ platform: 'kubernetes', context: 'prod', kubeconfigPaths: [A, B], demo: false });
    expect(prod.getCurrentCluster()?.server).toBe('https://from-a.example');
    expect(prod.getCurrentUser()?.exec).toMatchObject({ command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'prod'] });
  });

  it('prefers inline YAML and throws a clear error for an unknown context', () => {
    const yaml = fs.readFileSync(B, 'utf8');
    const kc = kubeConfigFor({ platform: 'kubernetes', context: 'other', kubeconfigPaths: [A], kubeconfigYaml: yaml, demo: false });
    expect(kc.getCurrentCluster()?.server).toBe('https://b.example');
    expect(() => kubeConfigFor({ platform: 'kubernetes', context: 'nope', kubeconfigPaths: [A], demo: false })).toThrow(/context "nope" not found/);
  });
});
