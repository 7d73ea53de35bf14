// Source configuration, as resolved from the environment (see lib/config/sources.ts and .env.example).

export interface KubeSourceConfig {
  platform: 'kubernetes';
  /** kubeconfig context name. */
  context: string;
  /** The kubeconfig file(s) it came from (KUBECONFIG may list several, colon-separated). */
  kubeconfigPaths: string[];
  /** Inline kubeconfig YAML (the embedded demo writes its own); wins over paths. */
  kubeconfigYaml?: string;
  /**
   * In a pod with no kubeconfig: the pod's service account (token, CA, namespace under
   * pathPrefix + /var/run/secrets/kubernetes.io/serviceaccount) and KUBERNETES_SERVICE_HOST/PORT.
   */
  inCluster?: { pathPrefix: string };
  demo: boolean;
}

export interface EcsSourceConfig {
  platform: 'ecs';
  /** AWS profile name; "default" when the default credential chain is used. */
  profile: string;
  region: string;
  /** Endpoint override (LocalStack, moto, the embedded simulator). */
  endpoint?: string;
  /** Only these clusters (names or ARNs); all clusters when absent. */
  clusters?: string[];
  pollIntervalMs: number;
  /**
   * Read the Secrets Manager / SSM values the task definitions reference, keeping only keyed hashes
   * (PARALLAX_ECS_SECRET_HASHES=1; on in the embedded demo). Off: no such call is made.
   */
  secretHashes?: boolean;
  /** Static credentials, for the embedded demo and tests only; otherwise the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  demo: boolean;
}

export type SourceConfig = KubeSourceConfig | EcsSourceConfig;

/** Environment variables as read by configuration code (process.env, or a test's plain object). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A kubeconfig context as discovery reports it (lib/k8s/kubeconfig.ts). */
export interface KubeContextInfo {
  name: string;
  cluster: string;
  server?: string;
  user: string;
  namespace?: string;
}
