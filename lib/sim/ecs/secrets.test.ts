// Secrets Manager and SSM Parameter Store in the simulator, driven by the real SDK v3 clients, and
// the same calls against moto (a second implementation): what both answer must agree, apart from
// the differences named here (moto's, checked against the API reference).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startEcsSimulator, type EcsSimulator } from './index';
import { TEST_CREDENTIALS } from './test-helpers';
import { motoTests, startMoto, type Moto } from '@/lib/testing/moto';

const VALUE = 'sim-secret-value-0c1d';
const OTHER = 'sim-secret-value-rotated-9e8f';

/** What an error looks like to the SDK: its exception name and HTTP status. */
async function failure(p: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

/** The same sequence of writes and reads against any endpoint; the answers, reduced to what must agree. */
async function exercise(endpoint: string, accountId: string) {
  const cfg = { region: 'us-east-1', endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 };
  const sm = new SecretsManagerClient(cfg);
  const ssm = new SSMClient(cfg);
  try {
    const created = await sm.send(new CreateSecretCommand({ Name: 'x/db', SecretString: JSON.stringify({ password: VALUE }) }));
    const partialArn = `arn:aws:secretsmanager:us-east-1:${accountId}:secret:x/db`;
    const [byName, byArn, byPartialArn] = await Promise.all(
      ['x/db', created.ARN!, partialArn].map((SecretId) => sm.send(new GetSecretValueCommand({ SecretId }))),
    );
    const put = await sm.send(new PutSecretValueCommand({ SecretId: 'x/db', SecretString: JSON.stringify({ password: OTHER }) }));
    const current = await sm.send(new GetSecretValueCommand({ SecretId: created.ARN }));
    const previous = await sm.send(new GetSecretValueCommand({ SecretId: 'x/db', VersionStage: 'AWSPREVIOUS' }));
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'x/db' }));
    const binary = await sm.send(new CreateSecretCommand({ Name: 'x/bin', SecretBinary: Buffer.from('binary-bytes') }));
    const readBinary = await sm.send(new GetSecretValueCommand({ SecretId: binary.ARN }));

    await ssm.send(new PutParameterCommand({ Name: '/x/pw', Type: 'SecureString', Value: VALUE }));
    await ssm.send(new PutParameterCommand({ Name: '/x/plain', Type: 'String', Value: 'plain-value' }));
    const encrypted = await ssm.send(new GetParametersCommand({ Names: ['/x/pw', '/x/plain'] }));
    const decrypted = await ssm.send(new GetParametersCommand({ Names: ['/x/pw', '/x/plain', '/x/missing'], WithDecryption: true }));
    const overwritten = await ssm.send(new PutParameterCommand({ Name: '/x/plain', Type: 'String', Value: 'plain-2', Overwrite: true }));
    const pwArn = `arn:aws:ssm:us-east-1:${accountId}:parameter/x/pw`;
    const oneByArn = await ssm.send(new GetParameterCommand({ Name: pwArn, WithDecryption: true }));
    const manyByArn = await ssm.send(new GetParametersCommand({ Names: [pwArn], WithDecryption: true }));

    const errors = {
      secretMissing: await failure(sm.send(new GetSecretValueCommand({ SecretId: 'x/nope' }))),
      secretExists: await failure(sm.send(new CreateSecretCommand({ Name: 'x/db', SecretString: 'again' }))),
      parameterMissing: await failure(ssm.send(new GetParameterCommand({ Name: '/x/missing' }))),
      parameterExists: await failure(ssm.send(new PutParameterCommand({ Name: '/x/pw', Type: 'SecureString', Value: 'again' }))),
      elevenNames: await failure(ssm.send(new GetParametersCommand({ Names: Array.from({ length: 11 }, (_, i) => `/x/p${i}`) }))),
    };
    const byNameOf = (ps: typeof decrypted.Parameters) => Object.fromEntries((ps ?? []).map((p) => [p.Name, p]));
    return {
      created: { arn: created.ARN, name: created.Name, hasVersion: !!created.VersionId },
      reads: [byName, byArn, byPartialArn].map((r) => ({ arn: r.ARN, value: r.SecretString, stages: r.VersionStages, created: r.CreatedDate instanceof Date })),
      rotated: { stages: put.VersionStages, current: current.SecretString, previous: previous.SecretString, versions: Object.values(described.VersionIdsToStages ?? {}).map((s) => s.join()).sort() },
      binary: Buffer.from(readBinary.SecretBinary ?? []).toString(),
      encrypted: byNameOf(encrypted.Parameters),
      decrypted: { values: Object.fromEntries((decrypted.Parameters ?? []).map((p) => [p.Name, [p.Type, p.Value, p.Version, p.ARN, p.DataType, p.LastModifiedDate instanceof Date]])), invalid: decrypted.InvalidParameters },
      overwritten: overwritten.Version,
      oneByArn: [oneByArn.Parameter?.Name, oneByArn.Parameter?.Value],
      manyByArn: { found: (manyByArn.Parameters ?? []).map((p) => [p.Name, p.Value]), invalid: manyByArn.InvalidParameters },
      errors,
    };
  } finally {
    sm.destroy();
    ssm.destroy();
  }
}

type Exercise = Awaited<ReturnType<typeof exercise>>;

describe('Secrets Manager and SSM in the ECS simulator', () => {
  let sim: EcsSimulator;
  let got: Exercise;
  beforeAll(async () => {
    sim = await startEcsSimulator({ tickMs: 1000 });
    got = await exercise(sim.url, sim.accountId);
  });
  afterAll(() => sim?.stop());

  it('stores secrets under ARNs with a random suffix and finds them by name, full ARN or partial ARN', () => {
    expect(got.created.arn).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:x\/db-[A-Za-z0-9]{6}$/);
    expect(got.created).toMatchObject({ name: 'x/db', hasVersion: true });
    for (const r of got.reads) expect(r).toEqual({ arn: got.created.arn, value: JSON.stringify({ password: VALUE }), stages: ['AWSCURRENT'], created: true });
    expect(got.binary).toBe('binary-bytes');
  });

  it('moves AWSCURRENT to a new version and keeps the old one as AWSPREVIOUS', () => {
    expect(got.rotated).toEqual({ stages: ['AWSCURRENT'], current: JSON.stringify({ password: OTHER }), previous: JSON.stringify({ password: VALUE }), versions: ['AWSCURRENT', 'AWSPREVIOUS'] });
  });

  it('answers a SecureString without decryption with a ciphertext that reveals nothing, and with decryption with the value', () => {
    const pw = got.encrypted['/x/pw'];
    expect(pw.Type).toBe('SecureString');
    expect(pw.Value).toMatch(/^AQICAH[A-Za-z0-9+/]+=*$/);
    expect(pw.Value).not.toContain(VALUE);
    expect(Buffer.from(pw.Value!, 'base64').toString('latin1')).not.toContain(VALUE);
    expect(got.encrypted['/x/plain'].Value).toBe('plain-value');
    expect(got.decrypted).toEqual({
      values: {
        '/x/pw': ['SecureString', VALUE, 1, 'arn:aws:ssm:us-east-1:000000000000:parameter/x/pw', 'text', true],
        '/x/plain': ['String', 'plain-value', 1, 'arn:aws:ssm:us-east-1:000000000000:parameter/x/plain', 'text', true],
      },
      invalid: ['/x/missing'],
    });
    expect(got.overwritten).toBe(2);
  });

  it('takes parameter ARNs in GetParameter and GetParameters, as the API reference says', () => {
    expect(got.oneByArn).toEqual(['/x/pw', VALUE]);
    expect(got.manyByArn).toEqual({ found: [['/x/pw', VALUE]], invalid: [] });
  });

  it('answers with the real error shapes', () => {
    expect(got.errors).toEqual({
      secretMissing: { name: 'ResourceNotFoundException', status: 400 },
      secretExists: { name: 'ResourceExistsException', status: 400 },
      parameterMissing: { name: 'ParameterNotFound', status: 400 },
      parameterExists: { name: 'ParameterAlreadyExists', status: 400 },
      elevenNames: { name: 'ValidationException', status: 400 },
    });
  });

  it('records the calls, and injects AccessDenied and throttling like the other services', async () => {
    expect(sim.requests.filter((r) => r.service === 'secretsmanager').map((r) => r.operation)).toContain('GetSecretValue');
    expect(sim.requests.filter((r) => r.service === 'ssm').map((r) => r.operation)).toContain('GetParameters');
    const cfg = { region: 'us-east-1', endpoint: sim.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 };
    const sm = new SecretsManagerClient(cfg);
    const ssm = new SSMClient(cfg);
    sim.faults.deny('secretsmanager:GetSecretValue');
    sim.faults.throttle('GetParameters', 1);
    try {
      expect(await failure(sm.send(new GetSecretValueCommand({ SecretId: 'x/db' })))).toEqual({ name: 'AccessDeniedException', status: 400 });
      expect(await failure(ssm.send(new GetParametersCommand({ Names: ['/x/pw'] })))).toEqual({ name: 'ThrottlingException', status: 400 });
      expect((await ssm.send(new GetParametersCommand({ Names: ['/x/pw'] }))).Parameters).toHaveLength(1);
    } finally {
      sim.faults.clear();
      sm.destroy();
      ssm.destroy();
    }
  });
});

describe.skipIf(!motoTests('lib/sim/ecs/secrets.test.ts'))('Secrets Manager and SSM: the simulator against moto', () => {
  let moto: Moto;
  let sim: EcsSimulator;
  beforeAll(async () => {
    [moto, sim] = await Promise.all([startMoto(), startEcsSimulator({ tickMs: 1000 })]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([moto?.stop(), sim?.stop()]);
  });

  it('answers the same sequence of calls the same way, apart from moto known differences', async () => {
    const fromMoto = await exercise(moto.url, '123456789012');
    const fromSim = await exercise(sim.url, sim.accountId);
    const withoutAccount = (x: unknown) => JSON.parse(JSON.stringify(x).replaceAll('123456789012', 'ACCOUNT').replaceAll(sim.accountId, 'ACCOUNT').replace(/x\/db-[A-Za-z0-9]{6}/g, 'x/db-SUFFIX'));
    const a = withoutAccount(fromMoto);
    const b = withoutAccount(fromSim);
    // moto differences (the simulator follows the API reference):
    // - ResourceNotFoundException comes with HTTP 404 (the reference: 400);
    // - a SecureString read without decryption answers `kms:<key>:<value>` (real SSM: the ciphertext);
    // - GetParameters does not take ARNs (GetParameter does).
    expect(a.errors.secretMissing).toEqual({ name: 'ResourceNotFoundException', status: 404 });
    a.errors.secretMissing.status = 400;
    expect(a.encrypted['/x/pw'].Value).toBe(`kms:alias/aws/ssm:${VALUE}`);
    expect(a.manyByArn).toEqual({ found: [], invalid: ['arn:aws:ssm:us-east-1:ACCOUNT:parameter/x/pw'] });
    for (const x of [a, b]) {
      delete x.encrypted['/x/pw'].Value;
      delete x.manyByArn;
      for (const p of Object.values(x.encrypted) as Record<string, unknown>[]) delete p.LastModifiedDate;
    }
    for (const key of Object.keys(a)) expect({ [key]: b[key] }).toEqual({ [key]: a[key] });
  }, 30_000);
});
