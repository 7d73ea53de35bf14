import type { Instance, Node, Snapshot } from '@/lib/model';

// Links that need objects of several kinds, computed on the whole snapshot so that adapters
// stay per-kind (which object links to which is lib/relations). Pure: a new snapshot, the input untouched.

const TERMINAL: Instance['state'][] = ['succeeded', 'failed', 'stopped'];

/**
 * Kubernetes nodes report capacity, not use: their requested CPU and memory are the sum of the
 * requests of the pods placed on them (as `kubectl describe node` computes). ECS container
 * instances report it themselves (registered - remaining), so adapters fill those.
 */
export function nodeRequests(nodes: Node[], instances: Instance[]): Node[] {
  const sums = new Map<string, { cpu: number; mem: number }>();
  for (const i of instances) {
    if (!i.node || TERMINAL.includes(i.state)) continue;
    const s = sums.get(i.node) ?? { cpu: 0, mem: 0 };
    s.cpu += i.requests.cpuMillis ?? 0;
    s.mem += i.requests.memoryBytes ?? 0;
    sums.set(i.node, s);
  }
  return nodes.map((n) => {
    if (n.platform !== 'kubernetes') return n;
    const s = sums.get(n.id) ?? { cpu: 0, mem: 0 };
    return { ...n, requested: { cpuMillis: s.cpu, memoryBytes: s.mem } };
  });
}

export function deriveLinks(snapshot: Snapshot): Snapshot {
  return { ...snapshot, nodes: nodeRequests(snapshot.nodes, snapshot.instances) };
}
