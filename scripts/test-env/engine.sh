#!/usr/bin/env bash
# Make sure a Docker engine answers. Sourced by scripts/test.sh; also runnable alone:
#   bash scripts/test-env/engine.sh up     start one if none answers (left running)
# When sourced, a dockerd that this script started is stopped by stop_started_engine.
set -u

STARTED_DOCKERD_PID=""

engine_answers() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

ensure_engine() {
  if engine_answers; then
    echo "engine: a Docker engine already answers (DOCKER_HOST=${DOCKER_HOST:-default}); using it"
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "engine: no dockerd; installing docker.io from Debian"
    need_root "install docker.io" || return 1
    apt_install docker.io || return 1
  fi
  need_root "start dockerd" || return 1
  local log=${STAGEMAKER_DOCKERD_LOG:-/tmp/stagemaker-dockerd.log}
  echo "engine: starting dockerd (log: $log)"
  dockerd >"$log" 2>&1 &
  STARTED_DOCKERD_PID=$!
  for _ in $(seq 1 60); do
    engine_answers && { echo "engine: dockerd $STARTED_DOCKERD_PID is up"; return 0; }
    kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null || break
    sleep 1
  done
  echo "engine: dockerd did not come up; last lines of $log:" >&2
  tail -n 20 "$log" >&2
  return 1
}

stop_started_engine() {
  [ -n "$STARTED_DOCKERD_PID" ] || return 0
  echo "engine: stopping the dockerd this run started ($STARTED_DOCKERD_PID)"
  kill -TERM "$STARTED_DOCKERD_PID" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null || break; sleep 1; done
  STARTED_DOCKERD_PID=""
}

need_root() {
  [ "$(id -u)" = 0 ] && return 0
  echo "engine: cannot $1 without root; install Docker (https://docs.docker.com/engine/install/) and start it, then run again" >&2
  return 1
}

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq >/dev/null && APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-up}" in
    up) ensure_engine ;;
    *) echo "usage: $0 up" >&2; exit 2 ;;
  esac
fi
