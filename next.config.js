/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Kubernetes and AWS clients are Node libraries with optional native paths; keep them out of the bundle.
  serverExternalPackages: ['@kubernetes/client-node', '@aws-sdk/client-ecs', '@aws-sdk/client-ec2',
    '@aws-sdk/client-elastic-load-balancing-v2', '@aws-sdk/client-application-auto-scaling',
    '@aws-sdk/client-secrets-manager', '@aws-sdk/client-ssm'],
  poweredByHeader: false,
  reactStrictMode: true,
};
module.exports = nextConfig;
