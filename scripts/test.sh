#!/usr/bin/env bash
# `npm test`: the whole suite. Unit, adapter and simulator-fidelity tests (vitest; kubectl, the aws
# CLI and moto_server are used where installed and skipped with a message where not, except under
# CI=true where they are required), then the production build (with the standalone server, which
# scripts/check-standalone.mjs starts as the container image does) and the Playwright e2e suite in
# Debian's Chromium. Ends with one line "parallax: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
bash scripts/ensure-deps.sh || exit 1
mkdir -p test-results
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
status=0

echo "== unit, adapter and simulator tests (vitest)"
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1

echo "== typecheck"
node_modules/.bin/tsc --noEmit -p . || status=1

if [ -x "$chromium" ]; then
  echo "== production build"
  # Next keeps an incremental type-check state that can go stale across type changes.
  rm -f .next/cache/.tsbuildinfo
  # Standalone too (next.config.js): one build serves both the image's server.js check and the e2e
  # suite's `npm start` (which then logs Next's warning that standalone builds run as server.js).
  if PARALLAX_STANDALONE=1 node_modules/.bin/next build; then
    echo "== standalone server (the container image's entry point)"
    node scripts/check-standalone.mjs || status=1
    echo "== end to end (Playwright, $chromium)"
    PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json \
      node_modules/.bin/playwright test --reporter=list,json || status=1
  else
    status=1
  fi
elif [ "${CI:-}" = "true" ]; then
  echo "parallax: Chromium not found at $chromium: CI requires it (apt-get install -y chromium)" >&2
  status=1
else
  echo "parallax: SKIPPED the e2e suite: Chromium not found at $chromium (apt-get install -y chromium, or set CHROMIUM_PATH)"
fi

node scripts/test-summary.mjs test-results/vitest.json test-results/playwright.json
exit $status
