import { getRuntime } from '@/lib/server/runtime';
import { json } from '@/lib/server/http';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Load-balancer and kubelet probes send no token and often a bare IP as Host. They get an answer
// without the guard's consent, but only {ok}: whether the server runs, nothing about the inventory.
// With the guard's consent (an allowed Host, and the token when one is set) the counts come too.
export async function GET(request: Request) {
  const denied = guard(request);
  try {
    const rt = await getRuntime();
    if (denied) return json({ ok: true });
    const sources = rt.inventory.sources();
    return json({ ok: true, demo: !!rt.demo, sources: sources.length, down: sources.filter((s) => s.status === 'down').length });
  } catch (err) {
    return json(denied ? { ok: false } : { ok: false, error: (err as Error).message }, { status: 503 });
  }
}
