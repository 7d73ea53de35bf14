// Why a table is empty, so that "nothing here" never hides "nothing could be read": no source at
// all, the sources down (with the banner's reason), the first sync still running, the kind not
// covered, the filter hiding every row, or truly none. Each says a different thing.
import { type CollectionName, type NotConfigured, type Source } from '@/lib/model';
import { bannerText } from './health';
import { plural } from './format';

export type EmptyKind = 'no-source' | 'down' | 'syncing' | 'not-covered' | 'filtered' | 'empty';

export interface EmptyReason {
  kind: EmptyKind;
  title: string;
  detail: string;
  /** Banner texts of the sources that could not be read (down, could not start, kind not covered). */
  reasons: string[];
}

export interface EmptyInput {
  sources: Source[];
  notConfigured?: NotConfigured[];
  /** The model collections the table shows. */
  collections: readonly CollectionName[];
  /** "workloads", "nodes". */
  noun: string;
  /** Rows before the filter: more than zero means the filter hid them all. */
  total: number;
  /** Said when every source was read and there are truly none ("Fargate-only clusters have none"). */
  emptyNote?: string;
}

const notCoveredHere = (s: Source, collections: readonly string[]) =>
  s.coverage.filter((c) => (c.state === 'forbidden' || c.state === 'error') && c.collections.some((col) => collections.includes(col)));

export function emptyReason(o: EmptyInput): EmptyReason {
  const none = (kind: EmptyKind, title: string, detail: string, reasons: string[] = []): EmptyReason => ({ kind, title, detail, reasons });
  if (o.total > 0) return none('filtered', `No ${o.noun} match`, `The filter hides all ${plural(o.total, o.noun.replace(/s$/, ''), o.noun)}: change it or clear the facets.`);
  if (o.sources.length === 0) {
    return none('no-source', 'No source configured', (o.notConfigured ?? []).map((n) => n.hint).join('; ') || 'Set KUBECONFIG or AWS_REGION / AWS_PROFILE (see the Sources page), or start with nothing set for the demo.');
  }
  const syncing = o.sources.filter((s) => s.status === 'syncing');
  if (syncing.length) {
    return none('syncing', 'First sync running', `${plural(syncing.length, 'source')} still reading (${syncing.map((s) => s.name).join(', ')}): ${o.noun} appear as each finishes.`);
  }
  const down = o.sources.filter((s) => s.status === 'down');
  const uncovered = o.sources.filter((s) => s.status !== 'down' && notCoveredHere(s, o.collections).length);
  const blind = [...down, ...uncovered];
  if (blind.length) {
    const reasons = [
      ...down.map(bannerText),
      ...uncovered.map((s) => `${s.platform === 'ecs' ? 'ECS' : 'Kubernetes'} ${s.name}: ${notCoveredHere(s, o.collections).map((c) => `${c.kind} not covered${c.message ? ` (${c.message})` : ''}`).join('; ')}`),
    ];
    const read = o.sources.length - blind.length;
    const kind: EmptyKind = down.length ? 'down' : 'not-covered';
    return read === 0
      ? none(kind, `No ${o.noun} could be read`, down.length === o.sources.length ? `Every source is down.` : `No source could read ${o.noun}.`, reasons)
      : none(kind, `No ${o.noun} on the ${plural(read, 'source')} read`, `${plural(blind.length, 'source')} could not be read, so there may be ${o.noun} this does not show.`, reasons);
  }
  return none('empty', `No ${o.noun}`, `${o.sources.length === 1 ? 'The source was' : `All ${o.sources.length} sources were`} read: there are none.${o.emptyNote ? ` ${o.emptyNote}` : ''}`);
}
