// A pod's container log: one GET of the `pods/{name}/log` subresource over client-node's
// authentication (authorizedGet), read as a stream of lines. The deadline (injected clock) covers
// the answer's status and headers only: a followed log may then stay quiet for as long as it likes.
// Protocol: 200 with text/plain (chunked while following); errors are a Status JSON, e.g. 400
// "container "web" in pod "web-1" is waiting to start: ContainerCreating", 404 pod gone, 403.
import type { KubeConfig } from '@kubernetes/client-node';
import { clampTail, cutLine as cut, LOG_LINE_MAX_CHARS, LogReadError, type LogRead, type LogRequest } from '@/lib/inventory/logs';
import { deadline, type Clock } from '@/lib/util/clock';
import { classifyError, httpError } from './errors';
import { authorizedGet } from './authorized-get';

export interface PodLogOptions {
  kc: KubeConfig;
  server: string;
  /** The source id, carried by every error. */
  source: string;
  clock: Clock;
  /** The server must answer (status and headers) within this. */
  timeoutMs: number;
}

/** The API path and query of a log read (namespace and pod name from the normalized instance). */
export function podLogPath(req: LogRequest): string {
  const o = req.object;
  if (o.platform !== 'kubernetes' || o.kind !== 'instance' || !o.groupName) throw new LogReadError(`${o.ref.kind} ${o.name} is not a Kubernetes pod`, o.source, 404);
  const q = new URLSearchParams();
  if (req.container) q.set('container', req.container);
  q.set('tailLines', String(clampTail(req.tailLines)));
  if (req.previous) q.set('previous', 'true');
  if (req.timestamps) q.set('timestamps', 'true');
  if (req.follow) q.set('follow', 'true');
  return `/api/v1/namespaces/${encodeURIComponent(o.groupName)}/pods/${encodeURIComponent(o.name)}/log?${q}`;
}

function readError(status: number, body: string, o: PodLogOptions, req: LogRequest): LogReadError {
  const pod = `pod ${req.object.groupName}/${req.object.name}`;
  if (status === 404) return new LogReadError(`${pod} is gone (404 Not Found): deleted since the last sync?`, o.source, 404);
  if (status === 403) return new LogReadError(`the credentials of ${o.source} may not read pods/log in ${req.object.groupName} (403 Forbidden)`, o.source, 403);
  // 400: the kubelet's own words (waiting container, no previous instance, ambiguous container).
  return new LogReadError(httpError(status, body, o.server).message, o.source, status);
}

export async function readPodLog(o: PodLogOptions, req: LogRequest): Promise<LogRead> {
  const path = podLogPath(req);
  const upstream = new AbortController();
  const stop = () => upstream.abort(req.signal?.reason);
  if (req.signal?.aborted) stop();
  else req.signal?.addEventListener('abort', stop, { once: true });
  // The deadline ends with the headers; the upstream signal (close, the caller's abort) lasts the whole stream.
  const d = deadline(o.clock, o.timeoutMs, `GET ${path}: the server did not answer`);
  let res;
  try {
    res = await authorizedGet(o.kc, new URL(o.server.replace(/\/+$/, '') + path), AbortSignal.any([upstream.signal, d.signal]));
    if (res.status !== 200) {
      const body = await res.text();
      throw readError(res.status, body, o, req);
    }
  } catch (err) {
    req.signal?.removeEventListener('abort', stop);
    upstream.abort();
    if (err instanceof LogReadError) throw err;
    const e = classifyError(d.signal.aborted && !req.signal?.aborted ? d.signal.reason : err, o.server);
    throw new LogReadError(e.message, o.source, e.status);
  } finally {
    d.clear();
  }
  const reader = res.body?.getReader();
  const close = () => {
    req.signal?.removeEventListener('abort', stop);
    upstream.abort();
    void reader?.cancel().catch(() => undefined);
  };
  return { call: `GET ${path}`, lines: splitLines(reader, close), close };
}

type Reader = { read(): Promise<{ done: boolean; value?: Uint8Array }> };

/** Lines of a byte stream, pulled one read at a time; a line longer than the cap is cut and marked. */
async function* splitLines(reader: Reader | undefined, close: () => void): AsyncIterableIterator<string> {
  const decoder = new TextDecoder();
  let buf = '';
  // After a cut, the rest of that line is dropped up to its newline.
  let dropping = false;
  try {
    if (!reader) return;
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch {
        return; // aborted or reset: the stream simply ends here
      }
      if (chunk.done) break;
      buf += decoder.decode(chunk.value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        if (!dropping) yield cut(buf.slice(0, nl));
        dropping = false;
        buf = buf.slice(nl + 1);
      }
      if (buf.length > LOG_LINE_MAX_CHARS) {
        if (!dropping) yield cut(buf);
        dropping = true;
        buf = '';
      }
    }
    buf += decoder.decode();
    if (buf && !dropping) yield cut(buf);
  } finally {
    close();
  }
}

