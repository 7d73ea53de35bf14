#!/usr/bin/env bash
# The ECS half of the demo on moto (an AWS API emulator): starts moto_server on 127.0.0.1:5000
# unless something already answers there, seeds the demo scenario into it (moto never starts a
# service's tasks, so the seeder does), and prints what to export before `npm run dev`.
# Usage: scripts/demo-moto.sh [--no-dev]    (MOTO_PORT=5000 AWS_REGION=us-east-1 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

MOTO_HOST=127.0.0.1
MOTO_PORT="${MOTO_PORT:-5000}"
REGION="${AWS_REGION:-us-east-1}"
ENDPOINT="http://${MOTO_HOST}:${MOTO_PORT}"
RUN_DEV=1
[[ "${1:-}" == "--no-dev" ]] && RUN_DEV=0

source scripts/demo-common.sh
need curl "Install curl (apt-get install curl / brew install curl)."

# moto answers its own /moto-api/ on the same port as the AWS APIs.
moto_up() { curl -sf -o /dev/null "${ENDPOINT}/moto-api/" ; }

if moto_up; then
  echo "demo: moto already answers at ${ENDPOINT}"
else
  need moto_server "Install it with: pip install 'moto[server]'  (or run the image: docker run -p ${MOTO_PORT}:5000 motoserver/moto)"
  LOG="${TMPDIR:-/tmp}/parallax-moto-${MOTO_PORT}.log"
  echo "demo: starting moto_server on ${ENDPOINT} (log: ${LOG})"
  nohup moto_server -H "$MOTO_HOST" -p "$MOTO_PORT" >"$LOG" 2>&1 &
  echo "demo: moto_server pid $! (stop it with: kill $!)"
  for _ in $(seq 1 50); do moto_up && break; sleep 0.2; done
  moto_up || { echo "demo: moto_server did not come up; see ${LOG}" >&2; exit 1; }
fi

AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}" \
  npm run --silent seed -- --ecs-endpoint "$ENDPOINT" --region "$REGION" --start-service-tasks

if [[ "${PARALLAX_DEMO_PRINTED_ENV:-0}" != 1 ]]; then
  cat <<ENV

ECS demo seeded. To point Parallax at it, export:

  export AWS_ENDPOINT_URL=${ENDPOINT}
  export AWS_REGION=${REGION}
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
  export PARALLAX_ECS_SECRET_HASHES=1   # the demo's secrets are fake: compare them by keyed hash

ENV
fi

if [[ "$RUN_DEV" == 1 && "${PARALLAX_DEMO_NO_DEV:-0}" != 1 ]]; then
  export AWS_ENDPOINT_URL="$ENDPOINT" AWS_REGION="$REGION"
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
  export PARALLAX_ECS_SECRET_HASHES="${PARALLAX_ECS_SECRET_HASHES:-1}"
  echo "demo: starting the dashboard (npm run dev)"
  exec npm run dev
fi
