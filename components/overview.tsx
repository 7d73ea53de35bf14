'use client';
import { CapacityChart, DesiredReadyChart, InstancesByStateChart } from './charts';
import { useNow, useOverview, useSources } from './data';
import { DriftCard } from './drift-card';
import { HealthCards } from './health-cards';
import { ConceptMatrix } from './matrix';
import { PinnedCard } from './pins';
import { Card, Empty, ErrorNote, LoadingBlock, PageTitle, Skeleton } from './ui';

export function OverviewView() {
  const { data, error, isPending } = useOverview();
  const setup = useSources().data;
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
      <PinnedCard />
      <HealthCards sources={data.sources} notConfigured={setup?.notConfigured} now={now} />
      <Card title="Concepts side by side">
        <ConceptMatrix matrix={data.matrix} sources={data.sources} />
      </Card>
      <DriftCard />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Desired vs ready per workload"><DesiredReadyChart chart={data.charts.desiredReady} /></Card>
        <Card title="Instances by state per source"><InstancesByStateChart chart={data.charts.instancesByState} /></Card>
        <Card title="CPU requested vs allocatable per node"><CapacityChart chart={data.charts.capacity} resource="cpu" /></Card>
        <Card title="Memory requested vs allocatable per node"><CapacityChart chart={data.charts.capacity} resource="memory" /></Card>
      </div>
    </div>
  );
}
