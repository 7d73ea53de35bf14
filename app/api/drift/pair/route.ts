import { getRuntime } from '@/lib/server/runtime';
import { serverDriftConfig } from '@/lib/server/drift-config';
import { driftPairResponse, failure } from '@/lib/server/drift-views';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  try {
    const rt = await getRuntime();
    return driftPairResponse(rt.inventory, serverDriftConfig(), request.url);
  } catch (err) {
    return failure(err);
  }
}
