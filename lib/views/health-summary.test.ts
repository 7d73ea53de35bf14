import { describe, expect, it } from 'vitest';
import type { Source } from '@/lib/model';
import { healthSummary } from './health';

type S = Pick<Source, 'status' | 'notStarted'>;
const ok: S = { status: 'ok' };
const down: S = { status: 'down' };
const ghost: S = { status: 'down', notStarted: { hint: 'h' } };

describe('healthSummary', () => {
  it('is green only when every source is up', () => {
    expect(healthSummary([ok, ok], 0)).toMatchObject({ allUp: true, blind: false, tone: 'ok', text: 'all 2 sources up' });
    expect(healthSummary([ok], 0).text).toBe('the source is up');
  });

  it('counts a platform nobody configured and a source that could not start as not live', () => {
    expect(healthSummary([ok], 1)).toMatchObject({ allUp: false, blind: false, tone: 'warn', text: '1 of 2 up · 1 not configured' });
    expect(healthSummary([ok, ghost], 0)).toMatchObject({ allUp: false, blind: false, tone: 'bad', text: '1 of 2 up · 1 could not start' });
  });

  it('is blind (health 503) when nothing can be read: all down, could not start or not configured', () => {
    expect(healthSummary([ghost], 1)).toMatchObject({ blind: true, tone: 'bad', text: '0 of 2 up · 1 could not start · 1 not configured' });
    expect(healthSummary([down, down], 0)).toMatchObject({ blind: true, text: '0 of 2 up · 2 down' });
    // A first sync or a degraded source still reads something: not blind.
    expect(healthSummary([{ status: 'syncing' }, down], 0)).toMatchObject({ blind: false, tone: 'bad', text: '0 of 2 up · 1 down · 1 syncing' });
    expect(healthSummary([{ status: 'degraded' }], 0)).toMatchObject({ blind: false, tone: 'warn', text: '0 of 1 up · 1 degraded' });
    expect(healthSummary([{ status: 'syncing' }], 0)).toMatchObject({ blind: false, tone: 'info' });
  });
});
