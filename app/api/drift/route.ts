import { getRuntime } from '@/lib/server/runtime';
import { serverDriftConfig } from '@/lib/server/drift-config';
import { driftResponse, failure } from '@/lib/server/drift-views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const rt = await getRuntime();
    return driftResponse(rt.inventory, serverDriftConfig());
  } catch (err) {
    return failure(err);
  }
}
