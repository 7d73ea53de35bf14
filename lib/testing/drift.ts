// Test support for the drift engine: workloads made by the real normalizers from raw API objects
// (a Deployment with its ConfigMaps and Secrets; an ECS service with its task definition), sources
// and snapshots around them. Raw objects are shaped like real API output (../shared/fixtures).
import type { V1ConfigMap, V1Deployment, V2HorizontalPodAutoscaler, V1PodSpec, V1Secret } from '@kubernetes/client-node';
import type { ContainerDefinition, Service, TaskDefinition } from '@aws-sdk/client-ecs';
import type { ScalableTarget, ScalingPolicy } from '@aws-sdk/client-application-auto-scaling';
import { ecsSourceId, k8sSourceId, type Autoscaler, type Snapshot, type Source, type Workload } from '@/lib/model';
import { normalizeDeployment } from '@/lib/k8s/normalize/workloads';
import { normalizeConfigMap, normalizeHpa, normalizeSecret } from '@/lib/k8s/normalize/resources';
import type { RefResolver } from '@/lib/k8s/normalize/env';
import { normalizeService } from '@/lib/ecs/normalize/service';
import { normalizeScalableTarget } from '@/lib/ecs/normalize/autoscaling';
import { createSecretHasher } from '@/lib/secrets/hasher';

/** One key for every test: hashes of equal values are equal across platforms and runs. */
export const TEST_HASHER = createSecretHasher(Buffer.alloc(32, 3));

export function source(over: Partial<Source> & Pick<Source, 'id' | 'platform' | 'name'>): Source {
  return {
    status: 'ok', demo: false, connection: {}, coverage: [], errors: [],
    freshness: { mode: over.platform === 'ecs' ? 'poll' : 'watch' }, ...over,
  };
}

export const K8S_SOURCE = source({ id: k8sSourceId('kind-shop'), platform: 'kubernetes', name: 'kind-shop', connection: { context: 'kind-shop' } });
export const ECS_SOURCE = source({ id: ecsSourceId('prod', 'us-east-1'), platform: 'ecs', name: 'prod/us-east-1', connection: { profile: 'prod', region: 'us-east-1' } });

export interface KubeApp {
  deployment: V1Deployment;
  configMaps?: V1ConfigMap[];
  secrets?: V1Secret[];
  hpa?: V2HorizontalPodAutoscaler;
}

export function kubeWorkload(app: KubeApp, src: Source = K8S_SOURCE): { workload: Workload; autoscaler?: Autoscaler } {
  const ctx = { sourceId: src.id, clusterId: `${src.id}/_/Cluster/c`, hasher: TEST_HASHER };
  const configs = (app.configMaps ?? []).map((c) => normalizeConfigMap(ctx, c));
  const secrets = (app.secrets ?? []).map((s) => normalizeSecret(ctx, s));
  const config = (ns: string, name: string) => configs.find((c) => c.groupName === ns && c.name === name);
  const secret = (ns: string, name: string) => secrets.find((s) => s.groupName === ns && s.name === name);
  const resolver: RefResolver = {
    configData: (ns, name) => config(ns, name)?.data,
    configValue: (ns, name, key) => config(ns, name)?.data[key],
    secretKeys: (ns, name) => secret(ns, name)?.keys,
    secretHash: (ns, name, key) => secret(ns, name)?.keys.find((k) => k.key === key)?.hash,
  };
  const workload = normalizeDeployment(ctx, app.deployment, resolver).workload;
  const autoscaler = app.hpa ? normalizeHpa(ctx, app.hpa) : undefined;
  return { workload, ...(autoscaler ? { autoscaler: { ...autoscaler, target: workload.id } } : {}) };
}

export interface EcsApp {
  service: Service;
  taskDefinition: TaskDefinition;
  scalableTarget?: ScalableTarget;
  policies?: ScalingPolicy[];
}

export function ecsWorkload(app: EcsApp, src: Source = ECS_SOURCE): { workload: Workload; autoscaler?: Autoscaler } {
  const ctx = { sourceId: src.id, cluster: app.service.clusterArn?.split('/').pop() ?? 'shop' };
  const workload = normalizeService(ctx, app.service, () => app.taskDefinition);
  const autoscaler = app.scalableTarget ? normalizeScalableTarget(ctx, app.scalableTarget, app.policies ?? []) : undefined;
  return { workload, ...(autoscaler ? { autoscaler } : {}) };
}

export function snapshotOf(sources: Source[], parts: { workload: Workload; autoscaler?: Autoscaler }[]): Snapshot {
  return {
    generatedAt: '2026-12-01T00:00:00.000Z', sources, clusters: [], nodes: [], groups: [],
    workloads: parts.map((p) => p.workload), revisions: [], instances: [], endpoints: [], configs: [], secrets: [], volumes: [],
    autoscalers: parts.flatMap((p) => (p.autoscaler ? [p.autoscaler] : [])), events: [],
  };
}

// ---- Builders for raw objects, shaped like the API returns them ----

export function deployment(name: string, pod: V1PodSpec, opts: { replicas?: number; labels?: Record<string, string> } = {}): V1Deployment {
  const labels = opts.labels ?? { 'app.kubernetes.io/name': name };
  const replicas = opts.replicas ?? 1;
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: 'shop', labels, uid: `uid-${name}`, resourceVersion: '1', generation: 1, creationTimestamp: new Date('2026-11-01T00:00:00Z') },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name, ...labels } }, spec: pod } },
    status: { observedGeneration: 1, replicas, readyReplicas: replicas, updatedReplicas: replicas, availableReplicas: replicas },
  };
}

const ACCOUNT = '123456789012';
export function ecsApp(name: string, td: Omit<TaskDefinition, 'containerDefinitions'> & { containerDefinitions: ContainerDefinition[] }, service: Partial<Service> = {}): EcsApp {
  const family = td.family ?? `shop-${name}`;
  const taskDefinitionArn = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/${family}:1`;
  return {
    taskDefinition: { networkMode: 'bridge', ...td, family, revision: 1, status: 'ACTIVE', taskDefinitionArn },
    service: {
      serviceName: name, serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/shop/${name}`, clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/shop`,
      status: 'ACTIVE', desiredCount: 1, runningCount: 1, pendingCount: 0, launchType: 'EC2', schedulingStrategy: 'REPLICA', taskDefinition: taskDefinitionArn,
      deployments: [{ id: `ecs-svc/${name}`, status: 'PRIMARY', taskDefinition: taskDefinitionArn, desiredCount: 1, runningCount: 1, pendingCount: 0, rolloutState: 'COMPLETED' }],
      tags: [{ key: 'app.kubernetes.io/name', value: name }],
      ...service,
    },
  };
}

export const SECRET_ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:shop/db-AbC123`;
export const PARAMETER_ARN = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/shop/db/password`;
