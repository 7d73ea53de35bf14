// What the global search (GET /api/search?q=…, the command palette) answers: hits grouped by
// concept and platform, capped, with the totals. The index and the matching are on the server
// (lib/server/search-index.ts); this file is the shape both sides share, and where a hit leads.
import type { Platform } from '@/lib/model';
import { objectHref, tableHref, workloadHref } from './url-state';

/** The concepts the search covers, in the order their groups are listed when they rank alike. */
export const SEARCH_CONCEPTS = [
  'workload', 'instance', 'node', 'endpoint', 'config', 'secret', 'volume', 'autoscaler', 'revision', 'group', 'cluster', 'source',
] as const;
export type SearchConcept = (typeof SEARCH_CONCEPTS)[number];

export const CONCEPT_LABEL: Record<SearchConcept, string> = {
  workload: 'Workloads', instance: 'Instances', node: 'Nodes', endpoint: 'Endpoints', config: 'Config', secret: 'Secrets',
  volume: 'Volumes', autoscaler: 'Autoscaling', revision: 'Revisions', group: 'Namespaces', cluster: 'Clusters', source: 'Sources',
};

/** Which part of an object a query matched, best first: a name beats a namespace, which beats a label… */
export const SEARCH_FIELDS = ['name', 'group', 'label', 'image', 'key', 'other'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export interface SearchHit {
  id: string;
  concept: SearchConcept;
  platform: Platform;
  name: string;
  source: string;
  sourceName: string;
  /** Namespace (Kubernetes) or cluster (ECS). */
  group?: string;
  /** What matched, when it was not the name: an image, a label `key=value`, a secret or config key. */
  matched?: { field: SearchField; text: string };
  /** The page that shows the object. */
  href: string;
}

export interface SearchGroup {
  concept: SearchConcept;
  platform: Platform;
  /** Every match in this group; `hits` holds the best few. */
  total: number;
  hits: SearchHit[];
}

export interface SearchPayload {
  q: string;
  /** Every object that matched, and how many of them `groups` holds. */
  total: number;
  shown: number;
  groups: SearchGroup[];
}

const OBJECT_PAGE: ReadonlySet<SearchConcept> = new Set(['instance', 'revision', 'endpoint', 'config', 'secret', 'volume', 'autoscaler', 'node']);

/**
 * Where a hit leads: a workload's own page; any other object's page (its summary and Raw tab); a
 * namespace or an ECS cluster is the workloads table of that group; a source is its card.
 */
export function searchHref(h: Pick<SearchHit, 'id' | 'concept' | 'platform' | 'name' | 'source' | 'group'>): string {
  if (OBJECT_PAGE.has(h.concept)) return objectHref(h.id);
  switch (h.concept) {
    case 'workload': return workloadHref(h.id);
    case 'group': return tableHref('/workloads', { source: h.source, group: h.name });
    case 'cluster': return tableHref('/workloads', { source: h.source, group: h.platform === 'ecs' ? h.name : undefined });
    // The source's card (its id is the card's anchor).
    default: return `/sources#${encodeURIComponent(h.id)}`;
  }
}

export const EMPTY_SEARCH = (q: string): SearchPayload => ({ q, total: 0, shown: 0, groups: [] });
