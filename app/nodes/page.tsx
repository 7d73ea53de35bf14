import type { Metadata } from 'next';
import { Suspense } from 'react';
import { NodesView } from '@/components/nodes-view';
import { LoadingBlock } from '@/components/ui';

export const metadata: Metadata = { title: 'Nodes' };

export default function NodesPage() {
  return (
    <Suspense fallback={<LoadingBlock label="Loading nodes" rows={6} />}>
      <NodesView />
    </Suspense>
  );
}
