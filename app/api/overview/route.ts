import { getRuntime } from '@/lib/server/runtime';
import { overviewResponse } from '@/lib/server/views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET() {
  const rt = await getRuntime();
  return overviewResponse(rt.inventory);
}
