// Seeding scenarios into real APIs (kind, moto, the embedded simulators, and on request real AWS).
export { seedKubernetes, loadManifests, applyOrder, type SeedKubernetesOptions, type SeedKubernetesResult } from './kubernetes';
export { seedEcs, REAL_ACCOUNT_REFUSAL, type SeedEcsOptions, type SeedEcsResult } from './ecs';
export { loadEcsScenario, type EcsScenario } from './ecs-scenario';
export { documentedDrift, differenceKey, type DocumentedDifference } from './scenario-drift';

/**
 * The password in the demo's Secret `shop-db` (and base64 in its manifest). Fake and
 * recognizable: tests search pages, API responses and logs for it to prove values never leak.
 */
export const DEMO_SECRET_VALUE = 'parallax-demo-secret-value-7f3a';
export const DEMO_SECRET_VALUE_BASE64 = Buffer.from(DEMO_SECRET_VALUE).toString('base64');
