import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { Inventory } from '@/lib/inventory/store';
import { problemSource } from '@/lib/inventory/problem-source';
import type { SourceAdapter } from '@/lib/inventory/types';
import { awsSharedFiles, ecsSecretHashes, resolveSources } from '@/lib/config/sources';
import { checkAwsCredentials, sdkCredentialResolver, type CredentialResolver } from '@/lib/config/aws-credentials';
import type { EcsSourceConfig, Env, SourceConfig } from '@/lib/config/types';
import { ecsSourceId, k8sSourceId, type NotConfigured, type Platform, type Source } from '@/lib/model';
import { createKubeSource } from '@/lib/k8s/source';
import { discoverKubeContexts } from '@/lib/k8s/kubeconfig';
import { createEcsSource } from '@/lib/ecs/source';
import { loadHashKey, type HashKeyOptions } from '@/lib/secrets/hash-key';
import { useMaskHasher } from '@/lib/security/mask';
import { processHasher, type SecretHasher } from '@/lib/secrets/hasher';
// Types only: the demo (both simulators and their seeders) is loaded when the demo runs, not into every route.
import type { RunningSimulators } from '@/lib/demo/simulators';
import { awsCredentialsTimeoutMs, ecsTimeouts, kubeTimeouts } from '@/lib/config/timeouts';
import type { Clock } from '@/lib/util/clock';
import { startupLines } from './startup-log';

// One runtime per server process: the inventory and its adapters, plus the embedded demo
// simulators when no source is configured. Kept on globalThis because Next.js may load this
// module more than once (instrumentation and route bundles, dev reloads) in one process.

export interface Runtime {
  inventory: Inventory;
  demo?: RunningSimulators;
  /** Platforms nothing was configured for (while another one is): shown as such, never as a source. */
  notConfigured: NotConfigured[];
  /** Hashes secret values with the persistent key (lib/secrets/hash-key.ts), for every source alike. */
  hasher: SecretHasher;
  stop(): Promise<void>;
}

const KEY = Symbol.for('parallax.runtime');
type Holder = { [KEY]?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  const g = globalThis as Holder;
  g[KEY] ??= startRuntime(process.env).then((rt) => {
    // One line per source on the server's log: what runs, what could not start and why, what is not configured.
    for (const line of startupLines(rt.inventory.sources(), rt.notConfigured)) console.log(`[parallax] ${line}`);
    return rt;
  }, (err) => {
    delete g[KEY];
    throw err;
  });
  return g[KEY];
}

export function stateDir(env: Env): string {
  // Resolved at run time against the working directory: not a file of the build.
  return path.resolve(/*turbopackIgnore: true*/ env.PARALLAX_STATE_DIR || '.parallax');
}

function adapterFor(cfg: SourceConfig, env: Env, hasher: SecretHasher): SourceAdapter {
  return cfg.platform === 'kubernetes' ? createKubeSource(cfg, { ...kubeTimeouts(env), hasher }) : createEcsSource(cfg, { ...ecsTimeouts(env), hasher });
}

/** Where the persistent secret hash key is looked for, as the server looks (the CLI loads it with the same options). */
export function hashKeyOptions(env: Env, homeDir: string): HashKeyOptions {
  return { env, configDir: env.XDG_CONFIG_HOME || path.join(homeDir, '.config') };
}

/** The persistent hash key; a broken key file is logged and replaced by a per-process key, never fatal. */
function secretHasher(env: Env, homeDir: string, warn: (line: string) => void): SecretHasher {
  try {
    return loadHashKey(hashKeyOptions(env, homeDir)).hasher;
  } catch (e) {
    warn(`${(e as Error).message}; secret hashes use a per-process key until this is fixed`);
    return processHasher;
  }
}

/** A source as the runtime is about to start it: what `select` decides on. */
export interface SourceCandidate {
  id: string;
  name: string;
  platform: Platform;
  /** Why it cannot be read (a broken kubeconfig…): it would start as a down source. */
  problem?: string;
}

export interface RuntimeOptions {
  homeDir?: string;
  /** Where the runtime's own lines go. Default, the server's log: demo lines on stdout, warnings on stderr. */
  log?: { demo?: (line: string) => void; warn?: (line: string) => void };
  /**
   * Starts only the sources this accepts (the CLI's --source); every source when absent. Called once
   * for every candidate, so a caller also learns what was configured.
   */
  select?: (candidate: SourceCandidate) => boolean;
  /** Hashes secrets with this instead of loading the persistent key (the CLI loads it itself, to fail on a broken key file). */
  hasher?: SecretHasher;
  /** Asks for AWS credentials (default: the SDK's default provider chain), under PARALLAX_AWS_CREDENTIALS_TIMEOUT_MS on `clock`. */
  awsCredentials?: CredentialResolver;
  clock?: Clock;
}

function candidateOf(cfg: SourceConfig): SourceCandidate {
  return cfg.platform === 'kubernetes'
    ? { id: k8sSourceId(cfg.context), name: cfg.context, platform: cfg.platform }
    : { id: ecsSourceId(cfg.profile, cfg.region), name: `${cfg.profile}/${cfg.region}`, platform: cfg.platform };
}

export async function startRuntime(env: Env, opts: RuntimeOptions = {}): Promise<Runtime> {
  const homeDir = opts.homeDir ?? os.homedir();
  const log = {
    demo: opts.log?.demo ?? ((line: string) => console.log(`[parallax demo] ${line}`)),
    warn: opts.log?.warn ?? ((line: string) => console.error(`[parallax] ${line}`)),
  };
  const select = opts.select ?? (() => true);
  const inventory = new Inventory();
  const hasher = opts.hasher ?? secretHasher(env, homeDir, log.warn);
  useMaskHasher(hasher);
  const resolved = resolveSources({ env, homeDir, discoverKubeContexts });
  let configs = resolved.sources;
  let demo: RunningSimulators | undefined;
  if (resolved.demo) {
    const demoModule = await import('@/lib/demo/simulators');
    demo = await startDemo(demoModule, env, log.demo);
    configs = demoSources(demoModule, demo, env);
  }
  for (const p of resolved.problems) {
    const id = p.platform === 'kubernetes' ? k8sSourceId(p.name) : ecsSourceId(p.name, '-');
    if (!select({ id, name: p.name, platform: p.platform, problem: p.reason })) continue;
    await inventory.add(problemSource({ id, platform: p.platform, name: p.name, reason: p.reason, hint: p.hint }));
  }
  const credentialProblems = await checkEcsCredentials(configs, env, homeDir, opts);
  for (const cfg of configs) {
    const problem = credentialProblems.get(cfg);
    const candidate = candidateOf(cfg);
    if (!select(problem ? { ...candidate, problem: problem.reason } : candidate)) continue;
    await inventory.add(problem ? problemSource({ ...candidate, ...problem }) : adapterFor(cfg, env, hasher));
  }
  return {
    inventory,
    demo,
    // Only the server shows platforms nobody configured; a caller choosing sources (the CLI) has its own message.
    notConfigured: opts.select ? [] : resolved.notConfigured,
    hasher,
    stop: async () => {
      await inventory.stop();
      await demo?.stop();
    },
  };
}

/**
 * ECS sources without static credentials whose profile the SDK's default chain finds no credentials
 * for, with the reason and what to do. Asked once per profile, all at once, each under the deadline.
 */
async function checkEcsCredentials(configs: SourceConfig[], env: Env, homeDir: string, opts: RuntimeOptions) {
  const ecs = configs.filter((c): c is EcsSourceConfig => c.platform === 'ecs' && !c.credentials);
  const files = awsSharedFiles(env, homeDir);
  const byProfile = new Map<string, ReturnType<typeof checkAwsCredentials>>();
  for (const c of ecs) {
    if (byProfile.has(c.profile)) continue;
    // "default" is the chain's own default (env keys first), as createEcsClients uses it.
    const req = { ...files, ...(c.profile !== 'default' ? { profile: c.profile } : {}) };
    byProfile.set(c.profile, checkAwsCredentials(req, { resolve: opts.awsCredentials ?? sdkCredentialResolver, timeoutMs: awsCredentialsTimeoutMs(env), clock: opts.clock }));
  }
  const out = new Map<SourceConfig, { reason: string; hint: string; connection: Source['connection'] }>();
  for (const c of ecs) {
    const check = await byProfile.get(c.profile)!;
    if (!check.ok) out.set(c, { reason: check.reason, hint: check.hint, connection: { profile: c.profile, region: c.region, ...(c.endpoint ? { endpoint: c.endpoint } : {}) } });
  }
  return out;
}

type DemoModule = typeof import('@/lib/demo/simulators');

async function startDemo({ startSimulators }: DemoModule, env: Env, log: (line: string) => void): Promise<RunningSimulators> {
  const dir = path.join(stateDir(env), 'demo');
  const sims = await startSimulators({
    platforms: ['kubernetes', 'ecs'],
    stateDir: dir,
    scenarioDir: path.resolve(/*turbopackIgnore: true*/ env.PARALLAX_SCENARIO || 'scenarios/demo'),
    log,
  });
  // The e2e suite and curious users find the demo's endpoints here (sources.json is sim.json under the name the docs use).
  await fs.copyFile(sims.infoPath, path.join(dir, 'sources.json'));
  return sims;
}

function demoSources({ DEMO_ECS_PROFILE, SIM_CREDENTIALS }: DemoModule, sims: RunningSimulators, env: Env): SourceConfig[] {
  const out: SourceConfig[] = [];
  if (sims.kubernetes) {
    out.push({
      platform: 'kubernetes', context: sims.kubernetes.context, kubeconfigPaths: [sims.kubernetes.kubeconfigPath],
      kubeconfigYaml: sims.kubernetes.sim.kubeconfig(sims.kubernetes.context), demo: true,
    });
  }
  if (sims.ecs) {
    out.push({
      platform: 'ecs', profile: DEMO_ECS_PROFILE, region: sims.ecs.region, endpoint: sims.ecs.sim.url,
      pollIntervalMs: Number(env.PARALLAX_ECS_POLL_MS) > 0 ? Number(env.PARALLAX_ECS_POLL_MS) : 5_000,
      credentials: SIM_CREDENTIALS, demo: true,
      // The demo owns its simulator, whose secrets are fake: compare their values unless told not to.
      ...(ecsSecretHashes(env, true) ? { secretHashes: true } : {}),
    });
  }
  return out;
}
