import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NON_DOCUMENT_CSP, STATIC_SECURITY_HEADERS, newNonce, pageCsp } from './headers';

const directives = (csp: string) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

describe('pageCsp', () => {
  it('allows scripts only by nonce (no unsafe-inline, no unsafe-eval in production), no framing', () => {
    const d = directives(pageCsp({ nonce: 'abc', dev: false }));
    expect(d['script-src']).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(d['style-src']).toEqual(["'self'", "'nonce-abc'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(pageCsp({ nonce: 'abc', dev: false })).not.toMatch(/unsafe-eval|'unsafe-inline'[^;]*script/);
    const dev = directives(pageCsp({ nonce: 'abc', dev: true }));
    expect(dev['script-src']).toContain("'unsafe-eval'");
    expect(dev['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });
  it('a fresh nonce each time, 128 bits', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});

describe('next.config.js', () => {
  it('gives the paths the proxy skips the same headers', async () => {
    const config = createRequire(import.meta.url)(path.resolve(__dirname, '../../next.config.js'));
    const rules: { source: string; headers: { key: string; value: string }[] }[] = await config.headers();
    expect(rules.map((r) => r.source)).toEqual(['/_next/static/:path*', '/_next/image', '/favicon.ico', '/icon.svg']);
    for (const r of rules) {
      expect(Object.fromEntries(r.headers.map((h) => [h.key, h.value]))).toEqual({ ...STATIC_SECURITY_HEADERS, 'Content-Security-Policy': NON_DOCUMENT_CSP });
    }
  });
});
