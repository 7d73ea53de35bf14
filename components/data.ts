'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { driftPairQuery, driftQuery, driftSummaryQuery, overviewQuery, sourcesQuery, workloadQuery } from '@/components/queries';
import { useFallbackInterval } from './live';

export function useSources() {
  return useQuery(sourcesQuery());
}

export function useOverview() {
  const fallback = useFallbackInterval();
  return useQuery({ ...overviewQuery(), refetchInterval: fallback });
}

export function useWorkload(id: string) {
  const fallback = useFallbackInterval();
  return useQuery({ ...workloadQuery(id), refetchInterval: fallback });
}

// Drift queries poll on their own (parallax.yaml edits send no tick), so no fallback interval here.
export function useDrift() {
  return useQuery(driftQuery());
}

export function useDriftPair(id: string) {
  return useQuery(driftPairQuery(id));
}

export function useDriftSummary(workload?: string) {
  return useQuery(driftSummaryQuery(workload));
}

/** A clock for relative times ("3 s ago"), ticking every `ms`. */
export function useNow(ms = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
