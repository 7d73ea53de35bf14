import { getRuntime } from '@/lib/server/runtime';
import { objectResponse } from '@/lib/server/raw';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  const rt = await getRuntime();
  return objectResponse(rt.inventory, request.url);
}
