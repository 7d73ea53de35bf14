// What the overview downloads per refetch (every change tick, up to 4 a second): the page-shaped
// GET /api/overview against the collections it used to fetch from /api/snapshot, computed by the
// same functions the routes call on the inventory's snapshot after a real sync of the bench's cluster.
import type { CollectionName, Snapshot } from '@/lib/model';
import { pickCollections } from '@/lib/server/http';
import { overviewPayload } from '@/lib/views/overview';

/** What components/overview.tsx asked /api/snapshot for before GET /api/overview existed. */
const OLD_OVERVIEW_COLLECTIONS: CollectionName[] = ['workloads', 'revisions', 'instances', 'endpoints', 'configs', 'secrets', 'volumes', 'autoscalers', 'nodes'];

const bytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body));

export function overviewPayloadSizes(snap: Snapshot): { snapshot: number; overview: number } {
  return { snapshot: bytes(pickCollections(snap, new Set(OLD_OVERVIEW_COLLECTIONS))), overview: bytes(overviewPayload(snap)) };
}
