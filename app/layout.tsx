import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import './globals.css';
import { Providers } from '@/components/providers';
import { TopBar } from '@/components/shell';
import { THEME_SCRIPT } from '@/components/theme';
import { SourceBanners } from '@/components/banners';
import { LoginScreen, RefusedScreen } from '@/components/login-screen';
import { decideAccess, loginScreenState } from '@/lib/security/access';
import { currentConfig, requestFacts } from '@/lib/security/guard';

export const metadata: Metadata = {
  // Each page names itself: "Workloads · Parallax", "web · Workloads · Parallax" (lib/views/titles.ts).
  title: { default: 'Parallax', template: '%s · Parallax' },
  description: 'Kubernetes and Amazon ECS, side by side',
};

// Reading the request makes every page dynamic, which the CSP nonce needs anyway (a static page
// cannot carry a per-request nonce). The access decision is the proxy's again, so a page is never
// rendered for a request the proxy should have stopped.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const h = await headers();
  const nonce = h.get('x-nonce') ?? undefined;
  const config = currentConfig();
  const access = decideAccess(requestFacts('GET', h), config);
  let body: ReactNode;
  if (access.ok) {
    body = (
      <Providers>
        <TopBar signedIn={access.via === 'cookie'} />
        <main id="main" className="mx-auto max-w-[1600px] px-4 py-4">
          <SourceBanners />
          {children}
        </main>
      </Providers>
    );
  } else if (access.status === 401) {
    body = <LoginScreen {...loginScreenState(h.get('x-parallax-url'))} />;
  } else {
    body = <RefusedScreen error={access.error} detail={access.detail} />;
  }
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">{body}</body>
    </html>
  );
}
