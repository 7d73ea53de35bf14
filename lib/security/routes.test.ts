// Every route handler checks access itself (see lib/security/guard.ts for why and how). This test
// reads every app/api/**/route.ts, so a route added later cannot forget it: each exported HTTP
// handler must start with guard(<its request parameter>), imported from lib/security/guard; only the
// login and logout handlers may pass requireToken; and no route reads the inventory's snapshot
// directly (servedSnapshot() masks credentials first).
import fs from 'node:fs';
import path from 'node:path';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const MAY_SKIP_TOKEN = new Set(['app/api/login/route.ts', 'app/api/logout/route.ts']);
const HOW = 'start it with `const denied = guard(request); if (denied) return denied;` (lib/security/guard.ts)';

// A minimal ESTree walk: the parser's nodes are plain objects.
type Node = { type: string; [k: string]: unknown };
function* walk(n: unknown): Generator<Node> {
  if (Array.isArray(n)) for (const c of n) yield* walk(c);
  else if (n && typeof n === 'object') {
    if (typeof (n as Node).type === 'string') yield n as Node;
    for (const v of Object.values(n)) if (v && typeof v === 'object') yield* walk(v);
  }
}
const isGuardCall = (n: Node, param: string) => n.type === 'CallExpression'
  && (n.callee as Node).type === 'Identifier' && (n.callee as Node).name === 'guard'
  && ((n.arguments as Node[])[0] as Node | undefined)?.type === 'Identifier' && ((n.arguments as Node[])[0] as Node).name === param;

/** What is wrong with one route file (empty when nothing is). */
function routeProblems(file: string, source: string): string[] {
  const { program, errors } = parseSync(file, source, { lang: 'ts', sourceType: 'module' });
  if (errors.length) return [`${file}: does not parse: ${errors[0].message}`];
  const problems: string[] = [];
  const body = program.body as unknown as Node[];
  const importsGuard = body.some((n) => n.type === 'ImportDeclaration' && (n.source as Node).value === '@/lib/security/guard'
    && (n.specifiers as Node[]).some((s) => s.type === 'ImportSpecifier' && (s.imported as Node).name === 'guard' && (s.local as Node).name === 'guard'));
  let handlers = 0;
  for (const n of body) {
    if (n.type === 'ExportAllDeclaration') problems.push(`${file}: re-exports everything from another module; export each handler as a function`);
    if (n.type !== 'ExportNamedDeclaration') continue;
    for (const s of (n.specifiers as Node[]) ?? []) {
      const name = (s.exported as Node).name as string;
      if (METHODS.has(name)) problems.push(`${file}: ${name} is re-exported; write it here as \`export async function ${name}(request: Request)\``);
    }
    const d = n.declaration as Node | null;
    if (d?.type === 'VariableDeclaration') {
      for (const v of d.declarations as Node[]) {
        const name = (v.id as Node).name as string;
        if (METHODS.has(name)) problems.push(`${file}: ${name} is a variable; write it as \`export async function ${name}(request: Request)\` so this test can read it`);
      }
    }
    if (d?.type !== 'FunctionDeclaration' || !METHODS.has((d.id as Node).name as string)) continue;
    handlers++;
    const name = (d.id as Node).name as string;
    const param = (d.params as Node[])[0];
    if (param?.type !== 'Identifier') {
      problems.push(`${file}: ${name} takes no request parameter; ${HOW}`);
      continue;
    }
    const first = ((d.body as Node).body as Node[])[0];
    const call = first ? [...walk(first)].find((x) => isGuardCall(x, param.name as string)) : undefined;
    if (!call) {
      problems.push(`${file}: ${name} does not start by calling guard(${param.name}); ${HOW}`);
      continue;
    }
    const opts = (call.arguments as Node[])[1];
    if (opts && [...walk(opts)].some((x) => x.type === 'Property' && (x.key as Node).name === 'requireToken') && !MAY_SKIP_TOKEN.has(file)) {
      problems.push(`${file}: ${name} passes requireToken; only the login and logout handlers may`);
    }
  }
  if (handlers && !importsGuard) problems.push(`${file}: guard must be imported from '@/lib/security/guard'`);
  for (const x of walk(program)) {
    if (x.type === 'CallExpression' && (x.callee as Node).type === 'MemberExpression' && ((x.callee as Node).property as Node).name === 'snapshot') {
      problems.push(`${file}: calls .snapshot() directly; read it through servedSnapshot() from lib/server/views (credentials masked)`);
    }
  }
  return problems;
}

function routeFiles(dir = path.join(ROOT, 'app/api')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return /^route\.(ts|tsx|js|mjs)$/.test(e.name) ? [path.relative(ROOT, p).split(path.sep).join('/')] : [];
  });
}

describe('every app/api route handler calls guard() first', () => {
  const files = routeFiles();
  it('finds the routes (not vacuous)', () => {
    for (const r of ['health', 'login', 'logout', 'overview', 'snapshot', 'sources', 'stream', 'workload']) expect(files).toContain(`app/api/${r}/route.ts`);
  });
  for (const file of files) {
    it(file, () => expect(routeProblems(file, fs.readFileSync(path.join(ROOT, file), 'utf8'))).toEqual([]));
  }
});

describe('the check itself catches', () => {
  const ok = `import { guard } from '@/lib/security/guard';\nexport async function GET(request: Request) { const denied = guard(request); if (denied) return denied; return new Response('x'); }`;
  const check = (src: string, file = 'app/api/x/route.ts') => routeProblems(file, src);
  it('accepts the documented form', () => expect(check(ok)).toEqual([]));
  it('a handler without guard, or with guard later than its first statement', () => {
    expect(check(`import { guard } from '@/lib/security/guard';\nexport async function GET(request: Request) { return new Response('x'); }`)[0]).toMatch(/does not start by calling guard/);
    expect(check(`import { guard } from '@/lib/security/guard';\nexport async function POST(req: Request) { const body = await req.text(); const d = guard(req); if (d) return d; return new Response(body); }`)[0]).toMatch(/POST does not start/);
  });
  it('guard on something other than the request, or no request parameter', () => {
    expect(check(`import { guard } from '@/lib/security/guard';\nconst fake = new Request('http://127.0.0.1/');\nexport async function GET(request: Request) { const d = guard(fake); return d ?? new Response('x'); }`)[0]).toMatch(/does not start/);
    expect(check(`import { guard } from '@/lib/security/guard';\nexport async function GET() { return new Response('x'); }`)[0]).toMatch(/takes no request parameter/);
  });
  it('a guard that is not the real one', () => {
    expect(check(`const guard = (_r: Request) => null;\nexport async function GET(request: Request) { const d = guard(request); return d ?? new Response('x'); }`)).toContain("app/api/x/route.ts: guard must be imported from '@/lib/security/guard'");
  });
  it('handlers the test cannot read: arrow functions, re-exports', () => {
    expect(check(`export const GET = async (request: Request) => new Response('x');`)[0]).toMatch(/GET is a variable/);
    expect(check(`export { GET } from './other';`)[0]).toMatch(/GET is re-exported/);
    expect(check(`export * from './other';`)[0]).toMatch(/re-exports everything/);
  });
  it('requireToken outside login/logout, and direct snapshot reads', () => {
    expect(check(ok.replace('guard(request)', 'guard(request, { requireToken: false })'))[0]).toMatch(/only the login and logout/);
    expect(check(ok.replace('guard(request)', 'guard(request, { requireToken: false })'), 'app/api/login/route.ts')).toEqual([]);
    expect(check(ok.replace("new Response('x')", 'Response.json(rt.inventory.snapshot())'))[0]).toMatch(/servedSnapshot/);
  });
});
