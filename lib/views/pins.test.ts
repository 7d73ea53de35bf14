import { describe, expect, it } from 'vitest';
import { readPins, togglePin, type Pin } from './pins';

const WEB: Pin = { kind: 'workload', id: 'k8s/kind-demo/shop/Deployment/web', name: 'web', platform: 'kubernetes', group: 'shop' };
const ECS: Pin = { kind: 'source', id: 'ecs/demo/us-east-1', name: 'demo/us-east-1', platform: 'ecs' };

describe('pins', () => {
  it('toggle adds at the end and removes by id', () => {
    const one = togglePin([], WEB);
    const two = togglePin(one, ECS);
    expect(two.map((p) => p.id)).toEqual([WEB.id, ECS.id]);
    expect(togglePin(two, { ...WEB, name: 'renamed' })).toEqual([ECS]);
  });

  it('round-trips through storage; anything unreadable is dropped, not thrown', () => {
    expect(readPins(JSON.stringify([WEB, ECS]))).toEqual([WEB, ECS]);
    expect(readPins(null)).toEqual([]);
    expect(readPins('{not json')).toEqual([]);
    expect(readPins('{"a":1}')).toEqual([]);
    expect(readPins(JSON.stringify([WEB, { ...WEB }, { kind: 'node', id: 'x', name: 'x', platform: 'ecs' }, { ...ECS, platform: 'nomad' }, null, 3]))).toEqual([WEB]);
  });
});
