// What an ECS `secrets[].valueFrom` points at, and the string ECS injects from what it points at
// (pure; no SDK calls). Protocol facts, as the ECS container agent implements them
// (agent/taskresource/asmsecret, agent/taskresource/ssmsecret, agent/asm):
// - Secrets Manager: a full secret ARN, `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf`,
//   optionally followed by `:json-key:version-stage:version-id` (all three separators present, parts
//   may be empty). The agent calls GetSecretValue with the ARN without those parts, VersionStage and
//   VersionId when given, in the ARN's region. No JSON key: SecretString as is (empty when the secret
//   is binary). A JSON key: SecretString parsed as JSON and the key's value formatted with Go's
//   `fmt.Sprintf("%v", v)`, so a number 5432 is "5432", 1e6 is "1e+06", true is "true".
// - SSM Parameter Store: a parameter ARN `arn:aws:ssm:REGION:ACCOUNT:parameter/NAME` or a bare name
//   (same region as the task). The agent calls GetParameters, WithDecryption=true, at most 10 names a
//   call, per region, and injects Value as is (String, StringList or decrypted SecureString).
import type { SecretHasher } from '@/lib/secrets/hasher';

export type SecretRef =
  | { store: 'secretsManager'; region: string; account: string; secretId: string; jsonKey?: string; versionStage?: string; versionId?: string }
  | { store: 'ssm'; region: string; account?: string; name: string; arn?: string };

export type ParsedRef = { ok: true; ref: SecretRef } | { ok: false; reason: string };

const ARN = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.*)$/;

/** Parses a valueFrom; `region` is the task's (the source's) region, for bare SSM names. */
export function parseSecretRef(valueFrom: string, region: string): ParsedRef {
  const m = ARN.exec(valueFrom);
  if (!m) {
    if (!valueFrom) return { ok: false, reason: 'empty valueFrom' };
    return { ok: true, ref: { store: 'ssm', region, name: valueFrom } };
  }
  const [, partition, service, arnRegion, account, resource] = m;
  if (service === 'secretsmanager') {
    const parts = resource.split(':');
    if (parts[0] !== 'secret' || !parts[1]) return { ok: false, reason: 'not a Secrets Manager secret ARN' };
    const secretId = `arn:${partition}:secretsmanager:${arnRegion}:${account}:secret:${parts[1]}`;
    const base = { store: 'secretsManager' as const, region: arnRegion || region, account, secretId };
    if (parts.length === 2) return { ok: true, ref: base };
    if (parts.length !== 5) return { ok: false, reason: 'a Secrets Manager valueFrom is the secret ARN, optionally followed by :json-key:version-stage:version-id' };
    const [, , jsonKey, versionStage, versionId] = parts;
    return { ok: true, ref: { ...base, ...(jsonKey ? { jsonKey } : {}), ...(versionStage ? { versionStage } : {}), ...(versionId ? { versionId } : {}) } };
  }
  if (service === 'ssm') {
    const p = /^parameter\/(.+)$/.exec(resource);
    if (!p) return { ok: false, reason: 'not an SSM parameter ARN' };
    // The ARN of `/a/b` is `parameter/a/b`; of a top-level name `foo`, `parameter/foo`.
    const name = p[1].includes('/') ? `/${p[1]}` : p[1];
    return { ok: true, ref: { store: 'ssm', region: arnRegion || region, account, name, arn: valueFrom } };
  }
  return { ok: false, reason: `ECS reads secrets from Secrets Manager or SSM, not ${service}` };
}

/** The key GetSecretValue results are shared under: one call per secret version, whatever JSON keys are read from it. */
export function secretFetchKey(ref: Extract<SecretRef, { store: 'secretsManager' }>): string {
  return [ref.region, ref.secretId, ref.versionStage ?? '', ref.versionId ?? ''].join('|');
}

/** Go's `fmt.Sprintf("%v", v)` of a value encoding/json decoded into interface{} (numbers are float64). */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  // Go prints maps with their keys sorted.
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${entries.map(([k, x]) => `${k}:${goFormat(x)}`).join(' ')}]`;
}

/**
 * `%v` of a float64 is `%g` with the shortest precision (strconv.FormatFloat(f, 'g', -1, 64)): the
 * shortest digits that round-trip (JavaScript finds the same ones), in exponent form when the
 * decimal exponent is < -4 or >= 6 (strconv's threshold for the shortest precision), with at least
 * two exponent digits: 1e+06, 1.5e-05. Otherwise plain: 5432, 0.0001, 123456.
 */
function goFloat(n: number): string {
  if (Object.is(n, -0)) return '-0';
  if (n === 0) return '0';
  const [mantissa, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp);
    return `${mantissa}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  return String(n);
}

export type InjectedHash = { ok: true; hash: string } | { ok: false; reason: string };

/**
 * Hashes what ECS would inject from a secret's SecretString (with an optional JSON key). The value
 * lives only inside this function: what comes out is the hash, or a reason that never quotes it
 * (JSON.parse's own message would quote the start of the text, so it is not passed on).
 */
export function hashInjectedSecret(hasher: SecretHasher, secretString: string | undefined, jsonKey: string | undefined): InjectedHash {
  // The agent injects SecretString as is, an empty string for a binary-only secret.
  if (!jsonKey) return { ok: true, hash: hasher.hash(secretString ?? '') };
  if (secretString === undefined) return { ok: false, reason: `the secret has no SecretString to read JSON key "${jsonKey}" from (ECS cannot start such a task)` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    return { ok: false, reason: `the secret is not JSON, so JSON key "${jsonKey}" cannot be read (ECS cannot start such a task)` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.hasOwn(parsed, jsonKey)) {
    return { ok: false, reason: `the secret has no JSON key "${jsonKey}" (ECS cannot start such a task)` };
  }
  return { ok: true, hash: hasher.hash(goFormat((parsed as Record<string, unknown>)[jsonKey])) };
}

/** How a reference is named in coverage and error messages: the parameter or secret name (never a value). */
export function refLabel(ref: SecretRef): string {
  if (ref.store === 'ssm') return ref.name;
  const name = ref.secretId.slice(ref.secretId.indexOf(':secret:') + ':secret:'.length);
  return ref.jsonKey ? `${name} (JSON key ${ref.jsonKey})` : name;
}
