// The Kubernetes simulator in its own process (spawned by bench/sim.ts), so that Parallax's CPU and
// memory are measured apart from the simulator's. Seeds the bench cluster (bench/cluster.ts), writes
// a kubeconfig, prints one line `READY {json}` and serves until SIGTERM.
import { parseArgs } from 'node:util';
import { startKubeSimulator } from '@/lib/sim/k8s';
import { clusterObjects, clusterShape } from './cluster';

const { values } = parseArgs({ options: { pods: { type: 'string' }, kubeconfig: { type: 'string' }, context: { type: 'string', default: 'bench' } } });

async function main() {
  const pods = Number(values.pods);
  const sim = await startKubeSimulator({ seed: clusterObjects(pods), podReadyDelayMs: 500, requestLogLimit: 1000 });
  await sim.writeKubeconfig(values.kubeconfig!, values.context);
  console.log(`READY ${JSON.stringify({ url: sim.url, token: sim.token, caData: sim.caData, shape: clusterShape(pods) })}`);
  const stop = async () => {
    await sim.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
