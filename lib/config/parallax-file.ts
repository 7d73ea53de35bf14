// The optional config file: `parallax.yaml` in the working directory, or the file PARALLAX_CONFIG
// names. It holds the drift engine's explicit pairs and ignore rules (lib/drift/config.ts has the
// schema). Errors carry file, line and column, as a person fixing the file needs them; a broken
// file never stops the server: it reports the errors and uses the defaults.
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { DEFAULT_DRIFT_CONFIG, DriftConfigSchema, type DriftConfig } from '@/lib/drift/config';
import type { Env } from './types';

export interface ConfigError {
  file: string;
  line?: number;
  column?: number;
  /** Path in the document, "pairs[0].workloads[1].name". */
  at?: string;
  message: string;
}

export interface ParallaxConfig {
  /** The file read, or undefined when there is none (defaults apply). */
  file?: string;
  drift: DriftConfig;
  errors: ConfigError[];
}

/** "file:line:col: at: message", one line, as compilers print them. */
export function formatConfigError(e: ConfigError): string {
  const where = [e.file, e.line, e.column].filter((x) => x !== undefined).join(':');
  return `${where}: ${e.at ? `${e.at}: ` : ''}${e.message}`;
}

const pathText = (p: readonly PropertyKey[]) => p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');

/** The position of the deepest node the path reaches (a missing key points at its parent); of `key` itself when given (an unknown key). */
function positionOf(doc: Document, lc: LineCounter, p: readonly PropertyKey[], key?: string): { line?: number; column?: number } {
  if (key !== undefined) {
    const parent = p.length ? doc.getIn(p as unknown[], true) : doc.contents;
    const pair = isMap(parent) ? parent.items.find((i) => isScalar(i.key) && i.key.value === key) : undefined;
    if (pair && isNode(pair.key) && pair.key.range) {
      const pos = lc.linePos(pair.key.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  for (let n = p.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(p.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = lc.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

/** Parses and validates the text of a config file. Pure. */
export function parseParallaxConfig(text: string, file: string): { drift?: DriftConfig; errors: ConfigError[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return { errors: doc.errors.map((e) => ({ file, line: e.linePos?.[0].line, column: e.linePos?.[0].col, message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') })) };
  }
  const parsed = DriftConfigSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { drift: parsed.data, errors: [] };
  return {
    errors: parsed.error.issues.map((i) => {
      // An unknown key is reported where it is written, not at its parent mapping.
      const key = i.code === 'unrecognized_keys' ? i.keys[0] : undefined;
      return { file, ...positionOf(doc, lc, i.path, key), ...(i.path.length ? { at: pathText(i.path) } : {}), message: i.message };
    }),
  };
}

export interface LoadConfigOptions {
  env: Env;
  cwd?: string;
  readFile?: (file: string) => string;
}

/** Reads PARALLAX_CONFIG, else ./parallax.yaml when it exists. A missing default file is no error. */
export function loadParallaxConfig(opts: LoadConfigOptions): ParallaxConfig {
  const explicit = opts.env.PARALLAX_CONFIG;
  const file = path.resolve(opts.cwd ?? process.cwd(), explicit || 'parallax.yaml');
  const read = opts.readFile ?? ((f: string) => fs.readFileSync(f, 'utf8'));
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return { drift: DEFAULT_DRIFT_CONFIG, errors: [] };
    return { file, drift: DEFAULT_DRIFT_CONFIG, errors: [{ file, message: code === 'ENOENT' ? 'PARALLAX_CONFIG names a file that does not exist' : `cannot read: ${(e as Error).message}` }] };
  }
  const r = parseParallaxConfig(text, file);
  return { file, drift: r.drift ?? DEFAULT_DRIFT_CONFIG, errors: r.errors };
}
