/**
 * Plausible, deterministic resource usage for the simulator's metrics.k8s.io: each container
 * works at its own share of its request (or of a small default), swinging slowly over the hour
 * with a little jitter per 15 s sample, and stays below its limit; a node uses what its running
 * pods use plus the system's share, below its allocatable. Pure: time and seed are arguments.
 */
import { cpuToMillis, memoryToBytes } from '@/lib/model/units';
import { hash } from '../telemetry/prng';
import type { Dict, KubeObject } from './types';

/** metrics-server's resolution: usage is a rate over this window, sampled at its end. */
export const WINDOW_MS = 15_000;

export interface Usage {
  /** millicores (fractional) */
  cpu: number;
  bytes: number;
}

/** A number in [0, 1) fixed by the key. */
const unit = (key: string): number => hash(key) / 4294967296;

/** The sample time for `now`: the end of the last full window. */
export function sampleTime(now: number): number {
  return Math.floor(now / WINDOW_MS) * WINDOW_MS;
}

function level(key: string, base: number, at: number, limit: number | undefined): number {
  const share = 0.2 + 0.5 * unit(`${key}/share`);
  const phase = 2 * Math.PI * unit(`${key}/phase`);
  const swing = 0.25 * Math.sin((2 * Math.PI * at) / 3_600_000 + phase);
  const jitter = 0.1 * (unit(`${key}/${sampleTime(at)}`) - 0.5);
  const v = base * share * (1 + swing + jitter);
  return limit !== undefined ? Math.min(v, 0.9 * limit) : v;
}

/** Usage of one container of a pod at `at`. */
export function containerUsage(pod: KubeObject, container: Dict, seed: number, at: number): Usage {
  const key = `${seed}/${pod.metadata.namespace}/${pod.metadata.name}/${String(container.name)}`;
  const req = container.resources?.requests ?? {};
  const lim = container.resources?.limits ?? {};
  const cpuLimit = cpuToMillis(lim.cpu);
  const memLimit = memoryToBytes(lim.memory);
  const cpuBase = cpuToMillis(req.cpu) ?? (cpuLimit !== undefined ? cpuLimit / 2 : 50);
  const memBase = memoryToBytes(req.memory) ?? (memLimit !== undefined ? memLimit / 2 : 96 * 2 ** 20);
  return { cpu: Math.max(0.5, level(`${key}/cpu`, cpuBase, at, cpuLimit)), bytes: Math.round(Math.max(2 ** 20, level(`${key}/mem`, memBase, at, memLimit))) };
}

/** System daemons' share of a node (kubelet, runtime, kube-proxy). */
function systemUsage(node: KubeObject, seed: number, at: number): Usage {
  const key = `${seed}/node/${node.metadata.name}`;
  return { cpu: level(`${key}/cpu`, 200, at, undefined), bytes: level(`${key}/mem`, 900 * 2 ** 20, at, undefined) };
}

/** A node's usage: its running pods plus the system, below 90% of allocatable. */
export function nodeUsage(node: KubeObject, pods: KubeObject[], seed: number, at: number): Usage {
  const total = systemUsage(node, seed, at);
  for (const p of pods) {
    if (p.spec?.nodeName !== node.metadata.name || p.status?.phase !== 'Running') continue;
    for (const c of (p.spec?.containers ?? []) as Dict[]) {
      const u = containerUsage(p, c, seed, at);
      total.cpu += u.cpu;
      total.bytes += u.bytes;
    }
  }
  const alloc = node.status?.allocatable ?? {};
  const cpuCap = cpuToMillis(alloc.cpu);
  const memCap = memoryToBytes(alloc.memory);
  return {
    cpu: cpuCap !== undefined ? Math.min(total.cpu, 0.9 * cpuCap) : total.cpu,
    bytes: Math.round(memCap !== undefined ? Math.min(total.bytes, 0.9 * memCap) : total.bytes),
  };
}

/** Quantities as metrics-server writes them: CPU in nanocores, memory in KiB. */
export function usageQuantities(u: Usage): { cpu: string; memory: string } {
  return { cpu: `${Math.round(u.cpu * 1e6)}n`, memory: `${Math.round(u.bytes / 1024)}Ki` };
}
