import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DriftView } from '@/components/drift-view';
import { LoadingBlock } from '@/components/ui';

// Filters live in the URL (useSearchParams), hence the Suspense boundary.
export const metadata: Metadata = { title: 'Drift' };

export default function DriftPage() {
  return (
    <Suspense fallback={<LoadingBlock label="Loading drift" rows={8} />}>
      <DriftView />
    </Suspense>
  );
}
