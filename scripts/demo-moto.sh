#!/usr/bin/env bash
# The ECS half of the demo on a local ECS emulator: moto (moto_server, or its image motoserver/moto
# with Docker) on 127.0.0.1:5000 unless something already answers there, or any emulator already
# running at ECS_ENDPOINT (LocalStack, in the editions that include ECS: ECS_ENDPOINT=http://127.0.0.1:4566).
# Seeds the demo scenario into it (moto never starts a service's tasks, so the seeder does), and
# prints what to export before `npm run dev`.
# Usage: scripts/demo-moto.sh [--no-dev]    (MOTO_PORT=5000 AWS_REGION=us-east-1 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

MOTO_HOST=127.0.0.1
MOTO_PORT="${MOTO_PORT:-5000}"
REGION="${AWS_REGION:-us-east-1}"
ENDPOINT="${ECS_ENDPOINT:-http://${MOTO_HOST}:${MOTO_PORT}}"
MOTO_IMAGE="${MOTO_IMAGE:-motoserver/moto:latest}"
RUN_DEV=1
[[ "${1:-}" == "--no-dev" ]] && RUN_DEV=0

source scripts/demo-common.sh
need curl "Install curl (apt-get install curl / brew install curl)."

# moto answers its own /moto-api/ on the same port as the AWS APIs.
moto_up() { curl -sf -o /dev/null "${ENDPOINT}/moto-api/" ; }

SEED_ARGS=(--ecs-endpoint "$ENDPOINT" --region "$REGION")
if [[ -n "${ECS_ENDPOINT:-}" ]]; then
  # An emulator of the user's own (LocalStack...): used as it is; it runs services' tasks itself.
  curl -s -o /dev/null "$ENDPOINT" || { echo "demo: nothing answers at ECS_ENDPOINT=${ENDPOINT}" >&2; exit 1; }
  echo "demo: using the ECS emulator at ${ENDPOINT}"
elif moto_up; then
  echo "demo: moto already answers at ${ENDPOINT}"
  SEED_ARGS+=(--start-service-tasks)
else
  if command -v moto_server >/dev/null 2>&1; then
    LOG="${TMPDIR:-/tmp}/parallax-moto-${MOTO_PORT}.log"
    echo "demo: starting moto_server on ${ENDPOINT} (log: ${LOG})"
    nohup moto_server -H "$MOTO_HOST" -p "$MOTO_PORT" >"$LOG" 2>&1 &
    echo "demo: moto_server pid $! (stop it with: kill $!)"
  elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    echo "demo: starting moto's image ${MOTO_IMAGE} as container parallax-moto on ${ENDPOINT}"
    docker run -d --rm --name parallax-moto -p "${MOTO_HOST}:${MOTO_PORT}:5000" "$MOTO_IMAGE" >/dev/null
    echo "demo: stop it with: docker stop parallax-moto"
  else
    need moto_server "Install it with: pip install 'moto[server]', or start Docker to run its image (${MOTO_IMAGE})."
  fi
  for _ in $(seq 1 100); do moto_up && break; sleep 0.2; done
  moto_up || { echo "demo: moto did not come up at ${ENDPOINT}" >&2; exit 1; }
  SEED_ARGS+=(--start-service-tasks)
fi

AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}" \
  npm run --silent seed -- "${SEED_ARGS[@]}"

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
