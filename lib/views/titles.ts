// Page titles, from what the URL says (no data needed): "web · Workloads" (the layout appends
// " · Parallax"). Ids end with the object's name: k8s/<context>/<namespace>/<Kind>/<name>,
// ecs/<profile>/<region>/<cluster>/<kind>/<name>; a pair id joins two workload ids with "|".
import { RESOURCE_LABEL, resourceKind } from './resources';

export const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

const nameOf = (id: string) => id.split('/').filter(Boolean).at(-1);

export function workloadTitle(id: string | undefined): string {
  const name = id ? nameOf(id) : undefined;
  return name ? `${name} · Workloads` : 'Workloads';
}

export function pairTitle(id: string | undefined): string {
  const names = [...new Set((id ?? '').split('|').map(nameOf).filter(Boolean))];
  return names.length ? `${names.join(' ⟷ ')} · Drift` : 'Drift';
}

export function resourcesTitle(kind: string | undefined): string {
  return `${RESOURCE_LABEL[resourceKind(kind)]} · Resources`;
}
