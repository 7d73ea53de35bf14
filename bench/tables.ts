// What a table page downloads at scale: the whole collections it used to fetch from /api/snapshot
// against GET /api/table's first window, and what a keystroke and a change cost on the server.
// Pods are the bench's synthetic cluster's (bench/cluster.ts), normalized by the adapter's own normalizer.
// Run: npx tsx bench/tables.ts [pods]   (not part of npm test)
import { gzipSync } from 'node:zlib';
import type { V1Pod } from '@kubernetes/client-node';
import { normalizePod } from '@/lib/k8s/normalize/pods';
import type { Snapshot } from '@/lib/model';
import { pickCollections } from '@/lib/server/http';
import { tableResponse } from '@/lib/server/table';
import { K8S, sampleSnapshot } from '@/lib/testing/sample-snapshot';
import { clusterObjects } from './cluster';

const n = Number(process.argv[2] ?? 50_000);
const ctx = { sourceId: K8S.id, clusterId: `${K8S.id}/_/Cluster/kind-demo` };
const lookups = { replicaSetOwner: () => undefined, nodeZone: () => 'zone-a' };
const pods = clusterObjects(n).filter((o) => o.kind === 'Pod');
const instances = pods.map((p) => normalizePod(ctx, p as unknown as V1Pod, lookups).instance).sort((a, b) => (a.id < b.id ? -1 : 1));
const base: Snapshot = { ...sampleSnapshot(), instances };

const size = (text: string) => ({ raw: Buffer.byteLength(text), gzip: gzipSync(text).length });
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
let version = 1;
let snap = base;
const reader = { snapshot: () => snap, get version() { return version; } };
async function ask(qs: string): Promise<{ ms: number; text: string }> {
  const t0 = performance.now();
  const text = await tableResponse(reader, `http://x/api/table?table=instances&${qs}`).text();
  return { ms: performance.now() - t0, text };
}

async function main() {
const before = size(JSON.stringify(pickCollections(base, new Set(['instances', 'revisions']))));
const cold = await ask('limit=200');
const warm = await ask('limit=200');
const keystrokes: number[] = [];
for (const q of ['a', 'ap', 'app', 'app-1', 'app-12', 'app-123', 'app-12', 'app-1', 'team-1 app-2', 'team-1 app-2x']) keystrokes.push((await ask(`q=${q}&limit=200`)).ms);
const sorted = await ask('sort=-age&limit=200');
// A change: one pod replaced, one added (a new array, every other object the same).
snap = { ...base, instances: [...base.instances.slice(1), { ...base.instances[0], phase: 'Failed', state: 'failed' }] };
version++;
const change = await ask('limit=200');
const after = size(cold.text);
console.log(JSON.stringify({
  pods: n,
  perLoadBefore: { raw: kb(before.raw), gzip: kb(before.gzip) },
  perLoadAfter: { raw: kb(after.raw), gzip: kb(after.gzip) },
  serverMs: { cold: Math.round(cold.ms), warm: Math.round(warm.ms), keystrokes: keystrokes.map(Math.round), sortAge: Math.round(sorted.ms), afterChange: Math.round(change.ms) },
}, null, 2));
}

void main();
