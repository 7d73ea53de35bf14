// The query language shared by the table filters (filter.ts) and the global search
// (lib/server/search-index.ts): whitespace-separated terms, all of which must hold.
//   web            a word: a substring in a table, fuzzy (typo-tolerant) in the global search
//   app=web        a label (Kubernetes) or tag (ECS); `app=` any value of that key
//   platform:ecs   a field; only the names a caller knows (platform), so `nginx:1.27` stays a word
import type { Platform } from '@/lib/model';

export interface LabelTerm {
  /** Lowercased; matched against each key's names (labelKeyNames). */
  key: string;
  /** Lowercased; '' for any value. */
  value: string;
}

export interface QueryTerms {
  /** Lowercased words. */
  words: string[];
  labels: LabelTerm[];
  /** `platform:ecs`, `platform:k8s`: the platforms asked for (OR-ed); empty for any. */
  platforms: Platform[];
}

const PLATFORM_ALIASES: Record<string, Platform> = { k8s: 'kubernetes', kube: 'kubernetes', kubernetes: 'kubernetes', ecs: 'ecs' };

export function parseQuery(q: string): QueryTerms {
  const out: QueryTerms = { words: [], labels: [], platforms: [] };
  for (const raw of q.split(/\s+/)) {
    const term = raw.toLowerCase();
    if (!term) continue;
    const colon = term.indexOf(':');
    if (colon > 0 && term.slice(0, colon) === 'platform') {
      const p = PLATFORM_ALIASES[term.slice(colon + 1)];
      // An unknown platform matches nothing (rather than being ignored and showing everything).
      out.platforms.push(p ?? (term.slice(colon + 1) as Platform));
      continue;
    }
    const eq = term.indexOf('=');
    if (eq > 0) {
      out.labels.push({ key: term.slice(0, eq), value: term.slice(eq + 1) });
      continue;
    }
    out.words.push(term);
  }
  return out;
}

export const PAIRING_LABEL = 'app.kubernetes.io/name';

/**
 * The lowercased names a label key answers to in a query: itself, its name without the prefix
 * (`app.kubernetes.io/part-of` -> `part-of`), and `app` for `app.kubernetes.io/name` (the
 * recommended label that replaced the old `app`, and the key Parallax pairs apps by).
 */
export function labelKeyNames(key: string): string[] {
  const k = key.toLowerCase();
  const names = [k];
  const slash = k.lastIndexOf('/');
  if (slash >= 0 && slash < k.length - 1) names.push(k.slice(slash + 1));
  if (k === PAIRING_LABEL) names.push('app');
  return names;
}

export function labelMatches(labels: Record<string, string>, term: LabelTerm): boolean {
  for (const [k, v] of Object.entries(labels)) {
    if (term.value !== '' && v.toLowerCase() !== term.value) continue;
    if (labelKeyNames(k).includes(term.key)) return true;
  }
  return false;
}
