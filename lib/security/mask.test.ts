import { describe, expect, it } from 'vitest';
import { sampleSnapshot, sampleWorkload, ECS } from '@/lib/testing/sample-snapshot';
import type { Snapshot } from '@/lib/model';
import { parseMasked } from './credentials';
import { createSecretHasher } from '@/lib/secrets/hasher';
import { maskHmac, maskSnapshot, useMaskHasher } from './mask';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const hmac = (v: string) => `h${v.length}`;

function withCredentials(): Snapshot {
  const s = sampleSnapshot();
  const legacy = sampleWorkload({ id: 'ecs/demo/us-east-1/legacy/service/billing', platform: 'ecs', source: ECS.id, name: 'billing' });
  legacy.template.containers[0].env = [
    { name: 'LOG_LEVEL', from: 'value', value: 'info' },
    { name: 'AWS_ACCESS_KEY_ID', from: 'value', value: KEY_ID },
    { name: 'DB_PASSWORD', from: 'secret', ref: { arn: 'arn:aws:secretsmanager:us-east-1:1:secret:x' } },
    { name: 'API_PASSWORD', from: 'config', value: 'hunter2', ref: { name: 'cfg', key: 'API_PASSWORD' } },
  ];
  // The environment as the container sees it carries the same values: masked too.
  legacy.template.containers[0].effectiveEnv = [...legacy.template.containers[0].env].sort((a, b) => a.name.localeCompare(b.name));
  s.workloads.push(legacy);
  s.configs.push({ ...s.configs[0], id: 'ecs/demo/us-east-1/legacy/taskEnvironment/billing', name: 'billing', configKind: 'taskEnvironment', data: { LOG_LEVEL: 'info', AWS_ACCESS_KEY_ID: KEY_ID } });
  return s;
}

describe('maskSnapshot', () => {
  it('returns the very same snapshot when nothing looks like a credential', () => {
    const s = sampleSnapshot();
    expect(maskSnapshot(s, { hmac })).toBe(s);
  });

  it('masks plain env and config values that look like credentials, and only those', () => {
    const s = withCredentials();
    const before = JSON.stringify(s);
    const m = maskSnapshot(s, { hmac });
    expect(JSON.stringify(s)).toBe(before); // the inventory's snapshot is not touched
    expect(JSON.stringify(m)).not.toContain(KEY_ID);
    expect(JSON.stringify(m)).not.toContain('hunter2');
    const env = m.workloads.at(-1)!.template.containers[0].env;
    expect(env.map((e) => [e.name, e.value])).toEqual([
      ['LOG_LEVEL', 'info'],
      ['AWS_ACCESS_KEY_ID', '[masked by Parallax: AWS access key id; hmac h20]'],
      ['DB_PASSWORD', undefined],
      ['API_PASSWORD', '[masked by Parallax: password; hmac h7]'],
    ]);
    expect(env[3].ref).toEqual({ name: 'cfg', key: 'API_PASSWORD' });
    expect(m.configs.at(-1)!.data).toEqual({ LOG_LEVEL: 'info', AWS_ACCESS_KEY_ID: '[masked by Parallax: AWS access key id; hmac h20]' });
  });

  it('copies only what changed: other workloads, configs and collections are the same objects', () => {
    const s = withCredentials();
    const m = maskSnapshot(s, { hmac });
    expect(m.workloads[0]).toBe(s.workloads[0]);
    expect(m.configs[0]).toBe(s.configs[0]);
    expect(m.instances).toBe(s.instances);
    expect(m.workloads.at(-1)).not.toBe(s.workloads.at(-1));
  });

  it('the default hash is keyed per process: equal values give equal masks, different values different ones', () => {
    expect(maskHmac(KEY_ID)).toBe(maskHmac(KEY_ID));
    expect(maskHmac(KEY_ID)).not.toBe(maskHmac('AKIAIOSFODNN7EXAMPLF'));
    expect(maskHmac(KEY_ID, Buffer.alloc(32, 1))).not.toBe(maskHmac(KEY_ID, Buffer.alloc(32, 2)));
    const m = maskSnapshot(withCredentials());
    expect(parseMasked(m.configs.at(-1)!.data.AWS_ACCESS_KEY_ID)?.hmac).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('mask hashes across runs', () => {
  it('with the persistent key registered, an unchanged value masks the same in every process', () => {
    const other = createSecretHasher(Buffer.alloc(32, 9));
    useMaskHasher(createSecretHasher(Buffer.alloc(32, 8)));
    const first = maskHmac('AKIAIOSFODNN7EXAMPLE');
    useMaskHasher(createSecretHasher(Buffer.alloc(32, 8)));
    expect(maskHmac('AKIAIOSFODNN7EXAMPLE')).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    useMaskHasher(other);
    expect(maskHmac('AKIAIOSFODNN7EXAMPLE')).not.toBe(first);
  });
});
