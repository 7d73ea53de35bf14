// A scenario for the secret-value tests, seeded with the demo's seeder into moto and the simulator
// alike: cluster `vault` whose services reference Secrets Manager secrets (whole strings and JSON
// keys) and SSM parameters (by ARN and by bare name, more than one GetParameters batch), and
// cluster `broken` whose service references what cannot be read. Task definition `unused` is in no
// service: its secret must never be read. With `kmsDenied` (the simulator only: moto has no such
// test hook), cluster `broken` also references a secret and a parameter under a KMS key the caller
// may not use. The values are fake and recognizable, for leak scans.
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import type { EcsScenario } from '@/lib/seed';

export const DB_PASSWORD = 'vault-db-password-3c9e71';
export const API_TOKEN = 'vault-api-token-52aa0f';
export const STRIPE_KEY = 'vault-stripe-key-e41d07';
export const UNUSED_VALUE = 'vault-unused-secret-8b2c44';
export const KMS_VALUE = 'vault-kms-protected-19fa6d';
/** Every fake value of the scenario, for scans that prove none of them leaves the adapter. */
export const ALL_VALUES = [DB_PASSWORD, API_TOKEN, STRIPE_KEY, UNUSED_VALUE, KMS_VALUE];
/** SSM parameters in cluster vault: 3 named + 11 numbered = 2 GetParameters batches. */
export const MANY = Array.from({ length: 11 }, (_, i) => `/vault/p${String(i).padStart(2, '0')}`);
export const manyValue = (i: number) => `vault-many-${i}-value`;

const container = (name: string, secrets: ContainerDefinition['secrets']): ContainerDefinition => ({
  name, image: 'nginx:1.27', cpu: 128, memory: 128, essential: true, secrets,
});

export function secretsScenario(opts: { kmsDenied?: boolean } = {}): EcsScenario {
  // The simulator's stand-in for a KMS key the caller may not use (lib/sim/ecs/ssm.ts, secretsmanager.ts).
  const denied = opts.kmsDenied ? 'alias/denied-to-parallax' : undefined;
  const ssmArn = (name: string) => `arn:aws:ssm:\${region}:\${accountId}:parameter${name}`;
  return {
    clusters: [{ clusterName: 'vault' }, { clusterName: 'broken' }],
    containerInstances: [],
    loadBalancers: [],
    targetGroups: [],
    listeners: [],
    scalableTargets: [],
    scalingPolicies: [],
    secrets: [
      { Name: 'vault/db', SecretString: JSON.stringify({ password: DB_PASSWORD, port: 5432 }) },
      { Name: 'vault/token', SecretString: API_TOKEN },
      { Name: 'vault/unused', SecretString: UNUSED_VALUE },
      ...(denied ? [{ Name: 'vault/kms', SecretString: KMS_VALUE, KmsKeyId: denied }] : []),
    ],
    parameters: [
      { Name: '/vault/db/password', Type: 'SecureString', Value: DB_PASSWORD },
      { Name: '/vault/stripe-key', Type: 'SecureString', Value: STRIPE_KEY },
      { Name: '/vault/plain', Type: 'String', Value: 'plain-config-value' },
      ...MANY.map((Name, i) => ({ Name, Type: 'String' as const, Value: manyValue(i) })),
      ...(denied ? [{ Name: '/vault/kms', Type: 'SecureString' as const, Value: KMS_VALUE, KeyId: denied }] : []),
    ],
    taskDefinitions: [
      {
        family: 'app',
        containerDefinitions: [container('app', [
          { name: 'DB_PASSWORD', valueFrom: '${secret:vault/db}:password::' },
          { name: 'DB_PORT', valueFrom: '${secret:vault/db}:port::' },
          { name: 'API_TOKEN', valueFrom: '${secret:vault/token}' },
          { name: 'PG_PASSWORD', valueFrom: ssmArn('/vault/db/password') },
          { name: 'STRIPE_KEY', valueFrom: '/vault/stripe-key' },
          { name: 'PLAIN', valueFrom: '/vault/plain' },
        ])],
      },
      { family: 'many', containerDefinitions: [container('many', MANY.map((p, i) => ({ name: `P${i}`, valueFrom: p })))] },
      { family: 'unused', containerDefinitions: [container('unused', [{ name: 'UNUSED', valueFrom: '${secret:vault/unused}' }])] },
      {
        family: 'broken',
        containerDefinitions: [container('broken', [
          { name: 'GONE_SECRET', valueFrom: 'arn:aws:secretsmanager:${region}:${accountId}:secret:vault/gone-AbCdEf' },
          { name: 'GONE_PARAM', valueFrom: '/vault/gone' },
          { name: 'NO_SUCH_KEY', valueFrom: '${secret:vault/db}:user::' },
          { name: 'FINE', valueFrom: '/vault/stripe-key' },
          ...(denied ? [{ name: 'KMS_SECRET', valueFrom: '${secret:vault/kms}' }, { name: 'KMS_PARAM', valueFrom: '/vault/kms' }] : []),
        ])],
      },
    ],
    services: [
      { cluster: 'vault', serviceName: 'app', taskDefinition: 'app', desiredCount: 0, launchType: 'EC2' },
      { cluster: 'vault', serviceName: 'many', taskDefinition: 'many', desiredCount: 0, launchType: 'EC2' },
      { cluster: 'broken', serviceName: 'broken', taskDefinition: 'broken', desiredCount: 0, launchType: 'EC2' },
    ],
  };
}
