// One page of a list, read as plain JSON: GET <collection path>?limit=N&continue=T over client-node's
// authentication and dispatcher (authorizedGet), the body parsed with JSON.parse and handed to the
// normalizers as it is. Not client-node's generated list calls: their typed deserializer
// (ObjectSerializer: a class instance per nested object, timestamps to Date) cost about a quarter of
// the adapter's CPU at 50,000 pods plus much of its garbage, and the normalizers read plain objects
// anyway (watch events always were plain JSON).
import type { KubeConfig } from '@kubernetes/client-node';
import type { Clock } from '@/lib/util/clock';
import { httpError, KubeError } from './errors';
import { authorizedGet } from './authorized-get';

/** A list response as the API server sends it (only what the loop reads). */
export interface ListPage {
  items?: unknown[];
  /** ListMeta: `continue` is set while more pages follow; `resourceVersion` is the list's (opaque). */
  metadata?: { resourceVersion?: string; continue?: string };
}

export interface ListPageRequest {
  /** Collection path, cluster-wide or one namespace's (collectionPath). */
  path: string;
  limit: number;
  continue?: string;
}

/** Reads one list page; the signal aborts the request and the body read (the page's deadline). */
export type ListPager = (req: ListPageRequest, signal: AbortSignal) => Promise<ListPage>;

export function listPager(kc: KubeConfig, server: string, clock: Clock): ListPager {
  const base = server.replace(/\/+$/, '');
  return async (req, signal) => {
    const url = new URL(base + req.path);
    url.searchParams.set('limit', String(req.limit));
    if (req.continue) url.searchParams.set('continue', req.continue);
    const res = await authorizedGet(kc, url, signal);
    const body = await res.text();
    if (res.status !== 200) {
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => { headers[k] = v; });
      throw httpError(res.status, body, server, headers, clock);
    }
    return parseListPage(body, server, req.path);
  };
}

/** The body of a 200 list answer; anything but `{items: [...]}` is an error of the list (retried), never an empty list. */
export function parseListPage(body: string, server: string, path: string): ListPage {
  let page: unknown;
  try {
    page = JSON.parse(body);
  } catch (e) {
    throw new KubeError(`list ${path}: the answer is not JSON (${(e as Error).message})`, { code: 'MalformedList', server });
  }
  const p = page as ListPage | null;
  if (!p || typeof p !== 'object' || (p.items !== undefined && p.items !== null && !Array.isArray(p.items))) {
    throw new KubeError(`list ${path}: the answer is not a list`, { code: 'MalformedList', server });
  }
  return p;
}

/** GET /version: the server's gitVersion (the Cluster object and the connection show it). */
export async function readServerVersion(kc: KubeConfig, server: string, clock: Clock, signal: AbortSignal): Promise<string> {
  const res = await authorizedGet(kc, new URL(server.replace(/\/+$/, '') + '/version'), signal);
  const body = await res.text();
  if (res.status !== 200) throw httpError(res.status, body, server, undefined, clock);
  const version = (JSON.parse(body) as { gitVersion?: unknown } | null)?.gitVersion;
  if (typeof version !== 'string') throw new KubeError('GET /version: no gitVersion in the answer', { code: 'MalformedVersion', server });
  return version;
}
