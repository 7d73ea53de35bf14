import { getRuntime } from '@/lib/server/runtime';
import { json } from '@/lib/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const rt = await getRuntime();
    const sources = rt.inventory.sources();
    return json({ ok: true, demo: !!rt.demo, sources: sources.length, down: sources.filter((s) => s.status === 'down').length });
  } catch (err) {
    return json({ ok: false, error: (err as Error).message }, { status: 503 });
  }
}
