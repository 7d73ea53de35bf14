#!/usr/bin/env bash
# `npm run dev` / `npm start`: serves the dashboard (PORT, default 3000; HOST, default 127.0.0.1).
# With no source configured it starts the embedded demo clusters (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
mode=${1:-dev}
if [ "$mode" = start ] && [ ! -f .next/BUILD_ID ]; then
  echo "parallax: no production build yet, running next build first…"
  node_modules/.bin/next build
fi
exec node_modules/.bin/next "$mode" --hostname "${HOST:-127.0.0.1}" --port "${PORT:-3000}"
