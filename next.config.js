// Security headers for the paths proxy.ts does not run on (the build's static files). Everything
// else gets them from proxy.ts; the values are lib/security/headers.ts's (a test keeps them equal).
const NON_PROXIED_SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Kubernetes and AWS clients are Node libraries with optional native paths; keep them out of the bundle.
  serverExternalPackages: ['@kubernetes/client-node', '@aws-sdk/client-ecs', '@aws-sdk/client-ec2',
    '@aws-sdk/client-elastic-load-balancing-v2', '@aws-sdk/client-application-auto-scaling',
    '@aws-sdk/client-secrets-manager', '@aws-sdk/client-ssm'],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return ['/_next/static/:path*', '/_next/image', '/favicon.ico', '/icon.svg']
      .map((source) => ({ source, headers: NON_PROXIED_SECURITY_HEADERS }));
  },
};
module.exports = nextConfig;
