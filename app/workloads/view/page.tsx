import { Suspense } from 'react';
import { WorkloadDetailView } from '@/components/workload-detail';
import { LoadingBlock } from '@/components/ui';

// /workloads/view?id=<encodeURIComponent(id)>: ids hold "/" and "%", so they travel as a query value.
export default function WorkloadPage() {
  return (
    <Suspense fallback={<LoadingBlock label="Loading workload" rows={10} />}>
      <WorkloadDetailView />
    </Suspense>
  );
}
