#!/usr/bin/env bash
# The full demo on real components: a kind cluster (Kubernetes in Docker) and a local ECS emulator
# (moto, or LocalStack through ECS_ENDPOINT: see scripts/demo-moto.sh), both seeded with the demo
# scenario through the seeder the embedded demo uses, then the dashboard on them.
# Usage: scripts/demo-kind.sh [--no-dev]    (KIND_CLUSTER=parallax-demo MOTO_PORT=5000 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER="${KIND_CLUSTER:-parallax-demo}"
CONTEXT="kind-${CLUSTER}"
RUN_DEV=1
[[ "${1:-}" == "--no-dev" ]] && RUN_DEV=0

source scripts/demo-common.sh
need docker "kind runs Kubernetes in Docker: install Docker Engine or Docker Desktop (https://docs.docker.com/get-docker/)."
need kind "Install kind: https://kind.sigs.k8s.io/docs/user/quick-start/#installation (e.g. 'go install sigs.k8s.io/kind@latest' or 'brew install kind')."
docker info >/dev/null 2>&1 || { echo "demo: docker is installed but its engine does not answer ('docker info' fails): start Docker first." >&2; exit 1; }

if kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
  echo "demo: kind cluster ${CLUSTER} exists"
else
  echo "demo: creating kind cluster ${CLUSTER} (a minute or two)"
  kind create cluster --name "$CLUSTER" --wait 120s
fi
# kind writes its context into $KUBECONFIG or ~/.kube/config; the seeder reads the same file.
npm run --silent seed -- --kube-context "$CONTEXT"

PARALLAX_DEMO_PRINTED_ENV=1 PARALLAX_DEMO_NO_DEV=1 bash scripts/demo-moto.sh --no-dev

MOTO_PORT="${MOTO_PORT:-5000}"
ENDPOINT="${ECS_ENDPOINT:-http://127.0.0.1:${MOTO_PORT}}"
REGION="${AWS_REGION:-us-east-1}"
cat <<ENV

Demo seeded: Kubernetes context ${CONTEXT} and ECS on the emulator at ${ENDPOINT}.
To point Parallax at both, export:

  export KUBECONFIG=${KUBECONFIG:-$HOME/.kube/config}
  export PARALLAX_KUBE_CONTEXTS=${CONTEXT}
  export AWS_ENDPOINT_URL=${ENDPOINT}
  export AWS_REGION=${REGION}
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
  export PARALLAX_ECS_SECRET_HASHES=1   # the demo's secrets are fake: compare them by keyed hash

The pods pull ghcr.io/parallax-demo/* images that do not exist: on kind they stay in
ImagePullBackOff, which the dashboard shows as such. Drift compares intent, so it is unaffected.
Remove everything with: kind delete cluster --name ${CLUSTER}; then stop moto as printed above.

ENV

if [[ "$RUN_DEV" == 1 ]]; then
  export KUBECONFIG="${KUBECONFIG:-$HOME/.kube/config}" PARALLAX_KUBE_CONTEXTS="$CONTEXT"
  export AWS_ENDPOINT_URL="$ENDPOINT" AWS_REGION="$REGION"
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
  export PARALLAX_ECS_SECRET_HASHES="${PARALLAX_ECS_SECRET_HASHES:-1}"
  echo "demo: starting the dashboard (npm run dev)"
  exec npm run dev
fi
