// Which production folder may import which: the layout table of docs/ARCHITECTURE.md, as data.
// `npm test` runs checkImports over the project (scripts/import-rules.test.ts); the table in the
// doc is printed from LAYERS (`npx tsx scripts/import-rules.ts --table`) so the two cannot differ.

export interface Layer {
  /** A folder (or root file) of production code, relative to the project root. */
  folder: string;
  job: string;
  /** Project folders its files may import statically (its own folder is always allowed). */
  mayImport: readonly string[];
  /** Folders it may load only with import(), so that they stay out of its bundle unless used. */
  mayLoadLazily?: readonly string[];
  /** Whether it may import the Kubernetes and AWS SDKs (SDK types stop at the adapters). */
  sdk?: boolean;
}

const CORE = ['lib/model', 'lib/util'];
const ADAPTER_DEPS = [...CORE, 'lib/config', 'lib/secrets', 'lib/inventory', 'lib/relations'];

export const LAYERS: readonly Layer[] = [
  { folder: 'lib/model', job: 'the shared model: concepts, schemas, units, ids', mayImport: [] },
  { folder: 'lib/util', job: 'the injected clock, the User-Agent', mayImport: [] },
  { folder: 'lib/relations', job: 'cross-kind relations: one rule table per platform, as data', mayImport: CORE },
  { folder: 'lib/config', job: 'which sources are configured; parallax.yaml', mayImport: [...CORE, 'lib/drift'] },
  { folder: 'lib/secrets', job: 'keyed hashes of secret values and their key', mayImport: [...CORE, 'lib/config'] },
  { folder: 'lib/inventory', job: 'the store of normalized objects, coverage, first sync', mayImport: CORE },
  { folder: 'lib/k8s', job: 'the Kubernetes adapter: list/watch, normalize*', mayImport: ADAPTER_DEPS, sdk: true },
  { folder: 'lib/ecs', job: 'the ECS adapter: Describe*/List* polls, normalize*', mayImport: ADAPTER_DEPS, sdk: true },
  { folder: 'lib/drift', job: 'the drift engine (pure)', mayImport: [...CORE, 'lib/secrets', 'lib/relations'] },
  { folder: 'lib/views', job: 'pure view models, on the server and in the browser', mayImport: [...CORE, 'lib/relations', 'lib/drift'] },
  { folder: 'lib/security', job: 'token, Host/Origin guard, headers, credential masking', mayImport: [...CORE, 'lib/config', 'lib/secrets'] },
  {
    folder: 'lib/server', job: 'the per-process runtime and the views route handlers serve',
    mayImport: [...ADAPTER_DEPS, 'lib/k8s', 'lib/ecs', 'lib/drift', 'lib/views', 'lib/security'],
    mayLoadLazily: ['lib/demo'],
  },
  { folder: 'lib/sim', job: 'the embedded Kubernetes and ECS simulators', mayImport: CORE, sdk: true },
  { folder: 'lib/seed', job: 'seeders that apply a scenario to any cluster or endpoint', mayImport: CORE, sdk: true },
  { folder: 'lib/demo', job: 'the embedded demo: simulators started and seeded', mayImport: [...CORE, 'lib/config', 'lib/sim', 'lib/seed'], sdk: true },
  { folder: 'components', job: 'React components (browser)', mayImport: [...CORE, 'lib/relations', 'lib/views', 'lib/drift', 'lib/security'] },
  { folder: 'app', job: 'pages and thin route handlers', mayImport: [...CORE, 'components', 'lib/views', 'lib/server', 'lib/security'] },
  { folder: 'cli', job: 'the parallax command', mayImport: [...ADAPTER_DEPS, 'lib/drift', 'lib/server', 'lib/views'], mayLoadLazily: ['lib/demo'] },
  { folder: 'proxy.ts', job: 'Next.js proxy: the guard before every request', mayImport: ['lib/security'] },
  { folder: 'instrumentation.ts', job: 'Next.js start-up hook', mayImport: ['lib/server', 'lib/security'] },
];

/** Test code may import anything: test files, and the folders that only tests use. */
export function isTestCode(file: string): boolean {
  return /\.(test|spec)\.tsx?$/.test(file) || /(^|\/)testing\//.test(file) || /^(e2e|bench|scripts)\//.test(file);
}

// The API clients, whose types are the platforms' objects (credential providers are not).
const SDK = /^(@kubernetes\/client-node|@aws-sdk\/client-)/;

export interface ImportViolation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

function layerOf(file: string): Layer | undefined {
  return LAYERS.find((l) => file === l.folder || file.startsWith(`${l.folder}/`));
}

/** The project path an import names, or undefined for a package. */
function projectPath(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (!specifier.startsWith('.')) return undefined;
  const parts = file.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

// TypeScript 7 has no JS compiler API, so imports are found by their statement forms: static
// `import … from` / `export … from` / side-effect `import '…'` at a line start, and `import('…')`.
const STATIC_IMPORT = /^[ \t]*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^[ \t]*import\s*['"]([^'"]+)['"]/gm;
const LAZY_IMPORT = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

interface FoundImport { specifier: string; index: number; lazy: boolean; typeOnly: boolean }

function importsOf(source: string): FoundImport[] {
  const found = [...source.matchAll(STATIC_IMPORT)].map((m): FoundImport => ({
    specifier: m[1] ?? m[2], index: m.index, lazy: false, typeOnly: /^\s*(import|export)\s+type\b/.test(m[0]),
  }));
  for (const m of source.matchAll(LAZY_IMPORT)) found.push({ specifier: m[1], index: m.index, lazy: true, typeOnly: false });
  return found;
}

/** Every rule a production file breaks; test code is exempt. */
export function checkFile(file: string, source: string): ImportViolation[] {
  if (isTestCode(file)) return [];
  const layer = layerOf(file);
  if (!layer) {
    const folder = /^(lib\/[^/]+|components|app|cli)\//.exec(file)?.[1];
    return folder ? [{ file, line: 1, specifier: '', rule: `${folder} is not in the layout table (scripts/import-rules.ts): give it a row` }] : [];
  }
  const found: ImportViolation[] = [];
  for (const { specifier, index, lazy, typeOnly } of importsOf(source)) {
    const line = source.slice(0, index).split('\n').length;
    const report = (rule: string) => found.push({ file, line, specifier, rule });
    const path = projectPath(file, specifier);
    if (path === undefined) {
      if (SDK.test(specifier) && !layer.sdk) report(`${layer.folder} may not use the Kubernetes or AWS SDK (SDK types stop at the adapters)`);
      continue;
    }
    // Data outside the table (package.json, scenarios/) is not code with a layer.
    const target = layerOf(path)?.folder;
    if (target === undefined || target === layer.folder || layer.mayImport.includes(target)) continue;
    // A type-only import loads nothing, so it does not undo loading the folder lazily.
    if ((lazy || typeOnly) && layer.mayLoadLazily?.includes(target)) continue;
    if (layer.mayLoadLazily?.includes(target)) report(`${layer.folder} may load ${target} only with import()`);
    else report(`${layer.folder} may not import ${target}`);
  }
  return found;
}

export function formatViolation(v: ImportViolation): string {
  return `${v.file}:${v.line}: '${v.specifier}': ${v.rule}`;
}

/** The layout table for docs/ARCHITECTURE.md. */
export function layoutTable(): string {
  const rows = LAYERS.map((l) => {
    const may = [...l.mayImport.map((f) => `\`${f}\``), ...(l.mayLoadLazily ?? []).map((f) => `\`${f}\` (lazily)`)];
    if (l.sdk) may.push('the SDKs');
    return `| \`${l.folder}\` | ${l.job} | ${may.join(', ') || 'nothing of the project'} |`;
  });
  return ['| folder | job | may import |', '|---|---|---|', ...rows].join('\n');
}

async function main(): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  if (process.argv.includes('--table')) {
    console.log(layoutTable());
    return;
  }
  const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const violations = files.flatMap((f) => checkFile(f, readFileSync(f, 'utf8')));
  for (const v of violations) console.error(formatViolation(v));
  console.log(`import rules: ${files.length} files, ${violations.length} violations`);
  process.exitCode = violations.length ? 1 : 0;
}

if (process.argv[1]?.endsWith('import-rules.ts')) void main();
