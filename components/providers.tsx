'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { LiveUpdates } from './live';

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({
    defaultOptions: {
      queries: {
        // Freshness comes from the change stream, not from timers or window focus.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: 1,
        retryDelay: 1_000,
      },
    },
  }));
  return (
    <QueryClientProvider client={client}>
      <LiveUpdates>{children}</LiveUpdates>
    </QueryClientProvider>
  );
}
