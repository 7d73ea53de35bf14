// Identifiers and ARNs in the shapes real AWS uses. ECS ARNs are in the "long ARN format"
// (the cluster name inside service, task and container-instance ARNs) that accounts use today.
import { randomBytes, randomUUID } from 'node:crypto';

export interface Scope {
  region: string;
  accountId: string;
}

/** 32 lowercase hex characters: the id part of task and container-instance ARNs. */
export function hexId(): string {
  return randomBytes(16).toString('hex');
}

export function uuid(): string {
  return randomUUID();
}

/** Deployment ids are `ecs-svc/` followed by 19 decimal digits. */
export function deploymentId(): string {
  let digits = String(1 + Math.floor(Math.random() * 8));
  while (digits.length < 19) digits += String(Math.floor(Math.random() * 10));
  return `ecs-svc/${digits}`;
}

/** EC2 ids: prefix + 17 hex characters (i-, r-, eni-, sg- ...). */
export function ec2Id(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
}

const ecs = (s: Scope, rest: string): string => `arn:aws:ecs:${s.region}:${s.accountId}:${rest}`;

export const clusterArn = (s: Scope, name: string): string => ecs(s, `cluster/${name}`);
export const serviceArn = (s: Scope, cluster: string, name: string): string =>
  ecs(s, `service/${cluster}/${name}`);
export const taskArn = (s: Scope, cluster: string, id: string): string => ecs(s, `task/${cluster}/${id}`);
export const containerArn = (s: Scope, cluster: string, taskId: string): string =>
  ecs(s, `container/${cluster}/${taskId}/${uuid()}`);
export const containerInstanceArn = (s: Scope, cluster: string, id: string): string =>
  ecs(s, `container-instance/${cluster}/${id}`);
export const taskDefinitionArn = (s: Scope, family: string, revision: number): string =>
  ecs(s, `task-definition/${family}:${revision}`);

export const loadBalancerArn = (s: Scope, type: 'app' | 'net', name: string): string =>
  `arn:aws:elasticloadbalancing:${s.region}:${s.accountId}:loadbalancer/${type}/${name}/${randomBytes(8).toString('hex')}`;
export const targetGroupArn = (s: Scope, name: string): string =>
  `arn:aws:elasticloadbalancing:${s.region}:${s.accountId}:targetgroup/${name}/${randomBytes(8).toString('hex')}`;
export const listenerArn = (s: Scope, lbArn: string): string =>
  `${lbArn.replace(':loadbalancer/', ':listener/')}/${randomBytes(8).toString('hex')}`;

/**
 * The last path segment of an ECS ARN, or the input when it is not an ARN.
 * `arn:aws:ecs:r:a:cluster/prod` -> `prod`; `arn:...:task/prod/abc` -> `abc`.
 */
export function lastSegment(nameOrArn: string): string {
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  const resource = nameOrArn.split(':').slice(5).join(':');
  const parts = resource.split('/');
  return parts[parts.length - 1] ?? nameOrArn;
}

/** Availability zone a subnet id is pinned to: stable per subnet, spread over a/b/c. */
export function subnetZone(region: string, subnetId: string): string {
  let h = 0;
  for (const ch of subnetId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `${region}${'abc'[h % 3]}`;
}
