// Table-driven tests of a relation table (lib/relations): each case names a rule by its ends and
// link, gives two API objects and whether they link; every rule needs a case each way.
import { describe, expect, it } from 'vitest';
import type { ApiObject, LinkBy, Relation } from '@/lib/relations/rules';

export type RelationCase = [from: string, to: string, by: LinkBy, fromObj: ApiObject, toObj: ApiObject, links: boolean, why: string];

const matches = (rule: Relation, [from, to, by]: RelationCase) => rule.from.includes(from) && rule.to.includes(to) && rule.by === by;

export function describeRelations(name: string, rules: readonly Relation[], cases: RelationCase[]): void {
  describe(name, () => {
    // The reason fourth, so that the title shows it and not the objects.
    const titled = cases.map(([from, to, by, fromObj, toObj, links, why]) => [from, to, by, why, fromObj, toObj, links] as const);
    it.each(titled)('%s -> %s by %s: %s', (from, to, by, why, fromObj, toObj, links) => {
      expect(fromObj, why).toBeDefined();
      expect(toObj, why).toBeDefined();
      const found = rules.filter((rule) => matches(rule, [from, to, by, fromObj, toObj, links, why]));
      expect(found, 'exactly one rule').toHaveLength(1);
      expect(found[0].links(fromObj, toObj)).toBe(links);
    });
    it('every rule has a case that links and one that does not', () => {
      for (const rule of rules) {
        const outcomes = new Set(cases.filter((c) => matches(rule, c)).map((c) => c[5]));
        expect(outcomes, `${rule.from} -> ${rule.to} by ${rule.by}`).toEqual(new Set([true, false]));
      }
    });
  });
}
