// Per-request abort for client-node's generated clients.
import { Observable, type ObservableMiddleware } from '@kubernetes/client-node';

/**
 * Per-request options for the generated ObjectParam clients: the request is aborted by `signal`.
 * These clients call the Observable API directly, so middleware must return client-node's own
 * Observable (its rxjs stub), not a Promise.
 */
export function abortOptions<T>(signal: AbortSignal): T {
  const middleware: ObservableMiddleware = {
    pre: (c) => {
      c.setSignal(signal);
      return new Observable(Promise.resolve(c));
    },
    post: (c) => new Observable(Promise.resolve(c)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' } as T;
}
