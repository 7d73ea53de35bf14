// `npm run bench`: full sync of a large cluster, Parallax's Kubernetes adapter against kubectl's
// own `get pods -A -o json --chunk-size=500`, on the same simulator in the same run; the bytes of
// one overview refetch, GET /api/overview against the collections the page used to fetch; and the
// drift engine over 1,000 Kubernetes/ECS pairs against JSON.stringify of the same snapshot. Prints
// ratios, never fails on a time: benchmarks are not tests. Then the soak (bench/soak.ts): churn and a
// fault every minute on both platforms for 10 minutes; it fails only if the inventory does not end
// equal to the simulators' truth. Options: --pods N (default 10000), --runs N (3), --drift-pairs N
// (1000), --soak-minutes N (10; 0 skips the soak), --fault-every S (60), --search-objects N,M
// (10000,50000: the global search's index and queries at those sizes against a substring scan),
// --only sync|drift|search|soak.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { startKubeSimulator } from '@/lib/sim/k8s';
import { createKubeSource } from '@/lib/k8s';
import { TestSink } from '@/lib/testing/sink';
import { benchDrift } from './drift';
import { benchSearch } from './search';
import { overviewPayloadSizes } from './payload';
import { syntheticPods } from './pods';
import { runSoak } from './soak';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    'drift-pairs': { type: 'string', default: '1000' },
    'soak-minutes': { type: 'string', default: '10' },
    'fault-every': { type: 'string', default: '60' },
    'search-objects': { type: 'string', default: '10000,50000' },
    only: { type: 'string' },
  },
});
const PODS = Number(values.pods);
const RUNS = Number(values.runs);
const DRIFT_PAIRS = Number(values['drift-pairs']);
const DRIFT_BUDGET_MS = 200;
const SOAK_MINUTES = Number(values['soak-minutes']);
const PARTS = ['sync', 'drift', 'search', 'soak'];
if (values.only && !PARTS.includes(values.only)) throw new Error(`--only must be one of ${PARTS.join(', ')}`);
const wants = (part: string) => !values.only || values.only === part;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = () => (globalThis as { gc?: () => void }).gc?.();

function kubectl(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { bytes += d.length; });
    child.stderr.on('data', (d: Buffer) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(bytes) : reject(new Error(`kubectl failed (${code}): ${stderr}`))));
  });
}

function driftPart() {
  // Several runs whatever --runs says: one computeDrift is short, and the median wants a few.
  const b = benchDrift(DRIFT_PAIRS, Math.max(RUNS, 7));
  const verdict = b.drift.wallMs <= DRIFT_BUDGET_MS ? 'within' : 'over (wall-clock: see the CPU time if the machine is busy)';
  console.log(`drift over ${b.pairs} Kubernetes/ECS pairs (3 containers each, ${b.plantedPairs} pairs with planted drift -> ${b.findings} findings; snapshot ${(b.snapshotBytes / 2 ** 20).toFixed(1)} MiB, built in ${b.buildMs.toFixed(0)} ms):`);
  console.log(`  computeDrift: ${b.drift.wallMs.toFixed(0)} ms (CPU ${b.drift.cpuMs.toFixed(0)} ms), budget ${DRIFT_BUDGET_MS} ms: ${verdict}`);
  console.log(`  baseline JSON.stringify of the same snapshot: ${b.stringify.wallMs.toFixed(0)} ms (CPU ${b.stringify.cpuMs.toFixed(0)} ms); ratio computeDrift/stringify: ${(b.drift.wallMs / b.stringify.wallMs).toFixed(2)} (CPU ${(b.drift.cpuMs / b.stringify.cpuMs).toFixed(2)})`);
}

async function syncPart() {
  const sim = await startKubeSimulator({ nodes: 3, requestLogLimit: 1000 });
  sim.load(syntheticPods(PODS, ['demo-control-plane', 'demo-worker', 'demo-worker2']));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-bench-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  await sim.writeKubeconfig(kubeconfig, 'bench');
  console.log(`simulator with ${PODS} pods at ${sim.url}; ${RUNS} runs each, median reported`);

  const kubectlMs: number[] = [];
  let rawBytes = 0;
  const haveKubectl = !spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).error;
  if (haveKubectl) {
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      // Asynchronously: the simulator serves from this process's event loop.
      rawBytes = await kubectl(['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), 'get', 'pods', '-A', '-o', 'json', '--chunk-size=500']);
      kubectlMs.push(performance.now() - t0);
    }
  } else {
    console.log('kubectl not found: install kubectl for the baseline; reporting Parallax alone');
  }

  const parallaxMs: number[] = [];
  let perPod = 0;
  let normalizedBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig('bench'));
    const source = createKubeSource({ platform: 'kubernetes', context: 'bench', kubeconfigPaths: [], demo: false }, { kubeConfig: kc });
    const sink = new TestSink();
    const t0 = performance.now();
    await source.start(sink);
    await sink.until(() => sink.coverage.get('pods')?.state === 'ok', 120_000, 'the pods list');
    parallaxMs.push(performance.now() - t0);
    gc();
    const pods = sink.objects('pods');
    perPod = (process.memoryUsage().heapUsed - heap0) / pods.length;
    normalizedBytes = pods.reduce((n, p) => n + JSON.stringify(p).length, 0) / pods.length;
    if (pods.length !== PODS) throw new Error(`synced ${pods.length} pods, expected ${PODS}`);
    await source.stop();
  }
  const sizes = await overviewPayloadSizes(sim.kubeconfig('bench'), 'bench', PODS);
  await sim.stop();

  const p = median(parallaxMs);
  console.log(`parallax full sync (all kinds, ${PODS} pods): ${p.toFixed(0)} ms`);
  if (kubectlMs.length) {
    const k = median(kubectlMs);
    console.log(`kubectl get pods -A -o json --chunk-size=500:   ${k.toFixed(0)} ms (${(rawBytes / PODS).toFixed(0)} bytes of JSON per pod)`);
    console.log(`ratio parallax/kubectl: ${(p / k).toFixed(2)} (target: <= 1.00)`);
  }
  console.log(`memory: ~${perPod.toFixed(0)} bytes of heap per pod held, ${normalizedBytes.toFixed(0)} bytes of normalized JSON per pod (target: <= 2048)`);
  console.log(`overview refetch: /api/overview ${sizes.overview} bytes vs /api/snapshot of its old collections ${sizes.snapshot} bytes: ratio ${(sizes.overview / sizes.snapshot).toFixed(5)} (1/${Math.round(sizes.snapshot / sizes.overview)})`);
}

async function all() {
  if (wants('sync')) await syncPart();
  if (wants('drift')) driftPart();
  if (wants('search')) benchSearch(values['search-objects'].split(',').map(Number), Math.max(RUNS, 7));
  if (wants('soak') && SOAK_MINUTES > 0) {
    const { equal } = await runSoak({ minutes: SOAK_MINUTES, faultEverySeconds: Number(values['fault-every']), churnEverySeconds: 3 });
    if (!equal) process.exitCode = 1;
  }
}

all().catch((err) => {
  console.error(err);
  process.exit(1);
});
