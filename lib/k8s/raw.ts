// One Kubernetes object as the API server returns it: a single GET of its path, over the same
// authentication and dispatcher as the watches. Read-only (GET), on demand: nothing is kept.
import type { KubeConfig } from '@kubernetes/client-node';
import { RawNotFoundError, type RawRead, type RawRequest } from '@/lib/inventory/raw';
import { deadline, type Clock } from '@/lib/util/clock';
import { classifyError, httpError } from './errors';
import { KINDS } from './kinds';
import { authorizedGet } from './authorized-get';

/**
 * The API path of an object from its id (`k8s/<context>/<namespace|_>/<Kind>/<name>`, segments
 * percent-encoded), for the kinds the adapter reads; undefined for anything else (the Cluster).
 */
export function kubeObjectPath(id: string): string | undefined {
  const parts = id.split('/');
  if (parts.length !== 5 || parts[0] !== 'k8s') return undefined;
  const [, , ns, kind, name] = parts;
  const spec = KINDS.find((k) => k.kind === kind);
  if (!spec || !name) return undefined;
  // spec.path is the cluster-wide collection (/apis/apps/v1/deployments): the object lives under its namespace.
  const collection = spec.namespaced && ns !== '_' ? spec.path.replace(/\/([^/]+)$/, `/namespaces/${ns}/$1`) : spec.path;
  // Segments of the id are already percent-encoded, as a path needs them.
  return spec.namespaced === (ns !== '_') ? `${collection}/${name}` : undefined;
}

export interface KubeRawOptions {
  kc: KubeConfig;
  server: string;
  clock: Clock;
  timeoutMs: number;
}

export async function readKubeRaw(o: KubeRawOptions, req: RawRequest): Promise<RawRead> {
  const path = kubeObjectPath(req.object.id);
  if (!path) throw new RawNotFoundError(`${req.object.ref.kind} ${req.object.name} has no API object of its own to read`);
  const call = `GET ${path}`;
  const d = deadline(o.clock, o.timeoutMs, `${call}: the server did not answer`, req.signal);
  try {
    const res = await authorizedGet(o.kc, new URL(o.server.replace(/\/+$/, '') + path), d.signal);
    const body = await res.text();
    if (res.status === 404) throw new RawNotFoundError(`${call}: 404 Not Found (deleted since the last sync?)`);
    if (res.status !== 200) throw httpError(res.status, body, o.server);
    return { call, object: JSON.parse(body) };
  } catch (err) {
    if (err instanceof RawNotFoundError) throw err;
    throw classifyError(d.signal.aborted && !req.signal?.aborted ? d.signal.reason : err, o.server);
  } finally {
    d.clear();
  }
}
