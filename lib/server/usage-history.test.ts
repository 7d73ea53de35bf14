// The Kubernetes usage history on fake time: the ring keeps the last N samples in order, pods are
// summed per workload through the instances, the sampler samples every interval while asked, keeps
// only the last hour, and stops (forgetting its series) once nobody asked for idleMs.
import { describe, expect, it } from 'vitest';
import type { Instance, Node } from '@/lib/model';
import type { KubeMetricsRead } from '@/lib/inventory/usage';
import { FakeClock } from '@/lib/util/fake-clock';
import { KubeUsageSampler, SeriesRing, sumByWorkload } from './usage-history';

const inst = (name: string, workload?: string) => ({ kind: 'instance', name, groupName: 'shop', workload } as Instance);
const node = (name: string) => ({ kind: 'node', name, id: `k8s/c/Node/${name}` } as Node);

describe('SeriesRing', () => {
  it('keeps the newest `capacity` samples, oldest first, and filters by time', () => {
    const r = new SeriesRing(3);
    for (let t = 1; t <= 5; t++) r.push({ t, cpuMillis: t * 10, memoryBytes: t * 100, pods: 1 });
    expect(r.size).toBe(3);
    expect(r.samples().map((s) => s.t)).toEqual([3, 4, 5]);
    expect(r.samples(4)).toEqual([{ t: 4, cpuMillis: 40, memoryBytes: 400, pods: 1 }, { t: 5, cpuMillis: 50, memoryBytes: 500, pods: 1 }]);
    expect(r.latest()?.t).toBe(5);
    expect(new SeriesRing(2).latest()).toBeUndefined();
  });
});

describe('sumByWorkload', () => {
  it('sums the pods of each workload and skips pods it cannot place', () => {
    const sums = sumByWorkload([
      { namespace: 'shop', name: 'web-1', cpuMillis: 10, memoryBytes: 100 },
      { namespace: 'shop', name: 'web-2', cpuMillis: 5.5, memoryBytes: 50 },
      { namespace: 'shop', name: 'api-1', cpuMillis: 1, memoryBytes: 1 },
      { namespace: 'other', name: 'web-1', cpuMillis: 99, memoryBytes: 99 },
      { namespace: 'shop', name: 'bare', cpuMillis: 99, memoryBytes: 99 },
    ], [inst('web-1', 'W'), inst('web-2', 'W'), inst('api-1', 'A'), inst('bare')]);
    expect(Object.fromEntries(sums)).toEqual({ W: { cpuMillis: 15.5, memoryBytes: 150, pods: 2 }, A: { cpuMillis: 1, memoryBytes: 1, pods: 1 } });
  });
});

describe('KubeUsageSampler', () => {
  function setup(fail?: () => boolean) {
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 18, 40));
    let reads = 0;
    const read = async (): Promise<KubeMetricsRead> => {
      reads++;
      const cpu = reads * 10;
      return {
        at: clock.now(),
        pods: fail?.() ? { ok: false, problem: { message: 'no metrics-server', status: 404, notCovered: true } } : { ok: true, items: [{ namespace: 'shop', name: 'web-1', cpuMillis: cpu, memoryBytes: 1000 }, { namespace: 'shop', name: 'web-2', cpuMillis: cpu, memoryBytes: 1000 }] },
        nodes: { ok: true, items: [{ name: 'n1', cpuMillis: 500, memoryBytes: 2 ** 30 }] },
      };
    };
    const sampler = new KubeUsageSampler({ read, objects: () => ({ instances: [inst('web-1', 'W'), inst('web-2', 'W')], nodes: [node('n1')] }), clock, intervalMs: 30_000, idleMs: 300_000 });
    return { clock, sampler, reads: () => reads };
  }

  it('samples at once when first asked, then every interval, with workloads summed and nodes by id', async () => {
    const { clock, sampler, reads } = setup();
    const t0 = clock.now();
    await sampler.touch();
    expect(reads()).toBe(1);
    expect(sampler.state().collectingSince).toBe(t0);
    expect(sampler.series('W')).toEqual([{ t: t0, cpuMillis: 20, memoryBytes: 2000, pods: 2 }]);
    await clock.advance(90_000);
    expect(reads()).toBe(4);
    expect(sampler.series('W').map((s) => s.cpuMillis)).toEqual([20, 40, 60, 80]);
    expect(sampler.series('k8s/c/Node/n1')).toHaveLength(4);
    // A second ask during the run neither restarts it nor reads again.
    await sampler.touch();
    expect(reads()).toBe(4);
    expect(sampler.state().collectingSince).toBe(t0);
    sampler.stop();
  });

  it('keeps only the last hour, and stops idleMs after the last ask, forgetting its series', async () => {
    const { clock, sampler, reads } = setup();
    await sampler.touch();
    for (let m = 0; m < 70; m += 4) {
      await clock.advance(240_000);
      void sampler.touch();
    }
    const s = sampler.series('W');
    expect(s.length).toBeLessThanOrEqual(121);
    expect(s[0].t).toBeGreaterThanOrEqual(clock.now() - 3_600_000);
    const before = reads();
    await clock.advance(330_000);
    expect(sampler.running).toBe(false);
    expect(sampler.series('W')).toEqual([]);
    expect(sampler.state().collectingSince).toBeUndefined();
    await clock.advance(600_000);
    expect(reads()).toBeLessThanOrEqual(before + 11);
    const idleReads = reads();
    await clock.advance(600_000);
    expect(reads()).toBe(idleReads);
    // Asked again: a new run, collecting since now.
    await sampler.touch();
    expect(sampler.state().collectingSince).toBe(clock.now());
    sampler.stop();
  });

  it('keeps a failing part as a problem without samples, the other part still sampled', async () => {
    const { sampler } = setup(() => true);
    await sampler.touch();
    expect(sampler.state().problems.pods).toMatchObject({ notCovered: true });
    expect(sampler.series('W')).toEqual([]);
    expect(sampler.series('k8s/c/Node/n1')).toHaveLength(1);
    sampler.stop();
  });
});
