import { describe, expect, it } from 'vitest';
import { declaredEnvOf, expandReferences, NO_REFS, resolveEnv, type RefResolver } from './env';

const configs: Record<string, Record<string, string>> = {
  base: { HOST: 'db.internal', PORT: '5432', 'bad=key': 'x', MODE: 'base' },
  override: { MODE: 'override' },
};
const resolver: RefResolver = {
  ...NO_REFS,
  configData: (_ns, name) => configs[name],
  configValue: (_ns, name, key) => configs[name]?.[key],
  secretKeys: (_ns, name) => (name === 'creds' ? [{ key: 'password', hash: 'h-pw' }] : undefined),
};

describe('the environment as the container sees it', () => {
  it('expands envFrom in order (later wins), lets env win, and skips keys that are not variable names', () => {
    const declared = declaredEnvOf(
      [{ name: 'PORT', value: '6432' }],
      [{ configMapRef: { name: 'base' } }, { configMapRef: { name: 'override' } }, { secretRef: { name: 'creds' }, prefix: 'DB_' }],
    );
    const { effectiveEnv, envFrom } = resolveEnv(declared, 'shop', resolver);
    expect(effectiveEnv).toEqual([
      { name: 'DB_password', from: 'secret', ref: { name: 'creds', key: 'password' }, hash: 'h-pw' },
      { name: 'HOST', from: 'config', ref: { name: 'base', key: 'HOST' }, value: 'db.internal' },
      { name: 'MODE', from: 'config', ref: { name: 'override', key: 'MODE' }, value: 'override' },
      { name: 'PORT', from: 'value', value: '6432' },
    ]);
    expect(envFrom.map((s) => s.keys)).toEqual([['HOST', 'MODE', 'PORT'], ['MODE'], ['DB_password']]);
  });

  it('expands $(VAR) against variables defined before, as the kubelet does', () => {
    const declared = declaredEnvOf(
      [
        { name: 'URL', value: 'postgres://$(HOST):$(PORT)/shop' },
        { name: 'LATER', value: '$(AFTER)' },
        { name: 'AFTER', value: 'x' },
        { name: 'ESCAPED', value: '$$(HOST) costs $$5' },
      ],
      [{ configMapRef: { name: 'base' } }],
    );
    const by = Object.fromEntries(resolveEnv(declared, 'shop', resolver).effectiveEnv.map((e) => [e.name, e.value]));
    expect(by.URL).toBe('postgres://db.internal:5432/shop');
    expect(by.LATER).toBe('$(AFTER)');
    expect(by.ESCAPED).toBe('$(HOST) costs $5');
    expect(expandReferences('$(SECRET)', new Map())).toBe('$(SECRET)');
  });

  it('marks what could not be read: no keys on the source, no value on the reference', () => {
    const declared = declaredEnvOf([{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'missing', key: 'level' } } }], [{ configMapRef: { name: 'missing' } }]);
    const r = resolveEnv(declared, 'shop', resolver);
    expect(r.envFrom[0].keys).toBeUndefined();
    expect(r.effectiveEnv).toEqual([{ name: 'LEVEL', from: 'config', ref: { name: 'missing', key: 'level' } }]);
  });
});
