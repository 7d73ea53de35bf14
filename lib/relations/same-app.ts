// The same application on two sources (another platform, or another cluster of the same one). One
// rule, read by the drift engine's pairing (lib/drift/pairing.ts, which adds explicit pairs from
// parallax.yaml first and never guesses among several candidates) and by the workload page's
// "also on" links (below).
import type { Workload } from '@/lib/model';

/** The label (Kubernetes) or service tag (ECS) that names an application; parallax.yaml may choose another. */
export const APP_LABEL = 'app.kubernetes.io/name';

export type SameAppBy = 'label' | 'name';

export interface SameAppRule {
  by: SameAppBy;
  /** The field compared, as the documentation says it. */
  field: string;
  /** The value two workloads must share; undefined: this rule cannot pair the workload. */
  key(w: Workload, label: string): string | undefined;
  /** Workloads that share the key but must still not be paired. */
  unless?(a: Workload, b: Workload, label: string): boolean;
}

/** Both carry the app label, with different values: they say they are different applications. */
export function labelsDisagree(a: Workload, b: Workload, label: string = APP_LABEL): boolean {
  const [av, bv] = [a.labels[label], b.labels[label]];
  return Boolean(av && bv && av !== bv);
}

/** In order: the first rule that finds a partner wins. */
export const SAME_APP_RULES: readonly SameAppRule[] = [
  { by: 'label', field: 'the app label (Kubernetes label, ECS service tag of the same key)', key: (w, label) => w.labels[label] || undefined },
  { by: 'name', field: 'the workload name (the drift engine also wants equal namespace <-> cluster names)', key: (w) => w.name, unless: labelsDisagree },
];

/**
 * The same application on other sources, by the first rule that finds one. `candidates` may be
 * every workload or only those sharing a rule's key (an index's buckets).
 */
export function alsoOn(w: Workload, candidates: readonly Workload[], label: string = APP_LABEL): { workload: Workload; by: SameAppBy }[] {
  const others = candidates.filter((o) => o.source !== w.source && o.id !== w.id);
  for (const rule of SAME_APP_RULES) {
    const key = rule.key(w, label);
    if (key === undefined) continue;
    const found = others.filter((o) => rule.key(o, label) === key && !rule.unless?.(w, o, label));
    if (found.length) return found.map((workload) => ({ workload, by: rule.by }));
  }
  return [];
}
