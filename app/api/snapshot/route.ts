import { withRuntime } from '@/lib/server/route';
import { errorResponse, json, parseCollections, pickCollections } from '@/lib/server/http';
import { servedSnapshot } from '@/lib/server/views';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  const wanted = parseCollections(new URL(request.url).searchParams.get('collections'));
  if (!wanted.ok) return errorResponse(400, wanted.error);
  return withRuntime((rt) => json(pickCollections(servedSnapshot(rt.inventory), wanted.value), { headers: { 'x-parallax-version': String(rt.inventory.version) } }));
}
