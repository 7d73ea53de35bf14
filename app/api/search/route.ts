import { getRuntime } from '@/lib/server/runtime';
import { searchResponse } from '@/lib/server/search';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  const rt = await getRuntime();
  return searchResponse(rt.inventory, request.url);
}
