#!/usr/bin/env bash
# Make sure the template's base image (debian:bookworm-slim) exists on the engine.
# Pull it when a registry answers; otherwise build an equivalent offline, once, with
# debootstrap (minbase) + docker import. Later runs reuse the image.
set -u
BASE_IMAGE=${STAGEMAKER_BASE_IMAGE:-debian:bookworm-slim}

ensure_base_image() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    echo "base image: $BASE_IMAGE present"
    return 0
  fi
  echo "base image: trying to pull $BASE_IMAGE"
  if timeout 60 docker pull -q "$BASE_IMAGE" >/dev/null 2>&1; then return 0; fi
  echo "base image: cannot pull; building $BASE_IMAGE offline with debootstrap (about a minute, once)"
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap || return 1
  local root
  root=$(mktemp -d /tmp/stagemaker-rootfs.XXXXXX)
  local mirror
  mirror=$(debian_mirror)
  if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >/tmp/stagemaker-debootstrap.log 2>&1; then
    echo "base image: debootstrap failed; see /tmp/stagemaker-debootstrap.log" >&2
    rm -rf "$root"; return 1
  fi
  # Trim what the slim image also leaves out, and keep apt's lists empty as it does.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* "$root"/usr/share/man/*
  tar -C "$root" -c . | docker import \
    -c 'CMD ["bash"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "$BASE_IMAGE" >/dev/null || { rm -rf "$root"; return 1; }
  rm -rf "$root"
  echo "base image: $BASE_IMAGE built offline"
}

# The mirror this machine's apt already uses, so the image's apt sources work here too.
debian_mirror() {
  local m
  m=$(awk '/^URIs:/ {print $2}' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n1)
  if [ -z "$m" ]; then
    m=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -n1)
  fi
  echo "${m:-http://deb.debian.org/debian}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  . "$(dirname "$0")/engine.sh"
  ensure_base_image
fi
