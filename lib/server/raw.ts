// GET /api/raw?id=…[&managedFields=1]: one object as its platform returns it, read on demand from the
// source (lib/inventory/raw.ts) and sanitized before it is sent (lib/security/raw.ts): Kubernetes
// as YAML, ECS as the Describe* JSON. Nothing is cached: the user asked for the object as it is now.
import { stringify } from 'yaml';
import { COLLECTIONS, type ModelObject, type Snapshot } from '@/lib/model';
import { isRawNotFound, type RawRead, type RawRequest } from '@/lib/inventory/raw';
import { managedFieldsCount, sanitizeRaw } from '@/lib/security/raw';
import { errorResponse, json } from './http';
import { servedSnapshot, type SnapshotReader } from './views';
import type { ObjectPayload, RawPayload } from '@/lib/views/raw';

export type { ObjectPayload, RawPayload };


/** The object with this id in any collection: a scan, paid only when someone opens a raw view. */
export function findObject(s: Snapshot, id: string): ModelObject | undefined {
  for (const c of COLLECTIONS) {
    const found = (s[c] as ModelObject[]).find((o) => o.id === id);
    if (found) return found;
  }
  return undefined;
}

export interface RawReaderInventory extends SnapshotReader {
  readRaw(req: RawRequest): Promise<RawRead>;
}

/** 400 without id; 404 for an unknown id or an object the platform no longer has; 503 when its source cannot be read. */
export async function rawResponse(inv: RawReaderInventory, request: Request, now: () => Date = () => new Date()): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const id = params.get('id');
  if (!id) return errorResponse(400, 'missing ?id= (an object id, as listed by /api/snapshot)');
  const snapshot = servedSnapshot(inv);
  const object = findObject(snapshot, id);
  if (!object) return errorResponse(404, `no object ${id}`);
  const source = snapshot.sources.find((s) => s.id === object.source);
  const sourceName = source?.name ?? object.source;
  let read: RawRead;
  try {
    read = await inv.readRaw({ object, signal: request.signal });
  } catch (e) {
    if (isRawNotFound(e)) return errorResponse(404, e.message);
    const reason = source && source.status !== 'ok' && source.reason ? ` (source ${source.status}: ${source.reason})` : '';
    return json({ error: `${sourceName} could not be read: ${(e as Error).message}${reason}`, source: object.source }, { status: 503 });
  }
  const shown = params.get('managedFields') === '1';
  const clean = sanitizeRaw(read.object, { managedFields: shown });
  const payload: RawPayload = {
    id, platform: object.platform, kind: object.ref.kind, name: object.name,
    ...(object.groupName ? { group: object.groupName } : {}),
    source: object.source, sourceName, call: read.call,
    format: object.platform === 'kubernetes' ? 'yaml' : 'json',
    text: object.platform === 'kubernetes' ? stringify(clean, { lineWidth: 0, aliasDuplicateObjects: false }) : JSON.stringify(clean, null, 2),
    managedFields: { count: managedFieldsCount(read.object), shown },
    fetchedAt: now().toISOString(),
  };
  return json(payload);
}

/** GET /api/object?id=…: one normalized object (the page of an object with no page of its own). */
export function objectResponse(inv: SnapshotReader, url: string): Response {
  const id = new URL(url).searchParams.get('id');
  if (!id) return errorResponse(400, 'missing ?id= (an object id, as listed by /api/snapshot)');
  const snapshot = servedSnapshot(inv);
  const object = findObject(snapshot, id);
  if (!object) return errorResponse(404, `no object ${id}`);
  return json({ object, sourceName: snapshot.sources.find((s) => s.id === object.source)?.name ?? object.source } satisfies ObjectPayload);
}
