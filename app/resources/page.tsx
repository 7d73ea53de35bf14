import type { Metadata } from 'next';
import { first, resourcesTitle } from '@/lib/views/titles';
import { Suspense } from 'react';
import { ResourcesView } from '@/components/resources-view';
import { LoadingBlock } from '@/components/ui';

type Params = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Params): Promise<Metadata> {
  return { title: resourcesTitle(first((await searchParams).kind)) };
}

export default function ResourcesPage() {
  return (
    <Suspense fallback={<LoadingBlock label="Loading" rows={8} />}>
      <ResourcesView />
    </Suspense>
  );
}
