// A container's environment on Kubernetes: as declared (env, envFrom) and as the container sees it.
// The kubelet builds it in this order: every envFrom source in turn (a later source overrides an
// earlier one), then every env entry (overriding envFrom); a value's `$(NAME)` references are
// expanded against the variables defined before it, `$$` is a literal `$`, and an unknown reference
// stays as written. Keys of a config map or secret that are not valid variable names are skipped.
import type { V1EnvFromSource, V1EnvVar } from '@kubernetes/client-node';
import type { EnvSource, EnvVar } from '@/lib/model/workload';
import { asArray } from './common';

/** Looks up objects of the same source; every method answers undefined when the object is unknown or unreadable. */
export interface RefResolver {
  configValue(namespace: string, name: string, key: string): string | undefined;
  secretHash(namespace: string, name: string, key: string): string | undefined;
  /** Every key and value of a ConfigMap. */
  configData(namespace: string, name: string): Readonly<Record<string, string>> | undefined;
  /** The keys of a Secret, with the keyed hash of each value. */
  secretKeys(namespace: string, name: string): readonly { key: string; hash?: string }[] | undefined;
}

export const NO_REFS: RefResolver = {
  configValue: () => undefined, secretHash: () => undefined, configData: () => undefined, secretKeys: () => undefined,
};

/** An env entry as declared: references kept, values filled in by resolveEnv. */
function declaredEnvVar(e: V1EnvVar): EnvVar {
  const vf = e.valueFrom;
  if (!vf) return { name: e.name, from: 'value', value: e.value ?? '' };
  if (vf.configMapKeyRef) return { name: e.name, from: 'config', ref: { name: vf.configMapKeyRef.name, key: vf.configMapKeyRef.key } };
  if (vf.secretKeyRef) return { name: e.name, from: 'secret', ref: { name: vf.secretKeyRef.name, key: vf.secretKeyRef.key } };
  if (vf.fieldRef) return { name: e.name, from: 'field', value: vf.fieldRef.fieldPath };
  if (vf.resourceFieldRef) {
    const r = vf.resourceFieldRef;
    const div = r.divisor !== undefined && r.divisor !== null ? ` / ${String(r.divisor)}` : '';
    return { name: e.name, from: 'resource', value: `${r.containerName ? `${r.containerName}.` : ''}${r.resource}${div}` };
  }
  return { name: e.name, from: 'unresolved' };
}

function declaredEnvSource(s: V1EnvFromSource): EnvSource | undefined {
  const ref = s.configMapRef ?? s.secretRef;
  if (!ref?.name) return undefined;
  return {
    from: s.configMapRef ? 'config' : 'secret',
    name: ref.name,
    ...(s.prefix ? { prefix: s.prefix } : {}),
    ...(ref.optional !== undefined ? { optional: ref.optional } : {}),
  };
}

/** Since Kubernetes 1.30 any printable ASCII but "=" is a valid name; a key outside that is skipped, as the kubelet does. */
const VALID_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;

/** Expands `$(NAME)` against `defined`; `$$` is a literal `$`; unknown references stay as written. */
export function expandReferences(value: string, defined: ReadonlyMap<string, string>): string {
  if (!value.includes('$')) return value;
  return value.replace(/\$\$|\$\(([^)]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    const v = name === undefined ? undefined : defined.get(name);
    return v ?? m;
  });
}

function withValue(e: EnvVar, value: string | undefined): EnvVar {
  const { value: _old, ...rest } = e;
  return value === undefined ? rest : { ...rest, value };
}
function withHash(e: EnvVar, hash: string | undefined): EnvVar {
  const { hash: _old, ...rest } = e;
  return hash === undefined ? rest : { ...rest, hash };
}

export interface ResolvedEnv {
  env: EnvVar[];
  envFrom: EnvSource[];
  effectiveEnv: EnvVar[];
}

/** Fills config values, secret hashes and envFrom keys from the resolver, and builds the effective environment. */
export function resolveEnv(declared: { env: EnvVar[]; envFrom: EnvSource[] }, namespace: string, resolver: RefResolver): ResolvedEnv {
  const effective = new Map<string, EnvVar>();
  const values = new Map<string, string>();
  const define = (e: EnvVar) => {
    effective.set(e.name, e);
    if (e.from === 'value' || e.from === 'config') {
      if (e.value !== undefined) values.set(e.name, e.value);
      else values.delete(e.name);
    } else values.delete(e.name);
  };
  const envFrom = declared.envFrom.map((s): EnvSource => {
    const { keys: _old, ...rest } = s;
    const prefix = s.prefix ?? '';
    let found: string[] | undefined;
    if (s.from === 'config') {
      const data = resolver.configData(namespace, s.name);
      if (data) {
        found = [];
        for (const [key, value] of Object.entries(data)) {
          const name = prefix + key;
          if (!VALID_NAME.test(name)) continue;
          found.push(name);
          define({ name, from: 'config', ref: { name: s.name, key }, value });
        }
      }
    } else if (s.from === 'secret') {
      const keys = resolver.secretKeys(namespace, s.name);
      if (keys) {
        found = [];
        for (const k of keys) {
          const name = prefix + k.key;
          if (!VALID_NAME.test(name)) continue;
          found.push(name);
          define({ name, from: 'secret', ref: { name: s.name, key: k.key }, ...(k.hash ? { hash: k.hash } : {}) });
        }
      }
    }
    return found ? { ...rest, keys: found.sort() } : rest;
  });
  const env = declared.env.map((e): EnvVar => {
    let next = e;
    if (e.from === 'config' && e.ref?.name && e.ref.key !== undefined) next = withValue(e, resolver.configValue(namespace, e.ref.name, e.ref.key));
    if (e.from === 'secret' && e.ref?.name && e.ref.key !== undefined) next = withHash(e, resolver.secretHash(namespace, e.ref.name, e.ref.key));
    define(next.from === 'value' && next.value !== undefined ? { ...next, value: expandReferences(next.value, values) } : next);
    return next;
  });
  const effectiveEnv = [...effective.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { env, envFrom, effectiveEnv };
}

export function declaredEnvOf(env: V1EnvVar[] | undefined, envFrom: V1EnvFromSource[] | undefined): { env: EnvVar[]; envFrom: EnvSource[] } {
  return {
    env: asArray(env).map(declaredEnvVar),
    envFrom: asArray(envFrom).map(declaredEnvSource).filter((s): s is EnvSource => s !== undefined),
  };
}
