// PARALLAX_ECS_SECRET_HASHES over real HTTP: the adapter's real SDK clients read Secrets Manager and
// SSM values from the embedded simulator and from moto (seeded by the demo's seeder), hash them at
// once and keep only the hashes. No SDK is mocked.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { V1Secret } from '@kubernetes/client-node';
import { startEcsSimulator, type EcsSimulator } from '@/lib/sim/ecs';
import type { EcsSourceConfig } from '@/lib/config/types';
import { ecsSourceId, type ModelObject, type Source } from '@/lib/model';
import { createSecretHasher, type SecretHasher } from '@/lib/secrets/hasher';
import { normalizeSecret } from '@/lib/k8s/normalize/resources';
import { seedEcs } from '@/lib/seed';
import { nextPoll, TestSink } from '@/lib/testing/sink';
import { FakeClock } from '@/lib/util/fake-clock';
import { motoTests, startMoto, type Moto } from '@/lib/testing/moto';
import { createEcsSource } from './source';
import { createEcsClients } from './clients';
import { Limiter } from '@/lib/util/limiter';
import { createSecretValueReader } from './secret-values';
import { readEcsOnce } from '@/lib/testing/ecs/read-once';
import { TaskDefinitionCache } from './read';
import { TEST_CREDENTIALS } from '@/lib/testing/ecs/seed';
import { ofKind } from '@/lib/testing/ecs/expect';
import { ALL_VALUES, API_TOKEN, DB_PASSWORD, MANY, manyValue, secretsScenario, STRIPE_KEY } from '@/lib/testing/ecs/secrets-scenario';

const hasher = createSecretHasher(Buffer.alloc(32, 42));
const SOURCE = ecsSourceId('test', 'us-east-1');
const SECRET_OPS = new Set(['GetSecretValue', 'GetParameters', 'GetParameter', 'DescribeSecret']);

const config = (endpoint: string, extra: Partial<EcsSourceConfig> = {}): EcsSourceConfig => ({
  platform: 'ecs', profile: 'test', region: 'us-east-1', endpoint, pollIntervalMs: 60_000, credentials: TEST_CREDENTIALS,
  demo: false, secretHashes: true, clusters: ['vault'], ...extra,
});
const read = (cfg: EcsSourceConfig, h: SecretHasher = hasher) => readEcsOnce(cfg, { hasher: h, maxAttempts: 1, taskDefinitionCache: new TaskDefinitionCache() });

/** A Kubernetes Secret holding these values, normalized by the Kubernetes adapter with the same hasher. */
function kubeSecretHashes(data: Record<string, string>, h: SecretHasher = hasher): Record<string, string | undefined> {
  const secret: V1Secret = { metadata: { name: 'db', namespace: 'shop' }, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) };
  const s = normalizeSecret({ sourceId: 'k8s/test', clusterId: 'k8s/test/_/Cluster/test', hasher: h }, secret);
  return Object.fromEntries(s.keys.map((k) => [k.key, k.hash]));
}

function envOf(objects: ModelObject[], service: string, which: 'env' | 'effectiveEnv' = 'env') {
  const w = ofKind(objects, 'workload').find((x) => x.name === service)!;
  return Object.fromEntries(w.template.containers[0][which].map((e) => [e.name, e]));
}

const coverage = (source: Source, kind: string) => source.coverage.find((c) => c.kind === kind);

/** No fake value, raw or base64, in anything the adapter produced or logged. */
function expectNoValues(...things: unknown[]): void {
  const text = JSON.stringify(things);
  for (const v of [...ALL_VALUES, ...MANY.map((_, i) => manyValue(i))]) {
    expect(text).not.toContain(v);
    expect(text).not.toContain(Buffer.from(v).toString('base64'));
  }
}

/** The assertions both backends must pass for cluster vault. */
function expectVaultHashed(objects: ModelObject[], source: Source): void {
  expect(source.status).toBe('ok');
  const expected: Record<string, string> = {
    DB_PASSWORD, DB_PORT: '5432', API_TOKEN, PG_PASSWORD: DB_PASSWORD, STRIPE_KEY, PLAIN: 'plain-config-value',
  };
  for (const which of ['env', 'effectiveEnv'] as const) {
    const env = envOf(objects, 'app', which);
    for (const [name, value] of Object.entries(expected)) expect(env[name], `${which} ${name}`).toMatchObject({ from: 'secret', hash: hasher.hash(value) });
  }
  const many = envOf(objects, 'many');
  MANY.forEach((_, i) => expect(many[`P${i}`].hash).toBe(hasher.hash(manyValue(i))));
  // Secret objects: each key (env name) with the hash of the value ECS injects for it.
  const secrets = new Map(ofKind(objects, 'secret').map((s) => [s.name, s]));
  expect(secrets.get('/vault/db/password')!.keys).toEqual([{ key: 'PG_PASSWORD', ref: expect.stringMatching(/:parameter\/vault\/db\/password$/), hash: hasher.hash(DB_PASSWORD) }]);
  const db = [...secrets.values()].find((s) => /^vault\/db-[A-Za-z0-9]{6}$/.test(s.name))!;
  expect(db.keys.map((k) => [k.key, k.hash])).toEqual([['DB_PASSWORD', hasher.hash(DB_PASSWORD)], ['DB_PORT', hasher.hash('5432')]]);
  expect(coverage(source, 'secretValues')).toEqual({ kind: 'secretValues', collections: ['secretValues'], state: 'ok', count: 6 + MANY.length });
  expectNoValues(objects, source);
}

// Every console line any test here causes (adapter, SDK, simulator) is scanned for values too.
const logged: unknown[][] = [];
beforeEach(() => {
  logged.length = 0;
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, m).mockImplementation((...args: unknown[]) => { logged.push(args); });
});
afterEach(() => {
  vi.restoreAllMocks();
  expectNoValues(logged.map((args) => args.map(String)));
});

describe('ECS secret values against the embedded simulator', () => {
  let sim: EcsSimulator;
  beforeAll(async () => {
    sim = await startEcsSimulator({ tickMs: 1000 });
    await seedEcs({ endpoint: sim.url, region: sim.region, credentials: TEST_CREDENTIALS, scenario: secretsScenario({ kmsDenied: true }) });
  });
  afterAll(() => sim?.stop());
  afterEach(() => sim.faults.clear());

  it('fills the hashes of what ECS injects on env, effectiveEnv and Secret keys, with Get* calls only', async () => {
    const from = sim.requests.length;
    const { objects, source } = await read(config(sim.url));
    expectVaultHashed(objects, source);
    const ops = sim.requests.slice(from).map((r) => r.operation);
    expect(ops.filter((op) => !/^(Describe|List|Get)/.test(op))).toEqual([]);
    // One GetSecretValue per secret (two JSON keys of vault/db, one call); 14 parameter names in two
    // batches of at most 10; the unused task definition's secret is never read.
    expect(ops.filter((op) => op === 'GetSecretValue')).toHaveLength(2);
    expect(ops.filter((op) => op === 'GetParameters')).toHaveLength(2);
  });

  it('gives a Kubernetes Secret and ECS the same hash for the same value under the same key, different ones otherwise', async () => {
    const { objects } = await read(config(sim.url));
    const env = envOf(objects, 'app');
    const k8s = kubeSecretHashes({ password: DB_PASSWORD, stripe: 'not-the-stripe-key' });
    expect(env.DB_PASSWORD.hash).toBe(k8s.password);
    expect(env.PG_PASSWORD.hash).toBe(k8s.password);
    expect(env.STRIPE_KEY.hash).not.toBe(k8s.stripe);
    // Another key (another installation): the same value no longer compares equal.
    const other = createSecretHasher(Buffer.alloc(32, 1));
    expect(kubeSecretHashes({ password: DB_PASSWORD }, other).password).not.toBe(env.DB_PASSWORD.hash);
  });

  it('with the option off, makes no Secrets Manager or SSM call and keeps references only', async () => {
    const from = sim.requests.length;
    const { objects, source } = await read(config(sim.url, { secretHashes: false }));
    expect(sim.requests.slice(from).filter((r) => r.service === 'secretsmanager' || r.service === 'ssm')).toEqual([]);
    expect(source.status).toBe('ok');
    expect(coverage(source, 'secretValues')).toBeUndefined();
    expect(Object.values(envOf(objects, 'app')).every((e) => e.hash === undefined)).toBe(true);
    expect(ofKind(objects, 'secret').flatMap((s) => s.keys).every((k) => k.hash === undefined && k.ref)).toBe(true);
  });

  it('turns AccessDenied into forbidden coverage: the poll goes on, the denied variables have no hash', async () => {
    sim.faults.deny('GetSecretValue');
    const { objects, source } = await read(config(sim.url));
    expect(source.status).toBe('degraded');
    expect(source.reason).toBe('not covered: secretValues');
    for (const c of source.coverage.filter((x) => x.kind !== 'secretValues')) expect(c.state, c.kind).toBe('ok');
    const cov = coverage(source, 'secretValues')!;
    expect(cov).toMatchObject({ state: 'forbidden', count: 3 + MANY.length });
    expect(cov.message).toMatch(/^3 of 17 secret values unreadable: GetSecretValue vault\/db-\w{6} \(JSON key password\): AccessDeniedException: User: .* is not authorized to perform: secretsmanager:GetSecretValue/);
    const env = envOf(objects, 'app');
    for (const n of ['DB_PASSWORD', 'DB_PORT', 'API_TOKEN']) expect(env[n].hash, n).toBeUndefined();
    for (const n of ['PG_PASSWORD', 'STRIPE_KEY', 'PLAIN']) expect(env[n].hash, n).toBeDefined();
    expect(ofKind(objects, 'workload').map((w) => w.name).sort()).toEqual(['app', 'many']);
    expect(source.errors).toContainEqual(expect.objectContaining({ operation: 'GetSecretValue', code: 'AccessDeniedException', status: 400 }));
    expectNoValues(objects, source);
  });

  it('throttling past the SDK retries is error coverage, not a failed poll', async () => {
    sim.faults.throttle('GetParameters', 1000);
    const { objects, source } = await read(config(sim.url));
    expect(coverage(source, 'secretValues')).toMatchObject({ state: 'error', count: 3 });
    expect(coverage(source, 'secretValues')!.message).toContain('GetParameters /vault/db/password: ThrottlingException');
    expect(envOf(objects, 'app').DB_PASSWORD.hash).toBe(hasher.hash(DB_PASSWORD));
    expect(ofKind(objects, 'workload')).toHaveLength(2);
  });

  it('reports what cannot be read (not found, InvalidParameters, no such JSON key, KMS refusals) as coverage with each reason', async () => {
    const from = sim.requests.length;
    const { objects, source } = await read(config(sim.url, { clusters: ['broken'] }));
    expect(source.status).toBe('degraded');
    const cov = coverage(source, 'secretValues')!;
    expect(cov).toMatchObject({ state: 'error', count: 1 });
    expect(cov.message).toMatch(/^5 of 6 secret values unreadable: /);
    const messages = source.errors.filter((e) => e.operation.startsWith('Get')).map((e) => e.message).sort();
    expect(messages).toEqual([
      'GetParameters /vault/gone: ParameterNotFound: listed in InvalidParameters (no such parameter or version)',
      'GetParameters /vault/kms: AccessDeniedException: The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
      expect.stringMatching(/^GetSecretValue vault\/db-\w{6} \(JSON key user\): the secret has no JSON key "user"/),
      "GetSecretValue vault/gone-AbCdEf: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
      expect.stringMatching(/^GetSecretValue vault\/kms-\w{6}: DecryptionFailure: Secrets Manager can't decrypt the protected secret text using the provided KMS key\.$/),
    ]);
    expect(source.errors.find((e) => e.message.startsWith('GetParameters /vault/kms'))).toMatchObject({ code: 'AccessDeniedException', status: 400 });
    const env = envOf(objects, 'broken');
    for (const n of ['GONE_SECRET', 'GONE_PARAM', 'NO_SUCH_KEY', 'KMS_SECRET', 'KMS_PARAM']) expect(env[n].hash, n).toBeUndefined();
    // The KMS refusal failed the whole GetParameters call; asked again one name at a time, the
    // readable parameter in the same batch still gets its hash.
    expect(env.FINE.hash).toBe(hasher.hash(STRIPE_KEY));
    expect(sim.requests.slice(from).filter((r) => r.operation === 'GetParameters').map((r) => r.status).sort()).toEqual([200, 200, 400, 400]);
    expectNoValues(objects, source);
  });

  it('does not remember a read cut short by the source stopping: the next read asks again', async () => {
    const reader = createSecretValueReader({ hasher, now: () => 0 });
    const clients = createEcsClients(config(sim.url), { maxAttempts: 1 });
    const input = { stores: clients.secretStores!, valueFroms: ['/vault/stripe-key'], region: 'us-east-1' };
    try {
      // What source.ts's call does once the source is stopped: refuse before any request.
      const stopped = await reader.read({ ...input, readContext: { call: () => Promise.reject(new Error('source stopped')) } });
      expect(stopped.failures).toHaveLength(1);
      const limiter = new Limiter(1);
      const again = await reader.read({ ...input, readContext: { call: (_op, fn) => limiter.run(() => fn(new AbortController().signal)) } });
      expect([again.calls, again.hashes.get('/vault/stripe-key')]).toEqual([1, hasher.hash(STRIPE_KEY)]);
    } finally {
      clients.destroy();
    }
  });

  it('reads each reference at most once per poll and reuses hashes for 5 minutes (fake clock), failures for 1 minute', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
    const sink = new TestSink({ replaceOnly: true });
    const adapter = createEcsSource({ ...config(sim.url), pollIntervalMs: 20 }, { hasher, maxAttempts: 1, taskDefinitionCache: new TaskDefinitionCache(), clock });
    const secretCalls = () => sim.requests.filter((r) => SECRET_OPS.has(r.operation)).length;
    const polls = async (n: number, firstAfterMs = 20) => {
      for (let i = 0; i < n; i++) await nextPoll(clock, sink, i === 0 ? firstAfterMs : 20);
    };
    const start = secretCalls();
    await adapter.start(sink);
    try {
      await polls(1, 0);
      const first = secretCalls() - start;
      expect(first).toBe(4);
      await polls(3);
      expect(secretCalls() - start).toBe(first);
      await polls(2, 5 * 60_000);
      expect(secretCalls() - start).toBe(2 * first);
      // A failure is tried again after a minute, not at every poll.
      sim.faults.deny('GetSecretValue');
      await polls(2, 5 * 60_000);
      const afterDenied = secretCalls();
      expect(sink.coverage.get('secretValues')!.state).toBe('forbidden');
      await polls(3);
      expect(secretCalls()).toBe(afterDenied);
      sim.faults.clear();
      await polls(2, 60_000);
      expect(sink.coverage.get('secretValues')!.state).toBe('ok');
      expect(sink.errors.filter((e) => e.operation === 'GetSecretValue')).toEqual([]);
    } finally {
      await adapter.stop();
    }
    expect(sink.of('workload').find((w) => w.name === 'app')!.template.containers[0].env.find((e) => e.name === 'DB_PASSWORD')!.hash).toBe(hasher.hash(DB_PASSWORD));
    expectNoValues(sink.updates, sink.errors, [...sink.scopes.values()].map((m) => [...m.values()]));
  });
});

describe.skipIf(!motoTests('lib/ecs/secret-values.test.ts'))('ECS secret values against moto', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
    await seedEcs({ endpoint: moto.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, scenario: secretsScenario() });
  }, 60_000);
  afterAll(() => moto?.stop());

  it('fills the same hashes from moto', async () => {
    const { objects, source } = await read(config(moto.url));
    expectVaultHashed(objects, source);
    expect(envOf(objects, 'app').DB_PASSWORD.hash).toBe(kubeSecretHashes({ password: DB_PASSWORD }).password);
  });

  it('reports what moto does not have as error coverage, not a failed poll', async () => {
    const { objects, source } = await read(config(moto.url, { clusters: ['broken'] }));
    expect(coverage(source, 'secretValues')).toMatchObject({ state: 'error', count: 1 });
    const reasons = source.errors.map((e) => e.code ?? e.message);
    expect(reasons).toHaveLength(3);
    expect(reasons).toEqual(expect.arrayContaining(['ParameterNotFound', 'ResourceNotFoundException', expect.stringMatching(/no JSON key "user"/)]));
    expect(envOf(objects, 'broken').FINE.hash).toBe(hasher.hash(STRIPE_KEY));
    expectNoValues(objects, source);
  });
});

describe('ECS source without secret hashes in the configuration', () => {
  it('describes no secretValues coverage and needs no Secrets Manager or SSM client', () => {
    const off = createEcsSource({ ...config('http://127.0.0.1:9'), secretHashes: undefined }).describe();
    expect(off.coverage.map((c) => c.kind)).not.toContain('secretValues');
    const on = createEcsSource(config('http://127.0.0.1:9')).describe();
    expect(on.coverage.find((c) => c.kind === 'secretValues')).toMatchObject({ state: 'pending' });
  });
});
