import { describe, expect, it } from 'vitest';
import { canonicalJson, templateHash } from './controller/util';
import { jsonPatch, mergePatch, strategicMerge } from './patch';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { Store } from './store';
import { humanDuration } from './tables';
import { ApiError, type KubeObject } from './types';

const pod = (name: string, ns: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { nodeName: 'n1' },
  status: { phase: 'Running' },
});

describe('label selectors', () => {
  const l = { app: 'web', tier: 'front', env: 'prod' };
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app in (web,api)', true],
    ['app notin (web,api)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=web,env in (prod),!missing', true],
    ['app=web,env=dev', false],
    ['missing!=x', true],
  ])('%s -> %s', (sel, want) => {
    expect(matchesLabels(parseLabelSelector(sel), l)).toBe(want);
  });
  it('rejects garbage', () => {
    expect(() => parseLabelSelector('a b c')).toThrow(ApiError);
  });
});

describe('field selectors', () => {
  it('matches supported fields and rejects others with 400', () => {
    const p = pod('a', 'ns1');
    expect(matchesFields(parseFieldSelector('metadata.name=a,spec.nodeName=n1', 'Pod'), p)).toBe(true);
    expect(matchesFields(parseFieldSelector('status.phase!=Running', 'Pod'), p)).toBe(false);
    let err: unknown;
    try {
      parseFieldSelector('spec.bogus=1', 'Pod');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(400);
  });
});

describe('patches', () => {
  const deploy = {
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'a', image: 'a:1', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'X', value: '1' }] },
            { name: 'b', image: 'b:1' },
          ],
        },
      },
    },
  };
  it('strategic merge merges containers by name and drops directives', () => {
    const out = strategicMerge(deploy, {
      spec: { template: { spec: { $setElementOrder: undefined, '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'a', image: 'a:2' }] } } },
    }) as typeof deploy;
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'a', image: 'a:2', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'X', value: '1' }] },
      { name: 'b', image: 'b:1' },
    ]);
    expect(JSON.stringify(out)).not.toContain('$');
  });
  it('strategic merge deletes list elements with $patch: delete and merges env', () => {
    const out = strategicMerge(deploy, {
      spec: { template: { spec: { containers: [{ name: 'b', $patch: 'delete' }, { name: 'a', env: [{ name: 'Y', value: '2' }] }] } } },
    }) as typeof deploy;
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['a']);
    expect(out.spec.template.spec.containers[0].env).toEqual([{ name: 'X', value: '1' }, { name: 'Y', value: '2' }]);
  });
  it('merge patch replaces lists and removes nulls', () => {
    expect(mergePatch({ a: 1, b: [1, 2], c: { d: 1 } }, { a: null, b: [3], c: { e: 2 } })).toEqual({ b: [3], c: { d: 1, e: 2 } });
  });
  it('json patch', () => {
    expect(jsonPatch({ a: [1, 2] }, [{ op: 'add', path: '/a/-', value: 3 }, { op: 'replace', path: '/b', value: 1 }, { op: 'remove', path: '/a/0' }])).toEqual({ a: [2, 3], b: 1 });
  });
});

describe('store', () => {
  it('pages sorted by namespace/name with remaining counts, and expires old history', () => {
    const s = new Store(5);
    for (const ns of ['b', 'a', 'a-b']) for (let i = 0; i < 4; i++) s.create('pods', pod(`p${i}`, ns));
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = s.scan('pods', { after, limit: 5 });
      seen.push(...page.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`));
      if (!page.lastKey) break;
      expect(page.remaining).toBe(12 - seen.length);
      after = page.lastKey;
    }
    expect(seen).toEqual([...['a', 'a-b', 'b'].flatMap((ns) => [0, 1, 2, 3].map((i) => `${ns}/p${i}`))]);
    expect(s.scan('pods', { namespace: 'a' }).items).toHaveLength(4);
    expect(s.eventsSince(1)).toBe('expired');
    expect(s.eventsSince(s.resourceVersion - 2)).toHaveLength(2);
  });

  it('hands out one frozen list of a resource until a write to it, whatever the write', () => {
    const s = new Store(5);
    s.create('pods', pod('p1', 'a'));
    const first = s.list('pods');
    expect(s.list('pods')).toBe(first);
    expect(() => (first as unknown[]).push(1)).toThrow(TypeError);
    s.create('services', pod('svc', 'a'));
    expect(s.list('pods')).toBe(first);
    s.create('pods', pod('p2', 'a'));
    const second = s.list('pods');
    expect(second.map((o) => o.metadata.name)).toEqual(['p1', 'p2']);
    s.update('pods', { ...second[0], status: { phase: 'Running' } });
    expect(s.list('pods')[0].status.phase).toBe('Running');
    s.delete('pods', 'a', 'p1');
    expect(s.list('pods').map((o) => o.metadata.name)).toEqual(['p2']);
  });
});

describe('helpers', () => {
  it('humanDuration follows apimachinery', () => {
    expect(humanDuration(5_000)).toBe('5s');
    expect(humanDuration(150_000)).toBe('2m30s');
    expect(humanDuration(3 * 3600_000 + 60_000)).toBe('3h1m');
    expect(humanDuration(3 * 86400_000)).toBe('3d');
  });
  it('templateHash is stable and key-order independent', () => {
    expect(templateHash({ a: 1, b: { c: 2 } })).toBe(templateHash({ b: { c: 2 }, a: 1 }));
    expect(templateHash({ a: 1 })).toMatch(/^[a-z0-9]{10}$/);
    expect(canonicalJson({ b: 1, a: [2] })).toBe('{"a":[2],"b":1}');
  });
});
