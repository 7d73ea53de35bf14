// GET /api/search?q=…: the global search. The index is built once per snapshot version (a WeakMap
// keyed by the served snapshot, like the overview's), so a query costs a fuzzy pass over the
// distinct strings, never a rebuild, however many people type at once.
import type { SearchPayload } from '@/lib/views/search';
import { errorResponse, json } from './http';
import { buildSearchIndex, searchIndex, type SearchIndex } from './search-index';
import { perObject, servedSnapshot, type SnapshotReader } from './views';

export const searchIndexOf = perObject(buildSearchIndex);

/** Longer queries are refused rather than matched: no name is that long, and each word costs a pass. */
export const MAX_QUERY_LENGTH = 200;

export function searchResponse(inv: SnapshotReader, url: string): Response {
  const q = new URL(url).searchParams.get('q') ?? '';
  if (q.length > MAX_QUERY_LENGTH) return errorResponse(400, `q is ${q.length} characters; at most ${MAX_QUERY_LENGTH}`);
  const index: SearchIndex = searchIndexOf(servedSnapshot(inv));
  const body: SearchPayload = searchIndex(index, q);
  return json(body, { headers: { 'x-parallax-version': String(inv.version) } });
}
