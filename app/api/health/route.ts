import { getRuntime } from '@/lib/server/runtime';
import { json } from '@/lib/server/http';
import { guard } from '@/lib/security/guard';
import { healthSummary } from '@/lib/views/health';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Load-balancer and kubelet probes send no token and often a bare IP as Host. They get an answer
// without the guard's consent, but only {ok}: whether the server can read any source, nothing about
// the inventory. ok is false, with 503, when the server could not start or no source can be read
// (every one down, could not start, or not configured), so a load balancer takes a blind instance
// out. With the guard's consent (an allowed Host, and the token when one is set) each source's state comes too.
export async function GET(request: Request) {
  const denied = guard(request);
  try {
    const rt = await getRuntime();
    const sources = rt.inventory.sources();
    const summary = healthSummary(sources, rt.notConfigured.length);
    const ok = !summary.blind;
    const status = ok ? 200 : 503;
    if (denied) return json({ ok }, { status });
    return json({
      ok, demo: !!rt.demo, summary: summary.text,
      sources: [
        ...sources.map((s) => ({ id: s.id, platform: s.platform, name: s.name, state: s.notStarted ? 'could-not-start' : s.status, ...(s.reason ? { reason: s.reason } : {}) })),
        ...rt.notConfigured.map((n) => ({ platform: n.platform, state: 'not-configured', reason: n.reason })),
      ],
    }, { status });
  } catch (err) {
    return json(denied ? { ok: false } : { ok: false, error: (err as Error).message }, { status: 503 });
  }
}
