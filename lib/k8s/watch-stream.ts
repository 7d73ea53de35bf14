// One watch request, over client-node's own authentication (tokens, client certificates, CA data,
// exec plugins) on the kubeconfig's pooled connections (authorized-get.ts). Not client-node's Watch, because that class:
// - drops a line it cannot decode and goes on, so a change is lost silently (client-go's reflector
//   ends the watch on a decode error instead, and so does this);
// - turns a non-200 answer into an Error with the status only, so a 429's Retry-After is lost;
// - has no connect deadline of its own apart from an inactivity timer on real time.
// Protocol: GET <path>?watch=true&...; 200 then newline-delimited JSON `{type, object}` events.
import type { KubeConfig } from '@kubernetes/client-node';
import { deadline, type Clock } from '@/lib/util/clock';
import { authorizedGet } from './authorized-get';
import { classifyError, httpError, KubeError } from './errors';

export interface WatchRequest {
  kc: KubeConfig;
  /** The cluster's server URL (for the request and for error messages). */
  server: string;
  path: string;
  params: Record<string, string | number | boolean | undefined>;
  clock: Clock;
  /** The server must answer (status and headers) within this; then the caller watches for silence. */
  connectTimeoutMs: number;
}

export interface WatchHandlers {
  /** The server answered 200: events follow. */
  connected(): void;
  /** One decoded event. The handler may call abort(). */
  event(type: string, object: unknown): void;
  /** The watch ended: no error when the server closed it cleanly. Not called after abort(). */
  done(err?: KubeError): void;
}

export interface OpenWatch {
  /** Ends the watch; done() is not called. */
  abort(): void;
}

/** Longest event line accepted (the API server's own request limit is about 3 MB per object). */
const MAX_LINE = 64 * 1024 * 1024;

export function malformedEvent(server: string, detail: string): KubeError {
  return new KubeError(`watch event could not be decoded (${detail}): the watch was ended and the kind is relisted`, { code: 'MalformedWatchEvent', server });
}

export function openWatch(req: WatchRequest, h: WatchHandlers): OpenWatch {
  const controller = new AbortController();
  let finished = false;
  const finish = (err?: KubeError) => {
    if (finished) return;
    finished = true;
    controller.abort();
    h.done(err);
  };
  void run(req, h, controller.signal, () => finished).then(() => finish(), (err: unknown) => finish(classifyError(err, req.server, req.clock)));
  return {
    abort: () => {
      finished = true;
      controller.abort();
    },
  };
}

async function run(req: WatchRequest, h: WatchHandlers, stop: AbortSignal, ended: () => boolean): Promise<void> {
  const url = new URL(req.server.replace(/\/+$/, '') + req.path);
  url.searchParams.set('watch', 'true');
  for (const [k, v] of Object.entries(req.params)) if (v !== undefined) url.searchParams.set(k, String(v));
  // The deadline covers authentication too: an exec plugin can hang as well as a server.
  const connect = deadline(req.clock, req.connectTimeoutMs, `watch ${req.path}: the server did not answer`, stop);
  let res;
  try {
    res = await authorizedGet(req.kc, url, connect.signal);
    if (res.status !== 200) {
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => { headers[k] = v; });
      const body = await res.text();
      throw httpError(res.status, body, req.server, headers, req.clock);
    }
  } catch (err) {
    throw connect.signal.aborted && !stop.aborted ? connect.signal.reason : err;
  } finally {
    connect.clear();
  }
  if (ended()) return;
  h.connected();
  if (!res.body) return;
  const decoder = new TextDecoder();
  let buf = '';
  const reader = res.body.getReader();
  const onStop = () => void reader.cancel().catch(() => undefined);
  stop.addEventListener('abort', onStop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || ended()) break;
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) dispatch(req.server, line, h);
        if (ended()) return;
      }
      if (buf.length > MAX_LINE) throw malformedEvent(req.server, `an event line longer than ${MAX_LINE} bytes`);
    }
  } finally {
    stop.removeEventListener('abort', onStop);
  }
  // A stream that ends inside a line lost (at least) that event.
  if (!ended() && buf.trim()) throw malformedEvent(req.server, 'the stream ended inside an event');
}

function dispatch(server: string, line: string, h: WatchHandlers): void {
  let ev: unknown;
  try {
    ev = JSON.parse(line);
  } catch (e) {
    throw malformedEvent(server, (e as Error).message);
  }
  const { type, object } = (ev ?? {}) as { type?: unknown; object?: unknown };
  if (typeof type !== 'string' || !object || typeof object !== 'object') throw malformedEvent(server, 'not a {type, object} event');
  h.event(type, object);
}
