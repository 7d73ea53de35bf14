import { withRuntime } from '@/lib/server/route';
import { errorResponse, parseCollections } from '@/lib/server/http';
import { snapshotResponse } from '@/lib/server/snapshot-response';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  const wanted = parseCollections(new URL(request.url).searchParams.get('collections'));
  if (!wanted.ok) return errorResponse(400, wanted.error);
  return withRuntime((rt) => snapshotResponse(rt.inventory, wanted.value));
}
