// Every route handler that reads the runtime's inventory, with a request path to call it by: the
// table the handler tests share (lib/security/handlers.test.ts: refusals without the proxy;
// lib/server/route.test.ts: JSON when the runtime fails, and that no route under app/api is missing).
type Handler = (r: Request) => Promise<Response>;

export const RUNTIME_ROUTES: Record<string, () => Promise<{ GET: Handler }>> = {
  '/api/snapshot': () => import('@/app/api/snapshot/route'),
  '/api/table?table=instances': () => import('@/app/api/table/route'),
  '/api/sources': () => import('@/app/api/sources/route'),
  '/api/overview': () => import('@/app/api/overview/route'),
  '/api/workload?id=x': () => import('@/app/api/workload/route'),
  '/api/drift': () => import('@/app/api/drift/route'),
  '/api/drift/pair?id=a|b': () => import('@/app/api/drift/pair/route'),
  '/api/drift/summary': () => import('@/app/api/drift/summary/route'),
  '/api/stream': () => import('@/app/api/stream/route'),
  '/api/search?q=web': () => import('@/app/api/search/route'),
  '/api/object?id=x': () => import('@/app/api/object/route'),
  '/api/raw?id=x': () => import('@/app/api/raw/route'),
  '/api/logs?id=x': () => import('@/app/api/logs/route'),
  '/api/usage?id=x': () => import('@/app/api/usage/route'),
};

/** Routes that answer without the runtime's inventory, or with their own failure shape. */
export const NOT_RUNTIME_ROUTES = ['health', 'login', 'logout', '[...unknown]'];
