// What the overview downloads per refetch (every change tick, up to 4 a second): the page-shaped
// GET /api/overview against the collections it used to fetch from /api/snapshot. The same
// functions the routes call, on the inventory filled by a real sync of the bench's cluster.
import { KubeConfig } from '@kubernetes/client-node';
import { Inventory } from '@/lib/inventory/store';
import { createKubeSource } from '@/lib/k8s';
import type { CollectionName } from '@/lib/model';
import { pickCollections } from '@/lib/server/http';
import { waitFor } from '@/lib/testing/wait';
import { overviewPayload } from '@/lib/views/overview';

/** What components/overview.tsx asked /api/snapshot for before GET /api/overview existed. */
const OLD_OVERVIEW_COLLECTIONS: CollectionName[] = ['workloads', 'revisions', 'instances', 'endpoints', 'configs', 'secrets', 'volumes', 'autoscalers', 'nodes'];

const bytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body));

export async function overviewPayloadSizes(kubeconfigYaml: string, context: string, pods: number): Promise<{ snapshot: number; overview: number }> {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml);
  const inventory = new Inventory();
  await inventory.add(createKubeSource({ platform: 'kubernetes', context, kubeconfigPaths: [], demo: false }, { kubeConfig: kc }));
  try {
    await waitFor('the pods in the inventory', () => inventory.snapshot().instances.length === pods && inventory.sources()[0].status !== 'syncing', 120_000, 200);
    const snap = inventory.snapshot();
    return { snapshot: bytes(pickCollections(snap, new Set(OLD_OVERVIEW_COLLECTIONS))), overview: bytes(overviewPayload(snap)) };
  } finally {
    await inventory.stop();
  }
}
