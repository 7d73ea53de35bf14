import { describe, expect, it } from 'vitest';
import { columnsToHide } from './column-fit';

const cols = [
  { id: 'platform', size: 64, priority: 0 },
  { id: 'source', size: 130, priority: 2 },
  { id: 'name', size: 170, priority: 0 },
  { id: 'kind', size: 100, priority: 4 },
  { id: 'images', size: 230, priority: 4 },
  { id: 'ready', size: 64, priority: 1 },
  { id: 'age', size: 56, priority: 5 },
];

describe('columnsToHide', () => {
  it('hides nothing when everything fits, or before the width is known', () => {
    expect(columnsToHide(cols, 1200)).toEqual([]);
    expect(columnsToHide(cols, 0)).toEqual([]);
  });
  it('hides the least important first, the later of equal priority first, never a key column', () => {
    // total 814: at 600 px, age (5) then images (4, later than kind) go: 528 <= 600.
    expect(columnsToHide(cols, 600)).toEqual(['age', 'images']);
    expect(columnsToHide(cols, 390)).toEqual(['age', 'images', 'kind', 'source']);
    expect(columnsToHide(cols, 100)).toEqual(['age', 'images', 'kind', 'source', 'ready']);
  });
});
