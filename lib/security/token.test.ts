import { describe, expect, it } from 'vitest';
import { bearerToken, clearedSessionCookie, cookieValue, overTls, SESSION_COOKIE, sessionCookie, sessionValue, tokensEqual } from './token';

describe('tokensEqual', () => {
  it('is true only for the same string, whatever the lengths', () => {
    expect(tokensEqual('0123456789abcdef', '0123456789abcdef')).toBe(true);
    expect(tokensEqual('0123456789abcdeF', '0123456789abcdef')).toBe(false);
    expect(tokensEqual('0123456789abcde', '0123456789abcdef')).toBe(false);
    expect(tokensEqual('', '0123456789abcdef')).toBe(false);
    expect(tokensEqual('0123456789abcdef0', '0123456789abcdef')).toBe(false);
  });
});

describe('bearerToken', () => {
  it('reads "Bearer <token>", scheme in any case', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer  abc')).toBe('abc');
    expect(bearerToken('Basic YWJj')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(null)).toBeUndefined();
  });
});

describe('session cookie', () => {
  it('holds a value derived from the token, not the token', () => {
    const token = 'a-token-of-enough-length';
    expect(sessionValue(token)).not.toContain(token);
    expect(sessionValue(token)).toBe(sessionValue(token));
    expect(sessionValue(token)).not.toBe(sessionValue(`${token}x`));
  });
  it('is HttpOnly, SameSite=Strict, Path=/, with a lifetime; Secure only over TLS', () => {
    const plain = sessionCookie('tok-0123456789abcdef', { secure: false });
    expect(plain).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]+; `));
    expect(plain).toContain('HttpOnly');
    expect(plain).toContain('SameSite=Strict');
    expect(plain).toContain('Path=/');
    expect(plain).toMatch(/Max-Age=\d+/);
    expect(plain).not.toContain('Secure');
    expect(sessionCookie('tok-0123456789abcdef', { secure: true })).toMatch(/; Secure$/);
    expect(clearedSessionCookie({ secure: false })).toContain('Max-Age=0');
  });
  it('is read back out of a Cookie header among others', () => {
    expect(cookieValue(`a=1; ${SESSION_COOKIE}=xyz; b=2`, SESSION_COOKIE)).toBe('xyz');
    expect(cookieValue(`x${SESSION_COOKIE}=no`, SESSION_COOKIE)).toBeUndefined();
    expect(cookieValue(null, SESSION_COOKIE)).toBeUndefined();
  });
});

describe('overTls', () => {
  it('from the URL, the browser\'s Origin, or a TLS-terminating proxy', () => {
    expect(overTls({ url: 'https://p.example/api/login' })).toBe(true);
    expect(overTls({ url: 'http://127.0.0.1:3000/api/login', origin: 'https://p.example' })).toBe(true);
    expect(overTls({ url: 'http://127.0.0.1:3000/api/login', forwardedProto: 'https, http' })).toBe(true);
    expect(overTls({ url: 'http://127.0.0.1:3000/api/login', origin: 'http://127.0.0.1:3000', forwardedProto: null })).toBe(false);
  });
});
