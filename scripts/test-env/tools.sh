#!/usr/bin/env bash
# Host tools the tests need, installed via apt when missing (root only; otherwise say what to install).

ensure_node_modules() {
  if [ -d node_modules/.bin ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then return 0; fi
  echo "tools: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund >/tmp/stagemaker-npm-ci.log 2>&1 || { tail -n 30 /tmp/stagemaker-npm-ci.log >&2; return 1; }
}

ensure_host_tools() {
  local missing=()
  command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v make >/dev/null 2>&1 || missing+=(make)
  command -v git >/dev/null 2>&1 || missing+=(git)
  # export: artifacts over the threshold may go through Git LFS (app/core/export tests it).
  git lfs version >/dev/null 2>&1 || missing+=(git-lfs)
  # python/ (the notebook package) is tested in a venv made by the host's Python.
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3 python3-venv)
  [ ${#missing[@]} -eq 0 ] && return 0
  local uniq
  uniq=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  if [ "$(id -u)" != 0 ]; then
    echo "tools: missing $uniq; install them (e.g. sudo apt-get install $uniq) and run again" >&2
    return 1
  fi
  echo "tools: installing $uniq via apt"
  # shellcheck disable=SC2086
  apt_install $uniq
}
