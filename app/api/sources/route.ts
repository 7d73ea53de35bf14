import { withRuntime } from '@/lib/server/route';
import { json } from '@/lib/server/http';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  return withRuntime((rt) => json({ sources: rt.inventory.sources(), notConfigured: rt.notConfigured, version: rt.inventory.version }));
}
