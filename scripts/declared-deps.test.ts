// Every package the shipped code imports is declared in package.json's dependencies: a package that
// is only there because another one pulled it in (a transitive dependency) can vanish or change
// major version on any `npm update`. Test files, e2e specs and test support may use devDependencies.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const PRODUCTION = ['app', 'components', 'lib', 'cli', 'instrumentation.ts', 'instrumentation-client.ts', 'proxy.ts', 'next.config.js'];
const NOT_SHIPPED = /(\.test\.tsx?$|\/testing\/|^lib\/testing\/|^cli\/testing\/)/;
const BUILTIN = new Set(builtinModules);

/** import … from 'x', export … from 'x' (statements), import 'x', import('x'), require('x') */
const SPECIFIERS = [
  /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([\w@./:-]+)['"]/gm,
  /^\s*import\s*['"]([\w@./:-]+)['"]/gm,
  /\b(?:import|require)\s*\(\s*['"]([\w@./:-]+)['"]\s*\)/g,
];

export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('@/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return BUILTIN.has(name) ? undefined : name;
}

function files(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [rel];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const child = `${rel}/${e.name}`;
    if (e.isDirectory()) return files(child);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(e.name) ? [child] : [];
  });
}

describe('declared dependencies', () => {
  it('every package imported by shipped code is in dependencies', () => {
    const undeclared: string[] = [];
    const shipped = PRODUCTION.flatMap(files).filter((f) => !NOT_SHIPPED.test(f));
    expect(shipped.length).toBeGreaterThan(100);
    for (const file of shipped) {
      const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
      // cli/ reaches users only as the root's `parallax-cli` devDependency (README): its launcher may use tsx.
      const declared = file.startsWith('cli/') ? { ...pkg.dependencies, ...pkg.devDependencies } : pkg.dependencies;
      for (const m of SPECIFIERS.flatMap((re) => [...source.matchAll(re)])) {
        const name = packageOf(m[1]);
        if (name && !(name in declared)) undeclared.push(`${file}: ${name}`);
      }
    }
    expect([...new Set(undeclared)]).toEqual([]);
  });

  it('reads package names as npm does', () => {
    expect(['@aws-sdk/client-ecs', 'zod/mini', 'node:fs', 'fs', '@/lib/model', './x'].map(packageOf)).toEqual(['@aws-sdk/client-ecs', 'zod', undefined, undefined, undefined, undefined]);
  });
});
