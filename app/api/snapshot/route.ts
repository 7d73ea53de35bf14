import { getRuntime } from '@/lib/server/runtime';
import { errorResponse, json, parseCollections, pickCollections } from '@/lib/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const wanted = parseCollections(new URL(request.url).searchParams.get('collections'));
  if (!wanted.ok) return errorResponse(400, wanted.error);
  const rt = await getRuntime();
  return json(pickCollections(rt.inventory.snapshot(), wanted.value), { headers: { 'x-parallax-version': String(rt.inventory.version) } });
}
