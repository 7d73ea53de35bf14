import { getRuntime } from '@/lib/server/runtime';
import { json } from '@/lib/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET() {
  const rt = await getRuntime();
  return json({ sources: rt.inventory.sources(), version: rt.inventory.version });
}
