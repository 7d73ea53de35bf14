// The read-only "raw" role an adapter may offer: one object as the platform returns it, read on
// demand from the source (never kept in memory: at scale the normalized form is what we hold).
import type { ModelObject } from '@/lib/model';

export interface RawRequest {
  /** The normalized object (its id, kind, ref and links say which API object to read). */
  object: ModelObject;
  /** Deadline / cancellation of the read. */
  signal?: AbortSignal;
}

export interface RawRead {
  /** The call that read it, for display: "GET /api/v1/namespaces/shop/pods/web-1", "DescribeServices". */
  call: string;
  /** What the platform answered, before sanitizing (lib/security/raw.ts does that before anything is sent). */
  object: unknown;
}

/** The platform says the object does not exist (any more), or it has no API form of its own. */
export class RawNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RawNotFoundError';
  }
}

/**
 * Known by name rather than instanceof: in the production build the runtime (started by
 * instrumentation.ts) and the route handlers are separate bundles, each with its own copy of the class.
 */
export const isRawNotFound = (e: unknown): e is RawNotFoundError => e instanceof Error && e.name === 'RawNotFoundError';
