import { describe, expect, it } from 'vitest';
import { formatConfigError, loadParallaxConfig, parseParallaxConfig } from './parallax-file';

const GOOD = `# parallax.yaml
pairs:
  - name: storefront
    workloads:
      - { source: kind-*, group: shop, name: web-frontend }
      - { source: demo/us-east-1, group: shop, name: web }
ignore:
  - pair: api
    field: replicas
    reason: the ECS api runs one more task during the batch window
  - field: env.BUILD_*
`;

describe('parallax.yaml', () => {
  it('reads pairs, ignore rules and defaults', () => {
    const r = parseParallaxConfig(GOOD, 'parallax.yaml');
    expect(r.errors).toEqual([]);
    expect(r.drift!.pairs[0]).toEqual({ name: 'storefront', workloads: [{ source: 'kind-*', group: 'shop', name: 'web-frontend' }, { source: 'demo/us-east-1', group: 'shop', name: 'web' }] });
    expect(r.drift!.ignore.map((i) => i.field)).toEqual(['replicas', 'env.BUILD_*']);
    expect(r.drift!.pairing).toEqual({ label: 'app.kubernetes.io/name', includeSystemNamespaces: false });
  });

  it('reports schema errors at the line and column of the offending node', () => {
    const text = 'pairs:\n  - workloads:\n      - { name: web }\n      - { nmae: web }\nignore:\n  - pair: api\n';
    const r = parseParallaxConfig(text, 'p.yaml');
    expect(r.drift).toBeUndefined();
    const lines = r.errors.map(formatConfigError);
    // The typo'd key (line 4) and the ignore rule without a field (line 6).
    expect(lines.some((l) => l.startsWith('p.yaml:4:') && l.includes('pairs[0].workloads[1]'))).toBe(true);
    expect(lines.some((l) => l.startsWith('p.yaml:6:') && l.includes('ignore[0]'))).toBe(true);
  });

  it('reports an unknown key on its own line', () => {
    const r = parseParallaxConfig('ignore:\n  - pair: api\n    feild: replicas\n', 'p.yaml');
    expect(r.errors.map(formatConfigError)).toContain('p.yaml:3:5: ignore[0]: Unrecognized key: "feild"');
  });

  it('reports YAML syntax errors with their position', () => {
    const r = parseParallaxConfig('pairs:\n  - workloads: [a, b\nignore: []\n', 'p.yaml');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0].line).toBeGreaterThanOrEqual(2);
  });

  it('a missing default file is no error; a missing PARALLAX_CONFIG file is one', () => {
    const missing = () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); };
    expect(loadParallaxConfig({ env: {}, cwd: '/nowhere', readFile: missing })).toMatchObject({ errors: [], drift: { pairs: [] } });
    const r = loadParallaxConfig({ env: { PARALLAX_CONFIG: 'team.yaml' }, cwd: '/repo', readFile: missing });
    expect(r.file).toBe('/repo/team.yaml');
    expect(r.errors[0].message).toMatch(/does not exist/);
    expect(loadParallaxConfig({ env: {}, cwd: '/repo', readFile: () => GOOD }).drift.pairs).toHaveLength(1);
  });
});
