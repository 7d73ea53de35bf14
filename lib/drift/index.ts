export { computeDrift, computeDriftOverTime, SEVERITY_OF, type DriftOptions } from './engine';
export { DriftConfigSchema, DEFAULT_DRIFT_CONFIG, globMatch, type DriftConfig, type IgnoreRule, type PairRule, type WorkloadSelector } from './config';
export * from './types';
