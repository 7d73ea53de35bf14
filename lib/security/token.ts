// The access token (PARALLAX_TOKEN): how a request presents it and how it is compared.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'parallax_session';
/** Tokens shorter than this are refused at start: the token is the only thing between the network and every cluster. */
export const MIN_TOKEN_LENGTH = 16;
/** How long a login lasts. The cookie is derived from the token, so changing the token ends every session too. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/**
 * Equal, in time that depends on neither value: both sides are hashed first, so the comparison
 * runs over two 32-byte digests whatever the lengths (timingSafeEqual alone throws on a length
 * mismatch, which would tell the length).
 */
export function tokensEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** "Bearer abc" -> "abc" (scheme case-insensitive); anything else -> undefined. */
export function bearerToken(authorization: string | null | undefined): string | undefined {
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m?.[1];
}

/**
 * The cookie's value: an HMAC of a fixed label under the token, not the token itself, so a copied
 * cookie cannot be replayed as a bearer token in scripts and the token never sits in the browser.
 */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('parallax-session-v1').digest('base64url');
}

/** One cookie's value out of a Cookie header. */
export function cookieValue(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Set-Cookie for a login: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure over TLS. */
export function sessionCookie(token: string, opts: { secure: boolean; maxAgeS?: number }): string {
  const parts = [`${SESSION_COOKIE}=${sessionValue(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${opts.maxAgeS ?? SESSION_MAX_AGE_S}`];
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Set-Cookie that removes the session cookie (logout). */
export function clearedSessionCookie(opts: { secure: boolean }): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0', ...(opts.secure ? ['Secure'] : [])].join('; ');
}

/**
 * Whether the browser reached us over TLS: the request URL, the Origin it sent (a browser states its
 * own scheme), or a TLS-terminating proxy's X-Forwarded-Proto. A wrong "yes" only makes the cookie
 * Secure, which at worst costs a login over plain HTTP; it never weakens anything.
 */
export function overTls(req: { url: string; origin?: string | null; forwardedProto?: string | null }): boolean {
  if (req.url.startsWith('https:')) return true;
  if (req.origin?.startsWith('https:')) return true;
  return (req.forwardedProto ?? '').split(',')[0].trim().toLowerCase() === 'https';
}
