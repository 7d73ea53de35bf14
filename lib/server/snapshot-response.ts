// GET /api/snapshot: the served (masked) snapshot as JSON, built from bytes cached per collection.
// An unchanged collection is the same array across inventory versions (lib/inventory/collections.ts;
// masking keeps that: views.ts), so its serialized bytes are reused; a watch event re-serializes only
// its own collection. The body equals JSON.stringify(pickCollections(servedSnapshot(inv), wanted))
// byte for byte.
// Not compressed here: Next's server drops a route handler's Content-Encoding header (send-response.ts:
// the body may have been decoded by fetch) and gzips responses itself when the client accepts it, so
// cached compressed bytes cannot be served from a route handler.
import { COLLECTIONS, type CollectionName, type Snapshot } from '@/lib/model';
import { pickCollections } from './http';
import { servedSnapshot, type SnapshotReader } from './views';

/** Each collection's JSON, kept while its array is. */
const cache = new WeakMap<readonly unknown[], Buffer>();

function jsonOf(items: readonly unknown[]): Buffer {
  let bytes = cache.get(items);
  if (!bytes) cache.set(items, (bytes = Buffer.from(JSON.stringify(items))));
  return bytes;
}

/** The small head, made each time: `{"generatedAt":…,"sources":[…]` (the Snapshot's key order). */
const headOf = (s: Snapshot) => Buffer.from(JSON.stringify({ generatedAt: s.generatedAt, sources: s.sources }).slice(0, -1));
/** `,"<collection>":` before each collection's bytes. */
const KEYS = new Map(COLLECTIONS.map((c) => [c, Buffer.from(`,${JSON.stringify(c)}:`)]));
const CLOSE = Buffer.from('}');

export function snapshotResponse(inv: SnapshotReader, wanted: Set<CollectionName> | null): Response {
  const snapshot = pickCollections(servedSnapshot(inv), wanted);
  const body = Buffer.concat([headOf(snapshot), ...COLLECTIONS.flatMap((c) => [KEYS.get(c)!, jsonOf(snapshot[c])]), CLOSE]);
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-parallax-version': String(inv.version) };
  // Buffer.concat allocates a plain ArrayBuffer (never a shared one): no copy needed.
  return new Response(body as Uint8Array<ArrayBuffer>, { headers });
}
