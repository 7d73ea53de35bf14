import type { Source } from '@/lib/model';
import type { SourceAdapter, SourceSink } from './types';

/**
 * A source whose configuration could not be used (a broken kubeconfig, a malformed entry).
 * It is shown as down with the reason, so that bad input is visible and loses nothing else.
 */
export function problemSource(p: { id: string; platform: Source['platform']; name: string; reason: string }): SourceAdapter {
  const source: Source = {
    id: p.id, platform: p.platform, name: p.name, status: 'down', reason: p.reason, demo: false,
    connection: {}, coverage: [], errors: [], freshness: { mode: p.platform === 'kubernetes' ? 'watch' : 'poll' },
  };
  return {
    id: p.id,
    describe: () => source,
    start: async (_sink: SourceSink) => {},
    stop: async () => {},
  };
}
