import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NotConfigured } from '@/lib/model';
import type { EcsSourceConfig, Env, KubeContextInfo, KubeSourceConfig, SourceConfig } from './types';

// Which sources Parallax reads, from the environment (documented in .env.example):
//   KUBECONFIG                 one or more kubeconfig files, colon-separated (else ~/.kube/config;
//                              else, in a pod, its service account: the context "in-cluster")
//   PARALLAX_KUBE_CONTEXTS     comma-separated context names; "*" or unset = every context
//   PARALLAX_ECS_SOURCES       comma-separated "profile@region" or "region", each optionally "=endpoint"
//   AWS_PROFILE, AWS_REGION / AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL(_ECS)
//                              with no PARALLAX_ECS_SOURCES, any of these (or a region in the default
//                              profile) asks for the default ECS source, as the aws CLI would read it;
//                              whether it has credentials is the SDK chain's answer, asked at start
//                              (lib/config/aws-credentials.ts), not decided here
//   PARALLAX_ECS_POLL_MS       ECS poll interval (default 10000)
//   PARALLAX_ECS_SECRET_HASHES "1" reads the Secrets Manager / SSM values ECS task definitions reference
//                              and keeps keyed hashes of them (never the values); off by default for
//                              configured sources, on in the embedded demo unless "0"
//   PARALLAX_DEMO              "1" forces the embedded demo, "0" never starts it
// This module only reads configuration; it never contacts a cluster.

export const DEFAULT_ECS_POLL_MS = 10_000;

/** Discovery of kubeconfig contexts, provided by lib/k8s (kept as a parameter so this stays pure). */
export type DiscoverKubeContexts = (opts: { env: Env; homeDir: string }) => {
  paths: string[];
  /** Only the names matter here. */
  contexts: Pick<KubeContextInfo, 'name'>[];
  error?: string;
  /** Set when there is no kubeconfig but a pod's service account (its one context is in-cluster). */
  inCluster?: { pathPrefix: string };
};

/** Configuration that could not be used: shown as a source that could not start, never silently dropped. */
export interface SourceProblem {
  platform: 'kubernetes' | 'ecs';
  name: string;
  reason: string;
  /** What to do about it; absent when the reason says it. */
  hint?: string;
}


export interface ResolvedSources {
  sources: SourceConfig[];
  problems: SourceProblem[];
  /** Platforms with nothing configured (empty in the demo, which has both). */
  notConfigured: NotConfigured[];
  /** True when nothing is configured (or PARALLAX_DEMO=1) and the embedded demo should run. */
  demo: boolean;
}

export interface ResolveOptions {
  env: Env;
  homeDir?: string;
  discoverKubeContexts: DiscoverKubeContexts;
}

export function resolveSources(opts: ResolveOptions): ResolvedSources {
  const env = opts.env;
  if (env.PARALLAX_DEMO === '1') return { sources: [], problems: [], notConfigured: [], demo: true };
  const homeDir = opts.homeDir ?? os.homedir();
  const problems: SourceProblem[] = [];
  const notConfigured: NotConfigured[] = [];
  const sources: SourceConfig[] = [
    ...resolveKubeSources(env, homeDir, opts.discoverKubeContexts, problems, notConfigured),
    ...resolveEcsSources(env, homeDir, problems, notConfigured),
  ];
  const configured = sources.length > 0 || problems.length > 0;
  const demo = !configured && env.PARALLAX_DEMO !== '0';
  return { sources, problems, notConfigured: demo ? [] : notConfigured, demo };
}

const KUBE_NOT_CONFIGURED: NotConfigured = {
  platform: 'kubernetes',
  reason: 'no kubeconfig: KUBECONFIG is not set and ~/.kube/config does not exist',
  hint: 'set KUBECONFIG to a kubeconfig file (kind, minikube and "aws eks update-kubeconfig" write one), or create ~/.kube/config',
};

const ECS_NOT_CONFIGURED: NotConfigured = {
  platform: 'ecs',
  reason: 'no AWS region or profile: AWS_REGION, AWS_PROFILE and PARALLAX_ECS_SOURCES are not set, and the default profile has no region',
  hint: 'set AWS_REGION (and AWS_PROFILE for a named profile), or PARALLAX_ECS_SOURCES=profile@region',
};

/** PARALLAX_ECS_SECRET_HASHES: 1/true/yes/on or 0/false/no/off; anything else (or unset) is `fallback`. */
export function ecsSecretHashes(env: Env, fallback: boolean): boolean {
  const v = (env.PARALLAX_ECS_SECRET_HASHES ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return fallback;
}

function splitList(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function resolveKubeSources(
  env: Env,
  homeDir: string,
  discover: DiscoverKubeContexts,
  problems: SourceProblem[],
  notConfigured: NotConfigured[],
): KubeSourceConfig[] {
  const found = discover({ env, homeDir });
  // In a pod there is no kubeconfig file but one context: the pod's service account.
  if (!found.error && found.paths.length === 0 && found.contexts.length === 0) {
    notConfigured.push(KUBE_NOT_CONFIGURED);
    return [];
  }
  if (found.error) {
    problems.push({ platform: 'kubernetes', name: 'kubeconfig', reason: found.error });
    return [];
  }
  const wanted = splitList(env.PARALLAX_KUBE_CONTEXTS);
  const all = wanted.length === 0 || wanted.includes('*');
  const names = new Set(found.contexts.map((c) => c.name));
  for (const w of wanted) {
    if (w !== '*' && !names.has(w)) {
      problems.push({ platform: 'kubernetes', name: w, reason: `context "${w}" is not in ${found.paths.join(':') || 'any kubeconfig'}` });
    }
  }
  return found.contexts
    .filter((c) => all || wanted.includes(c.name))
    .map((c) => ({ platform: 'kubernetes', context: c.name, kubeconfigPaths: found.paths, demo: false, ...(found.inCluster ? { inCluster: found.inCluster } : {}) }));
}

const ECS_ENTRY = /^(?:([^@=\s]+)@)?([a-z]{2}(?:-[a-z]+)+-\d)(?:=(\S+))?$/;

function resolveEcsSources(env: Env, homeDir: string, problems: SourceProblem[], notConfigured: NotConfigured[]): EcsSourceConfig[] {
  const pollIntervalMs = Number(env.PARALLAX_ECS_POLL_MS) > 0 ? Number(env.PARALLAX_ECS_POLL_MS) : DEFAULT_ECS_POLL_MS;
  const endpoint = env.AWS_ENDPOINT_URL_ECS || env.AWS_ENDPOINT_URL || undefined;
  // Reading secret values is opt-in for real sources: it needs more IAM permissions and costs calls.
  const secrets = ecsSecretHashes(env, false) ? { secretHashes: true } : {};
  const entries = splitList(env.PARALLAX_ECS_SOURCES);
  if (entries.length > 0) {
    const out: EcsSourceConfig[] = [];
    for (const entry of entries) {
      const m = ECS_ENTRY.exec(entry);
      if (!m) {
        problems.push({ platform: 'ecs', name: entry, reason: `PARALLAX_ECS_SOURCES entry "${entry}" is not "profile@region", "region" or "profile@region=https://endpoint"` });
        continue;
      }
      out.push({ platform: 'ecs', profile: m[1] ?? env.AWS_PROFILE ?? 'default', region: m[2], endpoint: m[3] ?? endpoint, pollIntervalMs, demo: false, ...secrets });
    }
    return out;
  }
  const named = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE;
  const profile = named || 'default';
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || profileRegion(env, homeDir, profile);
  // Asked for: a profile, a region, keys or an endpoint. Credentials are checked at start by the SDK's chain.
  const askedFor = !!(named || region || env.AWS_ACCESS_KEY_ID || endpoint);
  if (!askedFor) {
    notConfigured.push(ECS_NOT_CONFIGURED);
    return [];
  }
  if (!region) {
    problems.push({
      platform: 'ecs', name: profile,
      reason: `profile "${profile}": no AWS region (AWS_REGION is not set and the profile names none)`,
      hint: `set AWS_REGION, or add "region = …" to [${profile === 'default' ? 'default' : `profile ${profile}`}] in ~/.aws/config`,
    });
    return [];
  }
  return [{ platform: 'ecs', profile, region, endpoint, pollIntervalMs, demo: false, ...secrets }];
}

/** The shared config and credentials files as the AWS SDK and CLI find them (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws). */
export function awsSharedFiles(env: Env, homeDir: string): { configFile: string; credentialsFile: string } {
  return {
    configFile: env.AWS_CONFIG_FILE || path.join(homeDir, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDir, '.aws', 'credentials'),
  };
}

/** Reads one INI file into sections; missing or unreadable files are empty. */
function readIni(file: string): Record<string, Record<string, string>> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const out: Record<string, Record<string, string>> = {};
  let section: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[(.+)\]$/.exec(line);
    if (head) {
      section = out[head[1].trim()] ??= {};
      continue;
    }
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (kv && section) section[kv[1].trim()] = kv[2].trim();
  }
  return out;
}

/** A profile's region in the config file, which names non-default profiles "[profile NAME]". */
function profileRegion(env: Env, homeDir: string, profile: string): string | undefined {
  const ini = readIni(awsSharedFiles(env, homeDir).configFile);
  return ini[profile === 'default' ? 'default' : `profile ${profile}`]?.region;
}
