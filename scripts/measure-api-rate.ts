// How many requests one Parallax replica sends to each cluster's API: the adapters (exactly as the
// server runs them) against both simulators seeded with scenarios/demo, counting the requests the
// simulators log with Parallax's User-Agent during the first sync and then during a steady window.
// docs/DEPLOY.md quotes its output. Usage: npx tsx scripts/measure-api-rate.ts [--seconds 60]
//   [--watch-timeout 300] [--poll-ms 10000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulators } from '@/lib/demo/simulators';
import { createKubeSource } from '@/lib/k8s/source';
import { createEcsSource } from '@/lib/ecs/source';
import { Inventory } from '@/lib/inventory/store';
import { PARALLAX_PRODUCT } from '@/lib/util/user-agent';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const seconds = arg('seconds', 60);
const watchTimeoutSeconds = arg('watch-timeout', 300);
const pollIntervalMs = arg('poll-ms', 10_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-rate-'));
  const sims = await startSimulators({ platforms: ['kubernetes', 'ecs'], stateDir, scenarioDir: path.resolve('scenarios/demo') });
  const kube = sims.kubernetes!;
  const ecs = sims.ecs!;
  const inventory = new Inventory();
  const ours = (ua?: string) => (ua ?? '').includes(PARALLAX_PRODUCT);
  const kubeRequests = () => kube.sim.requests.filter((r) => ours(r.userAgent));
  const ecsRequests = () => ecs.sim.requests.filter((r) => ours(r.userAgent));
  try {
    await inventory.add(createKubeSource(
      { platform: 'kubernetes', context: kube.context, kubeconfigPaths: [], kubeconfigYaml: kube.sim.kubeconfig(kube.context), demo: false },
      { watchTimeoutSeconds },
    ));
    await inventory.add(createEcsSource({
      platform: 'ecs', profile: 'measure', region: ecs.region, endpoint: ecs.sim.url, pollIntervalMs,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, demo: false,
    }));
    const started = Date.now();
    while (inventory.sources().some((s) => s.status === 'syncing')) {
      if (Date.now() - started > 60_000) throw new Error('first sync did not finish in 60 s');
      await sleep(100);
    }
    const syncK = kubeRequests().length;
    const syncE = ecsRequests().length;
    console.log(`first sync: kubernetes ${syncK} requests (${kubeRequests().filter((r) => r.query.includes('watch=')).length} of them watches), ecs ${syncE} calls`);
    const from = Date.now();
    await sleep(seconds * 1000);
    const inWindow = <T extends { at: number }>(rs: T[]) => rs.filter((r) => r.at >= from);
    const k = inWindow(kubeRequests());
    const e = inWindow(ecsRequests());
    const watches = k.filter((r) => /(^|&)watch=(true|1)/.test(r.query)).length;
    const perMin = (n: number) => (n * 60 / seconds).toFixed(1);
    console.log(`steady ${seconds} s (watch timeout ${watchTimeoutSeconds} s, ECS poll ${pollIntervalMs} ms):`);
    console.log(`  kubernetes: ${k.length} requests = ${perMin(k.length)}/min (watch reconnects ${watches}, lists ${k.filter((r) => r.method === 'GET' && !/watch=/.test(r.query) && r.path !== '/version').length}, other ${k.filter((r) => r.path === '/version').length} /version); open watches: ${inventory.sources().length ? 'one per kind' : '-'}`);
    const byOp = new Map<string, number>();
    for (const r of e) byOp.set(`${r.service}:${r.operation}`, (byOp.get(`${r.service}:${r.operation}`) ?? 0) + 1);
    console.log(`  ecs: ${e.length} calls = ${perMin(e.length)}/min; by operation: ${[...byOp].map(([op, n]) => `${op} ${n}`).join(', ')}`);
  } finally {
    await inventory.stop();
    await sims.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
