// GET /api/snapshot: the served (masked) snapshot as JSON, optionally gzip-compressed, built from
// bytes cached per collection. An unchanged collection is the same array across inventory versions
// (lib/inventory/collections.ts; masking keeps that: views.ts), so its serialized and compressed
// bytes are reused; a watch event re-serializes only its own collection. The body equals
// JSON.stringify(pickCollections(servedSnapshot(inv), wanted)) byte for byte.
import { COLLECTIONS, type CollectionName, type Snapshot } from '@/lib/model';
import { gzipOf, gzipPiece, type GzipPiece } from './gzip-pieces';
import { pickCollections } from './http';
import { servedSnapshot, type SnapshotReader } from './views';

/** One collection's bytes: kept while its array is (WeakMap), each form made when first asked for. */
interface Cached {
  json?: Buffer;
  gzip?: GzipPiece;
}
const cache = new WeakMap<readonly unknown[], Cached>();

function cachedOf(items: readonly unknown[]): Cached {
  let c = cache.get(items);
  if (!c) cache.set(items, (c = {}));
  return c;
}

/** The JSON of a collection (cached only while the plain form is asked for: gzip clients keep just the compressed bytes). */
function jsonOf(items: readonly unknown[]): Buffer {
  const c = cachedOf(items);
  return (c.json ??= Buffer.from(JSON.stringify(items)));
}

function gzipPieceOf(items: readonly unknown[]): GzipPiece {
  const c = cachedOf(items);
  return (c.gzip ??= gzipPiece(c.json ?? Buffer.from(JSON.stringify(items))));
}

/** The small head, made each time: `{"generatedAt":…,"sources":[…]` (the Snapshot's key order). */
const headOf = (s: Snapshot) => Buffer.from(JSON.stringify({ generatedAt: s.generatedAt, sources: s.sources }).slice(0, -1));

/** `,"<collection>":` before each collection's bytes, and the closing brace: constant, compressed once. */
const KEYS = new Map(COLLECTIONS.map((c) => [c, Buffer.from(`,${JSON.stringify(c)}:`)]));
const CLOSE = Buffer.from('}');
let gzipConstants: { keys: Map<CollectionName, GzipPiece>; close: GzipPiece } | undefined;
const constantPieces = () => (gzipConstants ??= { keys: new Map(COLLECTIONS.map((c) => [c, gzipPiece(KEYS.get(c)!)])), close: gzipPiece(CLOSE) });

export function acceptsGzip(request: Request): boolean {
  const header = request.headers.get('accept-encoding') ?? '';
  // gzip listed without q=0 (RFC 9110 12.5.3).
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

export function snapshotResponse(inv: SnapshotReader, wanted: Set<CollectionName> | null, gzip: boolean): Response {
  const snapshot = pickCollections(servedSnapshot(inv), wanted);
  const head = headOf(snapshot);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-parallax-version': String(inv.version),
    vary: 'accept-encoding',
  };
  let body: Buffer;
  if (gzip) {
    const { keys, close } = constantPieces();
    const pieces = [gzipPiece(head)];
    for (const c of COLLECTIONS) pieces.push(keys.get(c)!, gzipPieceOf(snapshot[c]));
    pieces.push(close);
    body = gzipOf(pieces);
    headers['content-encoding'] = 'gzip';
  } else {
    body = Buffer.concat([head, ...COLLECTIONS.flatMap((c) => [KEYS.get(c)!, jsonOf(snapshot[c])]), CLOSE]);
  }
  // Buffer.concat allocates a plain ArrayBuffer (never a shared one): no copy needed.
  return new Response(body as Uint8Array<ArrayBuffer>, { headers });
}
