import { getRuntime } from '@/lib/server/runtime';
import { guard } from '@/lib/security/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Server-sent events carry only a "something changed" tick (version + source ids); clients refetch
// the normalized JSON they show. One tick per burst: a relist of thousands of pods is one refetch.
const THROTTLE_MS = 250;
const PING_MS = 15_000;

// The guard also checks Origin here: EventSource from another site's page carries that site's Origin.
export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  const rt = await getRuntime();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const pending = new Set<string>();
      let timer: NodeJS.Timeout | undefined;
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const flush = () => {
        timer = undefined;
        const data = { version: rt.inventory.version, sources: [...pending], at: new Date().toISOString() };
        pending.clear();
        send(`event: change\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const unsubscribe = rt.inventory.subscribe((c) => {
        c.sources.forEach((s) => pending.add(s));
        timer ??= setTimeout(flush, THROTTLE_MS);
      });
      const ping = setInterval(() => send(': ping\n\n'), PING_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(ping);
        if (timer) clearTimeout(timer);
      };
      send(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ version: rt.inventory.version })}\n\n`);
      request.signal.addEventListener('abort', () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
