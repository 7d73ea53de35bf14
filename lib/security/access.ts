// The one access decision, shared by the proxy (every request), the route handlers' guard and the
// root layout. Pure: the caller passes the request's facts and the configuration.
import type { SecurityConfig } from './config';
import { fetchSiteAllowed, hostAllowed, originAllowed } from './host';
import { bearerToken, cookieValue, SESSION_COOKIE, tokensEqual } from './token';

/** What the decision needs of a request (headers are raw values, null when absent). */
export interface RequestFacts {
  method: string;
  host: string | null;
  origin: string | null;
  authorization: string | null;
  cookie: string | null;
  /** Sec-Fetch-Site and Sec-Fetch-Mode, sent by current browsers (absent from scripts). */
  fetchSite?: string | null;
  fetchMode?: string | null;
}

export type Access =
  | { ok: true; via: 'bearer' | 'cookie' | 'no token configured' | 'not required' }
  | { ok: false; status: 400 | 401 | 403; error: string; detail: string };

export interface AccessOptions {
  /**
   * false only for the login and logout handlers, which must be reachable without a session; Host
   * and Origin are still checked.
   */
  requireToken?: boolean;
}

export function decideAccess(req: RequestFacts, cfg: SecurityConfig, opts: AccessOptions = {}): Access {
  if (!hostAllowed(req.host, cfg.allowedHosts)) {
    return {
      ok: false, status: 400, error: 'host not allowed',
      detail: `this server answers Host localhost, 127.0.0.1, [::1] and the names in PARALLAX_ALLOWED_HOSTS; got ${JSON.stringify(req.host ?? '')}`,
    };
  }
  // Browsers send Origin on cross-origin requests and on every non-GET; a same-origin GET may omit it.
  if (!originAllowed(req.origin, req.host, req.fetchSite)) {
    return { ok: false, status: 403, error: 'origin not allowed', detail: `requests from ${JSON.stringify(req.origin)} may not use this server` };
  }
  if (!fetchSiteAllowed(req.fetchSite, req.fetchMode)) {
    return { ok: false, status: 403, error: 'cross-site request', detail: 'other sites may link to this server, not fetch or embed it' };
  }
  if (!cfg.token || !cfg.session) return { ok: true, via: 'no token configured' };
  if (opts.requireToken === false) return { ok: true, via: 'not required' };
  const bearer = bearerToken(req.authorization);
  if (bearer !== undefined) {
    if (tokensEqual(bearer, cfg.token)) return { ok: true, via: 'bearer' };
    return { ok: false, status: 401, error: 'unauthorized', detail: 'the bearer token is not PARALLAX_TOKEN' };
  }
  const session = cookieValue(req.cookie, SESSION_COOKIE);
  if (session !== undefined && tokensEqual(session, cfg.session)) return { ok: true, via: 'cookie' };
  return {
    ok: false, status: 401, error: 'unauthorized',
    detail: session === undefined ? 'log in at /login, or send Authorization: Bearer <PARALLAX_TOKEN>' : 'the session has expired or the token changed: log in again at /login',
  };
}

/**
 * Where to go after logging in: a path on this server only ("/workloads?q=x"), never another site
 * ("//evil.example", "/\\evil.example", "https://…"), which would make the login page an open redirect.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f]/.test(next)) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/api/')) return '/';
  return next;
}

/**
 * What the login screen needs from the URL that was asked for: where to go afterwards and whether
 * the last attempt failed. On /login itself that is its ?next= and ?error=; on any other page the
 * layout shows the login screen in its place, and "next" is that page.
 */
export function loginScreenState(requested: string | null | undefined): { next: string; failed: boolean } {
  let url: URL;
  try {
    url = new URL(requested || '/', 'http://parallax.invalid');
  } catch {
    return { next: '/', failed: false };
  }
  if (url.pathname === '/login') return { next: safeNext(url.searchParams.get('next')), failed: url.searchParams.get('error') === '1' };
  return { next: safeNext(url.pathname + url.search), failed: false };
}
