#!/usr/bin/env bash
# The Python package's own suite (python/, `import stagemaker`), as a notebook user would have it:
# a clean virtual environment with scikit-learn and XGBoost from PyPI (python/requirements-test.txt;
# the venv is cached by a hash of that file, so only a change to it makes a new one), the package
# built as a wheel and installed from it, a `stagemaker` command on PATH for the shell checks, and
# the real Docker engine for the build/run/test path. Prints pytest's summary; exits non-zero on a failure.
set -u
cd "$(dirname "$0")/.."
repo=$(pwd)
requirements=python/requirements-test.txt
hash=$(sha256sum "$requirements" | cut -c1-16)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/stagemaker-test
venv=$cache/python-venv-$hash
work=$(mktemp -d /tmp/stagemaker-python-test.XXXXXX)
trap 'rm -rf "$work"' EXIT

# A venv is only trusted once its install finished (the marker); a broken one is made again.
if [ ! -f "$venv/.complete" ]; then
  echo "python package: making the test venv ($venv)"
  rm -rf "$venv"
  mkdir -p "$cache"
  python3 -m venv "$venv" || { echo "python package: python3 -m venv failed (install python3-venv)" >&2; exit 1; }
  "$venv/bin/pip" install --disable-pip-version-check -q -r "$requirements" || exit 1
  touch "$venv/.complete"
  # Older venvs of this suite (other requirement hashes) are not needed any more.
  find "$cache" -maxdepth 1 -name 'python-venv-*' ! -path "$venv" -exec rm -rf {} + 2>/dev/null
fi

# The wheel, built from a copy so the source tree gets no build/ or egg-info.
cp -r python "$work/src"
rm -rf "$work/src/build" "$work/src/src/"*.egg-info
"$venv/bin/python" -m build --wheel --no-isolation --outdir "$work/dist" "$work/src" >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; exit 1; }
"$venv/bin/pip" install --disable-pip-version-check -q --force-reinstall --no-deps "$work"/dist/stagemaker-*.whl || exit 1
echo "python package: installed $(basename "$work"/dist/stagemaker-*.whl)"

# `stagemaker` from the shell, as `npm link` would give it.
mkdir -p "$work/bin" "$work/state"
printf '#!/bin/sh\nexec node "%s/bin/stagemaker.mjs" "$@"\n' "$repo" >"$work/bin/stagemaker"
chmod 755 "$work/bin/stagemaker"

cd python
PATH="$work/bin:$venv/bin:$PATH" STAGEMAKER_STATE_DIR="$work/state" STAGEMAKER_TEST_WHEEL=1 \
  "$venv/bin/python" -m pytest -q -p no:cacheprovider --durations=5 tests
