// Kubeconfig discovery and client configuration.
//
// Protocol facts (kubectl's loading rules, `clientcmd`):
// - KUBECONFIG lists files separated by the platform path delimiter (":" on Unix); missing files are
//   ignored; maps (clusters, users, contexts) merge by name and the FIRST file to define a name wins;
//   current-context comes from the first file that sets it.
// - Without KUBECONFIG, ~/.kube/config is used.
// - Relative certificate/key paths are relative to the file that names them.
// - With no kubeconfig file at all, in a pod (KUBERNETES_SERVICE_HOST and _PORT set, a service account
//   token mounted), the in-cluster configuration: client-go's rest.InClusterConfig, client-node's
//   loadFromCluster. The token file is re-read as the kubelet rotates it (client-node's tokenFile auth).
// `KubeConfig.loadFromDefault()` is not used to decide whether a configuration exists: with none it
// silently points at http://localhost:8080. client-node's own mergeConfig throws on duplicate names
// and lets later files win the current context, so the merge here is our own.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import type { KubeContextInfo, KubeSourceConfig } from '@/lib/config/types';

export type { KubeContextInfo };

export interface KubeDiscovery {
  /** Kubeconfig files found (readable or not); empty means "no configuration" (or in-cluster). */
  paths: string[];
  contexts: KubeContextInfo[];
  current?: string;
  /** Set when a file exists but cannot be read or parsed: names the file and the parser message. */
  error?: string;
  /** Set when no file exists and the pod's service account is used instead (context IN_CLUSTER_CONTEXT). */
  inCluster?: { pathPrefix: string };
}

/** The one context of the in-cluster configuration (its source id is k8s/in-cluster). */
export const IN_CLUSTER_CONTEXT = 'in-cluster';
/** Where the kubelet mounts a pod's service account token, CA and namespace. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface DiscoverOptions {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** Prefix of SERVICE_ACCOUNT_DIR (tests use a temporary directory); default '' (the real one). */
  serviceAccountPrefix?: string;
}

/** The in-cluster configuration, when the environment is a pod's: the API server's address and a token file. */
function inClusterContext(opts: DiscoverOptions): KubeContextInfo | undefined {
  const host = opts.env.KUBERNETES_SERVICE_HOST;
  const port = opts.env.KUBERNETES_SERVICE_PORT;
  const prefix = opts.serviceAccountPrefix ?? '';
  if (!host || !port || !fs.existsSync(`${prefix}${SERVICE_ACCOUNT_DIR}/token`)) return undefined;
  // The scheme rule is client-node's loadFromCluster's (plain HTTP only on 80, 8080 and 8001).
  const scheme = ['80', '8080', '8001'].includes(port) ? 'http' : 'https';
  const server = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { name: IN_CLUSTER_CONTEXT, cluster: IN_CLUSTER_CONTEXT, server, user: 'serviceaccount' };
}

interface LoadedFile {
  file: string;
  kc?: KubeConfig;
  error?: string;
}

/** Files kubectl would read, in order, existing ones only. */
export function kubeconfigFiles(opts: { env: Readonly<Record<string, string | undefined>>; homeDir: string }): string[] {
  const list = opts.env.KUBECONFIG;
  const candidates = list && list.length > 0
    ? list.split(path.delimiter).filter((f) => f.length > 0)
    : [path.join(opts.homeDir, '.kube', 'config')];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of candidates) {
    const abs = path.resolve(f);
    if (seen.has(abs)) continue;
    seen.add(abs);
    if (fs.existsSync(abs)) out.push(abs);
  }
  return out;
}

function loadFile(file: string): LoadedFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { file, error: `${file}: ${(e as Error).message}` };
  }
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch (e) {
    return { file, error: `${file}: ${(e as Error).message}` };
  }
  // An empty file is a valid, empty kubeconfig for kubectl.
  if (doc === undefined || doc === null) return { file, kc: emptyConfig() };
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    return { file, error: `${file}: not a kubeconfig (expected a YAML mapping)` };
  }
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch (e) {
    // Keep the valid entries of a file with some invalid ones, and still report it.
    const lenient = new KubeConfig();
    try {
      lenient.loadFromString(text, { onInvalidEntry: 'filter' });
    } catch {
      return { file, error: `${file}: ${(e as Error).message}` };
    }
    lenient.makePathsAbsolute(path.dirname(file));
    return { file, kc: lenient, error: `${file}: ${(e as Error).message}` };
  }
  kc.makePathsAbsolute(path.dirname(file));
  return { file, kc };
}

function emptyConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [], users: [], contexts: [], currentContext: '' });
  return kc;
}

/** Merges kubeconfigs with kubectl's rule: the first definition of a name wins. */
export function mergeKubeConfigs(configs: KubeConfig[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current: string | undefined;
  for (const kc of configs) {
    for (const c of kc.getClusters() ?? []) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.getUsers() ?? []) if (!users.has(u.name)) users.set(u.name, u);
    for (const x of kc.getContexts() ?? []) if (!contexts.has(x.name)) contexts.set(x.name, x);
    const cur = kc.getCurrentContext();
    if (!current && cur) current = cur;
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext: current ?? '',
  });
  return merged;
}

function describeContexts(kc: KubeConfig): KubeContextInfo[] {
  return (kc.getContexts() ?? []).map((c) => ({
    name: c.name,
    cluster: c.cluster,
    server: kc.getCluster(c.cluster)?.server,
    user: c.user,
    ...(c.namespace ? { namespace: c.namespace } : {}),
  }));
}

/** Lists the kubeconfig contexts kubectl would see (or, in a pod without one, the in-cluster one). Never throws. */
export function discoverKubeContexts(opts: DiscoverOptions): KubeDiscovery {
  const paths = kubeconfigFiles(opts);
  if (paths.length === 0) {
    const inCluster = inClusterContext(opts);
    return inCluster
      ? { paths: [], contexts: [inCluster], current: inCluster.name, inCluster: { pathPrefix: opts.serviceAccountPrefix ?? '' } }
      : { paths: [], contexts: [] };
  }
  const loaded = paths.map(loadFile);
  const errors = loaded.filter((l) => l.error).map((l) => l.error!);
  const merged = mergeKubeConfigs(loaded.filter((l) => l.kc).map((l) => l.kc!));
  const current = merged.getCurrentContext();
  return {
    paths,
    contexts: describeContexts(merged),
    ...(current ? { current } : {}),
    ...(errors.length ? { error: errors.join('; ') } : {}),
  };
}

/**
 * A client configuration for one source: from the inline YAML when given, else the merged files,
 * with the current context set to cfg.context. Auth (tokens, client certificates, CA data, exec
 * plugins such as `aws eks get-token`) is left to client-node. Throws when the context is missing.
 */
export function kubeConfigFor(cfg: KubeSourceConfig): KubeConfig {
  if (cfg.inCluster) {
    // Reads KUBERNETES_SERVICE_HOST/PORT from process.env, as in any pod.
    const inCluster = new KubeConfig();
    inCluster.loadFromCluster(cfg.inCluster.pathPrefix);
    return inCluster;
  }
  let kc: KubeConfig;
  let problems = '';
  if (cfg.kubeconfigYaml) {
    kc = new KubeConfig();
    kc.loadFromString(cfg.kubeconfigYaml);
  } else {
    const loaded = cfg.kubeconfigPaths.filter((p) => fs.existsSync(p)).map((p) => loadFile(path.resolve(p)));
    problems = loaded.filter((l) => l.error).map((l) => l.error!).join('; ');
    kc = mergeKubeConfigs(loaded.filter((l) => l.kc).map((l) => l.kc!));
  }
  const ctx = kc.getContextObject(cfg.context);
  if (!ctx) {
    const where = cfg.kubeconfigYaml ? 'the inline kubeconfig' : cfg.kubeconfigPaths.join(path.delimiter) || '(no kubeconfig files)';
    throw new Error(`context "${cfg.context}" not found in ${where}${problems ? ` (${problems})` : ''}`);
  }
  if (!kc.getCluster(ctx.cluster)) throw new Error(`context "${cfg.context}" names cluster "${ctx.cluster}", which is not defined`);
  kc.setCurrentContext(cfg.context);
  return kc;
}
