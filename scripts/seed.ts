// npm run seed -- --kube-context kind-parallax-demo --ecs-endpoint http://127.0.0.1:5000 --start-service-tasks
// Seeds a scenario (default scenarios/demo) into a Kubernetes context and/or an ECS endpoint
// through their real APIs, with the same code the simulators are seeded with.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { seedKubernetes } from '../lib/seed/kubernetes';
import { seedEcs } from '../lib/seed/ecs';

const HELP = `Usage: npm run seed -- [options]

Seeds the demo scenario into a Kubernetes cluster and/or an ECS API (moto, LocalStack, the
simulator). Safe to run again: existing objects are updated, never duplicated.

Kubernetes:
  --kube-context NAME       kubeconfig context to seed (required for the Kubernetes half)
  --kubeconfig FILE         kubeconfig file (default: $KUBECONFIG or ~/.kube/config)
  --include-nodes           also create the scenario's Nodes (simulators only; real clusters own theirs)

ECS:
  --ecs-endpoint URL        ECS/EC2/ELBv2/Auto Scaling/Secrets Manager/SSM endpoint, e.g. http://127.0.0.1:5000 (moto)
  --region R                AWS region (default: $AWS_REGION, $AWS_DEFAULT_REGION or us-east-1)
  --start-service-tasks     start each service's tasks with RunTask (moto never does)
  --ecs-allow-real-account  seed the AWS account of the default credential chain (no endpoint);
                            this creates billable resources (EC2 hosts, a load balancer, secrets)

Common:
  --scenario DIR            scenario folder with kubernetes/ and ecs/ (default: scenarios/demo)
  -h, --help                this text

Example:
  npm run seed -- --kube-context kind-parallax-demo
  npm run seed -- --ecs-endpoint http://127.0.0.1:5000 --start-service-tasks
`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        'kube-context': { type: 'string' },
        kubeconfig: { type: 'string' },
        'include-nodes': { type: 'boolean', default: false },
        'ecs-endpoint': { type: 'string' },
        region: { type: 'string' },
        'start-service-tasks': { type: 'boolean', default: false },
        'ecs-allow-real-account': { type: 'boolean', default: false },
        scenario: { type: 'string', default: 'scenarios/demo' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    console.error(`seed: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const context = args['kube-context'];
  const endpoint = args['ecs-endpoint'];
  const realAccount = args['ecs-allow-real-account'];
  if (!context && !endpoint && !realAccount) {
    console.error(`seed: nothing to do: give --kube-context and/or --ecs-endpoint\n\n${HELP}`);
    return 2;
  }
  const scenario = path.resolve(args.scenario!);
  const log = (line: string) => console.log(line);

  if (context) {
    const kc = new KubeConfig();
    // loadFromDefault never says that no configuration exists (it falls back to localhost:8080):
    // the named context must be present, or nothing is seeded.
    if (args.kubeconfig) kc.loadFromFile(args.kubeconfig);
    else kc.loadFromDefault();
    if (!kc.getContexts().some((c) => c.name === context)) {
      const known = kc.getContexts().map((c) => c.name);
      console.error(`seed: no context "${context}" in the kubeconfig (${known.length ? `known: ${known.join(', ')}` : 'it has no contexts'})`);
      return 1;
    }
    kc.setCurrentContext(context);
    console.log(`kubernetes: seeding context ${context} (${kc.getCurrentCluster()?.server}) from ${path.join(scenario, 'kubernetes')}`);
    const r = await seedKubernetes({ kubeConfig: kc, dir: path.join(scenario, 'kubernetes'), includeNodes: args['include-nodes'], log });
    console.log(`kubernetes: done: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
  }

  if (endpoint || realAccount) {
    const region = args.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
    // Emulators only check that credentials are present; real accounts use the default chain.
    const credentials = endpoint && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE
      ? { accessKeyId: 'test', secretAccessKey: 'test' }
      : undefined;
    console.log(`ecs: seeding ${endpoint ?? 'the real AWS account'} (${region}) from ${path.join(scenario, 'ecs')}`);
    const r = await seedEcs({
      endpoint,
      region,
      credentials,
      dir: path.join(scenario, 'ecs'),
      allowRealAccount: realAccount,
      startServiceTasks: args['start-service-tasks'],
      log,
    });
    console.log(`ecs: done: ${r.clusters} cluster(s), ${r.services} service(s), ${r.tasks} task(s) started, ${r.changes.length} change(s)`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`seed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
