'use client';
import { OVERVIEW_COLLECTIONS } from '@/lib/ui/queries';
import { CapacityChart, DesiredReadyChart, InstancesByStateChart } from './charts';
import { useNow, useSnapshot } from './data';
import { HealthCards } from './health-cards';
import { ConceptMatrix } from './matrix';
import { Card, Empty, ErrorNote, LoadingBlock, PageTitle, Skeleton } from './ui';

export function OverviewView() {
  const { data, error, isPending } = useSnapshot(OVERVIEW_COLLECTIONS);
  const now = useNow();
  if (isPending) {
    return (
      <div className="space-y-4">
        <PageTitle>Overview</PageTitle>
        <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">{[0, 1].map((i) => <Skeleton key={i} className="h-32" />)}</div>
        <LoadingBlock label="Loading the inventory" rows={8} />
      </div>
    );
  }
  if (!data) return <ErrorNote error={error} />;
  if (!data.sources.length) {
    return <Empty title="No sources configured">Set KUBECONFIG or AWS_REGION (see the README), or start without any to get the demo.</Empty>;
  }
  return (
    <div className="space-y-4">
      <PageTitle sub="one concept, two platforms">Overview</PageTitle>
      {error && <ErrorNote error={error} />}
      <HealthCards sources={data.sources} now={now} />
      <Card title="Concepts side by side">
        <ConceptMatrix snapshot={data} sources={data.sources} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Desired vs ready per workload"><DesiredReadyChart workloads={data.workloads} /></Card>
        <Card title="Instances by state per source"><InstancesByStateChart instances={data.instances} sources={data.sources} /></Card>
        <Card title="CPU requested vs allocatable per node"><CapacityChart nodes={data.nodes} resource="cpu" /></Card>
        <Card title="Memory requested vs allocatable per node"><CapacityChart nodes={data.nodes} resource="memory" /></Card>
      </div>
    </div>
  );
}
