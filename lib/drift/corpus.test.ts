// The engine against two corpora built by the real normalizers from API-shaped objects:
// pairs that say the same thing differently (zero findings), and pairs with planted drift (exactly
// those findings). Noise is the top complaint about diff tools: the first corpus is the guard.
import { describe, expect, it } from 'vitest';
import type { V1Container, V1PodSpec } from '@kubernetes/client-node';
import type { ContainerDefinition, TaskDefinition } from '@aws-sdk/client-ecs';
import {
  deployment, ECS_SOURCE, ecsApp, ecsWorkload, K8S_SOURCE, kubeWorkload, PARAMETER_ARN, SECRET_ARN, snapshotOf, TEST_HASHER, type EcsApp, type KubeApp,
} from '@/lib/testing/drift';
import { computeDrift } from './engine';

type Kube = Omit<KubeApp, 'deployment'> & { pod: V1PodSpec; replicas?: number };
type Ecs = { td: Omit<TaskDefinition, 'containerDefinitions'> & { containerDefinitions: ContainerDefinition[] }; service?: Partial<EcsApp['service']>; scalable?: Pick<EcsApp, 'scalableTarget' | 'policies'> };

function drift(name: string, k: Kube, e: Ecs) {
  const kube = kubeWorkload({ ...k, deployment: deployment(name, k.pod, { replicas: k.replicas }) });
  const ecs = ecsWorkload({ ...ecsApp(name, e.td, e.service), ...e.scalable });
  return computeDrift(snapshotOf([K8S_SOURCE, ECS_SOURCE], [kube, ecs]));
}
const rows = (r: ReturnType<typeof drift>) => r.findings.map((f) => `${f.container ?? '-'} ${f.field}: ${f.leftValue} | ${f.rightValue} (${f.severity})`);

const container = (c: Partial<V1Container>): V1Container => ({ name: 'app', image: 'ghcr.io/acme/app:1.0', ...c });
const def = (c: Partial<ContainerDefinition>): ContainerDefinition => ({ name: 'app', image: 'ghcr.io/acme/app:1.0', essential: true, ...c });
const cm = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data });
const secret = (name: string, data: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name, namespace: 'shop' },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
});
const hpa = (name: string, min: number, max: number, cpu: number) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name, namespace: 'shop' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: min, maxReplicas: max, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }] },
});
const scalable = (name: string, min: number, max: number, cpu: number): Ecs['scalable'] => ({
  scalableTarget: { ServiceNamespace: 'ecs', ResourceId: `service/shop/${name}`, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: min, MaxCapacity: max, RoleARN: 'arn:aws:iam::123456789012:role/autoscaling', CreationTime: new Date('2026-11-01T00:00:00Z') },
  policies: [{ PolicyName: 'cpu', PolicyARN: 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1', CreationTime: new Date('2026-11-01T00:00:00Z'), ServiceNamespace: 'ecs', ResourceId: `service/shop/${name}`, ScalableDimension: 'ecs:service:DesiredCount', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: cpu, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } } }],
});

describe('false-positive corpus: the same intent said differently is never drift', () => {
  const cases: [string, Kube, Ecs][] = [
    ['units: 500m = 512 units, 0.5Gi = 512 MiB = 536870912 bytes', {
      pod: { containers: [container({ resources: { requests: { cpu: '0.5', memory: '0.5Gi' }, limits: { cpu: '500m', memory: '536870912' } } })] },
    }, { td: { containerDefinitions: [def({ cpu: 512, memory: 512 })] } }],
    ['implicit tags and Docker Hub names', {
      pod: { containers: [container({ image: 'nginx' }), container({ name: 'side', image: 'index.docker.io/library/redis:7' })] },
    }, { td: { containerDefinitions: [def({ image: 'docker.io/library/nginx:latest' }), def({ name: 'side', image: 'redis:7' })] } }],
    ['env order, envFrom vs env, configMapKeyRef resolved', {
      pod: { containers: [container({ env: [{ name: 'B', value: '2' }, { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app', key: 'level' } } }], envFrom: [{ configMapRef: { name: 'common' } }] })] },
      configMaps: [cm('app', { level: 'info' }), cm('common', { A: '1', REGION: 'eu' })],
    }, { td: { containerDefinitions: [def({ environment: [{ name: 'REGION', value: 'eu' }, { name: 'LEVEL', value: 'info' }, { name: 'A', value: '1' }, { name: 'B', value: '2' }] })] } }],
    ['HPA-managed replicas: bounds and targets compare, replicas do not', {
      pod: { containers: [container({})] }, replicas: 3, hpa: hpa('app', 2, 6, 70),
    }, { td: { containerDefinitions: [def({})] }, service: { desiredCount: 5 }, scalable: scalable('app', 2, 6, 70) }],
    ['defaulted probe timings, protocol case, named probe port vs a curl health check', {
      pod: { containers: [container({ ports: [{ name: 'http', containerPort: 8080 }], livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, timeoutSeconds: 5 } })] },
    }, { td: { containerDefinitions: [def({ portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }], healthCheck: { command: ['CMD-SHELL', 'curl -fsS http://localhost:8080/healthz || exit 1'], interval: 10, retries: 3 } })] } }],
    ['requests defaulted from limits; memory reservation defaulted from memory', {
      pod: { containers: [container({ resources: { limits: { cpu: '1', memory: '1Gi' } } })] },
    }, { td: { containerDefinitions: [def({ cpu: 1024, memory: 1024 })] } }],
    ['a Fargate task sized only at task level vs a container sized the same', {
      pod: { containers: [container({ resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '250m', memory: '512Mi' } } })] },
    }, { td: { cpu: '256', memory: '512', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], containerDefinitions: [def({})] } }],
    ['an init container vs a non-essential container the main one waits for', {
      pod: { initContainers: [container({ name: 'migrate', command: ['/migrate'] })], containers: [container({})] },
    }, { td: { containerDefinitions: [def({ name: 'migrate', essential: false, entryPoint: ['/migrate'] }), def({ dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] })] } }],
    ['persistent storage: a PVC vs EFS; a shell exec probe vs CMD-SHELL', {
      pod: {
        containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }], livenessProbe: { exec: { command: ['sh', '-c', 'pg_isready -U app'] }, periodSeconds: 30, timeoutSeconds: 5 } })],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
      },
    }, { td: { containerDefinitions: [def({ mountPoints: [{ sourceVolume: 'files', containerPath: '/data' }], healthCheck: { command: ['CMD-SHELL', 'pg_isready -U app'] } })], volumes: [{ name: 'files', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }] } }],
    ['placement: zone spread and hostname anti-affinity vs spread on the AZ and distinctInstance', {
      pod: {
        containers: [container({})],
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'app' } } }],
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'app' } } }] } },
        tolerations: [{ key: 'dedicated', operator: 'Exists' }],
      },
    }, { td: { containerDefinitions: [def({})], placementConstraints: [] }, service: { placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }], placementConstraints: [{ type: 'distinctInstance' }] } }],
    ['secrets: a Kubernetes Secret key vs an SSM parameter, compared by presence and kind', {
      pod: { containers: [container({ env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] })] },
      secrets: [secret('db', { password: 'hunter2' })],
    }, { td: { containerDefinitions: [def({ secrets: [{ name: 'DB_PASSWORD', valueFrom: PARAMETER_ARN }] })] } }],
  ];
  for (const [title, k, e] of cases) {
    it(title, () => {
      const r = drift('app', k, e);
      expect(r.pairs).toHaveLength(1);
      expect(r.pairs[0].compared).toBe(true);
      expect(rows(r)).toEqual([]);
      expect(r.pairs[0].counts.equal).toBeGreaterThan(3);
    });
  }
});

describe('true-drift corpus: exactly the planted differences', () => {
  const base: Kube = { pod: { containers: [container({ ports: [{ containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }] })] }, replicas: 2 };
  const baseDef = (c: Partial<ContainerDefinition> = {}) => def({ portMappings: [{ containerPort: 8080 }], environment: [{ name: 'MODE', value: 'prod' }], ...c });
  const cases: [string, Kube, Ecs, string[]][] = [
    ['image, env value, missing env, replicas', base,
      { td: { containerDefinitions: [baseDef({ image: 'ghcr.io/acme/app:1.1', environment: [{ name: 'MODE', value: 'debug' }, { name: 'EXTRA', value: 'x' }] })] }, service: { desiredCount: 3 } },
      ['app image: ghcr.io/acme/app:1.0 | ghcr.io/acme/app:1.1 (critical)', 'app env.EXTRA: — | x (critical)', 'app env.MODE: prod | debug (critical)', '- replicas: 2 | 3 (warning)']],
    ['command and args (Kubernetes command = ECS entryPoint), ports', { ...base, pod: { containers: [container({ command: ['/app'], args: ['--v'], ports: [{ containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }] })] } },
      { td: { containerDefinitions: [baseDef({ entryPoint: ['/app'], command: ['--verbose'], portMappings: [{ containerPort: 9090, protocol: 'udp' }] })] }, service: { desiredCount: 2 } },
      ['app args: ["--v"] | ["--verbose"] (critical)', 'app ports: 8080/TCP | 9090/UDP (warning)']],
    ['a secret on one side, a plain value on the other, never showing the value', { ...base, pod: { containers: [container({ ports: [{ containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 't' } } }] })] } },
      { td: { containerDefinitions: [baseDef({ environment: [{ name: 'MODE', value: 'prod' }, { name: 'TOKEN', value: 'tok-123-plain' }] })] }, service: { desiredCount: 2 } },
      ['app env.TOKEN: secret s/t | plain value (critical)']],
    ['autoscaled on one side only (not a replicas difference)', { ...base, hpa: hpa('app', 2, 6, 70) },
      { td: { containerDefinitions: [baseDef()] }, service: { desiredCount: 2 } },
      ['- autoscaling: 2..6 on cpu 70% | fixed 2 (warning)']],
    ['autoscaling bounds and target', { ...base, hpa: hpa('app', 2, 6, 70) },
      { td: { containerDefinitions: [baseDef()] }, service: { desiredCount: 2 }, scalable: scalable('app', 2, 8, 60) },
      ['- autoscaling.cpu: 70% | 60% (warning)', '- autoscaling.max: 6 | 8 (warning)']],
    ['resources: request against reservation, limit against hard limit', { ...base, pod: { containers: [container({ ports: [{ containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }], resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } } })] } },
      { td: { containerDefinitions: [baseDef({ cpu: 512, memoryReservation: 256, memory: 1024 })] }, service: { desiredCount: 2 } },
      ['app resources.cpu.request: 250m | 512 units (500m) (warning)', 'app resources.memory.limit: 512Mi | 1024 MiB (1Gi) (warning)']],
    ['health: path differs; only on one side; not comparable is info', { ...base, pod: { containers: [
      container({ ports: [{ containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }], livenessProbe: { httpGet: { path: '/live', port: 8080 }, timeoutSeconds: 5 } }),
      container({ name: 'side', readinessProbe: { tcpSocket: { port: 9000 } } }),
      container({ name: 'third' }),
    ] } },
      { td: { containerDefinitions: [
        baseDef({ healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/healthz || exit 1'], interval: 10 } }),
        def({ name: 'side', healthCheck: { command: ['CMD', 'nc', '-z', 'localhost', '9000'], interval: 10, timeout: 1 } }),
        def({ name: 'third', healthCheck: { command: ['CMD', 'true'] } }),
      ] }, service: { desiredCount: 2 } },
      ['app health.path: /live | /healthz (warning)', 'third health: — | CMD true · every 30 s · timeout 5 s · 3 failures · start 0 s (warning)', 'side health: TCP :9000 · every 10 s · timeout 1 s · 3 failures · start 0 s | CMD nc -z localhost 9000 · every 10 s · timeout 1 s · 3 failures · start 0 s (info)']],
    ['volumes: a mount missing, and ephemeral vs persistent storage', { ...base, pod: { containers: [container({ ports: [{ containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }], volumeMounts: [{ name: 'cache', mountPath: '/cache' }, { name: 'logs', mountPath: '/logs' }] })], volumes: [{ name: 'cache', emptyDir: {} }, { name: 'logs', emptyDir: {} }] } },
      { td: { containerDefinitions: [baseDef({ mountPoints: [{ sourceVolume: 'c', containerPath: '/cache' }] })], volumes: [{ name: 'c', efsVolumeConfiguration: { fileSystemId: 'fs-9' } }] }, service: { desiredCount: 2 } },
      ['app mount./cache: ephemeral (emptyDir) | persistent (EFS fs-9) (warning)', 'app mount./logs: ephemeral (emptyDir) | — (warning)']],
    ['a container only on one side; placement info', { ...base, pod: { containers: [container({ ports: [{ containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }] })], topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' }] } },
      { td: { containerDefinitions: [baseDef(), def({ name: 'log-router', image: 'amazon/aws-for-fluent-bit:2', essential: false })] }, service: { desiredCount: 2 } },
      ['log-router container: — | sidecar amazon/aws-for-fluent-bit:2 (warning)', '- placement: spread zone | — (info)']],
  ];
  for (const [title, k, e, expected] of cases) {
    it(title, () => {
      const r = drift('app', k, e);
      expect(rows(r).sort()).toEqual([...expected].sort());
      expect(JSON.stringify(r)).not.toContain('tok-123-plain');
    });
  }

  it('secret values compared by keyed hash when both are readable: equal, then different', () => {
    const kube = (value: string) => kubeWorkload({
      deployment: deployment('app', { containers: [container({ env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] })] }),
      secrets: [secret('db', { password: value })],
    });
    const ecs = ecsWorkload(ecsApp('app', { containerDefinitions: [def({ secrets: [{ name: 'DB_PASSWORD', valueFrom: `${SECRET_ARN}:password::` }] })] }));
    const hashed = (h: string) => ({ ...ecs, workload: { ...ecs.workload, template: { ...ecs.workload.template, containers: ecs.workload.template.containers.map((c) => ({ ...c, effectiveEnv: c.effectiveEnv.map((e) => ({ ...e, hash: h })) })) } } });
    const same = computeDrift(snapshotOf([K8S_SOURCE, ECS_SOURCE], [kube('s3cret'), hashed(TEST_HASHER.hash('s3cret'))]));
    expect(rows(same)).toEqual([]);
    expect(same.pairs[0].equal.some((e) => e.field === 'env.DB_PASSWORD' && e.leftValue.endsWith('(same value)'))).toBe(true);
    const differ = computeDrift(snapshotOf([K8S_SOURCE, ECS_SOURCE], [kube('s3cret'), hashed(TEST_HASHER.hash('other'))]));
    expect(rows(differ)).toEqual(['app env.DB_PASSWORD: secret db/password | Secrets Manager shop/db-AbC123 (password) (critical)']);
    expect(JSON.stringify(differ)).not.toContain('s3cret');
    // Without the ECS hash: compared by presence, the value listed as not compared with the reason.
    const unread = computeDrift(snapshotOf([K8S_SOURCE, ECS_SOURCE], [kube('s3cret'), ecs]));
    expect(rows(unread)).toEqual([]);
    expect(unread.notCompared.map((n) => n.field)).toEqual(['env.DB_PASSWORD']);
    expect(unread.notCompared[0].reason).toMatch(/PARALLAX_ECS_SECRET_HASHES/);
  });
});
