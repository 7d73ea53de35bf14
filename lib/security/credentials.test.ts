import { describe, expect, it } from 'vitest';
import { detectCredential, entropy, maskedText, parseMasked, plainValueView } from './credentials';

describe('detectCredential: values that are credentials whatever their name', () => {
  const cases: [string, string, string][] = [
    ['ANY', 'AKIAIOSFODNN7EXAMPLE', 'AWS access key id'],
    ['ANY', 'ASIAY34FZKBOKMUTVV7A', 'AWS access key id'],
    ['KEY_PEM', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow...', 'private key'],
    ['KEY_PEM', '-----BEGIN OPENSSH PRIVATE KEY-----', 'private key'],
    ['KEY_PEM', '-----BEGIN PRIVATE KEY-----', 'private key'],
    ['KEY_PEM', '-----BEGIN PGP PRIVATE KEY BLOCK-----', 'private key'],
    ['SESSION', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'JSON web token'],
    ['DATABASE_URL', 'postgres://shop:hunter2@db.internal:5432/shop', 'password in URL'],
    ['REDIS', 'rediss://default:s3cr3t@cache:6380', 'password in URL'],
    ['CONN', 'Server=db;Database=shop;User Id=sa;Password=hunter2;', 'password in value'],
    ['JDBC', 'jdbc:mysql://db/shop?user=sa&password=hunter2', 'password in value'],
    ['HOOK', 'https://hooks.example.com/x?token=abcdef123456', 'password in value'],
    ['GH', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'GitHub token'],
    ['SLACK', 'xoxb-123456789012-abcdefghijkl', 'Slack token'],
    ['PAY', 'sk_live_0123456789abcdefABCD', 'Stripe live key'],
    ['G', 'AIzaSyA-0123456789abcdefghijklmnopqrstu', 'Google API key'],
  ];
  for (const [name, value, kind] of cases) it(`${kind}: ${value.slice(0, 24)}…`, () => expect(detectCredential(name, value)).toBe(kind));
});

describe('detectCredential: names that say password or secret', () => {
  it('any real value under a *_PASSWORD name, however simple', () => {
    expect(detectCredential('DB_PASSWORD', 'hunter2')).toBe('password');
    expect(detectCredential('POSTGRES_PASSWORD', 'changeme')).toBe('password');
    expect(detectCredential('SMTP_PWD', 'x1')).toBe('password');
  });
  it('a long random value under *_SECRET, *_TOKEN, *_KEY, *_API_KEY… names', () => {
    expect(detectCredential('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('secret-like value');
    expect(detectCredential('CLIENT_SECRET', '8f14e45fceea167a5a36dedd4bea2543')).toBe('secret-like value');
    expect(detectCredential('API_TOKEN', '123e4567-e89b-12d3-a456-426614174000')).toBe('secret-like value');
    expect(detectCredential('STRIPE_KEY', 'rk_test_51Habcdefghijklmnop')).toBe('secret-like value');
  });
});

describe('detectCredential: what is not a credential', () => {
  const plain: [string, string | undefined][] = [
    ['LOG_LEVEL', 'debug'], ['FLAGS', 'beta=on'], ['FEATURE_FLAGS', 'checkout-v2=on,reviews=off'],
    ['API_URL', 'http://api.shop.internal'], ['DB_HOST', 'db.shop.internal'], ['DB_PORT', '5432'],
    ['TOKEN_TTL_SECONDS', '3600'], ['CACHE_KEY', 'v2'], ['PASSWORD_MIN_LENGTH', '12'], ['SECRET_NAME', 'prod/db'],
    // references to a secret, not the secret
    ['DB_PASSWORD', '${DB_PASSWORD}'], ['DB_PASSWORD', '$DB_PASSWORD'], ['DB_PASSWORD_FILE', '/run/secrets/db'],
    ['DB_PASSWORD', '/run/secrets/db-password'], ['DB_SECRET', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db-Xy12Ab'],
    ['API_KEY', 'aaaaaaaaaaaaaaaaaaaaaaaa'], ['ACCESS_KEY', 'not-long'], ['DB_PASSWORD', ''], ['DB_PASSWORD', undefined],
    ['JWT_PUBLIC_KEY', 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE3k9Fz'], ['QUERY', 'token=${TOKEN}'], ['AUTH', 'secret=true'], ['IMAGE', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  ];
  for (const [name, value] of plain) it(`${name}=${value}`, () => expect(detectCredential(name, value)).toBeUndefined());
});

describe('mask text', () => {
  it('round-trips the kind and the hash, never the value', () => {
    const t = maskedText('AWS access key id', 'a1b2c3');
    expect(t).toBe('[masked by Parallax: AWS access key id; hmac a1b2c3]');
    expect(parseMasked(t)).toEqual({ kind: 'AWS access key id', hmac: 'a1b2c3' });
    expect(parseMasked('[masked by Parallax: password]')).toEqual({ kind: 'password' });
    expect(parseMasked('debug')).toBeUndefined();
  });
});

describe('plainValueView', () => {
  it('shows plain values, and masks what the server masked or what still looks like a credential', () => {
    expect(plainValueView('LOG_LEVEL', 'debug')).toEqual({ masked: false, text: 'debug' });
    expect(plainValueView('X', maskedText('private key', 'ff'))).toEqual({ masked: true, kind: 'private key', by: 'server' });
    expect(plainValueView('X', 'AKIAIOSFODNN7EXAMPLE')).toEqual({ masked: true, kind: 'AWS access key id', by: 'browser' });
  });
});

describe('entropy', () => {
  it('in bits per character', () => {
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('abcd')).toBe(2);
  });
});
