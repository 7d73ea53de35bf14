// `npm run sim`: the embedded simulators on their own, standing in for kind and an ECS emulator,
// so that kubectl, the aws CLI or a second Parallax can be pointed at them as at real clusters.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulators } from '@/lib/demo/simulators';

const HELP = `usage: npm run sim -- [--platform kubernetes|ecs|both] [--scenario DIR] [--empty]
                      [--state-dir DIR] [--host 127.0.0.1] [--context NAME] [--kube-port N] [--ecs-port N]
Starts the Kubernetes and/or ECS simulators, seeds them with a scenario (default scenarios/demo;
--empty for none), writes <state-dir>/kubeconfig.yaml and <state-dir>/sim.json, and runs until stopped.`;

async function main() {
  const { values } = parseArgs({
    options: {
      platform: { type: 'string', default: 'both' },
      scenario: { type: 'string' },
      empty: { type: 'boolean', default: false },
      'state-dir': { type: 'string', default: '.parallax/sim' },
      host: { type: 'string', default: '127.0.0.1' },
      context: { type: 'string' },
      'kube-port': { type: 'string' },
      'ecs-port': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const platform = values.platform!;
  if (!['kubernetes', 'ecs', 'both'].includes(platform)) throw new Error(`--platform must be kubernetes, ecs or both, not "${platform}"`);
  const platforms = platform === 'both' ? (['kubernetes', 'ecs'] as const) : ([platform] as ['kubernetes'] | ['ecs']);
  const stateDir = path.resolve(values['state-dir']!);
  const sims = await startSimulators({
    platforms: [...platforms],
    stateDir,
    scenarioDir: values.empty ? undefined : path.resolve(values.scenario ?? 'scenarios/demo'),
    host: values.host,
    context: values.context,
    kubePort: values['kube-port'] ? Number(values['kube-port']) : undefined,
    ecsPort: values['ecs-port'] ? Number(values['ecs-port']) : undefined,
    log: (l) => console.log(l),
  });
  const lines = ['', `endpoints written to ${sims.infoPath}`];
  if (sims.kubernetes) {
    lines.push(
      'Kubernetes:',
      `  export KUBECONFIG=${sims.kubernetes.kubeconfigPath}`,
      '  kubectl get pods -A',
    );
  }
  if (sims.ecs) {
    lines.push(
      'ECS (any credentials; the simulator checks they are present, not what they are):',
      `  export AWS_ENDPOINT_URL=${sims.ecs.sim.url} AWS_REGION=${sims.ecs.region} AWS_DEFAULT_REGION=${sims.ecs.region} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test`,
      '  aws ecs list-clusters',
      '  export PARALLAX_ECS_SECRET_HASHES=1   # the scenario\'s secrets are fake: let Parallax compare them by keyed hash',
    );
  }
  lines.push('Point Parallax at them with those variables set: npm run dev', 'Ctrl-C stops the simulators.');
  console.log(lines.join('\n'));
  const stop = async () => {
    await sims.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`sim: ${(err as Error).message}`);
  process.exit(1);
});
