// The real `parallax` pointed, as a user would, with KUBECONFIG and AWS_ENDPOINT_URL at a Kubernetes
// API and an ECS API that hold two equal halves of one app (the demo without its planted
// differences): no drift, exit 0.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type RunningSimulators } from '@/lib/demo/simulators';
import { equalDemoScenario } from './testing/equal-scenario';
import { isolatedDirs, isolatedEnv, removeIsolatedDirs, runParallax, said, type ChildEnv } from './testing/run';

// The test's HOME, config and state directories go when the file is done.
afterAll(removeIsolatedDirs);

let sims: RunningSimulators;
let scenario: string;
let env: ChildEnv;

beforeAll(async () => {
  scenario = equalDemoScenario();
  const dirs = isolatedDirs();
  sims = await startSimulators({ platforms: ['kubernetes', 'ecs'], stateDir: path.join(dirs.root, 'sims'), scenarioDir: scenario, context: 'kind-shop' });
  env = isolatedEnv(dirs, {
    KUBECONFIG: sims.kubernetes!.kubeconfigPath,
    AWS_ENDPOINT_URL: sims.ecs!.sim.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
}, 60_000);
afterAll(async () => {
  await sims?.stop();
  if (scenario) fs.rmSync(scenario, { recursive: true, force: true });
});

describe('two equal halves', () => {
  it('exit 0: no drift in the four pairs', async () => {
    const r = await runParallax(['drift'], { env });
    expect(r.code, said(r)).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'parallax drift: no drift in 4 pairs',
      'Kubernetes kind-shop <-> ECS default/us-east-1',
      'fails on info and above: exit 0',
    ]);
    expect(r.stderr).toMatch(/^k8s\/kind-shop: ok/m);
    expect(r.stderr).toMatch(/^ecs\/default\/us-east-1: ok/m);
  }, 60_000);

  it('--format json with --source in the other order: ECS on the left, the same four pairs, no finding', async () => {
    const r = await runParallax(['drift', '--format', 'json', '--source', 'ecs/default/us-east-1', '--source', 'kind-shop'], { env });
    expect(r.code, said(r)).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toEqual([]);
    expect(out.sourcePairs).toEqual([['ecs/default/us-east-1', 'k8s/kind-shop']]);
    expect(out.pairs.map((p: { key: string; left: { platform: string } }) => `${p.key} ${p.left.platform}`)).toEqual(['api ecs', 'db ecs', 'web ecs', 'worker ecs']);
    expect(out.totals).toMatchObject({ pairs: 4, pairsWithDrift: 0, critical: 0, warning: 0, info: 0, onlyOn: 0, ambiguous: 0 });
  }, 60_000);

  it('an unknown --source: exit 2, naming the configured sources, nothing on stdout', async () => {
    const r = await runParallax(['drift', '--source', 'kind-shop', '--source', 'prod'], { env });
    expect(r.code, said(r)).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').at(-1)).toBe('parallax: unknown --source "prod": the configured sources are k8s/kind-shop, ecs/default/us-east-1');
  }, 60_000);
});
