// Drift reports for the formatter and exit-code tests, made by the real engine on workloads the real
// normalizers built from API-shaped objects (lib/testing/drift.ts).
import type { V1Container } from '@kubernetes/client-node';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { computeDrift, computeDriftOverTime, DriftConfigSchema, type DriftReport } from '@/lib/drift';
import { deployment, ECS_SOURCE, ecsApp, ecsWorkload, K8S_SOURCE, kubeWorkload, snapshotOf, source } from '@/lib/testing/drift';

const container = (c: Partial<V1Container>): V1Container => ({ name: 'app', image: 'ghcr.io/acme/app:1.0', ...c });
const def = (c: Partial<ContainerDefinition>): ContainerDefinition => ({ name: 'app', image: 'ghcr.io/acme/app:1.0', essential: true, ...c });

const NOW = () => new Date('2026-12-01T12:00:00Z');

/**
 * web: image, env and replicas differ; api: equal; cron: only on Kubernetes. With `ignoreLogLevel`,
 * a parallax.yaml rule ignores web's LOG_LEVEL.
 */
export function shopReport(opts: { ignoreLogLevel?: boolean } = {}): DriftReport {
  const parts = [
    kubeWorkload({ deployment: deployment('web', { containers: [container({ name: 'web', image: 'ghcr.io/acme/web:1.8.2', env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'REGION', value: 'eu' }] })] }, { replicas: 2 }) }),
    ecsWorkload(ecsApp('web', { containerDefinitions: [def({ name: 'web', image: 'ghcr.io/acme/web:1.8.1', environment: [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'REGION', value: 'eu' }] })] }, { desiredCount: 3 })),
    kubeWorkload({ deployment: deployment('api', { containers: [container({ name: 'api' })] }) }),
    ecsWorkload(ecsApp('api', { containerDefinitions: [def({ name: 'api' })] })),
    kubeWorkload({ deployment: deployment('cron', { containers: [container({ name: 'cron' })] }) }),
  ];
  const config = DriftConfigSchema.parse(opts.ignoreLogLevel ? { ignore: [{ pair: 'web', field: 'env.LOG_LEVEL', reason: 'debug logging on ECS while we chase a bug' }] } : {});
  return computeDrift(snapshotOf([K8S_SOURCE, ECS_SOURCE], parts), { config, now: NOW });
}

/** Everything as long as real names get: 60-character names, a 200-character image, long env values without spaces. */
export function longReport(): DriftReport {
  const name = 'payments-reconciliation-and-settlement-nightly-worker-eu-west';
  const cname = 'reconciliation-sidecar-with-a-long-name';
  const image = (tag: string) => `123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/payments/reconciliation/${'x'.repeat(80)}:${tag}`;
  const parts = [
    kubeWorkload({ deployment: deployment(name, { containers: [container({ name: cname, image: image('2026.11.30-build.4711'), env: [{ name: 'FEATURE_FLAGS_FOR_THE_RECONCILIATION_ENGINE', value: 'a=1,b=2,'.repeat(20) }], args: ['--mode', 'nightly'] })] }, { replicas: 12 }) }),
    ecsWorkload(ecsApp(name, { containerDefinitions: [def({ name: cname, image: image('2026.11.29-build.4702'), environment: [{ name: 'FEATURE_FLAGS_FOR_THE_RECONCILIATION_ENGINE', value: 'a=1,b=3,'.repeat(20) }], command: ['--mode', 'daily'] })] }, { desiredCount: 4 })),
  ];
  return computeDrift(snapshotOf([K8S_SOURCE, ECS_SOURCE], parts), { now: NOW });
}

/** The shop, with a third source that is down: it cannot be compared. */
export function reportWithSourceDown(): DriftReport {
  const down = source({ id: 'k8s/staging', platform: 'kubernetes', name: 'staging', status: 'down', reason: 'connect ECONNREFUSED 10.0.0.1:6443' });
  const parts = [
    kubeWorkload({ deployment: deployment('api', { containers: [container({ name: 'api' })] }) }),
    ecsWorkload(ecsApp('api', { containerDefinitions: [def({ name: 'api' })] })),
  ];
  return computeDrift(snapshotOf([K8S_SOURCE, ECS_SOURCE, down], parts), { now: NOW });
}

/** Over time: the Kubernetes half of the shop saved, then web's image changed; api unchanged. */
export function timeReport(): DriftReport {
  const web = (image: string) => kubeWorkload({ deployment: deployment('web', { containers: [container({ name: 'web', image })] }) });
  const api = kubeWorkload({ deployment: deployment('api', { containers: [container({ name: 'api' })] }) });
  const saved = snapshotOf([K8S_SOURCE], [web('ghcr.io/acme/web:1.8.2'), api]);
  const live = snapshotOf([K8S_SOURCE], [web('ghcr.io/acme/web:1.9.0'), api]);
  return computeDriftOverTime(saved, live, { now: NOW });
}
