// Next.js 16's request proxy (formerly middleware): runs before every page and route except the
// build's static files. It makes the access decision for pages (redirect to /login), refuses API
// requests early, and sets the security headers, with a fresh CSP nonce for each page. The route
// handlers decide again themselves (lib/security/guard.ts): this file is the first check, not the only one.
import { NextResponse, type NextRequest } from 'next/server';
import { decideAccess } from '@/lib/security/access';
import { currentConfig, refusal, requestFacts } from '@/lib/security/guard';
import { NON_DOCUMENT_CSP, STATIC_SECURITY_HEADERS, newNonce, pageCsp } from '@/lib/security/headers';

/** Reachable without a session: the login page and its form handlers. */
const NO_SESSION_PATHS = new Set(['/login', '/api/login', '/api/logout']);

function withHeaders<T extends Response>(res: T, csp: string): T {
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) res.headers.set(k, v);
  res.headers.set('Content-Security-Policy', csp);
  return res;
}

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const isApi = path === '/api' || path.startsWith('/api/');
  // /api/health answers probes itself (see its handler): only {ok} without the guard's consent.
  if (path !== '/api/health') {
    const access = decideAccess(requestFacts(request.method, request.headers), currentConfig(), { requireToken: !NO_SESSION_PATHS.has(path) });
    if (!access.ok) {
      if (access.status === 401 && !isApi) {
        const login = request.nextUrl.clone();
        login.pathname = '/login';
        login.search = `?next=${encodeURIComponent(path + request.nextUrl.search)}`;
        return withHeaders(NextResponse.redirect(login, 303), NON_DOCUMENT_CSP);
      }
      return withHeaders(refusal(access), NON_DOCUMENT_CSP);
    }
  }
  if (isApi) return withHeaders(NextResponse.next(), NON_DOCUMENT_CSP);

  const nonce = newNonce();
  const csp = pageCsp({ nonce, dev: process.env.NODE_ENV === 'development' });
  const headers = new Headers(request.headers);
  // Next.js takes the nonce for its own scripts from this request header; the layout reads x-nonce.
  headers.set('content-security-policy', csp);
  headers.set('x-nonce', nonce);
  // Only for the login screen's "next" field and error note (the layout has no URL of its own).
  headers.set('x-parallax-url', path + request.nextUrl.search);
  return withHeaders(NextResponse.next({ request: { headers } }), csp);
}

export const config = {
  // Everything but the build's immutable static files (next.config.js gives those their headers).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
