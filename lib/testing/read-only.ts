// The read-only audit. Every simulator records every request it receives, with its User-Agent;
// Parallax's adapters send `parallax/<version>` (the AWS SDK appends it to its own agent), while
// seeders and test setup do not. So the requests Parallax itself sent can be picked out of a log
// and must all be reads: GET (list, watch, get) on Kubernetes, Describe*/List*/Get* on AWS.
// `auditSimulators` checks every simulator started in the process; the vitest setup file
// (read-only-setup.ts) runs it after each test file, so the whole suite is audited.
import type { RequestRecord as KubeRequest } from '@/lib/sim/k8s/http';
import type { RequestRecord as AwsRequest } from '@/lib/sim/ecs/server';
import { registeredSimulators, type RegisteredSimulator } from '@/lib/sim/registry';
import { isParallaxAgent } from '@/lib/util/user-agent';

export const AWS_READ = /^(Describe|List|Get)[A-Z]/;

/** Parallax's own requests in a Kubernetes simulator's log. */
export function parallaxKubeRequests(requests: readonly KubeRequest[]): KubeRequest[] {
  return requests.filter((r) => isParallaxAgent(r.userAgent));
}

/** Parallax's own calls in an ECS simulator's log. */
export function parallaxAwsRequests(requests: readonly AwsRequest[]): AwsRequest[] {
  return requests.filter((r) => isParallaxAgent(r.userAgent));
}

/** Parallax's requests that were not reads, described ("PATCH /api/v1/..."); empty when it only read. */
export function kubeWrites(requests: readonly KubeRequest[]): string[] {
  return parallaxKubeRequests(requests).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
}

export function awsWrites(requests: readonly AwsRequest[]): string[] {
  return parallaxAwsRequests(requests).filter((r) => !AWS_READ.test(r.operation)).map((r) => `${r.service}:${r.operation}`);
}

function writesOf(sim: RegisteredSimulator): string[] {
  return sim.platform === 'kubernetes' ? kubeWrites(sim.requests) : awsWrites(sim.requests);
}

/** Every write Parallax sent to any simulator started in this process, as "<url>: <request>". */
export function auditSimulators(sims: readonly RegisteredSimulator[] = registeredSimulators()): string[] {
  return sims.flatMap((s) => writesOf(s).map((w) => `${s.url}: ${w}`));
}

/** Throws unless Parallax sent requests to this simulator log and every one was a read. */
export function assertOnlyReads(sim: Pick<RegisteredSimulator, 'platform' | 'requests'> & { url?: string }): number {
  const mine = sim.platform === 'kubernetes' ? parallaxKubeRequests(sim.requests as KubeRequest[]) : parallaxAwsRequests(sim.requests as AwsRequest[]);
  if (mine.length === 0) throw new Error(`read-only audit: no request from Parallax reached ${sim.url ?? 'the simulator'} (is the User-Agent set?)`);
  const writes = writesOf(sim as RegisteredSimulator);
  if (writes.length) throw new Error(`read-only audit: Parallax sent writes: ${writes.join(', ')}`);
  return mine.length;
}
