import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretHasher, hashBase64, hashKeyId } from './hasher';
import { hashKeyPath, loadHashKey } from './hash-key';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('secret hasher', () => {
  it('equal values hash equal under one key, differently under another, and carry the key id', () => {
    const a = createSecretHasher(Buffer.alloc(32, 1));
    const b = createSecretHasher(Buffer.alloc(32, 2));
    expect(a.hash('s3cret')).toBe(a.hash(Buffer.from('s3cret')));
    expect(a.hash('s3cret')).not.toBe(b.hash('s3cret'));
    expect(a.hash('s3cret')).not.toContain('s3cret');
    expect(hashKeyId(a.hash('x'))).toBe(a.keyId);
    expect(a.keyId).not.toBe(b.keyId);
    expect(hashBase64(a, Buffer.from('s3cret').toString('base64'))).toBe(a.hash('s3cret'));
  });

  it('refuses short keys', () => {
    expect(() => createSecretHasher(Buffer.alloc(8))).toThrow(/16 bytes/);
  });
});

describe('persistent hash key', () => {
  it('PARALLAX_HASH_KEY gives the same key on every run and machine', () => {
    const one = loadHashKey({ env: { PARALLAX_HASH_KEY: 'team-shared-key-0123456789' }, configDir: tmp() });
    const two = loadHashKey({ env: { PARALLAX_HASH_KEY: 'team-shared-key-0123456789' }, configDir: tmp() });
    expect(one.from).toBe('PARALLAX_HASH_KEY');
    expect(one.hasher.hash('v')).toBe(two.hasher.hash('v'));
    expect(() => loadHashKey({ env: { PARALLAX_HASH_KEY: 'short' } })).toThrow(/at least 16/);
  });

  it('creates a 0600 key file once and reuses it', () => {
    const configDir = tmp();
    const first = loadHashKey({ env: {}, configDir, random: (n) => Buffer.alloc(n, 7) });
    const file = hashKeyPath({ env: {}, configDir });
    expect(first.from).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const again = loadHashKey({ env: {}, configDir, random: () => { throw new Error('must not make a new key'); } });
    expect(again.hasher.hash('v')).toBe(first.hasher.hash('v'));
    // The key itself is not derivable from what leaves the process.
    expect(first.hasher.hash('v')).not.toContain(Buffer.alloc(32, 7).toString('hex'));
  });

  it('refuses a key file others can read, and one it did not write', () => {
    const configDir = tmp();
    const file = hashKeyPath({ env: {}, configDir });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${'ab'.repeat(32)}\n`, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(() => loadHashKey({ env: {}, configDir })).toThrow(/chmod 600/);
    fs.chmodSync(file, 0o600);
    expect(loadHashKey({ env: {}, configDir }).hasher.keyId).toMatch(/^[0-9a-f]{12}$/);
    fs.writeFileSync(file, 'not a key\n');
    expect(() => loadHashKey({ env: {}, configDir })).toThrow(/64 hex/);
  });
});
