#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package-lock.json, so that the
# README's commands work on a fresh clone. Never downloads a browser: Playwright uses Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
marker=node_modules/.package-lock.json
if [ ! -f "$marker" ] || [ package-lock.json -nt "$marker" ]; then
  echo "parallax: installing npm dependencies (npm ci)…"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
