// The body of every route handler that reads the runtime, after its guard:
//   const denied = guard(request); if (denied) return denied;
//   return withRuntime((rt) => json(...));
// A runtime that cannot start (a broken configuration, a demo that cannot start its simulators)
// answers 503, a failure while answering 500, both as JSON {error, detail} (lib/server/http.ts).
import { failureResponse } from './http';
import { getRuntime, type Runtime } from './runtime';

export async function withRuntime(answer: (rt: Runtime) => Response | Promise<Response>): Promise<Response> {
  let rt: Runtime;
  try {
    rt = await getRuntime();
  } catch (err) {
    console.error(`[parallax] the runtime could not start: ${err instanceof Error ? err.message : String(err)}`);
    return failureResponse(503, 'the inventory could not be started', err);
  }
  try {
    return await answer(rt);
  } catch (err) {
    console.error('[parallax] a route failed:', err);
    return failureResponse(500, 'the request failed', err);
  }
}
