// One failure shape for both adapters. KubeError (lib/k8s/errors.ts) and EcsCallError
// (lib/ecs/errors.ts) each classify their platform's failures (their status codes, error names and
// wording are data in those files); what the inventory keeps of either is the same SourceError.
import type { SourceError } from '@/lib/model';

/** What a classified adapter failure carries, whichever platform it came from. */
export interface CallFailure {
  message: string;
  /** HTTP status where there was one. */
  status?: number;
  /** The API's reason or error name (Forbidden, ThrottlingException…), or a network code (ECONNREFUSED…). */
  code?: string;
}

/** The source's record of a failed `operation` at `atMs` (clock ms). Never carries a request or a credential. */
export function toSourceError(operation: string, failure: CallFailure, atMs: number): SourceError {
  return {
    operation,
    ...(failure.status !== undefined ? { status: failure.status } : {}),
    ...(failure.code ? { code: failure.code } : {}),
    message: failure.message,
    at: new Date(atMs).toISOString(),
  };
}

/**
 * The first error code `accept` takes, looking through the cause chain and AggregateError members
 * (Node's and undici's network errors hide the code a few levels down). With its error's message.
 */
export function findErrorCode(err: unknown, accept: (code: string) => boolean, depth = 0): { code: string; message?: string } | undefined {
  if (!err || typeof err !== 'object' || depth > 5) return undefined;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && e.code !== '' && accept(e.code)) return { code: e.code, message: typeof e.message === 'string' ? e.message : undefined };
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const found = findErrorCode(inner, accept, depth + 1);
      if (found) return found;
    }
  }
  return findErrorCode(e.cause, accept, depth + 1);
}
