import { describe, expect, it } from 'vitest';
import type { ModelObject } from '@/lib/model';
import { applyChanges } from './collections';

const obj = (id: string, v = 0) => ({ id, kind: 'instance', v }) as unknown as ModelObject;
const sorted = (objs: ModelObject[]) => [...objs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** A deterministic generator (no Math.random in tests). */
function lcg(seed: number) {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('applyChanges', () => {
  // Both paths (few changes: binary search and splice; many: filter and merge) against a full sort.
  it.each([5, 64, 65, 900])('%d changes give what a full gather and sort gives', (changeCount) => {
    const rnd = lcg(changeCount);
    const ids = Array.from({ length: 1000 }, (_, i) => `k8s/a/ns${i % 7}/Pod/p${Math.floor(rnd() * 5000)}`);
    const before = sorted([...new Map(ids.map((id) => [id, obj(id)])).values()]);
    const truth = new Map(before.map((o) => [o.id, o]));
    const changes = new Map<string, ModelObject | null>();
    for (let i = 0; i < changeCount; i++) {
      const existing = rnd() < 0.5 && before.length ? before[Math.floor(rnd() * before.length)].id : `k8s/a/ns9/Pod/new${Math.floor(rnd() * 10_000)}`;
      const next = rnd() < 0.3 ? null : obj(existing, i + 1);
      changes.set(existing, next);
      if (next) truth.set(existing, next);
      else truth.delete(existing);
    }
    const after = applyChanges(before, changes);
    expect(after).toEqual(sorted([...truth.values()]));
    expect(before).toHaveLength(new Set(ids).size);
  });
});
