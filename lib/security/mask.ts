// Masks credentials found in plain environment and config values (lib/security/credentials.ts) in a
// snapshot before it leaves the server. Copy-on-write: objects without a finding are the same
// objects, so the cost per inventory version is one scan of env and config values, no deep copy.
import { createHmac, randomBytes } from 'node:crypto';
import type { Config, Container, EnvVar, Snapshot, Workload } from '@/lib/model';
import type { SecretHasher } from '@/lib/secrets/hasher';
import { detectCredential, maskedText } from './credentials';

/**
 * Keyed hash for the mask text: the persistent secret-hash key once the runtime registered it (so a
 * snapshot saved by `parallax snapshot` and the live sources mask an unchanged value the same way),
 * else one random key per process. On globalThis, since Next may load this module once per route bundle.
 */
const KEY = Symbol.for('parallax.maskKey');
const HASHER = Symbol.for('parallax.maskHasher');
type Holder = { [KEY]?: Buffer; [HASHER]?: SecretHasher };
function processKey(): Buffer {
  const g = globalThis as Holder;
  return (g[KEY] ??= randomBytes(32));
}

/** Masks made from now on use this hasher's key (the runtime passes its persistent one). */
export function useMaskHasher(hasher: SecretHasher): void {
  (globalThis as Holder)[HASHER] = hasher;
}

export function maskHmac(value: string, key?: Buffer): string {
  const hasher = (globalThis as Holder)[HASHER];
  if (!key && hasher) return hasher.hash(value).slice(-64, -48);
  return createHmac('sha256', key ?? processKey()).update(value).digest('hex').slice(0, 16);
}

export interface MaskOptions {
  /** Hash for the mask text (default: HMAC under the process key); tests pass a fixed one. */
  hmac?: (value: string) => string;
}

function maskEnv(env: EnvVar[], hmac: (v: string) => string): EnvVar[] {
  let out: EnvVar[] | undefined;
  env.forEach((e, i) => {
    const kind = e.from !== 'secret' ? detectCredential(e.name, e.value) : undefined;
    if (!kind || e.value === undefined) return;
    out ??= [...env];
    out[i] = { ...e, value: maskedText(kind, hmac(e.value)) };
  });
  return out ?? env;
}

function maskWorkload(w: Workload, hmac: (v: string) => string): Workload {
  let containers: Container[] | undefined;
  w.template.containers.forEach((c, i) => {
    const env = maskEnv(c.env, hmac);
    const effectiveEnv = maskEnv(c.effectiveEnv, hmac);
    if (env === c.env && effectiveEnv === c.effectiveEnv) return;
    containers ??= [...w.template.containers];
    containers[i] = { ...c, env, effectiveEnv };
  });
  return containers ? { ...w, template: { ...w.template, containers } } : w;
}

function maskConfig(c: Config, hmac: (v: string) => string): Config {
  let data: Record<string, string> | undefined;
  for (const [k, v] of Object.entries(c.data)) {
    const kind = detectCredential(k, v);
    if (!kind) continue;
    data ??= { ...c.data };
    data[k] = maskedText(kind, hmac(v));
  }
  return data ? { ...c, data } : c;
}

function mapSame<T>(items: T[], f: (t: T) => T): T[] {
  let out: T[] | undefined;
  items.forEach((t, i) => {
    const u = f(t);
    if (u === t) return;
    out ??= [...items];
    out[i] = u;
  });
  return out ?? items;
}

const hmacOf = (opts: MaskOptions) => opts.hmac ?? ((v: string) => maskHmac(v));

/** A workloads collection masked: the same array when nothing in it is masked (one collection at a time, so a cache per collection holds). */
export function maskWorkloads(workloads: Workload[], opts: MaskOptions = {}): Workload[] {
  const hmac = hmacOf(opts);
  return mapSame(workloads, (w) => maskWorkload(w, hmac));
}

/** A configs collection masked: the same array when nothing in it is masked. */
export function maskConfigs(configs: Config[], opts: MaskOptions = {}): Config[] {
  const hmac = hmacOf(opts);
  return mapSame(configs, (c) => maskConfig(c, hmac));
}

/** The snapshot as the API serves it: credentials in plain env and config values replaced by their mask text. */
export function maskSnapshot(s: Snapshot, opts: MaskOptions = {}): Snapshot {
  const workloads = maskWorkloads(s.workloads, opts);
  const configs = maskConfigs(s.configs, opts);
  return workloads === s.workloads && configs === s.configs ? s : { ...s, workloads, configs };
}
