// The real `parallax` when it cannot answer: exit 2, one line per problem on stderr, no stack trace;
// nothing on stdout when there is nothing to report (bad input), the report with the source under
// "not compared" when a source could not be read.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type RunningSimulators } from '@/lib/demo/simulators';
import { freePort } from '@/lib/testing/moto';
import { isolatedDirs, isolatedEnv, removeIsolatedDirs, runParallax, said, type CliRun, type IsolatedDirs } from './testing/run';

// The test's HOME, config and state directories go when the file is done.
afterAll(removeIsolatedDirs);

const noStack = (r: CliRun) => expect(r.stderr, said(r)).not.toMatch(/^\s+at /m);

describe('bad input: exit 2, one line, nothing on stdout', () => {
  let dirs: IsolatedDirs;
  beforeAll(() => {
    dirs = isolatedDirs();
  });

  it('nothing configured and no --demo', async () => {
    const r = await runParallax(['drift'], { env: isolatedEnv(dirs) });
    expect(r.code, said(r)).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^parallax: no source configured: set KUBECONFIG .* or use --demo for the embedded demo$/)]);
  }, 60_000);

  it('an unknown option', async () => {
    const r = await runParallax(['drift', '--demo', '--colour'], { env: isolatedEnv(dirs) });
    expect(r.code, said(r)).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('parallax: unknown option --colour (parallax drift --help lists the options)\n');
  }, 60_000);

  it('a bad config file: file:line:col of each problem, before any source is read', async () => {
    const file = path.join(dirs.root, 'parallax.yaml');
    fs.writeFileSync(file, ['# pairs for the shop', 'pairs:', '  - workloads: [web]', 'ignore:', '  - field: replicas', '    resaon: HPA'].join('\n'));
    const r = await runParallax(['drift', '--demo', '--config', file], { env: isolatedEnv(dirs) });
    expect(r.code, said(r)).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^parallax: ${file.replace(/\./g, '\\.')}:3:16: pairs\\[0\\]\\.workloads: `));
    // An unknown key is reported on its own line.
    expect(lines[1]).toBe(`parallax: ${file}:6:5: ignore[0]: Unrecognized key: "resaon"`);
    expect(lines).toHaveLength(2);
    // The same through PARALLAX_CONFIG, and ./parallax.yaml of the working directory.
    const viaEnv = await runParallax(['drift', '--demo'], { env: isolatedEnv(dirs, { PARALLAX_CONFIG: file }) });
    expect(viaEnv.stderr).toBe(r.stderr);
    const inCwd = await runParallax(['drift', '--demo'], { env: isolatedEnv(dirs), cwd: dirs.root });
    expect(inCwd.code).toBe(2);
    expect(inCwd.stderr).toBe(r.stderr);
  }, 60_000);
});

describe('sources that cannot be read: the report with them under "not compared", exit 2', () => {
  let sims: RunningSimulators;
  let dirs: IsolatedDirs;
  let hung: net.Server;
  const sockets = new Set<net.Socket>();
  let hungKubeconfig: string;

  beforeAll(async () => {
    dirs = isolatedDirs();
    sims = await startSimulators({ platforms: ['kubernetes', 'ecs'], stateDir: path.join(dirs.root, 'sims'), context: 'kind-shop' });
    // A cluster that accepts connections and never answers: the first sync never ends.
    hung = net.createServer((s) => { sockets.add(s); s.on('error', () => {}); });
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', () => r()));
    hungKubeconfig = path.join(dirs.root, 'hung.yaml');
    fs.writeFileSync(hungKubeconfig, yaml.dump({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'hung',
      clusters: [{ name: 'hung', cluster: { server: `https://127.0.0.1:${(hung.address() as net.AddressInfo).port}`, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'hung', context: { cluster: 'hung', user: 'u' } }],
    }));
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    hung?.close();
    await sims?.stop();
  });

  const ecsEnv = () => ({ AWS_ENDPOINT_URL: sims.ecs!.sim.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });

  it('a broken kubeconfig: the Kubernetes source is down with the file named', async () => {
    const broken = path.join(dirs.root, 'broken.yaml');
    fs.writeFileSync(broken, 'apiVersion: v1\nclusters: [\n  - name: x\n');
    const r = await runParallax(['drift', '--format', 'json'], { env: isolatedEnv(dirs, { KUBECONFIG: broken, ...ecsEnv() }) });
    expect(r.code, said(r)).toBe(2);
    noStack(r);
    expect(r.stderr).toMatch(new RegExp(`^k8s/kubeconfig: down: .*${broken.replace(/\./g, '\\.')}`, 'm'));
    expect(r.stderr).toMatch(/^parallax: not compared: Kubernetes kubeconfig is down: /m);
    const out = JSON.parse(r.stdout);
    expect(out.exitCode).toBe(2);
    expect(out.notCompared).toEqual([{ source: 'k8s/kubeconfig', reason: expect.stringContaining(broken) }]);
  }, 60_000);

  it('an unreachable ECS endpoint: the ECS source is down with the reason', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const r = await runParallax(['drift'], { env: isolatedEnv(dirs, { KUBECONFIG: sims.kubernetes!.kubeconfigPath, ...ecsEnv(), AWS_ENDPOINT_URL: closed }) });
    expect(r.code, said(r)).toBe(2);
    noStack(r);
    expect(r.stderr).toMatch(/^ecs\/default\/us-east-1: down: /m);
    expect(r.stderr).toMatch(/^parallax: not compared: ECS default\/us-east-1 is down: /m);
    expect(r.stdout).toContain('Not compared (1):');
  }, 60_000);

  it('a hung cluster cannot hang CI: --timeout gives up, naming the source still syncing', async () => {
    const env = isolatedEnv(dirs, { KUBECONFIG: hungKubeconfig, ...ecsEnv() });
    const r = await runParallax(['drift', '--timeout', '1'], { env });
    expect(r.code, said(r)).toBe(2);
    expect(r.stderr).toContain('parallax: timed out after 1 s waiting for the first sync of k8s/hung: syncing 0/19 kinds');
    expect(r.stderr).toContain('parallax: not compared: Kubernetes hung: first sync still running');
    // The snapshot is written all the same, with the source's status in it, and exit 2.
    const file = path.join(dirs.root, 'partial.json');
    const s = await runParallax(['snapshot', '--timeout', '1', '--out', file], { env });
    expect(s.code, said(s)).toBe(2);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).sources.map((x: { id: string; status: string }) => `${x.id} ${x.status}`)).toEqual(['k8s/hung syncing', 'ecs/default/us-east-1 ok']);
  }, 60_000);

  it('a single source: drift needs two (or --against), exit 2 saying what is configured', async () => {
    const r = await runParallax(['drift'], { env: isolatedEnv(dirs, { KUBECONFIG: sims.kubernetes!.kubeconfigPath }) });
    expect(r.code, said(r)).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^parallax: drift compares two sources or more, and only one is configured: k8s\/kind-shop: ok \(\d+ objects\) \(--against FILE compares one with a saved snapshot\)$/);
  }, 60_000);
});
