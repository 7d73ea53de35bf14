import type { Metadata } from 'next';
import { OverviewView } from '@/components/overview';

// The root layout's title template applies to child segments only, so this page spells it out.
export const metadata: Metadata = { title: { absolute: 'Overview · Parallax' } };

export default function OverviewPage() {
  return <OverviewView />;
}
