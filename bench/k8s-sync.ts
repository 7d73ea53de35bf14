// Full sync of the bench cluster (its simulator in its own process, bench/sim.ts), interleaved runs
// of three readers: Parallax's Kubernetes adapter into the real inventory (every kind it reads),
// kubectl `get pods -A -o json --chunk-size=500`, and the simulator's raw paged lists of the same
// collections the adapter reads, all at once as the adapter reads them (limit=500 + continue, bytes
// read off the wire and discarded: the floor). Per run: wall
// time, this process's CPU (Parallax's alone: the simulator's is read from /proc apart) and, for
// the adapter, the heap the inventory retains per pod after GC.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inventory } from '@/lib/inventory/store';
import { createKubeSource } from '@/lib/k8s';
import { KINDS } from '@/lib/k8s/kinds';
import type { Snapshot } from '@/lib/model';
import type { SimProcess } from './sim';
import { printHotspots, profile } from './profile';
import { gc, spread, type Spread } from './stats';

export interface SyncRun { wallMs: number; cpuMs: number; simCpuMs: number }
export interface SyncResult {
  pods: number;
  kinds: number;
  adapter: Spread & { cpuMs: number; simCpuMs: number };
  kubectl?: Spread & { simCpuMs: number; bytesPerPod: number };
  raw: Spread & { simCpuMs: number; bytesPerPod: number };
  heapPerPod: Spread;
  /** JSON.stringify of a normalized pod (an Instance), on average: what the heap figure compares with. */
  normalizedBytesPerPod: number;
  /** The inventory's snapshot after the last adapter run, for figures computed from it. */
  snapshot: Snapshot;
}

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

const haveKubectl = () => new Promise<boolean>((resolve) => {
  const c = spawn('kubectl', ['version', '--client'], { stdio: 'ignore' });
  c.on('error', () => resolve(false));
  c.on('exit', (code) => resolve(code === 0));
});

async function measure<T>(sim: SimProcess, fn: () => Promise<T>): Promise<SyncRun & { value: T }> {
  const sim0 = sim.cpuMs();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000, simCpuMs: sim.cpuMs() - sim0, value };
}

/**
 * One adapter sync into a fresh inventory: until the source is no longer syncing and the inventory
 * has built its snapshot (what the server serves from), with every pod.
 */
async function adapterSync(sim: SimProcess): Promise<{ inventory: Inventory; kinds: number; snapshot: Snapshot }> {
  const inventory = new Inventory();
  await inventory.add(createKubeSource({ platform: 'kubernetes', context: sim.context, kubeconfigPaths: [], kubeconfigYaml: sim.kubeconfigYaml, demo: false }));
  // sources() is cheap; snapshot() is not (it is what is measured), so poll the former.
  for (;;) {
    const s = inventory.sources()[0];
    if (s && s.status !== 'syncing') {
      if (s.status !== 'ok') throw new Error(`the bench cluster's source is ${s.status}: ${s.reason ?? ''}`);
      return { inventory, kinds: s.coverage.length, snapshot: inventory.snapshot() };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** One more adapter sync, under the CPU profiler (not counted in the figures: the profiler slows it). */
export async function profileSync(sim: SimProcess): Promise<void> {
  const { value, hotspots } = await profile(() => adapterSync(sim));
  await value.inventory.stop();
  printHotspots(hotspots);
}

export async function benchSync(sim: SimProcess, runs: number): Promise<SyncResult> {
  const pods = sim.shape.pods;
  const withKubectl = await haveKubectl();
  if (!withKubectl) console.log('  kubectl not found: install kubectl for its baseline; reporting Parallax and the raw list');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-kubectl-'));
  const adapter: SyncRun[] = [];
  const kube: SyncRun[] = [];
  const raw: SyncRun[] = [];
  const heap: number[] = [];
  let kinds = 0;
  let kubectlBytes = 0;
  let rawBytes = 0;
  let snapshot: Snapshot | undefined;
  const steps: (() => Promise<void>)[] = [
    async () => {
      snapshot = undefined; // the previous run's, so that the heap before is this run's baseline
      gc();
      const heap0 = process.memoryUsage().heapUsed;
      const r = await measure(sim, () => adapterSync(sim));
      snapshot = r.value.snapshot;
      const n = snapshot.instances.length;
      if (n !== pods) throw new Error(`synced ${n} pods, expected ${pods}`);
      gc();
      heap.push((process.memoryUsage().heapUsed - heap0) / pods);
      kinds = r.value.kinds;
      await r.value.inventory.stop();
      adapter.push(r);
    },
    async () => {
      if (!withKubectl) return;
      const r = await measure(sim, () => kubectl(['--kubeconfig', sim.kubeconfigPath, '--cache-dir', path.join(dir, 'cache'), 'get', 'pods', '-A', '-o', 'json', '--chunk-size=500']));
      kubectlBytes = r.value;
      kube.push(r);
    },
    async () => {
      const r = await measure(sim, () => Promise.all(KINDS.map((k) => sim.rawPagedList(k.path, 500))));
      rawBytes = r.value.reduce((n, l) => n + l.bytes, 0);
      raw.push(r);
    },
  ];
  // Interleaved, the order rotated each run, so that a busy moment on the machine is shared out.
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < steps.length; j++) await steps[(i + j) % steps.length]();
    process.stdout.write(`  run ${i + 1}/${runs}: adapter ${adapter[i].wallMs.toFixed(0)} ms, ${withKubectl ? `kubectl ${kube[i].wallMs.toFixed(0)} ms, ` : ''}raw ${raw[i].wallMs.toFixed(0)} ms\n`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const med = (rs: SyncRun[], k: keyof SyncRun) => spread(rs.map((r) => r[k])).median;
  return {
    pods, kinds, snapshot: snapshot!,
    adapter: { ...spread(adapter.map((r) => r.wallMs)), cpuMs: med(adapter, 'cpuMs'), simCpuMs: med(adapter, 'simCpuMs') },
    kubectl: withKubectl ? { ...spread(kube.map((r) => r.wallMs)), simCpuMs: med(kube, 'simCpuMs'), bytesPerPod: kubectlBytes / pods } : undefined,
    raw: { ...spread(raw.map((r) => r.wallMs)), simCpuMs: med(raw, 'simCpuMs'), bytesPerPod: rawBytes / pods },
    heapPerPod: spread(heap),
    normalizedBytesPerPod: snapshot!.instances.reduce((n, p) => n + JSON.stringify(p).length, 0) / pods,
  };
}
