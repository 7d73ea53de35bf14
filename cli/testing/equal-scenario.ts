// The demo scenario with its planted differences (scenarios/demo/DRIFT.md) taken out: a copy whose
// ECS half says what the Kubernetes half says. Made by patching the copied ECS inputs, so that the
// scenario files stay the only description of the demo. Each patch checks it found its target: a
// scenario change that moves one fails here, loudly, instead of leaving a difference in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../root';

interface ContainerDef {
  name: string;
  image?: string;
  memory?: number;
  memoryReservation?: number;
  environment?: { name: string; value: string }[];
  secrets?: { name: string; valueFrom: string }[];
}
interface TaskDef {
  family: string;
  memory?: string;
  containerDefinitions: ContainerDef[];
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`equal scenario: ${what} not found in scenarios/demo/ecs (did the demo change?)`);
  return value;
}

function container(defs: TaskDef[], family: string, name: string): ContainerDef {
  const td = must(defs.find((d) => d.family === family), `task definition ${family}`);
  return must(td.containerDefinitions.find((c) => c.name === name), `container ${name} of ${family}`);
}

/** A temporary copy of scenarios/demo whose ECS half equals its Kubernetes half in intent. */
export function equalDemoScenario(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-equal-scenario-'));
  fs.cpSync(path.join(PROJECT_ROOT, 'scenarios', 'demo'), dir, { recursive: true });
  const tdFile = path.join(dir, 'ecs', 'task-definitions.json');
  const tds = JSON.parse(fs.readFileSync(tdFile, 'utf8')) as { taskDefinitions: TaskDef[] };
  const defs = tds.taskDefinitions;

  // web: the image Kubernetes runs, and LOG_LEVEL as Kubernetes' ConfigMap sets it.
  const web = container(defs, 'shop-web', 'web');
  web.image = must(web.image, 'web image').replace(/:1\.8\.1$/, ':1.8.2');
  must(web.environment?.find((e) => e.name === 'LOG_LEVEL'), 'web LOG_LEVEL').value = 'info';
  // api: no STRIPE_KEY (Kubernetes has none).
  const api = container(defs, 'shop-api', 'api');
  must(api.secrets?.find((s) => s.name === 'STRIPE_KEY'), 'api STRIPE_KEY');
  api.secrets = api.secrets!.filter((s) => s.name !== 'STRIPE_KEY');
  // worker: 1 GiB like the Kubernetes container, in the container and in the Fargate task size.
  const worker = container(defs, 'shop-worker', 'worker');
  must(worker.memory, 'worker memory');
  worker.memory = 1024;
  must(defs.find((d) => d.family === 'shop-worker')?.memory, 'shop-worker task memory');
  defs.find((d) => d.family === 'shop-worker')!.memory = '1024';
  fs.writeFileSync(tdFile, JSON.stringify(tds, null, 2));

  // api: two replicas, as the Deployment.
  const svcFile = path.join(dir, 'ecs', 'services.json');
  const svcs = JSON.parse(fs.readFileSync(svcFile, 'utf8')) as { services: { serviceName: string; desiredCount: number }[] };
  must(svcs.services.find((s) => s.serviceName === 'api'), 'service api').desiredCount = 2;
  fs.writeFileSync(svcFile, JSON.stringify(svcs, null, 2));
  return dir;
}
