// Every AWS API operation the ECS adapter calls, by IAM service prefix: the single list that
// deploy/ecs's IAM policies are checked against (operations.test.ts also checks it against the SDK
// command classes lib/ecs imports, so a new call cannot be added without appearing here).
// An IAM action is "<prefix>:<Operation>"; for these services the action names equal the API
// operation names.

/** The inventory's and the Raw tab's reads: Describe* and List* only. */
export const ECS_READ_OPERATIONS = {
  ecs: [
    'ListClusters', 'DescribeClusters', 'ListServices', 'DescribeServices', 'ListTasks', 'DescribeTasks',
    'ListContainerInstances', 'DescribeContainerInstances', 'DescribeTaskDefinition',
  ],
  ec2: ['DescribeInstances'],
  elasticloadbalancing: ['DescribeTargetGroups', 'DescribeLoadBalancers', 'DescribeTargetHealth'],
  'application-autoscaling': ['DescribeScalableTargets', 'DescribeScalingPolicies'],
  // The Raw tab of a secret reference (lib/ecs/raw.ts): its metadata, never its value.
  secretsmanager: ['DescribeSecret'],
  ssm: ['DescribeParameters'],
} as const;

/** Usage of services and clusters (lib/ecs/usage.ts): CloudWatch metric values, read when a page asks, cached. */
export const USAGE_OPERATIONS = {
  cloudwatch: ['GetMetricData'],
} as const;

/**
 * Logs tab of an ECS task or service (lib/ecs/task-logs.ts): the CloudWatch Logs events of awslogs
 * containers, read when a user opens the tab. Read-only; the stream is found with DescribeTasks and
 * DescribeTaskDefinition above.
 */
export const LOG_READ_OPERATIONS = {
  logs: ['GetLogEvents'],
} as const;

/**
 * Secret hashing (PARALLAX_ECS_SECRET_HASHES=1, lib/ecs/secret-values.ts): the values task
 * definitions reference, hashed at once and dropped. Read-only Get* calls, opt-in.
 */
export const SECRET_VALUE_OPERATIONS = {
  secretsmanager: ['GetSecretValue'],
  ssm: ['GetParameters'],
} as const;

/** The SDK package of each IAM prefix above (the client the adapter makes in clients.ts). */
export const SDK_PACKAGE_OF_PREFIX: Record<string, string> = {
  ecs: '@aws-sdk/client-ecs',
  ec2: '@aws-sdk/client-ec2',
  elasticloadbalancing: '@aws-sdk/client-elastic-load-balancing-v2',
  'application-autoscaling': '@aws-sdk/client-application-auto-scaling',
  secretsmanager: '@aws-sdk/client-secrets-manager',
  ssm: '@aws-sdk/client-ssm',
  cloudwatch: '@aws-sdk/client-cloudwatch',
  logs: '@aws-sdk/client-cloudwatch-logs',
};

/** "ecs:ListClusters"-style IAM actions, sorted. */
export function iamActions(ops: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(ops).flatMap(([prefix, names]) => names.map((n) => `${prefix}:${n}`)).sort();
}
