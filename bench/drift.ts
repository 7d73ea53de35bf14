// Drift over many pairs: a snapshot of N Kubernetes Deployments and N ECS services of realistic shape
// (an init container, a main container and a sidecar; a dozen env values from literals, a ConfigMap
// and a Secret; HTTP health checks; a persistent volume; resources), made by the real normalizers
// from API-shaped objects (lib/testing/drift.ts), with drift planted in some pairs. computeDrift is
// timed against a baseline measured in the same run: JSON.stringify of the same snapshot.
import type { V1Container, V1PodSpec } from '@kubernetes/client-node';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { computeDrift } from '@/lib/drift';
import type { Snapshot } from '@/lib/model';
import { deployment, ECS_SOURCE, ecsApp, ecsWorkload, K8S_SOURCE, kubeWorkload, SECRET_ARN, snapshotOf } from '@/lib/testing/drift';

const ENV = Array.from({ length: 8 }, (_, i) => ({ name: `SETTING_${i}`, value: `value-${i}` }));

interface Planted {
  image: boolean;
  env: boolean;
  replicas: boolean;
  memory: boolean;
}

/** Which differences pair i carries: about one pair in four has at least one. */
function planted(i: number): Planted {
  return { image: i % 7 === 0, env: i % 11 === 0, replicas: i % 13 === 0, memory: i % 17 === 0 };
}

function kubeApp(name: string, d: Planted) {
  const main: V1Container = {
    name: 'app', image: `ghcr.io/acme/${name}:2.4.${d.image ? 1 : 0}`, args: ['--port', '8080'],
    ports: [{ name: 'http', containerPort: 8080 }],
    env: [...ENV, { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: `${name}-config`, key: 'LOG_LEVEL' } } }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${name}-db`, key: 'password' } } }],
    envFrom: [{ configMapRef: { name: `${name}-config` } }],
    resources: { requests: { cpu: '500m', memory: d.memory ? '2Gi' : '1Gi' }, limits: { cpu: '500m', memory: d.memory ? '2Gi' : '1Gi' } },
    livenessProbe: { httpGet: { path: '/livez', port: 'http' }, periodSeconds: 10, timeoutSeconds: 5, initialDelaySeconds: 15 },
    readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 10 },
    volumeMounts: [{ name: 'data', mountPath: '/data' }],
  };
  const pod: V1PodSpec = {
    initContainers: [{ name: 'migrate', image: `ghcr.io/acme/${name}:2.4.0`, command: ['/app/migrate', 'up'], resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '250m', memory: '256Mi' } } }],
    containers: [
      main,
      { name: 'log-shipper', image: 'fluent/fluent-bit:3.1', env: [{ name: 'OUTPUT', value: 'cloudwatch' }], resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } } },
    ],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `${name}-data` } }],
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: name } } }],
  };
  return kubeWorkload({
    deployment: deployment(name, pod, { replicas: d.replicas ? 4 : 3 }),
    configMaps: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-config`, namespace: 'shop' }, data: { LOG_LEVEL: d.env ? 'debug' : 'info', REGION: 'eu-west-1', FEATURE_FLAGS: 'checkout-v2=on' } }],
    secrets: [{ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: `${name}-db`, namespace: 'shop' }, data: { password: Buffer.from(`pw-${name}`).toString('base64') } }],
  });
}

function ecsServiceApp(name: string) {
  const env = [...ENV, { name: 'LOG_LEVEL', value: 'info' }, { name: 'REGION', value: 'eu-west-1' }, { name: 'FEATURE_FLAGS', value: 'checkout-v2=on' }];
  const defs: ContainerDefinition[] = [
    { name: 'migrate', image: `ghcr.io/acme/${name}:2.4.0`, essential: false, cpu: 256, memory: 256, memoryReservation: 256, entryPoint: ['/app/migrate', 'up'] },
    {
      name: 'app', image: `ghcr.io/acme/${name}:2.4.0`, essential: true, cpu: 512, memory: 1024, memoryReservation: 1024, command: ['--port', '8080'],
      portMappings: [{ containerPort: 8080, protocol: 'tcp' }], environment: env, secrets: [{ name: 'DB_PASSWORD', valueFrom: `${SECRET_ARN}:password::` }],
      dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }],
      healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/livez || exit 1'], interval: 10, timeout: 5, retries: 3, startPeriod: 15 },
      mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: false }],
    },
    { name: 'log-shipper', image: 'fluent/fluent-bit:3.1', essential: true, cpu: 102, memory: 128, memoryReservation: 128, environment: [{ name: 'OUTPUT', value: 'cloudwatch' }] },
  ];
  return ecsWorkload(ecsApp(name, {
    containerDefinitions: defs,
    volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-12ab34cd', rootDirectory: `/${name}` } }],
  }, { desiredCount: 3, placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] }));
}

/** A snapshot of `pairs` pairs, and how many findings its planted differences should give at least. */
export function driftBenchSnapshot(pairs: number): { snapshot: Snapshot; pairsWithDrift: number } {
  const parts = [];
  let pairsWithDrift = 0;
  for (let i = 0; i < pairs; i++) {
    const name = `svc-${String(i).padStart(4, '0')}`;
    const d = planted(i);
    if (Object.values(d).some(Boolean)) pairsWithDrift++;
    parts.push(kubeApp(name, d), ecsServiceApp(name));
  }
  return { snapshot: snapshotOf([K8S_SOURCE, ECS_SOURCE], parts), pairsWithDrift };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median wall-clock and CPU milliseconds of `fn` over `runs` runs after a warm-up (JIT and caches, as
 * a long-lived server has them). CPU time is process-wide (the GC's helper threads count, so on an
 * idle machine it can exceed the wall time); it is the steadier figure on a machine shared with others.
 */
function time(fn: () => unknown, runs: number): { wallMs: number; cpuMs: number } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

export interface DriftBench {
  pairs: number;
  buildMs: number;
  drift: { wallMs: number; cpuMs: number };
  stringify: { wallMs: number; cpuMs: number };
  findings: number;
  pairsWithDrift: number;
  plantedPairs: number;
  snapshotBytes: number;
}

export function benchDrift(pairs: number, runs: number): DriftBench {
  const t0 = performance.now();
  const { snapshot, pairsWithDrift: plantedPairs } = driftBenchSnapshot(pairs);
  const buildMs = performance.now() - t0;
  const report = computeDrift(snapshot);
  if (report.totals.pairs !== pairs) throw new Error(`drift bench: ${report.totals.pairs} pairs made, ${pairs} expected (pairing changed?)`);
  if (report.totals.pairsWithDrift !== plantedPairs) throw new Error(`drift bench: ${report.totals.pairsWithDrift} pairs with drift, ${plantedPairs} planted: the workloads are not equal where they should be`);
  return {
    pairs, buildMs, plantedPairs,
    drift: time(() => computeDrift(snapshot), runs),
    stringify: time(() => JSON.stringify(snapshot), runs),
    findings: report.findings.length, pairsWithDrift: report.totals.pairsWithDrift,
    snapshotBytes: Buffer.byteLength(JSON.stringify(snapshot)),
  };
}
