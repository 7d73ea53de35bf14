// A CPU profile of one call (the inspector's sampling profiler, in this process), summarised as the
// functions with the most self time, grouped by function and file. `npm run bench -- --profile`
// takes one of the adapter's full syncs, so the causes of a missed budget can be read off the run.
import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] }

export interface Hotspot { name: string; where: string; share: number }

export async function profile<T>(fn: () => Promise<T>): Promise<{ value: T; hotspots: Hotspot[] }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const value = await fn();
    const { profile: p } = (await session.post('Profiler.stop')) as { profile: Profile };
    return { value, hotspots: hotspots(p) };
  } finally {
    session.disconnect();
  }
}

function hotspots(p: Profile): Hotspot[] {
  const byKey = new Map<string, { name: string; where: string; hits: number }>();
  let total = 0;
  for (const n of p.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') continue;
    total += hits;
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    const where = url ? `${path.relative(process.cwd(), url).replace(/^node_modules\//, '')}` : '';
    const name = n.callFrame.functionName || '(anonymous)';
    const key = `${name}\0${where}`;
    const e = byKey.get(key) ?? { name, where, hits: 0 };
    e.hits += hits;
    byKey.set(key, e);
  }
  return [...byKey.values()].sort((a, b) => b.hits - a.hits).map((e) => ({ name: e.name, where: e.where, share: e.hits / total }));
}

/** The top functions, and the share of a few groups (the typed deserializer, GC, JSON.parse, normalizers). */
export function printHotspots(hs: Hotspot[], top = 15): void {
  const group = (test: (h: Hotspot) => boolean) => hs.filter(test).reduce((n, h) => n + h.share, 0);
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(`  CPU profile of one adapter sync (self time; sampled in this process):`);
  console.log(`    groups: client-node ObjectSerializer ${pct(group((h) => /ObjectSerializer|models\/ObjectSerializer/.test(h.name + h.where)))}, garbage collector ${pct(group((h) => h.name === '(garbage collector)'))}, lib/k8s ${pct(group((h) => h.where.startsWith('lib/k8s')))}, lib/inventory ${pct(group((h) => h.where.startsWith('lib/inventory')))}, lib/model ${pct(group((h) => h.where.startsWith('lib/model')))}`);
  for (const h of hs.slice(0, top)) console.log(`    ${pct(h.share).padStart(7)}  ${h.name}  ${h.where}`);
}
