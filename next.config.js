// Security headers for the paths proxy.ts does not run on (the build's static files). Everything
// else gets them from proxy.ts; the values are lib/security/headers.ts's (a test keeps them equal).
const NON_PROXIED_SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
];

// PARALLAX_STANDALONE=1 at build time (the container image, scripts/test.sh) adds a self-contained
// server in .next/standalone (server.js plus only the node_modules files it uses). Off by default so
// that `npm run build && npm start` stays plain `next start`, which warns on a standalone build.
const STANDALONE = process.env.PARALLAX_STANDALONE === '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  ...(STANDALONE ? {
    output: 'standalone',
    // Read at run time by path, so the tracer cannot see them: the embedded demo's scenario and the
    // Kubernetes simulator's fixed certificate (lib/sim/k8s/tls.ts looks in <cwd>/lib/sim/tls).
    outputFileTracingIncludes: { '/*': ['./scenarios/**/*', './lib/sim/tls/*.pem'] },
  } : {}),
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
