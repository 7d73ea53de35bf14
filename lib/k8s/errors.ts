// Classifies client-node failures into one shape with the HTTP status and a message a person can
// act on. Never includes request headers or bodies beyond the API's own Status message, so no
// token or credential reaches a log or a response.
import { ApiException } from '@kubernetes/client-node';
import { DeadlineError, systemClock, type Clock } from '@/lib/util/clock';
import { findErrorCode } from '@/lib/inventory/source-error';

export class KubeError extends Error {
  constructor(
    message: string,
    readonly opts: {
      /** HTTP status where there was one. */
      status?: number;
      /** Status reason (Forbidden, Expired, Gone...) or a network error code (ECONNREFUSED...). */
      code?: string;
      /** Server that was asked. */
      server?: string;
      /** From a 429's Retry-After header. */
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
    this.name = 'KubeError';
  }
  get status(): number | undefined {
    return this.opts.status;
  }
  get code(): string | undefined {
    return this.opts.code;
  }
  /** 410: an expired continue token or a watch resourceVersion too old. */
  get expired(): boolean {
    return this.opts.status === 410;
  }
  /** Failed before any HTTP exchange (refused, DNS, TLS, timeout). */
  get network(): boolean {
    return this.opts.status === undefined;
  }
  /** 429 Too Many Requests (API Priority and Fairness, or a proxy): the server is up, asking us to slow down. */
  get throttled(): boolean {
    return this.opts.status === 429;
  }
}

interface StatusBody {
  message?: string;
  reason?: string;
  code?: number;
}

function parseStatus(body: unknown): StatusBody | undefined {
  let b = body;
  if (typeof b === 'string') {
    try {
      b = JSON.parse(b);
    } catch {
      return undefined;
    }
  }
  return b && typeof b === 'object' ? (b as StatusBody) : undefined;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 410: 'Gone', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** Error for an HTTP status (+ optional Status body), with the wording used in source status. */
export function httpError(status: number, body: unknown, server?: string, headers?: Record<string, string>, clock: Clock = systemClock): KubeError {
  const st = parseStatus(body);
  const reasonText = REASONS[status] ?? 'HTTP error';
  let message: string;
  if (status === 401) message = '401 Unauthorized: credentials expired or invalid';
  else if (status === 403) message = `403 Forbidden: ${st?.message ?? 'access denied'}`;
  else message = `${status} ${reasonText}${st?.message ? `: ${st.message}` : ''}`;
  const retryAfterMs = retryAfter(headers?.['retry-after'], clock);
  return new KubeError(message, { status, code: st?.reason ?? reasonText.replace(/ /g, ''), server, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
}

/** Retry-After (RFC 9110): delay-seconds, or an HTTP date read against `clock`; as a wait in ms. */
export function retryAfter(value: string | undefined, clock: Clock): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - clock.now());
}

/** A Node or undici error code (not an HTTP status) anywhere in the cause chain. */
const causeCode = (err: unknown): { code?: string; message?: string } => findErrorCode(err, (code) => !/^\d+$/.test(code)) ?? {};

/** Any failure from a list, a watch or a version call -> KubeError. */
export function classifyError(err: unknown, server?: string, clock: Clock = systemClock): KubeError {
  if (err instanceof KubeError) return err;
  if (err instanceof DeadlineError) return new KubeError(`${err.message} (${server ?? 'the API server'})`, { code: 'TimeoutError', server });
  if (err instanceof ApiException) {
    return httpError(err.code, err.body, server, err.headers as Record<string, string> | undefined, clock);
  }
  const e = err as { statusCode?: unknown; name?: unknown; message?: unknown } | undefined;
  if (e && typeof e.statusCode === 'number') return httpError(e.statusCode, undefined, server);
  const where = server ?? 'the API server';
  if (e && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return new KubeError(`request to ${where} timed out`, { code: String(e.name), server });
  }
  const { code, message } = causeCode(err);
  switch (code) {
    case 'ECONNREFUSED':
      return new KubeError(`connection refused at ${where} — is the cluster running?`, { code, server });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new KubeError(`host not found: ${where} (DNS lookup failed)`, { code, server });
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new KubeError(`connection to ${where} timed out`, { code, server });
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return new KubeError(`connection reset by ${where}`, { code, server });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new KubeError(`${where} is unreachable (${code})`, { code, server });
    default:
      break;
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) {
    return new KubeError(`TLS error talking to ${where}: ${message ?? code} — check the cluster CA in the kubeconfig`, { code, server });
  }
  const text = typeof e?.message === 'string' ? e.message : String(err);
  return new KubeError(`${text}${code ? ` (${code})` : ''}`, { ...(code ? { code } : {}), server });
}
