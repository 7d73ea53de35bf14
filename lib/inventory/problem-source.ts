import type { Source } from '@/lib/model';
import type { SourceAdapter, SourceSink } from './types';

/**
 * A source whose configuration could not be used (a broken kubeconfig, a malformed entry, an AWS
 * profile the SDK finds no credentials for). It is shown as down, "could not start", with the reason
 * and what to do, so that bad input is visible and loses nothing else.
 */
export function problemSource(p: {
  id: string; platform: Source['platform']; name: string; reason: string; hint?: string; connection?: Source['connection'];
}): SourceAdapter {
  const source: Source = {
    id: p.id, platform: p.platform, name: p.name, status: 'down', reason: p.reason, demo: false,
    notStarted: p.hint ? { hint: p.hint } : {},
    connection: p.connection ?? {}, coverage: [], errors: [], freshness: { mode: p.platform === 'kubernetes' ? 'watch' : 'poll' },
  };
  return {
    id: p.id,
    describe: () => source,
    start: async (_sink: SourceSink) => {},
    stop: async () => {},
  };
}
