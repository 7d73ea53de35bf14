// Exec credential plugins, as EKS kubeconfigs use them (`aws eks get-token`): the adapter must get its
// bearer token from the plugin, through a kubeconfig file, exactly as kubectl would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterEach, expect, it } from 'vitest';
import { startKubeSimulator, type KubeSimulator } from '@/lib/sim/k8s';
import { TestSink } from '@/lib/testing/sink';
import { createKubeSource } from './source';
import type { SourceAdapter } from '@/lib/inventory/types';

let sim: KubeSimulator | undefined;
let source: SourceAdapter | undefined;
afterEach(async () => {
  await source?.stop();
  await sim?.stop();
});

function execKubeconfig(s: KubeSimulator, dir: string, token: string): string {
  const plugin = path.join(dir, 'get-token');
  // What `aws eks get-token` prints: an ExecCredential with the token in its status.
  const credential = { apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token } };
  fs.writeFileSync(plugin, `#!/bin/sh\necho '${JSON.stringify(credential)}'\n`, { mode: 0o755 });
  const base = yaml.load(s.kubeconfig('eks')) as { clusters: unknown[] };
  const file = path.join(dir, 'config');
  fs.writeFileSync(file, yaml.dump({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'eks', clusters: base.clusters,
    contexts: [{ name: 'eks', context: { cluster: (base.clusters[0] as { name: string }).name, user: 'eks-user' } }],
    users: [{ name: 'eks-user', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: plugin, args: ['eks', 'get-token'], interactiveMode: 'Never' } } }],
  }));
  return file;
}

async function run(token: (s: KubeSimulator) => string) {
  sim = await startKubeSimulator({ nodes: 2 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-exec-'));
  const file = execKubeconfig(sim, dir, token(sim));
  source = createKubeSource({ platform: 'kubernetes', context: 'eks', kubeconfigPaths: [file], demo: false }, { backoff: { baseMs: 50, maxMs: 200 } });
  const sink = new TestSink();
  await source.start(sink);
  await sink.until(() => sink.status_.status === 'ok' || sink.status_.status === 'down', 15_000, 'the first sync');
  return sink;
}

it('reads the cluster with the token an exec plugin prints', async () => {
  const sink = await run((s) => s.token);
  expect(sink.status_.status).toBe('ok');
  expect(sink.objects('nodes')).toHaveLength(2);
  expect(sim!.requests.every((r) => r.method === 'GET')).toBe(true);
});

it('says the credentials are rejected when the plugin token is wrong, without printing it', async () => {
  const sink = await run(() => 'expired-token-123');
  expect(sink.status_.status).toBe('down');
  expect(sink.status_.reason).toMatch(/401/);
  expect(JSON.stringify(sink.updates)).not.toContain('expired-token-123');
});
