#!/usr/bin/env bash
# `npm run dev` / `npm start`: serves the dashboard (PORT, default 3000; HOST, default 127.0.0.1, from
# the shell or .env files). Any other address than loopback needs PARALLAX_TOKEN (checked by
# scripts/check-bind.ts before Next starts). With no source configured it starts the embedded demo
# clusters (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
mode=${1:-dev}
bind=$(node_modules/.bin/tsx scripts/check-bind.ts "$mode") || exit 1
read -r host port <<<"$bind"
# The server checks again at start (instrumentation.ts) and takes HOST as its own address for the Host allow-list.
export HOST=$host PORT=$port
if [ "$mode" = start ] && [ ! -f .next/BUILD_ID ]; then
  echo "parallax: no production build yet, running next build first…"
  node_modules/.bin/next build
fi
exec node_modules/.bin/next "$mode" --hostname "$host" --port "$port"
