import type { Instance, Node } from '@/lib/model';

// Links that need objects of several kinds, computed on the whole snapshot so that adapters
// stay per-kind (which object links to which is lib/relations). The inputs are never changed.

const TERMINAL: Instance['state'][] = ['succeeded', 'failed', 'stopped'];

/**
 * Kubernetes nodes report capacity, not use: their requested CPU and memory are the sum of the
 * requests of the pods placed on them (as `kubectl describe node` computes). ECS container
 * instances report it themselves (registered - remaining), so adapters fill those.
 */
export function nodeRequests(nodes: Node[], instances: Instance[], previous?: Node[]): Node[] {
  const sums = new Map<string, { cpu: number; mem: number }>();
  for (const i of instances) {
    if (!i.node || TERMINAL.includes(i.state)) continue;
    const s = sums.get(i.node) ?? { cpu: 0, mem: 0 };
    s.cpu += i.requests.cpuMillis ?? 0;
    s.mem += i.requests.memoryBytes ?? 0;
    sums.set(i.node, s);
  }
  const out = nodes.map((n) => {
    if (n.platform !== 'kubernetes') return n;
    const s = sums.get(n.id) ?? { cpu: 0, mem: 0 };
    // The same node with the same sums is the same object as before, so caches keyed on it hold.
    const before = derived.get(n);
    if (before?.requested.cpuMillis === s.cpu && before.requested.memoryBytes === s.mem) return before;
    const next = { ...n, requested: { cpuMillis: s.cpu, memoryBytes: s.mem } };
    derived.set(n, next);
    return next;
  });
  // Nothing changed: the previous array itself (a collection's identity is its version).
  return previous && previous.length === out.length && out.every((n, i) => n === previous[i]) ? previous : out;
}

/** Each adapter node's last derived copy (kept as long as the adapter's object is). */
const derived = new WeakMap<Node, Node>();
