// The Kubernetes adapter against the embedded simulator on fake time, for the fault tests: real
// HTTPS and the real client underneath, while deadlines, backoff and staleness run on a FakeClock
// the test moves. Real time only passes for I/O (milliseconds), never for a deadline.
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startKubeSimulator, type KubeSimulator, type KubeSimulatorOptions } from '@/lib/sim/k8s';
import type { SourceAdapter } from '@/lib/inventory/types';
import { TestSink } from '@/lib/testing/sink';
import { FakeClock } from '@/lib/util/fake-clock';
import { createKubeSource, type KubeSourceOptions } from '@/lib/k8s/source';

export interface FaultHarness {
  sim: KubeSimulator;
  clock: FakeClock;
  core: CoreV1Api;
  start(opts?: KubeSourceOptions, kubeconfigYaml?: string): Promise<{ source: SourceAdapter; sink: TestSink }>;
  /** Moves fake time in steps, letting real I/O (bookmarks, answers) in between. */
  step(ms: number, stepMs?: number): Promise<void>;
  /** Requests the simulator received for a resource path (e.g. `/api/v1/pods`), lists or watches. */
  requests(path: string, kind: 'list' | 'watch'): KubeSimulator['requests'];
  /** Resolves once `n` watches have been answered 200 and had a moment to reach the client. */
  watching(n: number): Promise<void>;
  stop(): Promise<void>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function faultHarness(simOpts: KubeSimulatorOptions = {}): Promise<FaultHarness> {
  const sim = await startKubeSimulator({ nodes: 1, podReadyDelayMs: 50, controllerIntervalMs: 50, bookmarkIntervalMs: 50, ...simOpts });
  const clock = new FakeClock();
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig('sim'));
  const sources: SourceAdapter[] = [];
  return {
    sim,
    clock,
    core: kc.makeApiClient(CoreV1Api),
    async start(opts = {}, kubeconfigYaml) {
      const source = createKubeSource(
        { platform: 'kubernetes', context: 'sim', kubeconfigPaths: [], kubeconfigYaml: kubeconfigYaml ?? sim.kubeconfig('sim'), demo: false },
        // Jitter fixed at the middle; staleness far away unless a test is about it.
        { clock, random: () => 0.5, staleAfterMs: 3_600_000, ...opts },
      );
      const sink = new TestSink();
      sources.push(source);
      await source.start(sink);
      return { source, sink };
    },
    async step(ms, stepMs = 5_000) {
      for (let done = 0; done < ms; done += stepMs) {
        await clock.advance(Math.min(stepMs, ms - done));
        await pause(60);
      }
    },
    async watching(n) {
      const deadline = Date.now() + 10_000;
      const open = () => sim.requests.filter((r) => /(^|&)watch=(true|1)/.test(r.query) && r.status === 200).length;
      while (open() < n) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} open watches (have ${open()})`);
        await pause(20);
      }
      await pause(100);
    },
    requests: (path, kind) => sim.requests.filter((r) => r.path === path && /(^|&)watch=(true|1)/.test(r.query) === (kind === 'watch')),
    async stop() {
      for (const s of sources) await s.stop();
      await sim.stop();
    },
  };
}

/** Every kind listed and the first sync over (ok, degraded or down). */
export const synced = (sink: TestSink) => () =>
  sink.status_.progress !== undefined && sink.status_.progress.done === sink.status_.progress.total && sink.status_.status !== undefined && sink.status_.status !== 'syncing';
