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
  /** Resolves once `n` kinds' watches are connected at the client (the adapter says so to the sink). */
  watching(n: number): Promise<void>;
  stop(): Promise<void>;
}

// Real time for the simulator's own I/O (it sends bookmarks every 50 ms of real time) between fake steps.
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function faultHarness(simOpts: KubeSimulatorOptions = {}): Promise<FaultHarness> {
  const sim = await startKubeSimulator({ nodes: 1, podReadyDelayMs: 50, controllerIntervalMs: 50, bookmarkIntervalMs: 50, ...simOpts });
  const clock = new FakeClock();
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig('sim'));
  const sources: SourceAdapter[] = [];
  const sinks: TestSink[] = [];
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
      sinks.push(sink);
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
      const sink = sinks[sinks.length - 1];
      if (!sink) throw new Error('watching(): start a source first');
      // The adapter clears a kind's watch errors when its watch connects, after it stopped waiting on it.
      const connected = () => new Set(sink.updates.map((u) => u.clearErrorsFor).filter((op) => op?.startsWith('watch '))).size;
      await sink.until(() => connected() >= n, 10_000, `${n} connected watches (have ${connected()})`);
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
