import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WorkloadsView } from '@/components/workloads-view';
import { LoadingBlock } from '@/components/ui';

export const metadata: Metadata = { title: 'Workloads' };

export default function WorkloadsPage() {
  // WorkloadsView reads its filter from the URL (useSearchParams): Next 16 needs a Suspense boundary.
  return (
    <Suspense fallback={<LoadingBlock label="Loading workloads" rows={10} />}>
      <WorkloadsView />
    </Suspense>
  );
}
