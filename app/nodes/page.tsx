import { Suspense } from 'react';
import { NodesView } from '@/components/nodes-view';
import { LoadingBlock } from '@/components/ui';

export default function NodesPage() {
  return (
    <Suspense fallback={<LoadingBlock label="Loading nodes" rows={6} />}>
      <NodesView />
    </Suspense>
  );
}
