'use client';
// Tabs of an object page (Details / Raw), in the URL (?tab=raw) so a view can be linked.
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';

export function useTab<T extends string>(tabs: readonly T[]): T {
  const tab = useSearchParams().get('tab');
  return (tabs as readonly string[]).includes(tab ?? '') ? (tab as T) : tabs[0];
}

export function Tabs<T extends string>({ tabs, labels }: { tabs: readonly T[]; labels: Record<T, string> }) {
  const params = useSearchParams();
  const pathname = usePathname();
  const current = useTab(tabs);
  const hrefFor = (t: T) => {
    const p = new URLSearchParams(params.toString());
    if (t === tabs[0]) p.delete('tab');
    else p.set('tab', t);
    return `${pathname}?${p.toString()}`;
  };
  return (
    <div role="tablist" aria-label="Views" className="flex gap-1 border-b border-line">
      {tabs.map((t) => (
        <Link
          key={t}
          role="tab"
          aria-selected={t === current}
          href={hrefFor(t)}
          replace
          scroll={false}
          className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${t === current ? 'border-accent font-semibold' : 'border-transparent text-muted hover:text-fg'}`}
        >
          {labels[t]}
        </Link>
      ))}
    </div>
  );
}
