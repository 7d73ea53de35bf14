import { withRuntime } from '@/lib/server/route';
import { serverDriftConfig } from '@/lib/server/drift-config';
import { driftSummaryResponse } from '@/lib/server/drift-views';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  return withRuntime((rt) => driftSummaryResponse(rt.inventory, serverDriftConfig(), request.url));
}
