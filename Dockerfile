# syntax=docker/dockerfile:1
# Parallax's container image: the Next.js standalone server (PARALLAX_STANDALONE=1, next.config.js)
# on Node 20, as a non-root user. No credentials are baked in: Kubernetes access comes from the pod's
# service account (or a mounted kubeconfig), AWS access from the task role (or any source the SDK's
# default chain reads), PARALLAX_TOKEN from a Secret at run time. With nothing configured it serves
# the embedded demo. Build: docker build -t parallax .   (see docs/DEPLOY.md)

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# The CLI is a file: dependency (package.json), so npm ci needs its package.json and bin.
COPY package.json package-lock.json ./
COPY cli ./cli
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 PARALLAX_STANDALONE=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node_modules/.bin/next build

FROM node:20-bookworm-slim AS run
WORKDIR /app
# HOSTNAME is where server.js listens (the container runtime sets it to the container's name, so it is
# set here and again in the manifests); HOST is what Parallax's own bind check and Host allow-list read.
# Listening on 0.0.0.0 makes the server refuse to start without PARALLAX_TOKEN (lib/security).
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 HOST=0.0.0.0 \
    HOME=/tmp XDG_CONFIG_HOME=/tmp/.config PARALLAX_STATE_DIR=/tmp/parallax
# Files owned by root and not writable by the server's user: it only needs to write .next/cache and
# /tmp, which the Kubernetes Deployment and the ECS task mount as scratch volumes (read-only root).
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
RUN mkdir -p .next/cache && chown 1000:1000 .next/cache
# The node image's unprivileged "node" user, by number so that runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
