import { Suspense } from 'react';
import { ObjectDetailView } from '@/components/object-detail';
import { LoadingBlock } from '@/components/ui';

// /resources/view?id=<encodeURIComponent(id)>[&tab=raw]: one object of any concept.
export default function ObjectPage() {
  return (
    <Suspense fallback={<LoadingBlock label="Loading object" rows={8} />}>
      <ObjectDetailView />
    </Suspense>
  );
}
