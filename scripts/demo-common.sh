# shellcheck shell=bash
# Sourced by the demo scripts: tool checks that say what to install, and the npm dependencies.
need() { # need TOOL "how to install"
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "demo: '$1' not found. $2" >&2
    exit 1
  fi
}
need node "Install Node.js 20.9 or later: https://nodejs.org/"
need npm "npm comes with Node.js: https://nodejs.org/"
bash scripts/ensure-deps.sh
