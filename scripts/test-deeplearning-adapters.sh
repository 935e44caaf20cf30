#!/usr/bin/env bash
# The deep-learning adapters' pytest (server-template/tests/frameworks/test_<x>_adapter.py) inside
# the trainer image that has the framework: `keras` (light, a phase of npm test), `torch` (Debian's
# python3-torch), or both by default. The Keras tests run on the NumPy backend, as the server does.
set -u
cd "$(dirname "$0")/.."
status=0
for trainer in "${@:-keras torch}"; do
  for t in $trainer; do
    read -r tag _ < <(npx tsx scripts/train-deeplearning.ts "$t" | tail -n 1) || { echo "$t trainer failed"; exit 1; }
    file=tests/frameworks/test_$([ "$t" = torch ] && echo pytorch || echo "$t")_adapter.py
    python=$([ "$t" = torch ] && echo python3 || echo python)
    docker run --rm --label com.stagemaker.test=deeplearning-adapters --network none \
      -v "$(pwd)/server-template:/opt/program:ro" -w /opt/program \
      -e PYTHONPATH=/opt/program -e PYTHONDONTWRITEBYTECODE=1 -e HOME=/tmp -e KERAS_BACKEND=numpy \
      --user "$(id -u):$(id -g)" --entrypoint "$python" "$tag" \
      -m pytest -q -p no:cacheprovider "$file" tests/frameworks/test_keras_pins.py || status=1
  done
done
exit $status
