// The read-only "logs" role an adapter may offer: one instance's container log, read on demand from
// the source as a stream of lines (never kept: the server passes each line on as the reader pulls it).
// Log lines are the user's workloads' data: they are never written to the server's own log.
import type { ModelObject } from '@/lib/model';

export const LOG_TAIL_DEFAULT = 500;
/** The most lines a reader may ask for at once (the kubelet keeps about 10,000 per container). */
export const LOG_TAIL_MAX = 5_000;
/** A longer line is cut (with a marker), so that one viewer's memory stays bounded. */
export const LOG_LINE_MAX_CHARS = 16 * 1024;

export interface LogRequest {
  /** The instance (a Kubernetes pod) whose log is read. */
  object: ModelObject;
  /** Which container; the platform's answer when absent (Kubernetes: required with several). */
  container?: string;
  /** The last N lines (default 500, at most LOG_TAIL_MAX). */
  tailLines?: number;
  /** The previous (terminated) instance of the container, after a restart. */
  previous?: boolean;
  /** Each line starts with its RFC 3339 time and a space. */
  timestamps?: boolean;
  /** Keep reading new lines until the reader stops (signal) or the platform ends the stream. */
  follow?: boolean;
  /** Ends the read (and the upstream request) at any time. */
  signal?: AbortSignal;
}

export interface LogRead {
  /** The call that reads it, for display: "GET /api/v1/namespaces/shop/pods/web-1/log?container=web". */
  call: string;
  /** The lines, without their newline; ending the iteration early (return()) ends the upstream request. */
  lines: AsyncIterableIterator<string>;
  /** Ends the upstream request now (a pending next() then ends the lines), idempotent. */
  close(): void;
}

/** The log could not be read: `status` is the platform's (400 a waiting container, 403, 404 gone). */
export class LogReadError extends Error {
  constructor(message: string, readonly source: string, readonly status?: number) {
    super(message);
    this.name = 'LogReadError';
  }
}

/**
 * The platform's status of a LogReadError, by name rather than instanceof: in the production build the
 * runtime (started by instrumentation.ts) and the route handlers are separate bundles, each with its
 * own copy of this class.
 */
export function logReadStatus(e: unknown): number | undefined {
  return e instanceof Error && e.name === 'LogReadError' && typeof (e as LogReadError).status === 'number' ? (e as LogReadError).status : undefined;
}

export const clampTail = (n: number | undefined): number =>
  n === undefined || !Number.isFinite(n) ? LOG_TAIL_DEFAULT : Math.max(1, Math.min(LOG_TAIL_MAX, Math.floor(n)));

/** A line longer than LOG_LINE_MAX_CHARS cut (and marked as cut); a trailing CR dropped. */
export const cutLine = (line: string): string =>
  line.length > LOG_LINE_MAX_CHARS ? `${line.slice(0, LOG_LINE_MAX_CHARS)} … [line cut at ${LOG_LINE_MAX_CHARS} characters]` : line.replace(/\r$/, '');
