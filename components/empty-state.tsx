// The empty table, saying why (lib/views/empty.ts): no source, sources down with the banner's
// reason, first sync running, not covered, filtered out, or truly none.
import Link from 'next/link';
import { emptyReason, type EmptyInput } from '@/lib/views/empty';
import { Empty } from './ui';

export function EmptyState(props: EmptyInput) {
  const why = emptyReason(props);
  return (
    <div data-testid="empty-state" data-kind={why.kind}>
      <Empty title={why.title}>
        <p>{why.detail}</p>
        {why.reasons.length > 0 && (
          <ul className="mt-2 space-y-1 text-left text-bad">
            {why.reasons.map((r) => <li key={r} className="break-words">{r}</li>)}
          </ul>
        )}
        {(why.kind === 'no-source' || why.reasons.length > 0) && <Link href="/sources" className="mt-2 inline-block text-accent hover:underline">Sources</Link>}
      </Empty>
    </div>
  );
}
