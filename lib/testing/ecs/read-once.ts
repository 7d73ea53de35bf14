// One poll of an ECS source through the real inventory, for tests: the normalized objects and the
// source's status once the first poll has settled (ok, degraded or down).
import type { EcsSourceConfig } from '@/lib/config/types';
import { Inventory } from '@/lib/inventory/store';
import { COLLECTIONS, type ModelObject, type Source } from '@/lib/model';
import { createEcsSource, type EcsSourceOptions } from '@/lib/ecs/source';

const SETTLED: Source['status'][] = ['ok', 'degraded', 'down'];

export async function readEcsOnce(cfg: EcsSourceConfig, opts: EcsSourceOptions = {}): Promise<{ objects: ModelObject[]; source: Source }> {
  const inventory = new Inventory();
  const settled = new Promise<void>((resolve) => {
    inventory.subscribe(() => {
      if (SETTLED.includes(inventory.sources()[0]?.status)) resolve();
    });
  });
  await inventory.add(createEcsSource({ ...cfg, pollIntervalMs: 2 ** 30 }, opts));
  await settled;
  await inventory.stop();
  const snapshot = inventory.snapshot();
  return { objects: COLLECTIONS.flatMap((c) => snapshot[c] as ModelObject[]), source: inventory.sources()[0] };
}
