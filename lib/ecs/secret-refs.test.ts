import { describe, expect, it } from 'vitest';
import { createSecretHasher } from '@/lib/secrets/hasher';
import { goFormat, hashInjectedSecret, parseSecretRef, refLabel, secretFetchKey } from './secret-refs';

const hasher = createSecretHasher(Buffer.alloc(32, 7));
const SM = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/db-AbCdEf';

describe('parseSecretRef', () => {
  it('reads a Secrets Manager ARN with and without :json-key:version-stage:version-id, as the ECS agent does', () => {
    expect(parseSecretRef(SM, 'us-east-1')).toEqual({ ok: true, ref: { store: 'secretsManager', region: 'eu-west-1', account: '111122223333', secretId: SM } });
    expect(parseSecretRef(`${SM}:password::`, 'us-east-1')).toEqual({ ok: true, ref: { store: 'secretsManager', region: 'eu-west-1', account: '111122223333', secretId: SM, jsonKey: 'password' } });
    expect(parseSecretRef(`${SM}::AWSPREVIOUS:`, 'us-east-1')).toMatchObject({ ref: { secretId: SM, versionStage: 'AWSPREVIOUS' } });
    expect(parseSecretRef(`${SM}:k:AWSCURRENT:v-1`, 'us-east-1')).toMatchObject({ ref: { jsonKey: 'k', versionStage: 'AWSCURRENT', versionId: 'v-1' } });
    // The agent accepts exactly 2 or 5 parts after `secret`.
    expect(parseSecretRef(`${SM}:password`, 'us-east-1')).toMatchObject({ ok: false });
  });

  it('reads SSM parameter ARNs (their region) and bare names (the task region)', () => {
    expect(parseSecretRef('arn:aws:ssm:eu-west-1:111122223333:parameter/shop/db/password', 'us-east-1')).toEqual({
      ok: true, ref: { store: 'ssm', region: 'eu-west-1', account: '111122223333', name: '/shop/db/password', arn: 'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/db/password' },
    });
    expect(parseSecretRef('arn:aws:ssm:eu-west-1:1:parameter/flat', 'us-east-1')).toMatchObject({ ref: { name: 'flat' } });
    expect(parseSecretRef('/shop/stripe-key', 'us-east-1')).toEqual({ ok: true, ref: { store: 'ssm', region: 'us-east-1', name: '/shop/stripe-key' } });
    expect(parseSecretRef('arn:aws:s3:::bucket/key', 'us-east-1')).toMatchObject({ ok: false });
  });

  it('shares one fetch between JSON keys of one secret version, not between versions', () => {
    const key = (v: string) => { const p = parseSecretRef(v, 'us-east-1'); if (!p.ok || p.ref.store !== 'secretsManager') throw new Error(v); return secretFetchKey(p.ref); };
    expect(key(`${SM}:password::`)).toBe(key(`${SM}:username::`));
    expect(key(`${SM}:password::`)).toBe(key(SM));
    expect(key(`${SM}:password:AWSPREVIOUS:`)).not.toBe(key(`${SM}:password::`));
  });

  it('names references by secret or parameter, never by value', () => {
    const p = parseSecretRef(`${SM}:password::`, 'us-east-1');
    expect(p.ok && refLabel(p.ref)).toBe('shop/db-AbCdEf (JSON key password)');
  });
});

describe('goFormat: what the ECS agent injects for a JSON key (Go fmt %v of the decoded value)', () => {
  it('formats strings, booleans, null, numbers, arrays and objects as Go does', () => {
    expect(goFormat('s3cr3t')).toBe('s3cr3t');
    expect(goFormat(true)).toBe('true');
    expect(goFormat(null)).toBe('<nil>');
    expect(goFormat(5432)).toBe('5432');
    expect(goFormat(1.5)).toBe('1.5');
    expect(goFormat(123456)).toBe('123456');
    expect(goFormat(1000000)).toBe('1e+06');
    expect(goFormat(1234567)).toBe('1.234567e+06');
    expect(goFormat(0.0001)).toBe('0.0001');
    expect(goFormat(0.00001)).toBe('1e-05');
    expect(goFormat(-2.5e-7)).toBe('-2.5e-07');
    expect(goFormat(1e100)).toBe('1e+100');
    expect(goFormat(0)).toBe('0');
    expect(goFormat([1, 'a', true])).toBe('[1 a true]');
    expect(goFormat({ b: 2, a: { c: 'x' } })).toBe('map[a:map[c:x] b:2]');
  });
});

describe('hashInjectedSecret', () => {
  const VALUE = 'v4lue-that-must-not-leak';

  it('hashes SecretString as is without a JSON key, the key value with one', () => {
    expect(hashInjectedSecret(hasher, VALUE, undefined)).toEqual({ ok: true, hash: hasher.hash(VALUE) });
    expect(hashInjectedSecret(hasher, JSON.stringify({ password: VALUE, port: 5432 }), 'password')).toEqual({ ok: true, hash: hasher.hash(VALUE) });
    expect(hashInjectedSecret(hasher, JSON.stringify({ port: 5432 }), 'port')).toEqual({ ok: true, hash: hasher.hash('5432') });
    // A binary-only secret: the agent injects an empty string.
    expect(hashInjectedSecret(hasher, undefined, undefined)).toEqual({ ok: true, hash: hasher.hash('') });
  });

  it('explains a missing key, a non-JSON secret or a binary secret without quoting the value', () => {
    const cases = [
      hashInjectedSecret(hasher, JSON.stringify({ other: VALUE }), 'password'),
      hashInjectedSecret(hasher, `${VALUE} is not json`, 'password'),
      hashInjectedSecret(hasher, JSON.stringify([VALUE]), 'password'),
      hashInjectedSecret(hasher, 'null', 'password'),
      hashInjectedSecret(hasher, undefined, 'password'),
    ];
    for (const c of cases) {
      expect(c.ok).toBe(false);
      expect(JSON.stringify(c)).not.toContain(VALUE);
      expect(JSON.stringify(c)).not.toContain(VALUE.slice(0, 8));
    }
    expect(cases[0]).toEqual({ ok: false, reason: 'the secret has no JSON key "password" (ECS cannot start such a task)' });
  });
});
