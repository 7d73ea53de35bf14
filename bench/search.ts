// The global search at scale: a synthetic snapshot of N objects (both platforms; per app a workload,
// its revision, pods or tasks, a config map, a secret with keys, an endpoint; nodes), the index
// built once (as the server does per snapshot version), then typical queries. The baseline, measured
// in the same run on the same objects: a plain case-insensitive substring scan of the same strings
// (what a table filter does, texts joined beforehand), which finds no typo and ranks nothing.
// Prints timings and ratios; never fails on a time.
import type { Instance, Node, Platform, Snapshot, Workload } from '@/lib/model';
import { ECS, K8S, sampleInstance, sampleWorkload } from '@/lib/testing/sample-snapshot';
import { buildSearchIndex, searchIndex } from '@/lib/server/search-index';
import { parseImage } from '@/lib/model';

const WORDS = ['orders', 'payments', 'web', 'api', 'search', 'cart', 'checkout', 'users', 'catalog', 'inventory', 'billing', 'shipping', 'auth', 'gateway', 'worker', 'reports'];
const PODS_PER_APP = 8;
const base = (id: string, platform: Platform, name: string, group: string, labels: Record<string, string> = {}) => ({
  id, platform, source: platform === 'ecs' ? ECS.id : K8S.id, name, groupName: group, group, labels, ref: { kind: 'x' },
});

/** About `objects` objects: per app 1 workload + 1 revision + 8 instances + 1 config + 1 secret + 1 endpoint, and a node per 100. */
export function searchSnapshot(objects: number): Snapshot {
  const apps = Math.max(1, Math.round(objects / (5 + PODS_PER_APP + 0.13)));
  const s: Snapshot = {
    generatedAt: new Date(0).toISOString(), sources: [K8S, ECS], clusters: [], groups: [], nodes: [], workloads: [], revisions: [],
    instances: [], endpoints: [], configs: [], secrets: [], volumes: [], autoscalers: [], events: [],
  };
  for (let i = 0; i < apps; i++) {
    const platform: Platform = i % 2 ? 'ecs' : 'kubernetes';
    const name = `${WORDS[i % WORDS.length]}-${Math.floor(i / 2)}`;
    const group = `team-${i % 40}`;
    const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': WORDS[(i >> 3) % WORDS.length], tier: i % 3 ? 'backend' : 'frontend' };
    const image = `ghcr.io/acme/${name}:1.${i % 9}.${i % 5}`;
    const w: Workload = { ...sampleWorkload({ ...base(`w/${i}`, platform, name, group, labels) }), kind: 'workload' };
    w.template = { ...w.template, containers: [{ ...w.template.containers[0], image: parseImage(image) }] };
    s.workloads.push(w);
    const hash = (i * 2654435761 >>> 0).toString(36).slice(0, 8);
    s.revisions.push({ ...base(`r/${i}`, platform, `${name}-${hash}`, group, labels), kind: 'revision', workload: w.id, revision: '1', images: [image], state: 'current', status: 'ReplicaSet', desired: PODS_PER_APP, ready: PODS_PER_APP });
    for (let p = 0; p < PODS_PER_APP; p++) {
      const pod: Instance = sampleInstance({ ...base(`i/${i}/${p}`, platform, platform === 'ecs' ? `${hash}${p.toString(16)}0f3c9a2b41d7e8` : `${name}-${hash}-${(p * 7919 + i).toString(36).padStart(5, 'x')}`, group, { ...labels, 'pod-template-hash': hash }), workload: w.id });
      pod.containers = [{ name: 'app', image, ready: true, restarts: 0, state: 'running' }];
      s.instances.push(pod);
    }
    s.configs.push({ ...base(`c/${i}`, platform, `${name}-config`, group), kind: 'config', configKind: 'configMap', data: { LOG_LEVEL: 'info', REGION: 'eu-west-1' }, binaryKeys: [], usedBy: [w.id] });
    s.secrets.push({ ...base(`s/${i}`, platform, `${name}-db`, group), kind: 'secret', secretKind: 'secret', keys: [{ key: 'password', hash: 'h' }, { key: 'username' }], usedBy: [w.id] });
    s.endpoints.push({ ...base(`e/${i}`, platform, name, group), kind: 'endpoint', endpointKind: 'service', addresses: [], ports: [], readyTargets: 1, notReadyTargets: 0, workloads: [w.id], rules: [], tls: [] });
    if (i % 8 === 0) {
      const node: Node = { ...base(`n/${i}`, platform, `ip-10-0-${i % 250}-${i % 200}.ec2.internal`, ''), kind: 'node', ready: true, status: 'Ready', roles: [], capacity: {}, allocatable: {}, requested: {}, taints: [], unschedulable: false, instanceId: `i-0${hash}` };
      s.nodes.push(node);
    }
  }
  return s;
}

const QUERIES = ['orders-12', 'ordres-12', 'web', 'app=checkout-11', 'team-3 api', 'acme/cart', 'password'];

/** Each object's strings (name, group, labels, images), lowercased and joined once, as a table filter keeps them. */
function scanTexts(s: Snapshot): string[] {
  const all = [...s.workloads, ...s.revisions, ...s.instances, ...s.configs, ...s.secrets, ...s.endpoints, ...s.nodes];
  return all.map((o) => [o.name, o.groupName ?? '', ...Object.entries(o.labels).map(([k, v]) => `${k}=${v}`),
    ...('containers' in o ? o.containers.map((c) => (typeof c.image === 'string' ? c.image : '')) : [])].join(' ').toLowerCase());
}

/** The baseline: every word as a substring of every object's text (no typo, no ranking, no grouping). */
function substringScan(texts: string[], q: string): number {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  let n = 0;
  for (const t of texts) if (words.every((w) => t.includes(w))) n++;
  return n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time<T>(runs: number, fn: () => T): { ms: number; value: T } {
  let value!: T;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), value };
}

export function benchSearch(sizes: number[], runs: number): void {
  for (const size of sizes) {
    const snap = searchSnapshot(size);
    const objects = snap.workloads.length + snap.revisions.length + snap.instances.length + snap.configs.length + snap.secrets.length + snap.endpoints.length + snap.nodes.length;
    const build = time(Math.min(runs, 3), () => buildSearchIndex(snap));
    const index = build.value;
    const texts = scanTexts(snap);
    console.log(`search over ${objects} objects: index built in ${build.ms.toFixed(0)} ms (${index.strings.length} distinct strings); ${runs} runs per query, median:`);
    for (const q of QUERIES) {
      const s = time(runs, () => searchIndex(index, q));
      const b = time(runs, () => substringScan(texts, q));
      console.log(`  ${JSON.stringify(q).padEnd(18)} search ${s.ms.toFixed(1).padStart(6)} ms (${s.value.total} matches, ${s.value.shown} returned)   substring scan ${b.ms.toFixed(1).padStart(6)} ms (${b.value} matches)   ratio ${(s.ms / b.ms).toFixed(2)}`);
    }
  }
}
