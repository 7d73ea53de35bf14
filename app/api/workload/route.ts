import { getRuntime } from '@/lib/server/runtime';
import { workloadResponse } from '@/lib/server/views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const rt = await getRuntime();
  return workloadResponse(rt.inventory, request.url);
}
