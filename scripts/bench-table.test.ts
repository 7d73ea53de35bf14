import { describe, expect, it } from 'vitest';
import { benchTable, readmeTable, readResults } from './bench-table';

describe('the README performance table', () => {
  it('is what scripts/bench-table.ts prints from the committed bench/results.json', () => {
    // After a bench run: `npx tsx scripts/bench-table.ts --write`.
    expect(readmeTable(), 'README.md has the bench-table markers').toBeDefined();
    expect(readmeTable()).toBe(benchTable(readResults()));
  });

  it('marks each figure met or missed by its direction', () => {
    const table = benchTable({
      machine: 'm', date: '2026-12-01T00:00:00Z', command: 'npm run bench',
      budgets: [
        { name: 'low', value: 0.8, unit: 'ratio', budget: 1, better: 'lower' },
        { name: 'high', value: 5, unit: 'calls', budget: 4, better: 'lower', note: 'the API minimum' },
      ],
    });
    expect(table).toContain('| low | 0.80× | ≤ 1.00× | met |');
    expect(table).toContain('| high | 5 | ≤ 4 (the API minimum) | **missed** |');
  });
});
