// Where a live update's time goes at scale (issue 9): the simulator in its own process with N pods,
// Parallax's adapter into the real inventory, then one Deployment scaled up in the simulator; prints
// when each hop happened after the write: each inventory change (version), the snapshot build, the
// first snapshot whose workload shows the new desired count, and the /workloads table window.
// Run: node --expose-gc --import tsx bench/live-hops.ts [pods]   (not part of npm test)
import { createKubeSource } from '@/lib/k8s';
import { Inventory } from '@/lib/inventory/store';
import { tableResponse } from '@/lib/server/table';
import { deploymentName, deploymentNamespace, deploymentReplicas } from './cluster';
import { startSimProcess } from './sim';

const pods = Number(process.argv[2] ?? 50_000);

async function main() {
  const sim = await startSimProcess(pods);
  const inventory = new Inventory();
  try {
    await inventory.add(createKubeSource({ platform: 'kubernetes', context: sim.context, kubeconfigPaths: [], kubeconfigYaml: sim.kubeconfigYaml, demo: false }));
    while (inventory.sources()[0]?.status !== 'ok') await new Promise((r) => setTimeout(r, 50));
    inventory.snapshot();
    const d = 8;
    const name = deploymentName(d);
    const namespace = deploymentNamespace(d, sim.shape);
    const desired = deploymentReplicas(d, sim.shape) + 3;
    const reader = { snapshot: () => inventory.snapshot(), get version() { return inventory.version; } };
    const t0 = performance.now();
    const ms = () => (performance.now() - t0).toFixed(0).padStart(5);
    let seen = false;
    inventory.subscribe((c) => {
      const at = ms();
      const s0 = performance.now();
      const snap = inventory.snapshot();
      const build = (performance.now() - s0).toFixed(0);
      const w = snap.workloads.find((x) => x.name === name && x.groupName === namespace);
      const shows = w?.desired === desired;
      console.log(`${at} ms  change v${c.version}; snapshot built in ${build} ms; workload desired ${w?.desired}${shows && !seen ? '  <- first shown' : ''}`);
      if (shows && !seen) {
        seen = true;
        const q0 = performance.now();
        void tableResponse(reader, `http://x/api/table?table=workloads&q=${name}&limit=200`).text().then(() => console.log(`${ms()} ms  /workloads window answered in ${(performance.now() - q0).toFixed(0)} ms`));
      }
    });
    const r = await sim.request('PUT', `/apis/apps/v1/namespaces/${namespace}/deployments/${name}/scale`,
      { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name, namespace }, spec: { replicas: desired } });
    console.log(`${ms()} ms  scale answered ${r.status}`);
    await new Promise((res) => setTimeout(res, 4000));
  } finally {
    await inventory.stop();
    await sim.stop();
  }
}

void main();
