#!/usr/bin/env bash
# `docker run IMAGE serve` → first /ping 200, median of 3, and the image size, for built project
# images, each against the first pair (the reference) in the same run:
#   bash bench/intake/ping-after-run.sh IMAGE=ARTIFACTS_DIR [IMAGE=ARTIFACTS_DIR ...]
# (the fallback when `npm run bench:deeplearning` cannot finish on a loaded machine).
set -u
ref_ms=""; ref_size=""
for pair in "$@"; do
  image=${pair%%=*}; artifacts=${pair#*=}
  runs=()
  for i in 1 2 3; do
    t0=$(date +%s%N)
    c=$(docker run -d --label com.stagemaker.bench=ping-after-run -p 127.0.0.1::8080 -v "$artifacts:/opt/ml/model:ro" "$image" serve)
    port=$(docker port "$c" 8080 | head -1 | cut -d: -f2)
    until [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ping")" = 200 ]; do
      [ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 300000 ] && { echo "$image: no /ping 200 in 300 s"; break; }
      sleep 0.02 # polling interval
    done
    runs+=($(( ($(date +%s%N) - t0) / 1000000 )))
    docker rm -f "$c" >/dev/null
  done
  ms=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)
  size=$(docker image inspect -f '{{.Size}}' "$image")
  [ -z "$ref_ms" ] && { ref_ms=$ms; ref_size=$size; }
  printf '%-48s %6d MB (%.1fx)   docker run -> /ping 200: %6d ms (%.1fx)   runs: %s\n' "$image" $((size / 1000000)) \
    "$(echo "$size / $ref_size" | bc -l)" "$ms" "$(echo "$ms / $ref_ms" | bc -l)" "${runs[*]}"
done
