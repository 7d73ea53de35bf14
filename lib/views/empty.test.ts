import { describe, expect, it } from 'vitest';
import type { Source } from '@/lib/model';
import { emptyReason } from './empty';

const source = (over: Partial<Source>): Source => ({
  id: 'k8s/kind-a', platform: 'kubernetes', name: 'kind-a', status: 'ok', demo: false, connection: {},
  coverage: [{ kind: 'deployments', collections: ['workloads'], state: 'ok', count: 0 }], errors: [], freshness: { mode: 'watch' }, ...over,
});
const ecs = (over: Partial<Source>) => source({ id: 'ecs/p/eu-west-1', platform: 'ecs', name: 'p/eu-west-1', freshness: { mode: 'poll' }, ...over });
const why = (sources: Source[], total = 0) => emptyReason({ sources, collections: ['workloads'], noun: 'workloads', total });

describe('emptyReason', () => {
  it('says a different thing for no source, down, first sync, not covered, filtered and truly none', () => {
    const cases = [
      why([]),
      why([ecs({ status: 'down', reason: 'connect ECONNREFUSED 127.0.0.1:5000' })]),
      why([source({ status: 'syncing' })]),
      why([source({ coverage: [{ kind: 'deployments', collections: ['workloads'], state: 'forbidden', count: 0, message: 'HTTP 403' }] })]),
      why([source({})], 3),
      why([source({}), ecs({})]),
    ];
    expect(cases.map((c) => c.kind)).toEqual(['no-source', 'down', 'syncing', 'not-covered', 'filtered', 'empty']);
    expect(new Set(cases.map((c) => `${c.title}|${c.detail}`)).size).toBe(cases.length);
  });

  it('gives the banner\'s reason for a source that is down or could not start, and says the rest was read', () => {
    const ghost = ecs({ id: 'ecs/ghost/eu-west-1', name: 'ghost/eu-west-1', status: 'down', reason: 'profile "ghost": the AWS SDK found no credentials', notStarted: { hint: 'run "aws configure --profile ghost"' } });
    const only = why([ghost]);
    expect(only).toMatchObject({ kind: 'down', title: 'No workloads could be read', detail: 'Every source is down.' });
    expect(only.reasons).toEqual(['ECS ghost/eu-west-1: profile "ghost": the AWS SDK found no credentials — run "aws configure --profile ghost"']);
    const partial = why([source({}), ghost]);
    expect(partial).toMatchObject({ kind: 'down', title: 'No workloads on the 1 source read' });
    expect(partial.reasons).toHaveLength(1);
  });

  it('waits for the first sync before saying there are none, and names who is still reading', () => {
    expect(why([source({}), ecs({ status: 'syncing' })]).detail).toBe('1 source still reading (p/eu-west-1): workloads appear as each finishes.');
  });

  it('a kind not covered elsewhere (say, secrets forbidden) does not make the workloads table "not covered"', () => {
    const r = why([source({ coverage: [
      { kind: 'deployments', collections: ['workloads'], state: 'ok', count: 0 },
      { kind: 'secrets', collections: ['secrets'], state: 'forbidden', count: 0 },
    ] })]);
    expect(r.kind).toBe('empty');
  });
});
