import { OverviewView } from '@/components/overview';

export default function OverviewPage() {
  return <OverviewView />;
}
