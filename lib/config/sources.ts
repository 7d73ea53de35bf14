import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EcsSourceConfig, Env, KubeContextInfo, KubeSourceConfig, SourceConfig } from './types';

// Which sources Parallax reads, from the environment (documented in .env.example):
//   KUBECONFIG                 one or more kubeconfig files, colon-separated (else ~/.kube/config)
//   PARALLAX_KUBE_CONTEXTS     comma-separated context names; "*" or unset = every context
//   PARALLAX_ECS_SOURCES       comma-separated "profile@region" or "region", each optionally "=endpoint"
//   AWS_PROFILE, AWS_REGION / AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL(_ECS)
//                              with no PARALLAX_ECS_SOURCES, a resolvable region plus credentials make
//                              the default ECS source, as the aws CLI would use them
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
};

export interface ResolvedSources {
  sources: SourceConfig[];
  /** Configuration that could not be used, with the reason: shown as a down source, never silently dropped. */
  problems: { platform: 'kubernetes' | 'ecs'; name: string; reason: string }[];
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
  if (env.PARALLAX_DEMO === '1') return { sources: [], problems: [], demo: true };
  const homeDir = opts.homeDir ?? os.homedir();
  const problems: ResolvedSources['problems'] = [];
  const sources: SourceConfig[] = [
    ...resolveKubeSources(env, homeDir, opts.discoverKubeContexts, problems),
    ...resolveEcsSources(env, homeDir, problems),
  ];
  const configured = sources.length > 0 || problems.length > 0;
  return { sources, problems, demo: !configured && env.PARALLAX_DEMO !== '0' };
}

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
  problems: ResolvedSources['problems'],
): KubeSourceConfig[] {
  const found = discover({ env, homeDir });
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
    .map((c) => ({ platform: 'kubernetes', context: c.name, kubeconfigPaths: found.paths, demo: false }));
}

const ECS_ENTRY = /^(?:([^@=\s]+)@)?([a-z]{2}(?:-[a-z]+)+-\d)(?:=(\S+))?$/;

function resolveEcsSources(env: Env, homeDir: string, problems: ResolvedSources['problems']): EcsSourceConfig[] {
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
  const profile = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || profileRegion(env, homeDir, profile);
  if (!region || !hasCredentials(env, homeDir, profile)) return [];
  return [{ platform: 'ecs', profile, region, endpoint, pollIntervalMs, demo: false, ...secrets }];
}

function awsFile(env: Env, homeDir: string, which: 'config' | 'credentials'): string {
  const override = which === 'config' ? env.AWS_CONFIG_FILE : env.AWS_SHARED_CREDENTIALS_FILE;
  return override || path.join(homeDir, '.aws', which);
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

function profileSection(ini: Record<string, Record<string, string>>, profile: string, inConfigFile: boolean) {
  // The config file names non-default profiles "[profile NAME]"; the credentials file names them "[NAME]".
  return inConfigFile && profile !== 'default' ? ini[`profile ${profile}`] : ini[profile];
}

function profileRegion(env: Env, homeDir: string, profile: string): string | undefined {
  return profileSection(readIni(awsFile(env, homeDir, 'config')), profile, true)?.region;
}

function hasCredentials(env: Env, homeDir: string, profile: string): boolean {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return true;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  if (profileSection(readIni(awsFile(env, homeDir, 'credentials')), profile, false)) return true;
  // SSO, assume-role and credential_process profiles live in the config file.
  const cfg = profileSection(readIni(awsFile(env, homeDir, 'config')), profile, true);
  return !!cfg && ['sso_session', 'sso_start_url', 'role_arn', 'credential_process', 'aws_access_key_id'].some((k) => k in cfg);
}
