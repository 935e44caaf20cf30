#!/usr/bin/env bash
# The one test command (`npm test`), for a fresh Debian machine or a developer's:
# installs what is missing (as root, via apt), starts a Docker engine when none answers and stops
# only the one it started, makes the base image offline when it cannot be pulled, then runs every
# suite: typecheck, unit and integration tests on the real engine, the server template's own tests
# (both flavours, inside the images they ship in), and the browser e2e suite.
#
#   npm test                 the whole suite
#   npm test -- --busy       the same with every core kept busy by a CPU hog (or STAGEMAKER_TEST_BUSY=1);
#                            time limits then grow by STAGEMAKER_TEST_TIME_FACTOR (default 3 when busy)
set -u
cd "$(dirname "$0")/.."
here=$(pwd)
. scripts/test-env/engine.sh
. scripts/test-env/base-image.sh
. scripts/test-env/tools.sh
. scripts/test-env/cpu-hog.sh

busy=${STAGEMAKER_TEST_BUSY:-0}
for arg in "$@"; do
  case $arg in
    --busy) busy=1 ;;
    *) echo "unknown option: $arg (known: --busy)" >&2; exit 2 ;;
  esac
done
started_at=$SECONDS

failed=()
passed=()
phase() { # phase NAME COMMAND...
  local name=$1; shift
  echo; echo "=== $name"
  local t0=$SECONDS
  if "$@"; then passed+=("$name"); echo "=== $name: passed ($((SECONDS - t0)) s)"
  else failed+=("$name"); echo "=== $name: FAILED ($((SECONDS - t0)) s)"; fi
}

trap 'stop_cpu_hog; stop_started_engine' EXIT INT TERM

ensure_node_modules || exit 1
ensure_host_tools || exit 1
ensure_engine || exit 1
ensure_base_image || exit 1
if [ "$busy" = 1 ]; then
  export STAGEMAKER_TEST_TIME_FACTOR=${STAGEMAKER_TEST_TIME_FACTOR:-3}
  start_cpu_hog
fi

phase typecheck npx tsc -p tsconfig.json --noEmit
phase "lint and layering (eslint, dependency-cruiser, template stands alone)" npm run --silent lint
phase "unit and integration (vitest, real engine)" npx vitest run
phase "server template (both flavours)" bash scripts/test-server-template.sh
phase "framework adapters against trained models" bash scripts/test-adapters.sh
phase "python package (stagemaker.scaffold: clean venv, built wheel, real engine)" bash scripts/test-python-package.sh
phase "Keras adapter in its trainer image (NumPy backend)" bash scripts/test-deeplearning-adapters.sh keras
if [ -f playwright.config.ts ]; then
  phase "e2e (browser face, Chromium)" npx playwright test
fi

echo
echo "suites passed: ${passed[*]:-none}"
[ ${#failed[@]} -eq 0 ] || echo "suites FAILED: ${failed[*]}"
echo "wall time: $((SECONDS - started_at)) s$([ "$busy" = 1 ] && echo " (both cores busy, time factor $STAGEMAKER_TEST_TIME_FACTOR)")"
echo "${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
