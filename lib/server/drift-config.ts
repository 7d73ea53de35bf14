// parallax.yaml as the server sees it: read again whenever the file changes, so that editing an
// ignore rule or a pair shows on the drift page without a restart. A stat per request is the whole
// cost while the file is unchanged (the drift routes ask on every refetch); the parsed config is the
// same object until then, which is what lets the drift report be cached per (snapshot, config).
// A broken file never fails a request: its errors travel with the report (lib/config/parallax-file.ts).
import fs from 'node:fs';
import path from 'node:path';
import { loadParallaxConfig, type ParallaxConfig } from '@/lib/config/parallax-file';
import type { Env } from '@/lib/config/types';

export interface ConfigReaderOptions {
  env: Env;
  cwd?: string;
}

/** What identifies one version of the file: an edit changes the mtime or size, an atomic save the inode. */
function signature(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch (e) {
    return `missing:${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/** A function returning the current config, re-read only when the file's signature changed. */
export function configReader(opts: ConfigReaderOptions): () => ParallaxConfig {
  // The same path loadParallaxConfig reads (PARALLAX_CONFIG, else ./parallax.yaml).
  const file = path.resolve(/*turbopackIgnore: true*/ opts.cwd ?? process.cwd(), opts.env.PARALLAX_CONFIG || 'parallax.yaml');
  let seen: string | undefined;
  let current: ParallaxConfig | undefined;
  return () => {
    const sig = signature(file);
    if (current && sig === seen) return current;
    seen = sig;
    current = loadParallaxConfig({ env: opts.env, cwd: opts.cwd });
    return current;
  };
}

const KEY = Symbol.for('parallax.driftConfig');
type Holder = { [KEY]?: () => ParallaxConfig };

/** The server's config, from its environment and working directory (one reader per process). */
export function serverDriftConfig(): ParallaxConfig {
  const g = globalThis as Holder;
  g[KEY] ??= configReader({ env: process.env });
  return g[KEY]();
}
