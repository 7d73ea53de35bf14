import { withRuntime } from '@/lib/server/route';
import { serverDriftConfig } from '@/lib/server/drift-config';
import { tableResponse } from '@/lib/server/table';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  return withRuntime((rt) => tableResponse(rt.inventory, request.url, serverDriftConfig));
}
