import type { Metadata } from 'next';
import { first, pairTitle } from '@/lib/views/titles';
import { Suspense } from 'react';
import { DriftPairView } from '@/components/drift-pair-view';
import { LoadingBlock } from '@/components/ui';

// /drift/pair?id=<encodeURIComponent(pair id)>#<encodeURIComponent(finding id)>: pair ids join two
// workload ids with "|", so they travel as a query value like workload ids do.
type Params = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Params): Promise<Metadata> {
  return { title: pairTitle(first((await searchParams).id)) };
}

export default function DriftPairPage() {
  return (
    <Suspense fallback={<LoadingBlock label="Loading the pair" rows={10} />}>
      <DriftPairView />
    </Suspense>
  );
}
