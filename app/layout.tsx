import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { Providers } from '@/components/providers';
import { TopBar } from '@/components/shell';
import { THEME_SCRIPT } from '@/lib/ui/theme';
import { SourceBanners } from '@/components/banners';

export const metadata: Metadata = {
  title: 'Parallax',
  description: 'Kubernetes and Amazon ECS, side by side',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <Providers>
          <TopBar />
          <main id="main" className="mx-auto max-w-[1600px] px-4 py-4">
            <SourceBanners />
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
