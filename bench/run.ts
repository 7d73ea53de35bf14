// `npm run bench` (never part of `npm test`): issue 9's honest bench. For each size (--pods, default
// 10000,50000; --big adds 150000) the Kubernetes simulator runs in its own process with a cluster
// its controller leaves idle (bench/cluster.ts), and:
//   sync     interleaved runs of Parallax's adapter into the real inventory, kubectl and the raw
//            paged lists of the same collections (bench/k8s-sync.ts): full sync time, ratio
//            adapter/raw, heap per pod;
//   server   the production server (`next start`, from a build) on that cluster: RSS after sync,
//            5 s after and settled (the lowest over a minute idle);
//   browser  Chromium on that server, up to 50k pods (bench/browser.ts): first rows, filter
//            keystroke, JS heap, new pods live, scaled desired count on /workloads.
// Then ecs (calls per cold and warm poll at 500 services against the API minimum), drift (1,000
// pairs), search, and the soak (--only soak or --soak-minutes N: off by default). Prints each
// budget met or missed, never fails on a time, and writes bench/results.json (scripts/bench-table.ts
// prints the README's table from it). Options: --runs N (3), --only part,part, --port P (3629, the server's),
// --results FILE (bench/results.json; "-" writes none), --profile (a CPU profile of one more adapter
// sync per size, its hotspots printed).
import { parseArgs } from 'node:util';
import { benchBrowser, type LiveCpu } from './browser';
import { benchDrift } from './drift';
import { benchEcsCalls } from './ecs-calls';
import { benchSync, profileSync } from './k8s-sync';
import { overviewPayloadSizes } from './payload';
import { ResultSet, RESULTS_PATH } from './results';
import { benchSearch } from './search';
import { startServer, type BenchServer } from './server';
import { startSimProcess } from './sim';
import { runSoak } from './soak';
import { fmtSpread, sleep } from './stats';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '10000,50000' },
    big: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    port: { type: 'string', default: '3629' },
    'ecs-services': { type: 'string', default: '500' },
    'drift-pairs': { type: 'string', default: '1000' },
    'soak-minutes': { type: 'string' },
    'fault-every': { type: 'string', default: '60' },
    'search-objects': { type: 'string', default: '10000,50000' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    results: { type: 'string', default: RESULTS_PATH },
  },
});
const SIZES = [...values.pods.split(',').map(Number), ...(values.big ? [150_000] : [])];
const RUNS = Number(values.runs);
const PARTS = ['sync', 'server', 'browser', 'ecs', 'drift', 'search', 'soak'];
const only = values.only?.split(',');
for (const p of only ?? []) if (!PARTS.includes(p)) throw new Error(`--only takes ${PARTS.join(', ')}; not "${p}"`);
// The soak runs when asked for: --only soak (10 minutes unless --soak-minutes says), or --soak-minutes N.
const SOAK_MINUTES = Number(values['soak-minutes'] ?? (only?.includes('soak') ? 10 : 0));
const wants = (part: string) => (!only || only.includes(part)) && (part !== 'soak' || SOAK_MINUTES > 0);

// Issue 9's budgets. The sync budget is 30 s at 150k pods, scaled linearly to the other sizes.
const SYNC_S_PER_POD = 30 / 150_000;
const BROWSER_MAX_PODS = 50_000;
const k = (n: number) => `${n / 1000}k`;
const results = new ResultSet();
const SETTLE_MS = 60_000;

async function settledRss(server: BenchServer, ms: number): Promise<number> {
  let low = server.rssMb();
  for (let t = 0; t < ms; t += 2_000) {
    await sleep(2_000);
    low = Math.min(low, server.rssMb());
  }
  return low;
}

async function kubernetes(pods: number) {
  console.log(`\n== ${k(pods)} pods: starting the simulator process`);
  const sim = await startSimProcess(pods);
  const s = sim.shape;
  console.log(`  ${s.pods} pods, ${s.deployments} Deployments, ${s.replicaSets} ReplicaSets, ${s.nodes} nodes, ${s.namespaces} namespaces at ${sim.url} (pid ${sim.pid}); controller idle`);
  try {
    if (wants('sync')) {
      const r = await benchSync(sim, RUNS);
      console.log(`  adapter full sync (${r.kinds} kinds): ${fmtSpread(r.adapter)}; Parallax CPU ${r.adapter.cpuMs.toFixed(0)} ms, simulator CPU ${r.adapter.simCpuMs.toFixed(0)} ms`);
      if (r.kubectl) console.log(`  kubectl get pods -A -o json --chunk-size=500: ${fmtSpread(r.kubectl)}; simulator CPU ${r.kubectl.simCpuMs.toFixed(0)} ms; ${r.kubectl.bytesPerPod.toFixed(0)} bytes of output per pod`);
      console.log(`  raw paged lists of the adapter's ${r.kinds} collections (limit=500, bytes discarded): ${fmtSpread(r.raw)}; simulator CPU ${r.raw.simCpuMs.toFixed(0)} ms; ${r.raw.bytesPerPod.toFixed(0)} bytes on the wire per pod`);
      if (r.kubectl) console.log(`  ratio adapter/kubectl: ${(r.adapter.median / r.kubectl.median).toFixed(2)}`);
      console.log(`  heap retained per pod (real inventory, after GC): ${fmtSpread(r.heapPerPod, 'bytes')}; a normalized pod is ${r.normalizedBytesPerPod.toFixed(0)} bytes of JSON`);
      const sizes = overviewPayloadSizes(r.snapshot);
      console.log(`  overview refetch: /api/overview ${sizes.overview} bytes vs /api/snapshot of its old collections ${sizes.snapshot} bytes (1/${Math.round(sizes.snapshot / sizes.overview)})`);
      if (values.profile) await profileSync(sim);
      results.add({ name: `Kubernetes full sync, ${r.kinds} kinds, ${k(pods)} pods`, value: r.adapter.median / 1000, unit: 's', budget: SYNC_S_PER_POD * pods, better: 'lower', note: `wall time, median of ${r.adapter.runs} runs; Parallax's CPU ${(r.adapter.cpuMs / 1000).toFixed(1)} s; budget 30 s at 150k, scaled linearly` });
      results.add({ name: `adapter / raw paged lists, ${k(pods)} pods`, value: r.adapter.median / r.raw.median, unit: 'ratio', budget: 3, better: 'lower', note: `medians: ${(r.adapter.median / 1000).toFixed(2)} s / ${(r.raw.median / 1000).toFixed(2)} s` });
      results.add({ name: `retained heap per pod, ${k(pods)} pods`, value: r.heapPerPod.median / 1024, unit: 'KB', budget: 2, better: 'lower' });
    }
    if (!wants('server') && !wants('browser')) return;
    const server = await startServer({ port: Number(values.port), kubeconfigPath: sim.kubeconfigPath, timeoutMs: 300_000 });
    try {
      await sleep(5_000);
      const early = server.rssMb();
      console.log(`  production server: source synced ${(server.syncMs / 1000).toFixed(1)} s after start; RSS 5 s later ${early.toFixed(0)} MB (pid ${server.pid})`);
      if (wants('server')) {
        // The first list's garbage stays committed until V8's memory reducer runs, about 20-40 s
        // after the allocation stops: the lowest RSS over the next minute, with nothing asked of
        // the server, is what it holds.
        const settled = await settledRss(server, SETTLE_MS);
        console.log(`  RSS settled: ${settled.toFixed(0)} MB (the lowest over ${SETTLE_MS / 1000} s idle)`);
        results.add({ name: `server memory (RSS) after sync, ${k(pods)} pods`, value: settled, unit: 'MB', budget: 600, better: 'lower', note: `budget: 600 MB at 150k pods; settled, the lowest over ${SETTLE_MS / 1000} s idle; ${early.toFixed(0)} MB 5 s after the sync` });
      }
      if (wants('browser') && pods <= BROWSER_MAX_PODS) {
        const b = await benchBrowser({ url: server.url, sim, server, runs: RUNS, timeoutMs: 120_000 });
        const cpu = (c: LiveCpu) => `CPU meanwhile: server ${c.server.toFixed(0)} ms, simulator ${c.sim.toFixed(0)} ms`;
        console.log(`  browser /resources instances: first rows ${fmtSpread(b.firstRows)}; filter keystroke ${fmtSpread(b.keystroke)}; JS heap ${b.heapMb.toFixed(0)} MB`);
        console.log(`  new pods shown ${fmtSpread(b.liveUpdate)} after the scale-up (${cpu(b.liveCpu)}); /workloads desired ${fmtSpread(b.desired)} (${cpu(b.desiredCpu)})`);
        const note = 'budget at 50k pods';
        results.add({ name: `/resources instances: first rows, ${k(pods)} pods`, value: b.firstRows.median / 1000, unit: 's', budget: 1.5, better: 'lower', note });
        results.add({ name: `/resources instances: filter keystroke, ${k(pods)} pods`, value: b.keystroke.median, unit: 'ms', budget: 100, better: 'lower', note });
        results.add({ name: `/resources instances: JS heap, ${k(pods)} pods`, value: b.heapMb, unit: 'MB', budget: 150, better: 'lower', note });
        results.add({ name: `new pods on an open /resources page, ${k(pods)} pods`, value: b.liveUpdate.median / 1000, unit: 's', budget: 1, better: 'lower', note: `${note}; ${cpu(b.liveCpu)}` });
        results.add({ name: `scaled desired count on /workloads, ${k(pods)} pods`, value: b.desired.median, unit: 'ms', budget: 500, better: 'lower', note: `${note}; ${cpu(b.desiredCpu)}` });
      }
      console.log(`  server RSS at the end: ${server.rssMb().toFixed(0)} MB`);
    } finally {
      await server.stop();
    }
  } finally {
    await sim.stop();
  }
}

async function all() {
  const t0 = Date.now();
  if (['sync', 'server', 'browser'].some(wants)) for (const pods of SIZES) await kubernetes(pods);
  if (wants('ecs')) {
    const services = Number(values['ecs-services']);
    console.log(`\n== ECS: ${services} services`);
    const e = await benchEcsCalls(services);
    console.log(`  ${e.services} services, ${e.tasks} tasks, ${e.containerInstances} EC2 container instances, ${e.targetGroups} target groups`);
    for (const [name, p] of [['cold', e.cold], ['warm', e.warm]] as const) console.log(`  ${name} poll: ${p.calls} calls (API minimum ${p.minimum}): ${Object.entries(p.byOp).map(([op, n]) => `${op} ${n}`).join(', ')}`);
    results.add({ name: `ECS calls per cold poll, ${e.services} services / ${e.tasks} tasks`, value: e.cold.calls, unit: 'calls', budget: e.cold.minimum, better: 'lower', note: 'budget: the API minimum' });
    results.add({ name: `ECS calls per warm poll, ${e.services} services / ${e.tasks} tasks`, value: e.warm.calls, unit: 'calls', budget: e.warm.minimum, better: 'lower', note: 'budget: the API minimum' });
  }
  if (wants('drift')) {
    // Several runs whatever --runs says: one computeDrift is short, and the median wants a few.
    const b = benchDrift(Number(values['drift-pairs']), Math.max(RUNS, 7));
    console.log(`\n== drift over ${b.pairs} Kubernetes/ECS pairs (${b.plantedPairs} with planted drift -> ${b.findings} findings; snapshot ${(b.snapshotBytes / 2 ** 20).toFixed(1)} MiB)`);
    console.log(`  computeDrift ${b.drift.wallMs.toFixed(0)} ms (CPU ${b.drift.cpuMs.toFixed(0)} ms); JSON.stringify of the same snapshot ${b.stringify.wallMs.toFixed(0)} ms: ratio ${(b.drift.wallMs / b.stringify.wallMs).toFixed(2)}`);
    results.add({ name: `drift over ${b.pairs} pairs`, value: b.drift.wallMs, unit: 'ms', budget: 200, better: 'lower', note: `wall time; CPU ${b.drift.cpuMs.toFixed(0)} ms` });
  }
  if (wants('search')) benchSearch(values['search-objects'].split(',').map(Number), Math.max(RUNS, 7));
  if (wants('soak')) {
    const { equal } = await runSoak({ minutes: SOAK_MINUTES, faultEverySeconds: Number(values['fault-every']), churnEverySeconds: 3 });
    if (!equal) process.exitCode = 1;
  }
  console.log(`\nbench took ${((Date.now() - t0) / 60_000).toFixed(1)} min`);
  if (values.results !== '-' && results.budgets.length) results.write(`npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), values.results);
}

all().catch((err) => {
  console.error(err);
  process.exit(1);
});
