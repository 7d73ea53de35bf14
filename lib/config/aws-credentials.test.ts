import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '@/lib/util/fake-clock';
import { checkAwsCredentials, sdkCredentialResolver, type CredentialResolver } from './aws-credentials';

// The real SDK chain on real files in a temporary directory. The instance-metadata link is switched
// off (AWS_EC2_METADATA_DISABLED) so that no test depends on this machine's network; the timeout is
// tested with a resolver that never answers, on fake time.

const FAKE_KEY = 'AKIAPARALLAXTEST0001';
const FAKE_SECRET = 'parallax-test-secret-not-real-0001';

function awsDir(config: string, credentials = '') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-aws-'));
  fs.writeFileSync(path.join(dir, 'config'), config);
  fs.writeFileSync(path.join(dir, 'credentials'), credentials);
  return { configFile: path.join(dir, 'config'), credentialsFile: path.join(dir, 'credentials') };
}

const check = (req: Parameters<typeof checkAwsCredentials>[0]) => checkAwsCredentials(req, { resolve: sdkCredentialResolver });

describe('checkAwsCredentials with the SDK default chain', () => {
  afterEach(() => vi.unstubAllEnvs());
  const isolate = () => {
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    for (const k of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
      'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) vi.stubEnv(k, undefined);
  };

  it('finds a profile with keys in the credentials file, and one with credential_process in the config file', async () => {
    isolate();
    const files = awsDir(
      `[profile staging]\nregion = eu-west-1\n[profile tool]\ncredential_process = node -e "console.log(JSON.stringify({Version:1,AccessKeyId:'${FAKE_KEY}',SecretAccessKey:'${FAKE_SECRET}'}))"\n`,
      `[staging]\naws_access_key_id = ${FAKE_KEY}\naws_secret_access_key = ${FAKE_SECRET}\n`,
    );
    expect(await check({ ...files, profile: 'staging' })).toEqual({ ok: true });
    expect(await check({ ...files, profile: 'tool' })).toEqual({ ok: true });
  });

  it('says a missing profile ("ghost") has no credentials, naming it, with what to do and no secret', async () => {
    isolate();
    const files = awsDir('[profile staging]\nregion = eu-west-1\n', `[staging]\naws_access_key_id = ${FAKE_KEY}\naws_secret_access_key = ${FAKE_SECRET}\n`);
    const r = await check({ ...files, profile: 'ghost' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/^profile "ghost": the AWS SDK found no credentials \(.*ghost.*\)$/);
    expect(r.hint).toContain('aws configure --profile ghost');
    expect(JSON.stringify(r)).not.toContain(FAKE_SECRET);
  });

  it('takes keys from the environment when no profile is named (the endpoint-override case: moto, LocalStack)', async () => {
    isolate();
    const files = awsDir('');
    expect((await check(files)).ok).toBe(false);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:5000');
    expect(await check(files)).toEqual({ ok: true });
  });

  it('gives up after the timeout when the chain hangs (instance metadata on a dropping network), on fake time', async () => {
    const clock = new FakeClock();
    const hang: CredentialResolver = (_req, trail) => { trail('Could not resolve credentials using profile: [default]'); return new Promise(() => {}); };
    const pending = checkAwsCredentials({}, { resolve: hang, timeoutMs: 5_000, clock });
    await clock.advance(4_999);
    let settled = false;
    void pending.then(() => { settled = true; });
    await clock.advance(0);
    expect(settled).toBe(false);
    await clock.advance(1);
    const r = await pending;
    expect(r).toMatchObject({ ok: false, reason: 'the default AWS credential chain: the AWS SDK found no credentials within 5 s (Could not resolve credentials using profile: [default])' });
    expect(clock.size).toBe(0);
  });

  it('clears its timer when the chain answers first', async () => {
    const clock = new FakeClock();
    expect(await checkAwsCredentials({ profile: 'p' }, { resolve: async () => ({}), clock })).toEqual({ ok: true });
    expect(clock.size).toBe(0);
  });
});
