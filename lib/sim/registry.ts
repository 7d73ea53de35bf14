// The simulators started in this process, with their request logs, so that one audit can check
// every request any of them received (lib/testing/read-only.ts runs it after each test file).
import type { RequestRecord as KubeRequest } from './k8s/http';
import type { RequestRecord as AwsRequest } from './ecs/server';

export type RegisteredSimulator =
  | { platform: 'kubernetes'; url: string; requests: readonly KubeRequest[] }
  | { platform: 'ecs'; url: string; requests: readonly AwsRequest[] };

const KEY = Symbol.for('parallax.simulators');
type Holder = { [KEY]?: RegisteredSimulator[] };

function list(): RegisteredSimulator[] {
  const g = globalThis as Holder;
  return (g[KEY] ??= []);
}

export function registerSimulator(sim: RegisteredSimulator): void {
  list().push(sim);
}

export function registeredSimulators(): readonly RegisteredSimulator[] {
  return list();
}

/** Forgets the simulators registered so far (their logs can then be collected). */
export function forgetSimulators(): void {
  list().length = 0;
}
