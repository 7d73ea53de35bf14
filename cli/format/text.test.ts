import { describe, expect, it } from 'vitest';
import { fitColumns, renderColumns, truncate, wrap, wrapIndented } from './text';

describe('wrap', () => {
  it('keeps words whole where they fit and never exceeds the width', () => {
    expect(wrap('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrap('', 10)).toEqual(['']);
    expect(wrap('a\n\nb', 10)).toEqual(['a', '', 'b']);
  });

  it('breaks long words after a path or key separator in preference to a dot or dash, else at the width', () => {
    expect(wrap('ghcr.io/parallax-demo/shop-web:1.8.2', 24)).toEqual(['ghcr.io/parallax-demo/', 'shop-web:1.8.2']);
    expect(wrap('abcdefghijklmnop', 5)).toEqual(['abcde', 'fghij', 'klmno', 'p']);
    expect(wrap('resources.memory.request', 10)).toEqual(['resources.', 'memory.', 'request']);
    for (const w of [1, 2, 7, 13]) {
      for (const line of wrap('arn:aws:ssm:us-east-1:123456789012:parameter/shop/stripe-key and more', w)) expect(line.length).toBeLessThanOrEqual(w);
    }
  });

  it('loses no character: only the spaces where lines break', () => {
    const text = 'image ghcr.io/parallax-demo/shop-web:1.8.2 and a=1,b=2,'.repeat(5) + 'x'.repeat(90);
    for (const w of [1, 5, 12, 20, 33, 80]) expect(wrap(text, w).join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  });

  it('indents continuation lines', () => {
    expect(wrapIndented('one two three four', 12, 2, 2)).toEqual(['  one two', '    three', '    four']);
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});

describe('columns', () => {
  const columns = [{ header: 'A', min: 3, max: 5 }, { header: 'B', min: 4 }, { header: 'C', min: 4 }];
  it('take their natural width when it fits, and narrow the widest first when not', () => {
    expect(fitColumns(columns, [['xx', 'yyyy', 'zz']], 80, 2)).toEqual([3, 4, 4]);
    expect(fitColumns(columns, [['xxxxxxxx', 'y'.repeat(40), 'z'.repeat(20)]], 40, 2)).toEqual([5, 15, 16]);
    // Below the minimums nothing narrows further: the caller's minimums must fit.
    expect(fitColumns(columns, [['x', 'y'.repeat(9), 'z'.repeat(9)]], 5, 2)).toEqual([3, 4, 4]);
  });

  it('render rows with wrapped cells under each other', () => {
    expect(renderColumns([['a', 'one two', '—'], ['bb', 'x', 'y']], [2, 3, 1], 1, 2)).toEqual(['  a  one —', '     two', '  bb x   y']);
  });
});
