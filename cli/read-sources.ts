// Reading the sources once, exactly as the server does (lib/server/runtime.ts: the same environment,
// kubeconfig discovery, adapters and inventory), until every source finished its first sync or the
// timeout passed; then stopping them. The embedded demo always runs in a temporary state directory,
// removed afterwards: its kubeconfig and endpoints die with the CLI, and must never overwrite those
// of a dev server's demo (even one given the same PARALLAX_STATE_DIR).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Env } from '@/lib/config/types';
import { waitForFirstSync } from '@/lib/inventory/first-sync';
import type { Snapshot, Source } from '@/lib/model';
import { loadHashKey } from '@/lib/secrets/hash-key';
import type { SecretHasher } from '@/lib/secrets/hasher';
import { hashKeyOptions, startRuntime, type Runtime, type SourceCandidate } from '@/lib/server/runtime';
import { servedSnapshot } from '@/lib/server/views';
import { CliError, oneLine } from './errors';
import type { CliIO } from './io';
import { ProgressPrinter } from './progress';
import { PROJECT_ROOT } from './root';
import { systemClock } from '@/lib/util/clock';
import { after } from '@/lib/util/timers';

export const NOTHING_CONFIGURED = 'no source configured: set KUBECONFIG (or have ~/.kube/config) for Kubernetes, '
  + 'AWS_REGION with credentials or PARALLAX_ECS_SOURCES for ECS (see .env.example), or use --demo for the embedded demo';

export interface ReadOnceOptions {
  env: Env;
  /** The embedded demo instead of the configured sources. */
  demo: boolean;
  /** Only these sources (ids or names); every configured source when empty. */
  select: readonly string[];
  /** Each of `select` must be configured (--source); else those not configured are left to the caller (--against). */
  strict: boolean;
  timeoutMs: number;
  homeDir?: string;
  /** The persistent key's hasher, when the caller loaded it; else the runtime loads it (and warns if it cannot). */
  hasher?: SecretHasher;
  progress: (line: string) => void;
  warn: (line: string) => void;
}

export interface SourcesRead {
  /** As the API serves it: credentials in plain env and config values masked (lib/security/mask.ts). */
  snapshot: Snapshot;
  /** Sources whose first sync had not finished at the timeout. */
  stillSyncing: Source[];
}

/**
 * The persistent secret hash key, as the server finds it (PARALLAX_HASH_KEY, else the 0600 key file
 * in the config directory, created on first use). Snapshots compare secrets by these hashes across
 * runs, so a key that cannot be used is an error here, not the server's fallback to a per-process key.
 */
export function persistentHasher(io: Pick<CliIO, 'env' | 'homeDir'>): SecretHasher {
  try {
    return loadHashKey(hashKeyOptions(io.env, io.homeDir ?? os.homedir())).hasher;
  } catch (e) {
    throw new CliError(`${oneLine(e)} (secret hashes must be comparable across runs for snapshots)`);
  }
}

const matches = (c: Pick<SourceCandidate, 'id' | 'name'>, ref: string) => c.id === ref || c.name === ref;

async function stopWithin(rt: Runtime, ms: number): Promise<void> {
  let cancel = () => {};
  await Promise.race([rt.stop().catch(() => undefined), new Promise<void>((resolve) => { cancel = after(systemClock, ms, resolve); })]);
  cancel();
}

export async function readSourcesOnce(opts: ReadOnceOptions): Promise<SourcesRead> {
  // PARALLAX_DEMO decides between the demo and the configured sources, as in the server; but with
  // nothing configured the CLI says so instead of silently reading the demo.
  const env: Record<string, string | undefined> = { ...opts.env, PARALLAX_DEMO: opts.demo ? '1' : '0' };
  let tempState: string | undefined;
  if (opts.demo) {
    env.PARALLAX_SCENARIO ||= path.join(PROJECT_ROOT, 'scenarios', 'demo');
    env.PARALLAX_STATE_DIR = tempState = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-cli-'));
    opts.progress('demo: starting the embedded Kubernetes and ECS simulators, seeded with scenarios/demo');
  }
  const candidates: SourceCandidate[] = [];
  let rt: Runtime | undefined;
  try {
    rt = await startRuntime(env, {
      ...(opts.homeDir ? { homeDir: opts.homeDir } : {}),
      ...(opts.hasher ? { hasher: opts.hasher } : {}),
      log: { demo: () => {}, warn: opts.warn },
      select: (c) => {
        candidates.push(c);
        return opts.select.length === 0 || opts.select.some((ref) => matches(c, ref));
      },
    });
    if (candidates.length === 0) throw new CliError(NOTHING_CONFIGURED);
    const unknown = opts.strict ? opts.select.find((ref) => !candidates.some((c) => matches(c, ref))) : undefined;
    if (unknown !== undefined) throw new CliError(`unknown --source "${unknown}": the configured sources are ${candidates.map((c) => c.id).join(', ')}`);
    const printer = new ProgressPrinter({ write: opts.progress, now: () => systemClock.now() });
    const { stillSyncing } = await waitForFirstSync(rt.inventory, { timeoutMs: opts.timeoutMs, onProgress: (s) => printer.update(s) });
    // What the server would serve, not more: a CLI's output lands in CI logs and pull requests. The
    // masks are keyed with the persistent key, so a saved snapshot and a later run mask alike.
    return { snapshot: servedSnapshot(rt.inventory), stillSyncing };
  } finally {
    if (rt) await stopWithin(rt, 5_000);
    if (tempState) fs.rmSync(tempState, { recursive: true, force: true });
  }
}
