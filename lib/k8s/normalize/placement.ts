// A pod spec's scheduling rules -> PlacementTerm[]: nodeSelector and node affinity (node),
// pod affinity (together), pod anti-affinity (distinct when it selects the workload's own pods,
// else apart), tolerations (tolerate), topology spread (spread; DoNotSchedule is required).
import type { V1LabelSelector, V1NodeSelectorTerm, V1PodAffinityTerm, V1PodSpec } from '@kubernetes/client-node';
import { canonicalTopology } from '@/lib/model/topology';
import type { Placement, PlacementTerm } from '@/lib/model/workload';
import { selectorMatches } from '@/lib/relations/kubernetes';
import { asArray } from './common';

type Expr = { key: string; operator: string; values?: string[] };

function exprs(matchLabels: Record<string, string> | undefined, matchExpressions: Expr[] | undefined): string {
  return [
    ...Object.entries(matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...asArray(matchExpressions).map((e) => `${e.key} ${e.operator}${e.values?.length ? ` [${e.values.join(',')}]` : ''}`),
  ].join(', ');
}

const nodeTerm = (t: V1NodeSelectorTerm | undefined) => exprs(undefined, [...asArray(t?.matchExpressions), ...asArray(t?.matchFields)]);
const labelSelector = (s: V1LabelSelector | undefined) => exprs(s?.matchLabels, s?.matchExpressions);

/** True when the selector has only matchLabels and they match the workload's own pod labels. */
function selectsSelf(s: V1LabelSelector | undefined, podLabels: Record<string, string>): boolean {
  return !asArray(s?.matchExpressions).length && selectorMatches(s?.matchLabels, podLabels);
}

export function placementOf(spec: V1PodSpec, podLabels: Record<string, string> = {}): Placement {
  const terms: PlacementTerm[] = [];
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) terms.push({ type: 'node', required: true, expression: `${k}=${v}`, field: 'nodeSelector' });
  const na = spec.affinity?.nodeAffinity;
  for (const t of asArray(na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms)) {
    terms.push({ type: 'node', required: true, expression: nodeTerm(t), field: 'nodeAffinity' });
  }
  for (const p of asArray(na?.preferredDuringSchedulingIgnoredDuringExecution)) {
    terms.push({ type: 'node', required: false, weight: p.weight, expression: nodeTerm(p.preference), field: 'nodeAffinity' });
  }
  const podTerm = (t: V1PodAffinityTerm, anti: boolean, required: boolean, weight?: number): PlacementTerm => ({
    type: anti ? (selectsSelf(t.labelSelector, podLabels) ? 'distinct' : 'apart') : 'together',
    over: canonicalTopology(t.topologyKey),
    required,
    ...(weight !== undefined ? { weight } : {}),
    expression: labelSelector(t.labelSelector),
    field: anti ? 'podAntiAffinity' : 'podAffinity',
  });
  for (const [pa, anti] of [[spec.affinity?.podAffinity, false], [spec.affinity?.podAntiAffinity, true]] as const) {
    for (const t of asArray(pa?.requiredDuringSchedulingIgnoredDuringExecution)) terms.push(podTerm(t, anti, true));
    for (const w of asArray(pa?.preferredDuringSchedulingIgnoredDuringExecution)) {
      if (w.podAffinityTerm) terms.push(podTerm(w.podAffinityTerm, anti, false, w.weight));
    }
  }
  for (const t of asArray(spec.tolerations)) {
    const what = t.operator === 'Exists' ? `${t.key ?? '*'} exists` : `${t.key ?? '*'}=${t.value ?? ''}`;
    terms.push({ type: 'tolerate', required: false, expression: `${what}${t.effect ? `:${t.effect}` : ''}`, field: 'tolerations' });
  }
  for (const t of asArray(spec.topologySpreadConstraints)) {
    terms.push({
      type: 'spread', over: canonicalTopology(t.topologyKey), required: t.whenUnsatisfiable === 'DoNotSchedule', maxSkew: t.maxSkew,
      ...(t.labelSelector ? { expression: labelSelector(t.labelSelector) } : {}), field: 'topologySpreadConstraints',
    });
  }
  return { terms };
}
