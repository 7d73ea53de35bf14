import { ECSClient } from '@aws-sdk/client-ecs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { EcsSourceConfig } from '@/lib/config/types';
import { PARALLAX_PRODUCT, PARALLAX_VERSION } from '@/lib/util/user-agent';

export interface EcsClients {
  ecs: ECSClient;
  ec2: EC2Client;
  elbv2: ElasticLoadBalancingV2Client;
  autoscaling: ApplicationAutoScalingClient;
  /** CloudWatch: GetMetricData for the usage of services and clusters (lib/ecs/usage.ts). */
  cloudwatch: CloudWatchClient;
  /**
   * Secrets Manager and SSM (made per region on first use): Get* only when the source reads secret
   * values (cfg.secretHashes); DescribeSecret / DescribeParameters for the raw view (metadata only).
   */
  secretStores: SecretStoreClients;
  /** CloudWatch Logs in a region (an awslogs container names its group's region), made on first use. */
  logs(region: string): CloudWatchLogsClient;
  destroy(): void;
}

/**
 * Secrets Manager and SSM clients per region, made on first use: a valueFrom names its region in its
 * ARN, and ECS reads it there, whatever the task's region.
 */
export interface SecretStoreClients {
  forRegion(region: string): { secretsManager: SecretsManagerClient; ssm: SSMClient };
  destroy(): void;
}

export interface EcsClientOptions {
  /** SDK attempts per call, retries included (throttling and 5xx are retried by the SDK). Default 3. */
  maxAttempts?: number;
}

/**
 * Clients for one source. Credentials: static ones when configured (demo, tests); else the named
 * profile through the Node provider chain (SSO, process, ini, web identity); else the SDK's default
 * chain, which honours AWS_PROFILE. Endpoint: cfg.endpoint, else the SDK's own AWS_ENDPOINT_URL /
 * AWS_ENDPOINT_URL_<SERVICE> handling.
 */
export function createEcsClients(cfg: EcsSourceConfig, opts: EcsClientOptions = {}): EcsClients {
  const credentials = cfg.credentials
    ? { accessKeyId: cfg.credentials.accessKeyId, secretAccessKey: cfg.credentials.secretAccessKey, sessionToken: cfg.credentials.sessionToken }
    : cfg.profile && cfg.profile !== 'default'
      ? defaultProvider({ profile: cfg.profile })
      : undefined;
  const common = {
    region: cfg.region,
    maxAttempts: opts.maxAttempts ?? 3,
    // Appended to the SDK's User-Agent: CloudTrail's userAgent (and the simulator's log) show Parallax.
    customUserAgent: [[PARALLAX_PRODUCT, PARALLAX_VERSION]] as [string, string][],
    ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  };
  const ecs = new ECSClient(common);
  const ec2 = new EC2Client(common);
  const elbv2 = new ElasticLoadBalancingV2Client(common);
  const autoscaling = new ApplicationAutoScalingClient(common);
  const cloudwatch = new CloudWatchClient(common);
  const secretStores = secretStoreClients(common);
  const logsByRegion = new Map<string, CloudWatchLogsClient>();
  return {
    ecs, ec2, elbv2, autoscaling, cloudwatch,
    secretStores,
    logs(region) {
      let c = logsByRegion.get(region);
      if (!c) logsByRegion.set(region, (c = new CloudWatchLogsClient({ ...common, region })));
      return c;
    },
    destroy() {
      for (const c of logsByRegion.values()) c.destroy();
      logsByRegion.clear();
      ecs.destroy();
      ec2.destroy();
      elbv2.destroy();
      autoscaling.destroy();
      cloudwatch.destroy();
      secretStores.destroy();
    },
  };
}

function secretStoreClients(common: { region: string } & Record<string, unknown>): SecretStoreClients {
  const byRegion = new Map<string, { secretsManager: SecretsManagerClient; ssm: SSMClient }>();
  return {
    forRegion(region) {
      let c = byRegion.get(region);
      if (!c) {
        const config = { ...common, region };
        c = { secretsManager: new SecretsManagerClient(config), ssm: new SSMClient(config) };
        byRegion.set(region, c);
      }
      return c;
    },
    destroy() {
      for (const c of byRegion.values()) {
        c.secretsManager.destroy();
        c.ssm.destroy();
      }
      byRegion.clear();
    },
  };
}

/** "profile/region" plus the endpoint override when there is one, for display. */
export function ecsSourceDescription(cfg: EcsSourceConfig): string {
  const endpoint = cfg.endpoint ?? process.env.AWS_ENDPOINT_URL_ECS ?? process.env.AWS_ENDPOINT_URL;
  return `${cfg.profile}/${cfg.region}${endpoint ? ` at ${endpoint}` : ''}${cfg.demo ? ' (demo)' : ''}`;
}
