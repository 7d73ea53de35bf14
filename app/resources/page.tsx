import { Suspense } from 'react';
import { ResourcesView } from '@/components/resources-view';
import { LoadingBlock } from '@/components/ui';

export default function ResourcesPage() {
  return (
    <Suspense fallback={<LoadingBlock label="Loading" rows={8} />}>
      <ResourcesView />
    </Suspense>
  );
}
