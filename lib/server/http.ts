import { COLLECTIONS, type CollectionName, type Snapshot } from '@/lib/model';

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...init.headers },
  });
}

export function errorResponse(status: number, message: string): Response {
  return json({ error: message }, { status });
}

/**
 * A failure as JSON `{error, detail}` (the shape of the guard's refusals too): `error` says what
 * could not be done, `detail` why. Never Next's HTML error page, which a client cannot read.
 */
export function failureResponse(status: number, error: string, cause: unknown): Response {
  return json({ error, detail: cause instanceof Error ? cause.message : String(cause) }, { status });
}

/** `?collections=workloads,sources`: which collections to return; unknown names are a 400, not silently ignored. */
export function parseCollections(param: string | null): { ok: true; value: Set<CollectionName> | null } | { ok: false; error: string } {
  if (!param) return { ok: true, value: null };
  const names = param.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => n !== 'sources' && !(COLLECTIONS as readonly string[]).includes(n));
  if (unknown.length) return { ok: false, error: `unknown collection(s): ${unknown.join(', ')}; known: sources, ${COLLECTIONS.join(', ')}` };
  return { ok: true, value: new Set(names.filter((n): n is CollectionName => n !== 'sources')) };
}

/** The snapshot with only the requested collections filled (sources always included). */
export function pickCollections(snapshot: Snapshot, wanted: Set<CollectionName> | null): Snapshot {
  if (!wanted) return snapshot;
  const out = { ...snapshot } as Record<string, unknown>;
  for (const c of COLLECTIONS) if (!wanted.has(c)) out[c] = [];
  return out as Snapshot;
}
