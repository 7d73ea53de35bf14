// guard(request): the first statement of every route handler. A new route uses it like this:
//
//   export async function GET(request: Request) {
//     const denied = guard(request);
//     if (denied) return denied;
//     ... // only now read the inventory
//   }
//
// lib/security/routes.test.ts reads every app/api/**/route.ts and fails when an exported handler
// does not start that way. The proxy (proxy.ts) makes the same decision for every request, but a
// check that lives only there is one framework bug away from being skipped (CVE-2025-29927 let a
// header bypass Next's middleware), so each handler checks again itself.
import { decideAccess, type Access, type AccessOptions, type RequestFacts } from './access';
import { securityConfig, type SecurityConfig, type SecurityEnv } from './config';

/** The facts of a request, from its method and headers (a Request's, or next/headers' in a layout). */
export function requestFacts(method: string, h: { get(name: string): string | null }): RequestFacts {
  return {
    method, host: h.get('host'), origin: h.get('origin'), authorization: h.get('authorization'), cookie: h.get('cookie'),
    fetchSite: h.get('sec-fetch-site'), fetchMode: h.get('sec-fetch-mode'),
  };
}

let cached: { key: string; cfg: SecurityConfig } | undefined;

/** The configuration for the current environment (read per call, parsed once per distinct value). */
export function currentConfig(env: SecurityEnv = process.env): SecurityConfig {
  const key = JSON.stringify([env.PARALLAX_TOKEN, env.PARALLAX_ALLOWED_HOSTS, env.HOST]);
  if (cached?.key !== key) cached = { key, cfg: securityConfig(env) };
  return cached.cfg;
}

/** The refusal as JSON {error, detail}; a 401 names the scheme scripts should use. */
export function refusal(access: Extract<Access, { ok: false }>): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  if (access.status === 401) headers['www-authenticate'] = 'Bearer realm="parallax"';
  return new Response(JSON.stringify({ error: access.error, detail: access.detail }), { status: access.status, headers });
}

/** null when the request may proceed; otherwise the response to return (400 Host, 403 Origin, 401 token). */
export function guard(request: Request, opts: AccessOptions & { config?: SecurityConfig } = {}): Response | null {
  const access = decideAccess(requestFacts(request.method, request.headers), opts.config ?? currentConfig(), opts);
  return access.ok ? null : refusal(access);
}
