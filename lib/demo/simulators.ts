import fs from 'node:fs/promises';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { startKubeSimulator, type KubeSimulator } from '@/lib/sim/k8s';
import { startEcsSimulator, type EcsSimulator } from '@/lib/sim/ecs';
import { seedKubernetes } from '@/lib/seed/kubernetes';
import { seedEcs } from '@/lib/seed/ecs';

// Starts the embedded simulators (for the demo default and `npm run sim`), seeds them with a
// scenario through their real APIs, and writes what a client needs to reach them:
//   <stateDir>/kubeconfig.yaml  a kubeconfig for the Kubernetes simulator (HTTPS, CA data, token)
//   <stateDir>/sim.json         { kubernetes?: { url, token, kubeconfig, context }, ecs?: { url, endpoint, region } }

export const DEMO_CONTEXT = 'parallax-demo';
export const DEMO_ECS_PROFILE = 'demo';
export const DEMO_REGION = 'us-east-1';
/** The simulator checks that credentials are present, not what they are. */
export const SIM_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface SimulatorsOptions {
  platforms: ('kubernetes' | 'ecs')[];
  stateDir: string;
  /** A scenario folder with kubernetes/ and ecs/ inside; nothing is seeded when absent. */
  scenarioDir?: string;
  host?: string;
  /** kubeconfig context name written for the Kubernetes simulator (default parallax-demo). */
  context?: string;
  kubePort?: number;
  ecsPort?: number;
  log?: (line: string) => void;
}

export interface RunningSimulators {
  kubernetes?: { sim: KubeSimulator; kubeconfigPath: string; context: string };
  ecs?: { sim: EcsSimulator; region: string };
  infoPath: string;
  stop(): Promise<void>;
}

export async function startSimulators(opts: SimulatorsOptions): Promise<RunningSimulators> {
  const log = opts.log ?? (() => {});
  await fs.mkdir(opts.stateDir, { recursive: true });
  const out: RunningSimulators = { infoPath: path.join(opts.stateDir, 'sim.json'), stop: async () => {} };
  const info: Record<string, unknown> = {};
  try {
    if (opts.platforms.includes('kubernetes')) {
      const sim = await startKubeSimulator({ host: opts.host, port: opts.kubePort });
      const context = opts.context ?? DEMO_CONTEXT;
      const kubeconfigPath = path.join(opts.stateDir, 'kubeconfig.yaml');
      await sim.writeKubeconfig(kubeconfigPath, context);
      out.kubernetes = { sim, kubeconfigPath, context };
      info.kubernetes = { url: sim.url, token: sim.token, kubeconfig: kubeconfigPath, context };
      log(`kubernetes simulator at ${sim.url} (kubeconfig ${kubeconfigPath}, context ${context})`);
    }
    if (opts.platforms.includes('ecs')) {
      const sim = await startEcsSimulator({ host: opts.host, port: opts.ecsPort, region: DEMO_REGION });
      out.ecs = { sim, region: sim.region };
      info.ecs = { url: sim.url, endpoint: sim.url, region: sim.region };
      log(`ecs simulator at ${sim.url} (region ${sim.region})`);
    }
    if (opts.scenarioDir) await seed(out, opts.scenarioDir, log);
  } catch (err) {
    await stopAll(out);
    throw err;
  }
  await fs.writeFile(out.infoPath, JSON.stringify(info, null, 2));
  out.stop = () => stopAll(out);
  return out;
}

async function seed(sims: RunningSimulators, scenarioDir: string, log: (l: string) => void) {
  const jobs: Promise<unknown>[] = [];
  if (sims.kubernetes) {
    const kc = new KubeConfig();
    kc.loadFromString(sims.kubernetes.sim.kubeconfig(sims.kubernetes.context));
    jobs.push(seedKubernetes({ kubeConfig: kc, dir: path.join(scenarioDir, 'kubernetes'), includeNodes: true, log })
      .then((r) => log(`seeded kubernetes: ${r.created} created, ${r.updated} updated`)));
  }
  if (sims.ecs) {
    jobs.push(seedEcs({ endpoint: sims.ecs.sim.url, region: sims.ecs.region, credentials: SIM_CREDENTIALS, dir: path.join(scenarioDir, 'ecs'), log })
      .then((r) => log(`seeded ecs: ${r.clusters} clusters, ${r.services} services`)));
  }
  await Promise.all(jobs);
}

async function stopAll(sims: RunningSimulators) {
  await Promise.allSettled([sims.kubernetes?.sim.stop(), sims.ecs?.sim.stop()]);
}
