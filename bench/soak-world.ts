// The soak's world, in a worker thread so that its memory is not counted as Parallax's: both
// simulators seeded with the demo scenario, churn through their real APIs (the way a cluster's users
// and controllers change things), the faults injected by name, and the truth as the APIs serve it.
// Parallax (the main thread) only reads; this side writes, with the SDKs' default User-Agents.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListServicesCommand, ListTasksCommand, StopTaskCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { startSimulators, SIM_CREDENTIALS, type RunningSimulators } from '@/lib/demo/simulators';
import { retryOnConflict } from '@/lib/seed/kubernetes';

import type { Truth, WorldInfo } from './soak-shared';

let sims: RunningSimulators;
let core: CoreV1Api;
let apps: AppsV1Api;
let ecs: ECSClient;
let churnStep = 0;

async function start(): Promise<WorldInfo> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-soak-'));
  sims = await startSimulators({ platforms: ['kubernetes', 'ecs'], stateDir: dir, scenarioDir: path.resolve('scenarios/demo') });
  const k = sims.kubernetes!;
  const kc = new KubeConfig();
  kc.loadFromString(k.sim.kubeconfig(k.context));
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
  ecs = new ECSClient({ region: sims.ecs!.region, endpoint: sims.ecs!.sim.url, credentials: SIM_CREDENTIALS, maxAttempts: 1 });
  return { kubeconfig: k.sim.kubeconfig(k.context), context: k.context, ecsUrl: sims.ecs!.sim.url, region: sims.ecs!.region };
}

/** One round of changes on both platforms. */
async function churn(): Promise<void> {
  const i = churnStep++;
  await retryOnConflict(async () => {
    const d = await apps.readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    d.spec!.replicas = 2 + (i % 4);
    await apps.replaceNamespacedDeployment({ name: 'web', namespace: 'shop', body: d });
  });
  await core.createNamespacedConfigMap({ namespace: 'shop', body: { metadata: { name: `churn-${i}` }, data: { i: String(i) } } });
  if (i >= 5) await core.deleteNamespacedConfigMap({ name: `churn-${i - 5}`, namespace: 'shop' });
  if (i % 3 === 0) {
    const pods = (await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app.kubernetes.io/name=api' })).items;
    const victim = pods[i % Math.max(1, pods.length)];
    if (victim) await core.deleteNamespacedPod({ name: victim.metadata!.name!, namespace: 'shop' }).catch(() => undefined);
  }
  await ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'web', desiredCount: 2 + (i % 2) }));
  if (i % 4 === 0) {
    const tasks = (await ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'api', desiredStatus: 'RUNNING' }))).taskArns ?? [];
    if (tasks.length) await ecs.send(new StopTaskCommand({ cluster: 'shop', task: tasks[i % tasks.length], reason: 'soak churn' }));
  }
}

function fault(name: string): void {
  const k = sims.kubernetes!.sim.faults;
  const e = sims.ecs!.sim.faults;
  switch (name) {
    case 'k8s-watch-410': k.inject({ resource: 'pods', verb: 'watch', fault: { type: 'expire' } }); k.endWatches('pods'); break;
    case 'ecs-throttle': e.throttle('DescribeServices', 1_000); break;
    case 'k8s-malformed': k.inject({ resource: 'pods', verb: 'watch', fault: { type: 'malformedEvent' }, times: 3 }); break;
    case 'ecs-hang': e.hang('DescribeContainerInstances', 1); break;
    case 'k8s-stall-watch': k.inject({ resource: 'deployments', verb: 'watch', fault: { type: 'stall' }, times: 1 }); k.endWatches('deployments'); break;
    case 'ecs-500': e.fail('DescribeTasks'); break;
    case 'k8s-429': k.inject({ verb: ['list', 'watch'], fault: { type: 'status', code: 429, retryAfterSeconds: 5 } }); k.endWatches(); break;
    case 'ecs-deny': e.deny('ListServices'); break;
    case 'k8s-hang-list':
      k.inject({ resource: 'pods', verb: 'list', fault: { type: 'hang' }, times: 1 });
      k.inject({ resource: 'pods', verb: 'watch', fault: { type: 'malformedEvent' }, times: 1 });
      break;
    case 'k8s-500': k.inject({ verb: 'watch', fault: { type: 'status', code: 500 } }); k.endWatches(); break;
    default: throw new Error(`unknown fault ${name}`);
  }
}

function clearFaults(): void {
  sims.kubernetes!.sim.faults.clear();
  sims.ecs!.sim.faults.clear();
}

async function truth(): Promise<Truth> {
  const [pods, deployments, statefulsets, configmaps, nodes] = await Promise.all([
    core.listPodForAllNamespaces(), apps.listDeploymentForAllNamespaces(), apps.listStatefulSetForAllNamespaces(),
    core.listConfigMapForAllNamespaces(), core.listNode(),
  ]);
  const services: Truth['ecs']['services'] = [];
  const runningTasks: Truth['ecs']['runningTasks'] = [];
  const arns = (await ecs.send(new ListServicesCommand({ cluster: 'shop', maxResults: 100 }))).serviceArns ?? [];
  for (let i = 0; i < arns.length; i += 10) {
    for (const s of (await ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: arns.slice(i, i + 10) }))).services ?? []) {
      services.push({ cluster: 'shop', name: s.serviceName!, desired: s.desiredCount ?? 0 });
    }
  }
  const taskArns = (await ecs.send(new ListTasksCommand({ cluster: 'shop', desiredStatus: 'RUNNING', maxResults: 100 }))).taskArns ?? [];
  for (let i = 0; i < taskArns.length; i += 100) {
    for (const t of (await ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: taskArns.slice(i, i + 100) }))).tasks ?? []) {
      if (t.lastStatus === 'RUNNING') runningTasks.push({ cluster: 'shop', id: t.taskArn!.split('/').pop()! });
    }
  }
  const ready = (p: (typeof pods.items)[number]) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  return {
    kube: {
      pods: pods.items.map((p) => ({ ns: p.metadata!.namespace!, name: p.metadata!.name!, ready: ready(p) })),
      workloads: [
        ...deployments.items.map((d) => ({ ns: d.metadata!.namespace!, kind: 'Deployment', name: d.metadata!.name!, replicas: d.spec?.replicas ?? 1 })),
        ...statefulsets.items.map((d) => ({ ns: d.metadata!.namespace!, kind: 'StatefulSet', name: d.metadata!.name!, replicas: d.spec?.replicas ?? 1 })),
      ],
      configmaps: configmaps.items.map((c) => ({ ns: c.metadata!.namespace!, name: c.metadata!.name! })),
      nodes: nodes.items.map((n) => n.metadata!.name!),
    },
    ecs: { services, runningTasks },
  };
}

/** Parallax's requests, as the simulators logged them (by User-Agent). */
function requestCounts() {
  const kube = sims.kubernetes!.sim.requests.filter((r) => r.userAgent?.includes('parallax/'));
  const aws = sims.ecs!.sim.requests.filter((r) => r.userAgent?.includes('parallax/'));
  return {
    kubeLists: kube.filter((r) => !/(^|&)watch=true/.test(r.query) && r.path !== '/version').length,
    kubeWatches: kube.filter((r) => /(^|&)watch=true/.test(r.query)).length,
    awsCalls: aws.length,
    writes: kube.filter((r) => r.method !== 'GET').length + aws.filter((r) => !/^(Describe|List|Get)[A-Z]/.test(r.operation)).length,
  };
}

const handlers: Record<string, (arg?: string) => unknown> = {
  start, churn, fault: (n) => fault(n!), clearFaults, truth, requestCounts,
  stop: async () => { ecs?.destroy(); await sims?.stop(); },
};

parentPort!.on('message', async (m: { id: number; cmd: string; arg?: string }) => {
  try {
    parentPort!.postMessage({ id: m.id, result: await handlers[m.cmd](m.arg) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).stack ?? String(e) });
  }
});
