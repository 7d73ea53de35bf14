// The API's routes, for the JSON 404 of a path none of them serves (app/api/[...unknown]/route.ts).
// lib/server/route.test.ts keeps this list equal to the route handlers under app/api.
export const API_ROUTES = [
  '/api/health', '/api/sources', '/api/snapshot', '/api/table', '/api/overview', '/api/workload', '/api/object', '/api/raw', '/api/logs', '/api/usage',
  '/api/search', '/api/drift', '/api/drift/pair', '/api/drift/summary', '/api/stream', '/api/login', '/api/logout',
] as const;
