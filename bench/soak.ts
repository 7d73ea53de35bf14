// The soak (`npm run bench`, never `npm test`): Parallax's inventory with both adapters against the
// two simulators for N minutes, with churn on both platforms every few seconds and one fault every
// period (bench/soak-world.ts, in a worker thread). At the end, with faults cleared, the inventory
// must equal what the simulators' APIs serve, and Parallax's heap (this thread only: the simulators
// live in the worker) is compared with its heap after the first sync (target: within 20 %).
import path from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { Inventory } from '@/lib/inventory/store';
import { createKubeSource } from '@/lib/k8s/source';
import { createEcsSource } from '@/lib/ecs/source';
import { SIM_CREDENTIALS } from '@/lib/demo/simulators';
import { ecsId, ecsSourceId, k8sId, k8sSourceId, type Snapshot } from '@/lib/model';
import { FAULTS, type Truth, type WorldInfo } from './soak-shared';

export interface SoakOptions { minutes: number; faultEverySeconds: number; churnEverySeconds: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;

function world() {
  // Workers do not inherit tsx's loader: register it in the worker, then load the world.
  const entry = JSON.stringify(path.join(__dirname, 'soak-world.ts'));
  const worker = new Worker(`require('tsx/cjs'); require(${entry});`, { eval: true });
  let seq = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve(m.result);
  });
  const call = <T>(cmd: string, arg?: string) => new Promise<T>((resolve, reject) => {
    const id = seq++;
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    worker.postMessage({ id, cmd, arg });
  });
  return { call, terminate: () => worker.terminate() };
}

/** Differences between the inventory and the truth, as readable lines (empty when equal). */
export function compare(snap: Snapshot, t: Truth, ctx: { kubeSource: string; ecsSource: string }): string[] {
  const out: string[] = [];
  const diff = (what: string, want: Map<string, string>, have: Map<string, string>) => {
    for (const [id, v] of want) if (have.get(id) !== v) out.push(`${what} ${id}: simulator ${v}, inventory ${have.get(id) ?? 'missing'}`);
    for (const id of have.keys()) if (!want.has(id)) out.push(`${what} ${id}: in the inventory only`);
  };
  const k = ctx.kubeSource;
  const e = ctx.ecsSource;
  diff('pod', new Map(t.kube.pods.map((p) => [k8sId(k, p.ns, 'Pod', p.name), `ready=${p.ready}`])),
    new Map(snap.instances.filter((i) => i.source === k).map((i) => [i.id, `ready=${i.ready}`])));
  diff('workload', new Map(t.kube.workloads.map((w) => [k8sId(k, w.ns, w.kind, w.name), `desired=${w.replicas}`])),
    new Map(snap.workloads.filter((w) => w.source === k && /\/(Deployment|StatefulSet)\//.test(w.id)).map((w) => [w.id, `desired=${w.desired}`])));
  diff('configmap', new Map(t.kube.configmaps.map((c) => [k8sId(k, c.ns, 'ConfigMap', c.name), 'present'])),
    new Map(snap.configs.filter((c) => c.source === k).map((c) => [c.id, 'present'])));
  diff('node', new Map(t.kube.nodes.map((n) => [k8sId(k, undefined, 'Node', n), 'present'])),
    new Map(snap.nodes.filter((n) => n.source === k).map((n) => [n.id, 'present'])));
  diff('ecs service', new Map(t.ecs.services.map((s) => [ecsId(e, s.cluster, 'service', s.name), `desired=${s.desired}`])),
    new Map(snap.workloads.filter((w) => w.source === e).map((w) => [w.id, `desired=${w.desired}`])));
  diff('ecs running task', new Map(t.ecs.runningTasks.map((x) => [ecsId(e, x.cluster, 'task', x.id), 'running'])),
    new Map(snap.instances.filter((i) => i.source === e && i.state === 'running').map((i) => [i.id, 'running'])));
  return out;
}

export async function runSoak(o: SoakOptions): Promise<{ equal: boolean }> {
  const w = world();
  const info = await w.call<WorldInfo>('start');
  const inventory = new Inventory();
  const kubeSource = k8sSourceId(info.context);
  const ecsSource = ecsSourceId('soak', info.region);
  // Shorter deadlines and staleness than production, so each fault shows and heals within its period.
  await inventory.add(createKubeSource({ platform: 'kubernetes', context: info.context, kubeconfigPaths: [], kubeconfigYaml: info.kubeconfig, demo: false },
    { requestTimeoutMs: 10_000, staleAfterMs: 15_000, watchTimeoutSeconds: 30, backoff: { baseMs: 500, maxMs: 10_000 } }));
  await inventory.add(createEcsSource({ platform: 'ecs', profile: 'soak', region: info.region, endpoint: info.ecsUrl, pollIntervalMs: 5_000, credentials: SIM_CREDENTIALS, demo: false },
    { callTimeoutMs: 5_000, maxAttempts: 2 }));
  const statuses = () => inventory.sources().map((s) => `${s.platform === 'ecs' ? 'ECS' : 'K8s'} ${s.status}${s.reason ? ` (${s.reason})` : ''}`).join(' | ');
  const downs: string[] = [];
  inventory.subscribe(() => {
    for (const s of inventory.sources()) if (s.status === 'down') downs.push(`${s.name}: ${s.reason}`);
  });

  const t0 = Date.now();
  while (inventory.sources().some((s) => s.status === 'syncing')) await sleep(100);
  console.log(`soak: first sync in ${Date.now() - t0} ms: ${statuses()}`);
  await sleep(5_000);
  gc();
  const heapAfterSync = v8.getHeapStatistics().used_heap_size;

  const end = Date.now() + o.minutes * 60_000;
  const hold = Math.min(20_000, (o.faultEverySeconds * 1000) / 2);
  let nextFault = Date.now() + o.faultEverySeconds * 1000 / 2;
  let nextChurn = Date.now();
  let faultIndex = 0;
  let clearAt = 0;
  let observed = new Set<string>();
  while (Date.now() < end) {
    const now = Date.now();
    if (now >= nextChurn) {
      await w.call('churn').catch((e: Error) => console.log(`soak: churn step failed: ${e.message.split('\n')[0]}`));
      nextChurn = now + o.churnEverySeconds * 1000;
    }
    if (now >= nextFault) {
      const f = FAULTS[faultIndex++ % FAULTS.length];
      await w.call('fault', f.name);
      console.log(`soak: ${((now - t0) / 1000).toFixed(0)} s: fault ${f.name}: ${f.what}`);
      observed = new Set();
      clearAt = now + hold;
      nextFault = now + o.faultEverySeconds * 1000;
    }
    if (clearAt && now < clearAt) observed.add(statuses());
    if (clearAt && now >= clearAt) {
      await w.call('clearFaults');
      clearAt = 0;
      for (const s of observed) console.log(`soak:   seen: ${s}`);
    }
    await sleep(250);
  }
  await w.call('clearFaults');

  // Faults cleared, churn stopped: the inventory must converge on the truth, and the sources on ok (bounded wait).
  let differences: string[] = [];
  const settleStart = Date.now();
  for (;;) {
    differences = compare(inventory.snapshot(), await w.call<Truth>('truth'), { kubeSource, ecsSource });
    const allOk = inventory.sources().every((s) => s.status === 'ok');
    if ((!differences.length && allOk) || Date.now() > settleStart + 60_000) break;
    await sleep(1_000);
  }
  console.log(`soak: settled ${((Date.now() - settleStart) / 1000).toFixed(0)} s after the last fault was cleared`);
  gc();
  const heapAtEnd = v8.getHeapStatistics().used_heap_size;
  const counts = await w.call<{ kubeLists: number; kubeWatches: number; awsCalls: number; writes: number }>('requestCounts');
  const snap = inventory.snapshot();
  await inventory.stop();
  await w.call('stop');
  await w.terminate();

  const growth = (heapAtEnd - heapAfterSync) / heapAfterSync;
  console.log(`soak: ${o.minutes} min, a fault every ${o.faultEverySeconds} s (held ${hold / 1000} s), churn every ${o.churnEverySeconds} s`);
  console.log(`soak: final status: ${statuses()}; went down: ${downs.length ? [...new Set(downs)].join('; ') : 'never'}`);
  console.log(`soak: Parallax's requests: ${counts.kubeLists} Kubernetes lists, ${counts.kubeWatches} watches, ${counts.awsCalls} AWS calls, ${counts.writes} writes`);
  console.log(`soak: inventory vs simulators' truth: ${differences.length ? `${differences.length} differences:\n  ${differences.slice(0, 20).join('\n  ')}` : `equal (${snap.instances.length} instances, ${snap.workloads.length} workloads, ${snap.configs.length} configs, ${snap.nodes.length} nodes)`}`);
  console.log(`soak: memory (V8 heap used after GC, Parallax's thread): after first sync ${mb(heapAfterSync)}, at the end ${mb(heapAtEnd)}: ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} % (target: within 20 %: ${Math.abs(growth) <= 0.2 ? 'yes' : 'NO'})`);
  return { equal: differences.length === 0 };
}
