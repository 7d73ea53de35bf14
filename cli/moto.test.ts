// The real `parallax` against a second implementation of each API, fed by the real third-party
// clients: moto (an AWS emulator) seeded with the aws CLI, and the Kubernetes simulator fed with
// `kubectl apply`. One small app on each side, with an image, an env value and the replica count
// planted as different: the CLI must find those three and nothing else.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '@/lib/drift';
import { startKubeSimulator, type KubeSimulator } from '@/lib/sim/k8s';
import { KUBECTL_MISSING, kubectlAvailable, kubectlFor, type Kubectl } from '@/lib/sim/k8s/test-helpers';
import { MOTO_MISSING, motoAvailable, startMoto, type Moto } from '@/lib/testing/moto';
import { isolatedDirs, isolatedEnv, removeIsolatedDirs, runParallax, said, type ChildEnv, type IsolatedDirs } from './testing/run';

// The test's HOME, config and state directories go when the file is done.
afterAll(removeIsolatedDirs);

const AWS_MISSING = 'aws CLI not found: install awscli to run the CLI test against moto';
const missing = [
  !motoAvailable() && MOTO_MISSING,
  !kubectlAvailable() && KUBECTL_MISSING,
  spawnSync('aws', ['--version'], { stdio: 'ignore' }).status !== 0 && AWS_MISSING,
].filter((m): m is string => typeof m === 'string');
// Skipped loudly on a machine without the tools; under CI their absence fails the test instead.
const run = missing.length === 0 || !!process.env.CI;
if (!run) console.warn(`\n*** [cli/moto.test.ts] SKIPPED: ${missing.join('; ')} ***\n`);

const LABEL = 'app.kubernetes.io/name';

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: { ${LABEL}: web }
spec:
  replicas: 2
  selector:
    matchLabels: { ${LABEL}: web }
  template:
    metadata:
      labels: { ${LABEL}: web }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.0
          ports: [{ name: http, containerPort: 8080 }]
          env:
            - { name: LOG_LEVEL, value: info }
            - { name: REGION, value: eu-west-1 }
          resources:
            requests: { cpu: 250m, memory: 512Mi }
            limits: { cpu: 250m, memory: 512Mi }
          readinessProbe:
            httpGet: { path: /healthz, port: http }
            periodSeconds: 10
            timeoutSeconds: 5
`;

const CONTAINERS = [{
  name: 'web',
  image: 'ghcr.io/acme/web:1.3.9',
  essential: true,
  cpu: 256,
  memory: 512,
  memoryReservation: 512,
  portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
  environment: [{ name: 'REGION', value: 'eu-west-1' }, { name: 'LOG_LEVEL', value: 'debug' }],
  healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/healthz || exit 1'], interval: 10, timeout: 5, retries: 3 },
}];

describe.skipIf(!run)('parallax drift against moto (aws CLI) and the Kubernetes simulator (kubectl)', () => {
  let moto: Moto;
  let sim: KubeSimulator;
  let kubectl: Kubectl;
  let dirs: IsolatedDirs;

  function aws(args: string[]): Promise<string> {
    // Only this test's AWS settings: nothing from the developer's profiles or endpoints.
    const env: ChildEnv = { PATH: process.env.PATH, HOME: dirs.home, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL: moto.url, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_MAX_ATTEMPTS: '1' };
    return new Promise((resolve, reject) => {
      execFile('aws', [...args, '--output', 'json'], { env: env as NodeJS.ProcessEnv, timeout: 50_000 }, (err, stdout, stderr) => (err ? reject(new Error(`aws ${args.slice(0, 2).join(' ')} failed: ${stderr}`)) : resolve(String(stdout))));
    });
  }

  beforeAll(async () => {
    if (missing.length) throw new Error(`${missing.join('; ')} (required under CI)`);
    dirs = isolatedDirs();
    [moto, sim] = await Promise.all([startMoto(), startKubeSimulator({ podReadyDelayMs: 100 })]);
    kubectl = await kubectlFor(sim);
    const tags = ['--tags', `key=${LABEL},value=web`];
    const containers = path.join(dirs.root, 'containers.json');
    fs.writeFileSync(containers, JSON.stringify(CONTAINERS));
    await Promise.all([
      kubectl.ok(['apply', '-f', '-'], MANIFEST),
      (async () => {
        await aws(['ecs', 'create-cluster', '--cluster-name', 'shop']);
        await aws(['ecs', 'register-task-definition', '--family', 'shop-web', '--network-mode', 'bridge', '--requires-compatibilities', 'EC2', '--container-definitions', `file://${containers}`, ...tags]);
        await aws(['ecs', 'create-service', '--cluster', 'shop', '--service-name', 'web', '--task-definition', 'shop-web', '--desired-count', '3', '--launch-type', 'EC2', ...tags]);
      })(),
    ]);
  }, 90_000);
  afterAll(async () => {
    await Promise.allSettled([moto?.stop(), sim?.stop(), kubectl?.cleanup()]);
  });

  it('finds the planted image, env and replica differences and nothing else; exit 1', async () => {
    const env = isolatedEnv(dirs, { KUBECONFIG: kubectl.kubeconfig, AWS_ENDPOINT_URL: moto.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
    const r = await runParallax(['drift', '--format', 'json'], { env });
    expect(r.code, said(r)).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.sourcePairs).toEqual([['k8s/parallax-sim', 'ecs/default/us-east-1']]);
    expect(out.pairs.map((p: { key: string; by: string }) => `${p.key} ${p.by}`)).toEqual(['web label']);
    expect(out.findings.map((f: Finding) => `${f.container ?? '-'} ${f.field}: ${f.leftValue} | ${f.rightValue} (${f.severity})`).sort()).toEqual([
      '- replicas: 2 | 3 (warning)',
      'web env.LOG_LEVEL: info | debug (critical)',
      'web image: ghcr.io/acme/web:1.4.0 | ghcr.io/acme/web:1.3.9 (critical)',
    ]);
    expect(out.onlyOn).toEqual([]);
    expect(out.ambiguous).toEqual([]);
    expect(out.notCompared).toEqual([]);
    // What was compared equal, so that "nothing else" is not "nothing compared".
    const equal = out.pairs[0].equal.map((e: { container?: string; field: string }) => `${e.container ?? '-'} ${e.field}`);
    expect(equal).toEqual(expect.arrayContaining(['web command', 'web args', 'web ports', 'web env.REGION', 'web resources.cpu.request', 'web resources.memory.limit', 'web health.path', 'web health.port', 'web health.interval']));
  }, 60_000);
});
