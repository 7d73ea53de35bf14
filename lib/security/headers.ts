// Response headers for every response. The page CSP carries a per-request nonce: Next.js reads it
// from the request's Content-Security-Policy header (set by proxy.ts) and puts it on its own
// scripts, and the root layout puts it on the one inline script of ours (the theme, which must run
// before paint). No 'unsafe-inline' for scripts, so an injected <script> does not run.

/** On every response (next.config.js sets them for paths the proxy does not see, the proxy for the rest). */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // For browsers without CSP frame-ancestors.
  'X-Frame-Options': 'DENY',
};

/** JSON, the event stream and static files are never documents: nothing may load from them or frame them. */
export const NON_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The pages' policy. Styles: style sheets and <style> elements need the nonce, but style=""
 * attributes (React renders some, e.g. recharts and virtualized tables) cannot carry one, so they are
 * allowed with style-src-attr; a style attribute cannot run script. Development adds 'unsafe-eval',
 * which React's dev build needs for its error overlays, and inline styles (never in production).
 */
export function pageCsp(opts: { nonce: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    // Development: Turbopack injects style sheets for hot reload without a nonce.
    `style-src 'self' ${opts.dev ? "'unsafe-inline'" : `'nonce-${opts.nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** 128 random bits, base64: unguessable per response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}
