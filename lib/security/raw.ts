// Sanitizes an object as a platform returned it (lib/inventory/raw.ts) before the raw view sends it:
// - a Kubernetes Secret's `data` / `stringData` values are replaced (keys only), at any depth (a
//   Secret inside a List, a ControllerRevision…), and so is its last-applied-configuration
//   annotation, which holds the values as they were applied;
// - a `{ name, value }` pair (Kubernetes env, ECS environment, container overrides) or a ConfigMap
//   value that looks like a credential is masked exactly as the rest of the API masks it
//   (lib/security/credentials.ts, mask.ts); ECS `secrets` are `{ name, valueFrom }` references and
//   stay as they are;
// - other objects' last-applied-configuration annotations are parsed, sanitized the same way and
//   written back, since they repeat the env values;
// - `metadata.managedFields` is left out unless asked for; the AWS SDK's `$metadata` always is.
// Pure: a new object, the input untouched.
import { detectCredential, maskedText } from './credentials';
import { maskHmac } from './mask';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
export const SECRET_VALUE_REMOVED = '(value removed by Parallax: secret values never leave the server)';

export interface SanitizeOptions {
  /** Keep `metadata.managedFields` (Kubernetes). Default false. */
  managedFields?: boolean;
  /** Hash for the mask text (default: the API's mask key); tests pass a fixed one. */
  hmac?: (value: string) => string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function sanitizeRaw(input: unknown, opts: SanitizeOptions = {}): Json {
  const hmac = opts.hmac ?? ((v: string) => maskHmac(v));
  const mask = (name: string, value: string) => {
    const kind = detectCredential(name, value);
    return kind ? maskedText(kind, hmac(value)) : value;
  };
  // Dates (AWS SDK) become ISO strings, undefined fields disappear: the JSON the platform sent.
  const plain = JSON.parse(JSON.stringify(input ?? null)) as Json;

  function visit(v: Json, top: boolean): Json {
    if (Array.isArray(v)) return v.map((x) => visit(x, false));
    if (!isRecord(v)) return v;
    const isSecret = v.kind === 'Secret' && typeof v.apiVersion === 'string';
    const isConfigMap = v.kind === 'ConfigMap' && typeof v.apiVersion === 'string';
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '$metadata' && top) continue;
      if (isSecret && (k === 'data' || k === 'stringData') && isRecord(x)) {
        out[k] = Object.fromEntries(Object.keys(x).map((key) => [key, SECRET_VALUE_REMOVED]));
      } else if (isConfigMap && k === 'data' && isRecord(x)) {
        out[k] = Object.fromEntries(Object.entries(x).map(([key, val]) => [key, typeof val === 'string' ? mask(key, val) : visit(val as Json, false)]));
      } else if (k === 'metadata' && isRecord(x)) {
        out[k] = metadata(x as Record<string, Json>, isSecret);
      } else {
        out[k] = visit(x as Json, false);
      }
    }
    // An environment entry: { name, value } (Kubernetes env, ECS environment and overrides).
    if (typeof out.name === 'string' && typeof out.value === 'string' && Object.keys(out).every((k) => k === 'name' || k === 'value' || k === 'valueFrom')) {
      out.value = mask(out.name, out.value);
    }
    return out;
  }

  function metadata(m: Record<string, Json>, isSecret: boolean): Json {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(m)) {
      if (k === 'managedFields' && !opts.managedFields) continue;
      if (k === 'annotations' && isRecord(x) && typeof x[LAST_APPLIED] === 'string') {
        out[k] = { ...(visit(x, false) as Record<string, Json>), [LAST_APPLIED]: lastApplied(x[LAST_APPLIED] as string, isSecret) };
      } else {
        out[k] = visit(x as Json, false);
      }
    }
    return out;
  }

  function lastApplied(text: string, isSecret: boolean): string {
    if (isSecret) return SECRET_VALUE_REMOVED;
    try {
      return JSON.stringify(visit(JSON.parse(text) as Json, false));
    } catch {
      // Not JSON: it might hold anything, so it is not passed on.
      return '(removed by Parallax: not readable as JSON)';
    }
  }

  return visit(plain, true);
}

/** How many managedFields entries the object has (the toggle says what it would add). */
export function managedFieldsCount(input: unknown): number {
  const mf = isRecord(input) && isRecord(input.metadata) ? input.metadata.managedFields : undefined;
  return Array.isArray(mf) ? mf.length : 0;
}
