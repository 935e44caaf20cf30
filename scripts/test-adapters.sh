#!/usr/bin/env bash
# The framework adapters (server-template/server/frameworks) against real models: trains the
# intake models in the pinned trainer image (frameworks, pydantic, black, ruff, mypy installed),
# then runs the template's tests/frameworks there with the models mounted: introspect, generate,
# import and run each generated predictor, its generated tests and the linters.
# Prints pytest's `N passed, N failed` last; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
read -r tag models < <(npx tsx scripts/train-intake-models.ts | tail -n 1) || { echo "training failed"; exit 1; }
trap 'rm -rf "$models"' EXIT
docker run --rm --label com.stagemaker.test=adapters --network none \
  -v "$(pwd)/server-template:/opt/program:ro" -v "$models:/models:ro" -w /opt/program \
  -e STAGEMAKER_MODELS=/models -e PYTHONPATH=/opt/program -e PYTHONDONTWRITEBYTECODE=1 -e HOME=/tmp \
  --user "$(id -u):$(id -g)" --entrypoint python "$tag" \
  -m pytest -q -p no:cacheprovider tests/frameworks
