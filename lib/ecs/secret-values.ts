// The read step behind PARALLAX_ECS_SECRET_HASHES: reads the Secrets Manager / SSM values that the
// task definitions in use reference, hashes each one at once with the source's SecretHasher and
// drops it. What leaves this module is `valueFrom -> hash` and, for what could not be read, the
// reason (never a value). The normalizers stay pure: poll.ts hands them the lookup.
//
// Cost and rate limits: a hash is reused for ttlMs (default 5 min) and a failure for failureTtlMs
// (default 1 min) before the reference is read again; one GetSecretValue per secret version however
// many JSON keys are read from it; GetParameters with up to 10 names a call (the API's limit), per
// region; every call through the source's concurrency limiter. Read-only: Get* calls only.
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetParametersCommand, type Parameter } from '@aws-sdk/client-ssm';
import { SECRET_VALUES_COVERAGE_KIND, type Coverage } from '@/lib/model';
import type { SecretHasher } from '@/lib/secrets/hasher';
import type { SecretStoreClients } from './clients';
import { chunk, unique } from './batch';
import { EcsCallError } from './errors';
import type { ReadContext } from './read';
import { hashInjectedSecret, parseSecretRef, refLabel, secretFetchKey, type SecretRef } from './secret-refs';

/** The coverage kind (and pseudo-collection) the secret value reads report under. */
export const SECRET_VALUES_KIND = SECRET_VALUES_COVERAGE_KIND;
/** GetParameters takes at most 10 names. */
export const SSM_BATCH = 10;

export interface SecretValueFailure {
  valueFrom: string;
  /** The parameter or secret name, for messages. */
  label: string;
  operation: 'GetSecretValue' | 'GetParameters' | 'valueFrom';
  /** forbidden: IAM or KMS denied it; error: anything else (not found, no such JSON key, throttled...). */
  failure: 'forbidden' | 'error';
  code?: string;
  status?: number;
  /** Says which reference and why; never quotes a value. */
  message: string;
}

export interface SecretValuesResult {
  /** valueFrom -> keyed hash of what ECS injects, for every reference that could be read. */
  hashes: ReadonlyMap<string, string>;
  /** Distinct references in the task definitions read. */
  references: number;
  failures: SecretValueFailure[];
  /** Calls this read made (0 when everything came from the cache). */
  calls: number;
}

export interface SecretValueReaderOptions {
  hasher: SecretHasher;
  /** Epoch milliseconds (tests pass a fake clock). */
  now: () => number;
  ttlMs?: number;
  failureTtlMs?: number;
}

export interface SecretValueReadInput {
  readContext: Pick<ReadContext, 'call'>;
  stores: SecretStoreClients;
  valueFroms: Iterable<string>;
  /** The source's region, for bare SSM parameter names. */
  region: string;
  /** The source's account, when known: SSM ARNs of another account (shared parameters) are sent as ARNs. */
  account?: string;
}

export interface SecretValueReader {
  read(input: SecretValueReadInput): Promise<SecretValuesResult>;
}

type Entry = { at: number; hash: string } | { at: number; failure: SecretValueFailure };

/** Every valueFrom of these task definitions' containers. */
export function secretRefsOf(taskDefinitions: Iterable<TaskDefinition>): string[] {
  const out: string[] = [];
  for (const td of taskDefinitions) for (const c of td.containerDefinitions ?? []) for (const s of c.secrets ?? []) if (s.valueFrom) out.push(s.valueFrom);
  return unique(out);
}

export function createSecretValueReader(opts: SecretValueReaderOptions): SecretValueReader {
  const ttlMs = opts.ttlMs ?? 5 * 60_000;
  const failureTtlMs = opts.failureTtlMs ?? 60_000;
  const cache = new Map<string, Entry>();
  const fresh = (e: Entry | undefined, now: number) => !!e && now - e.at < ('hash' in e ? ttlMs : failureTtlMs);

  return {
    async read(input) {
      const refs = unique(input.valueFroms);
      const wanted = new Set(refs);
      // References no task definition uses any more are forgotten.
      for (const k of [...cache.keys()]) if (!wanted.has(k)) cache.delete(k);
      const start = opts.now();
      const due = refs.filter((r) => !fresh(cache.get(r), start));
      let calls = 0;
      // Failures of this read that are not remembered (the source stopping mid-call).
      const transient = new Map<string, SecretValueFailure>();
      if (due.length) {
        const results: Results = new Map();
        try {
          calls = await readDue(opts.hasher, input, due, results);
        } catch {
          // Nothing in readDue should throw; if something does, the poll still goes on (below).
        }
        const at = opts.now();
        for (const r of due) {
          const x = results.get(r) ?? { failure: { valueFrom: r, label: r, operation: 'valueFrom', failure: 'error', message: `${r}: not read` }, transient: true };
          if ('hash' in x) cache.set(r, { at, hash: x.hash });
          else if (x.transient) {
            cache.delete(r);
            transient.set(r, x.failure);
          } else cache.set(r, { at, failure: x.failure });
        }
      }
      const hashes = new Map<string, string>();
      const failures: SecretValueFailure[] = [];
      for (const r of refs) {
        const e = cache.get(r);
        if (e && 'hash' in e) hashes.set(r, e.hash);
        else if (e) failures.push(e.failure);
        else if (transient.has(r)) failures.push(transient.get(r)!);
      }
      return { hashes, references: refs.length, failures, calls };
    },
  };
}

type Result = { hash: string } | { failure: SecretValueFailure; transient?: boolean };
type Results = Map<string, Result>;
type SmRef = Extract<SecretRef, { store: 'secretsManager' }>;
type SsmRef = Extract<SecretRef, { store: 'ssm' }>;
/** The references one GetSecretValue answers: the same secret version, any JSON keys. */
interface SecretFetch {
  ref: SmRef;
  uses: { valueFrom: string; jsonKey?: string; label: string }[];
}

/** Reads the due references into `results`; returns the number of calls made. */
async function readDue(hasher: SecretHasher, input: SecretValueReadInput, due: string[], results: Results): Promise<number> {
  const sm = new Map<string, SecretFetch>();
  const ssm = new Map<string, Map<string, string[]>>(); // region -> name or ARN asked -> valueFroms
  for (const valueFrom of due) {
    const parsed = parseSecretRef(valueFrom, input.region);
    if (!parsed.ok) {
      results.set(valueFrom, { failure: { valueFrom, label: valueFrom, operation: 'valueFrom', failure: 'error', message: `${valueFrom}: ${parsed.reason}` } });
      continue;
    }
    const ref = parsed.ref;
    if (ref.store === 'secretsManager') {
      const key = secretFetchKey(ref);
      const fetch = sm.get(key) ?? { ref, uses: [] };
      fetch.uses.push({ valueFrom, jsonKey: ref.jsonKey, label: refLabel(ref) });
      sm.set(key, fetch);
    } else {
      const asked = askedName(ref, input.account);
      const byName = ssm.get(ref.region) ?? new Map<string, string[]>();
      byName.set(asked, [...(byName.get(asked) ?? []), valueFrom]);
      ssm.set(ref.region, byName);
    }
  }
  const jobs: Promise<number>[] = [];
  for (const fetch of sm.values()) jobs.push(readSecret(hasher, input, fetch, results));
  for (const [region, byName] of ssm) {
    for (const names of chunk([...byName.keys()], SSM_BATCH)) jobs.push(readParameters(hasher, input, region, names, byName, results));
  }
  return (await Promise.all(jobs)).reduce((a, b) => a + b, 0);
}

/** The name GetParameters is asked for: the parameter name, or the ARN for another account's shared parameter. */
function askedName(ref: SsmRef, account: string | undefined): string {
  return ref.arn && ref.account && account && ref.account !== account ? ref.arn : ref.name;
}

async function readSecret(hasher: SecretHasher, input: SecretValueReadInput, { ref, uses }: SecretFetch, results: Results): Promise<number> {
  const client = input.stores.forRegion(ref.region).secretsManager;
  try {
    const out = await input.readContext.call('GetSecretValue', (abortSignal) => client.send(new GetSecretValueCommand({
      SecretId: ref.secretId, ...(ref.versionStage ? { VersionStage: ref.versionStage } : {}), ...(ref.versionId ? { VersionId: ref.versionId } : {}),
    }), { abortSignal }));
    for (const { valueFrom, jsonKey, label } of uses) {
      const h = hashInjectedSecret(hasher, out.SecretString, jsonKey);
      results.set(valueFrom, h.ok ? { hash: h.hash } : { failure: { valueFrom, label, operation: 'GetSecretValue', failure: 'error', message: `GetSecretValue ${label}: ${h.reason}` } });
    }
    // Dropped as soon as it is hashed: nothing keeps the reply.
    out.SecretString = undefined;
    out.SecretBinary?.fill(0);
  } catch (e) {
    for (const { valueFrom, label } of uses) results.set(valueFrom, failureOf('GetSecretValue', label, valueFrom, e));
  }
  return 1;
}

/**
 * One GetParameters call for up to 10 names. A call that fails as a whole for several names (one
 * parameter's KMS key denied fails them all) is retried one name at a time, so one unreadable
 * parameter does not hide the others. Returns the number of calls made.
 */
async function readParameters(hasher: SecretHasher, input: SecretValueReadInput, region: string, names: string[], byName: Map<string, string[]>, results: Results): Promise<number> {
  const client = input.stores.forRegion(region).ssm;
  const fail = (name: string, f: (valueFrom: string) => Result) => { for (const v of byName.get(name) ?? []) results.set(v, f(v)); };
  try {
    const out = await input.readContext.call('GetParameters', (abortSignal) => client.send(new GetParametersCommand({ Names: names, WithDecryption: true }), { abortSignal }));
    const answered = new Set<string>();
    for (const p of out.Parameters ?? []) {
      const name = names.find((n) => answers(p, n));
      if (name === undefined || answered.has(name)) continue;
      answered.add(name);
      const hash = hasher.hash(p.Value ?? '');
      for (const v of byName.get(name) ?? []) results.set(v, { hash });
      // Dropped as soon as it is hashed.
      p.Value = undefined;
    }
    for (const name of names) {
      if (answered.has(name)) continue;
      const invalid = out.InvalidParameters?.includes(name);
      fail(name, (valueFrom) => ({ failure: {
        valueFrom, label: name, operation: 'GetParameters', failure: 'error', ...(invalid ? { code: 'ParameterNotFound' } : {}),
        message: `GetParameters ${name}: ${invalid ? 'ParameterNotFound: listed in InvalidParameters (no such parameter or version)' : 'not in the reply'}`,
      } }));
    }
    return 1;
  } catch (e) {
    const err = e instanceof EcsCallError ? e : undefined;
    if (names.length > 1 && err && err.failure !== 'down' && !/Throttl/i.test(err.code ?? '')) {
      const counts = await Promise.all(names.map((n) => readParameters(hasher, input, region, [n], byName, results)));
      return 1 + counts.reduce((a, b) => a + b, 0);
    }
    for (const name of names) fail(name, (valueFrom) => failureOf('GetParameters', name, valueFrom, e));
    return 1;
  }
}

/** Whether a GetParameters reply item is the answer to `asked` (a name, `name:selector` or an ARN). */
function answers(p: Parameter, asked: string): boolean {
  const sel = p.Selector ?? '';
  const bare = (s: string) => s.replace(/^\//, '');
  return asked === `${p.ARN}${sel}` || bare(asked) === bare(`${p.Name}${sel}`);
}

/**
 * A failure that never quotes a reply: a service error's message (from the error reply: a reason,
 * names, ARNs) is kept; anything else, such as a reply that could not be parsed (whose text might
 * hold the value), is only named.
 */
function failureOf(operation: 'GetSecretValue' | 'GetParameters', label: string, valueFrom: string, e: unknown): Result {
  const err = e instanceof EcsCallError ? e : undefined;
  const sdk = (err?.cause ?? e) as { name?: string; message?: string; $fault?: string } | undefined;
  const code = err?.code ?? sdk?.name;
  const detail = err?.failure === 'down' ? err.message : sdk?.$fault ? (sdk.message ?? '') : `unreadable reply (${sdk?.name ?? 'error'})`;
  const shown = detail.length > 300 ? `${detail.slice(0, 300)}…` : detail;
  const failure: SecretValueFailure = {
    valueFrom, label, operation,
    failure: err?.failure === 'forbidden' ? 'forbidden' : 'error',
    ...(code ? { code } : {}),
    ...(err?.status !== undefined ? { status: err.status } : {}),
    message: `${operation} ${label}: ${code ?? 'error'}${shown && shown !== code ? `: ${shown}` : ''}`,
  };
  // Not an API failure (the source stopping mid-call): reported this once, not remembered.
  return err ? { failure } : { failure, transient: true };
}

/** The source's coverage entry for secret values: ok, or forbidden / error with which references and why. */
export function secretValuesCoverage(r: SecretValuesResult): Coverage {
  const state = r.failures.some((f) => f.failure === 'error') ? 'error' : r.failures.length ? 'forbidden' : 'ok';
  const messages = unique(r.failures.map((f) => f.message));
  return {
    kind: SECRET_VALUES_KIND, collections: [SECRET_VALUES_KIND], state, count: r.hashes.size,
    ...(messages.length ? { message: `${r.failures.length} of ${r.references} secret values unreadable: ${messages.slice(0, 3).join('; ')}${messages.length > 3 ? '; …' : ''}` } : {}),
  };
}

/** The failures as the source's errors (at most `max`, one per message). */
export function secretValueErrors(r: SecretValuesResult, max = 10): EcsCallError[] {
  const seen = new Set<string>();
  const out: EcsCallError[] = [];
  for (const f of r.failures) {
    if (seen.has(f.message) || out.length >= max) continue;
    seen.add(f.message);
    out.push(new EcsCallError({ operation: f.operation, status: f.status, code: f.code, message: f.message, failure: f.failure }));
  }
  return out;
}
