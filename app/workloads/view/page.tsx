import type { Metadata } from 'next';
import { first, workloadTitle } from '@/lib/views/titles';
import { Suspense } from 'react';
import { WorkloadDetailView } from '@/components/workload-detail';
import { LoadingBlock } from '@/components/ui';

// /workloads/view?id=<encodeURIComponent(id)>: ids hold "/" and "%", so they travel as a query value.
type Params = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Params): Promise<Metadata> {
  return { title: workloadTitle(first((await searchParams).id)) };
}

export default function WorkloadPage() {
  return (
    <Suspense fallback={<LoadingBlock label="Loading workload" rows={10} />}>
      <WorkloadDetailView />
    </Suspense>
  );
}
