// Which workloads are the same application on two sources. In this order, for each pair of sources:
//   1. explicit pairs from the config file;
//   2. then the same-application rules (lib/relations/same-app.ts, also behind the workload page's
//      "also on"): the app label (app.kubernetes.io/name) on Kubernetes <-> the ECS service tag of the
//      same key, narrowed here to equal group names (namespace <-> cluster) when a label value is
//      used several times; then equal names, here within groups of equal name, only where the two
//      do not carry different app labels (marked as a guess);
// and never a guess among several candidates: those are listed as ambiguous, with how to pair them.
import type { Source, Workload } from '@/lib/model';
import { globMatch, type DriftConfig, type WorkloadSelector } from './config';
import { labelsDisagree, SAME_APP_RULES } from '@/lib/relations/same-app';
import type { PairedBy } from './types';

export interface PairedWorkloads {
  key: string;
  by: PairedBy;
  left: Workload;
  right: Workload;
}

export interface SourcePairing {
  left: Source;
  right: Source;
  pairs: PairedWorkloads[];
  /** Workloads with no partner on the other source of this pair. */
  unpaired: { workload: Workload; missingFrom: Source }[];
  ambiguous: { workload: Workload; candidates: Workload[]; howToPair: string }[];
}

export interface PairingOptions {
  workloads: readonly Workload[];
  sources: readonly Source[];
  config: DriftConfig;
  /** Compare only these two sources (ids or names), the first on the left. */
  only?: readonly [string, string];
}

export interface Pairing {
  sourcePairs: SourcePairing[];
  /** Workloads of Kubernetes system namespaces left out. */
  excluded: number;
}

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Kubernetes before ECS, then by name: the left column is stable whatever order sources arrive in. */
function sourceOrder(a: Source, b: Source): number {
  if (a.platform !== b.platform) return a.platform === 'kubernetes' ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function findSource(sources: readonly Source[], ref: string): Source {
  const s = sources.find((x) => x.id === ref) ?? sources.find((x) => x.name === ref);
  if (!s) throw new Error(`no source "${ref}"; sources: ${sources.map((x) => x.name).join(', ') || 'none'}`);
  return s;
}

export function selectorMatches(sel: WorkloadSelector, w: Workload, source: Source): boolean {
  if (typeof sel === 'string') return sel === w.id;
  return globMatch(sel.name, w.name)
    && (sel.group === undefined || globMatch(sel.group, w.groupName ?? ''))
    && (sel.source === undefined || globMatch(sel.source, source.name) || globMatch(sel.source, source.id));
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const describeSelector = (sel: WorkloadSelector) => (typeof sel === 'string' ? sel : JSON.stringify(sel));

function howToPair(w: Workload, candidates: Workload[], sources: Map<string, Source>): string {
  const sel = (x: Workload) => `{ source: ${JSON.stringify(sources.get(x.source)?.name ?? x.source)}, group: ${JSON.stringify(x.groupName ?? '')}, name: ${JSON.stringify(x.name)} }`;
  return `add to parallax.yaml:\npairs:\n  - workloads:\n      - ${sel(w)}\n      - ${sel(candidates[0] ?? w)}`;
}

function pairSources(left: Source, right: Source, byId: Map<string, Workload[]>, opts: PairingOptions, sourceMap: Map<string, Source>): SourcePairing {
  const label = opts.config.pairing.label;
  const la = byId.get(left.id) ?? [];
  const ra = byId.get(right.id) ?? [];
  const taken = new Set<string>();
  const pairs: PairedWorkloads[] = [];
  const ambiguous: SourcePairing['ambiguous'] = [];
  const free = (list: readonly Workload[]) => list.filter((w) => !taken.has(w.id));
  const pair = (l: Workload, r: Workload, by: PairedBy, key: string) => {
    taken.add(l.id);
    taken.add(r.id);
    pairs.push({ key, by, left: l, right: r });
  };

  for (const rule of opts.config.pairs) {
    const [s0, s1] = rule.workloads;
    for (const [sl, sr] of [[s0, s1], [s1, s0]] as const) {
      const ml = free(la).filter((w) => selectorMatches(sl, w, left));
      const mr = free(ra).filter((w) => selectorMatches(sr, w, right));
      if (ml.length === 1 && mr.length === 1) {
        pair(ml[0], mr[0], 'config', rule.name ?? ml[0].labels[label] ?? ml[0].name);
        break;
      }
      if (ml.length > 1 || mr.length > 1) {
        const [many, sel] = ml.length > 1 ? [ml, sl] : [mr, sr];
        for (const w of many) {
          ambiguous.push({ workload: w, candidates: many.filter((x) => x !== w), howToPair: `the parallax.yaml pair ${describeSelector(sel)} matches ${many.length} workloads: narrow it with source and group` });
          taken.add(w.id);
        }
        break;
      }
    }
  }

  const [labelRule, nameRule] = SAME_APP_RULES;
  const byLabel = (list: Workload[]) => {
    const m = new Map<string, Workload[]>();
    for (const w of list) {
      const v = labelRule.key(w, label);
      if (v !== undefined) push(m, v, w);
    }
    return m;
  };
  const rl = byLabel(free(ra));
  for (const [value, ls] of byLabel(free(la))) {
    const rs = rl.get(value);
    if (!rs) continue;
    if (ls.length === 1 && rs.length === 1) {
      pair(ls[0], rs[0], 'label', value);
      continue;
    }
    // Several with one label value: pair within groups of equal name where that is one-to-one.
    for (const l of ls) {
      const sameGroupL = ls.filter((x) => x.groupName === l.groupName);
      const sameGroupR = rs.filter((x) => x.groupName === l.groupName);
      if (sameGroupL.length === 1 && sameGroupR.length === 1) pair(l, sameGroupR[0], 'label', value);
    }
    const restL = free(ls);
    const restR = free(rs);
    if (restL.length && restR.length) {
      for (const w of restL) ambiguous.push({ workload: w, candidates: restR, howToPair: howToPair(w, restR, sourceMap) });
      for (const w of restR) ambiguous.push({ workload: w, candidates: restL, howToPair: howToPair(w, restL, sourceMap) });
      for (const w of [...restL, ...restR]) taken.add(w.id);
    }
  }

  // Equal names in equal groups, unless both carry the label with different values (they say they differ).
  const nameKey = (w: Workload) => `${w.groupName ?? ''}\n${nameRule.key(w, label)}`;
  const rightByName = new Map<string, Workload[]>();
  for (const w of free(ra)) push(rightByName, nameKey(w), w);
  const leftByName = new Map<string, Workload[]>();
  for (const w of free(la)) push(leftByName, nameKey(w), w);
  for (const [k, ls] of leftByName) {
    const rs = rightByName.get(k);
    if (!rs || ls.length !== 1 || rs.length !== 1) continue;
    const [l, r] = [ls[0], rs[0]];
    if (labelsDisagree(l, r, label)) continue;
    pair(l, r, 'name', l.name);
  }

  const unpaired: SourcePairing['unpaired'] = [
    ...free(la).map((workload) => ({ workload, missingFrom: right })),
    ...free(ra).map((workload) => ({ workload, missingFrom: left })),
  ];
  pairs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.left.id < b.left.id ? -1 : 1));
  return { left, right, pairs, unpaired, ambiguous };
}

export function pairWorkloads(opts: PairingOptions): Pairing {
  const sourceMap = new Map(opts.sources.map((s) => [s.id, s]));
  const byId = new Map<string, Workload[]>();
  let excluded = 0;
  for (const w of opts.workloads) {
    if (w.platform === 'kubernetes' && !opts.config.pairing.includeSystemNamespaces && SYSTEM_NAMESPACES.has(w.groupName ?? '')) {
      excluded++;
      continue;
    }
    push(byId, w.source, w);
  }
  let pairsOfSources: [Source, Source][];
  if (opts.only) {
    pairsOfSources = [[findSource(opts.sources, opts.only[0]), findSource(opts.sources, opts.only[1])]];
    if (pairsOfSources[0][0].id === pairsOfSources[0][1].id) throw new Error('--source twice names the same source');
  } else {
    const sorted = [...opts.sources].sort(sourceOrder);
    pairsOfSources = [];
    for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) pairsOfSources.push([sorted[i], sorted[j]]);
  }
  return { sourcePairs: pairsOfSources.map(([l, r]) => pairSources(l, r, byId, opts, sourceMap)), excluded };
}
