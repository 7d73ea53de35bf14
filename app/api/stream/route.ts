import { changedCollections } from '@/lib/server/changes';
import { withRuntime } from '@/lib/server/route';
import { servedSnapshot } from '@/lib/server/views';
import type { Runtime } from '@/lib/server/runtime';
import { guard } from '@/lib/security/guard';
import { systemClock } from '@/lib/util/clock';
import { Timers } from '@/lib/util/timers';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Server-sent events carry only a "something changed" tick (version, source ids, and the collections
// whose arrays changed since the last tick: lib/server/changes.ts); clients refetch what they show of
// those (a table page its window). One tick per burst: a relist of thousands of pods is one refetch.
const THROTTLE_MS = 250;
const PING_MS = 15_000;

// The guard also checks Origin here: EventSource from another site's page carries that site's Origin.
export async function GET(request: Request) {
  const denied = guard(request);
  if (denied) return denied;
  return withRuntime((rt) => changeStream(rt, request));
}

function changeStream(rt: Runtime, request: Request): Response {
  const encoder = new TextEncoder();
  const timers = new Timers(systemClock);
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const pending = new Set<string>();
      // The snapshot the last tick described: the next tick lists what differs from it.
      let last = servedSnapshot(rt.inventory);
      let flushScheduled = false;
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const flush = () => {
        flushScheduled = false;
        const next = servedSnapshot(rt.inventory);
        const data = { version: rt.inventory.version, sources: [...pending], collections: changedCollections(last, next), at: new Date(timers.clock.now()).toISOString() };
        last = next;
        pending.clear();
        send(`event: change\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const unsubscribe = rt.inventory.subscribe((c) => {
        c.sources.forEach((s) => pending.add(s));
        if (flushScheduled) return;
        flushScheduled = true;
        timers.after(THROTTLE_MS, flush);
      });
      const ping = () => {
        send(': ping\n\n');
        timers.after(PING_MS, ping);
      };
      timers.after(PING_MS, ping);
      cleanup = () => {
        unsubscribe();
        timers.stop();
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
