import { withRuntime } from '@/lib/server/route';
import { searchResponse } from '@/lib/server/search';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  return withRuntime((rt) => searchResponse(rt.inventory, request.url));
}
