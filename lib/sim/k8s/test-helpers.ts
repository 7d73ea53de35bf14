/** Shared helpers for the simulator's tests. */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { KubeSimulator } from './index';

export function kubectlAvailable(): boolean {
  const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  return r.status === 0;
}

export const KUBECTL_MISSING = 'kubectl not found: install kubectl to run simulator fidelity tests';

export interface Kubectl {
  dir: string;
  kubeconfig: string;
  run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }>;
  ok(args: string[], input?: string): Promise<string>;
  cleanup(): Promise<void>;
}

export async function kubectlFor(sim: KubeSimulator): Promise<Kubectl> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'k8s-sim-kubectl-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  await sim.writeKubeconfig(kubeconfig);
  const base = ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache')];
  const run: Kubectl['run'] = (args, input) =>
    new Promise((resolve) => {
      const child = execFile('kubectl', [...base, ...args], { encoding: 'utf8', env: { ...process.env, HOME: dir, KUBECONFIG: kubeconfig }, timeout: 30_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
      if (input !== undefined) child.stdin?.end(input);
    });
  return {
    dir,
    kubeconfig,
    run,
    ok: async (args, input) => {
      const r = await run(args, input);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`);
      return r.stdout;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A Deployment of one container `main` (nginx, port http 80 unless `container` says otherwise), labelled app=NAME. */
export function deploymentManifest(name: string, replicas = 2, container: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }], ...container }] },
      },
      ...spec,
    },
  };
}
