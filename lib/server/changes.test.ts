import { describe, expect, it } from 'vitest';
import { sampleSnapshot } from '@/lib/testing/sample-snapshot';
import { changedCollections } from './changes';

describe('changedCollections', () => {
  it('names the collections whose arrays were replaced, and sources when a source object changed', () => {
    const a = sampleSnapshot();
    expect(changedCollections(a, { ...a })).toEqual([]);
    expect(changedCollections(a, { ...a, instances: [...a.instances] })).toEqual(['instances']);
    expect(changedCollections(a, { ...a, sources: [...a.sources] })).toEqual([]); // a new array of the same sources
    expect(changedCollections(a, { ...a, sources: [{ ...a.sources[0], lastChangeAt: 'later' }, a.sources[1]] })).toEqual([]); // only its time
    expect(changedCollections(a, { ...a, workloads: [], sources: [{ ...a.sources[0], status: 'down' }, a.sources[1]] })).toEqual(['workloads', 'sources']);
  });
});
