#!/usr/bin/env bash
# Do two workers share the load? serve's SO_REUSEPORT listeners (one per worker) against gunicorn
# with uvicorn workers (one shared socket), and the template of BENCH_BASELINE (e.g. main: one
# shared socket under serve) when given. Real model (run real-model.sh first: it builds the image
# stagemaker-bench/iris:template), 2 workers, wrk 16 connections, 1 instance per request.
# Prints req/s and each worker's share of the CPU time the workers used, per round.
#   bash bench/server/workers.sh      BENCH_SECONDS=10 BENCH_ROUNDS=3 BENCH_BASELINE=main
set -u
cd "$(dirname "$0")/../.."
seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-3}
label=com.stagemaker.bench=server
. bench/server/lib.sh
work=$(mktemp -d /tmp/stagemaker-bench-workers.XXXXXX)
cleanup() {
  docker ps -aq --filter "label=com.stagemaker.bench.scenario=workers" | xargs -r docker rm -f >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
docker image inspect stagemaker-bench/iris:template >/dev/null 2>&1 ||
  { echo "bench: run bench/server/real-model.sh first (it builds the iris images)"; exit 1; }
docker build -q --label "$label" --build-arg IMAGE=stagemaker-bench/iris:template \
  -t stagemaker-bench/iris:gunicorn bench/server/workers >/dev/null || exit 1
mkdir -p "$work/artifacts"
docker run --rm --label "$label" -v "$work/artifacts:/out" stagemaker-bench/mlflow:latest \
  python /opt/train.py /out >/dev/null || exit 1
python3 - "$work/body.lua" <<'PY'
import json, sys
body = {"instances": [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}]}
open(sys.argv[1], "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                             f"wrk.body = {json.dumps(json.dumps(body))}\n")
PY
rows=("serve, SO_REUSEPORT listener per worker" "gunicorn -k uvicorn.workers.UvicornWorker")
declare -A cmd_of image_of
image_of[${rows[0]}]=stagemaker-bench/iris:template; cmd_of[${rows[0]}]="serve"
image_of[${rows[1]}]=stagemaker-bench/iris:gunicorn
cmd_of[${rows[1]}]="gunicorn -k uvicorn.workers.UvicornWorker -w 2 -b 0.0.0.0:8080 gunicorn_app:app"
if [ -n "${BENCH_BASELINE:-}" ] && docker image inspect stagemaker-bench/iris:baseline >/dev/null 2>&1; then
  rows+=("serve of ${BENCH_BASELINE}: one shared socket"); image_of[${rows[2]}]=stagemaker-bench/iris:baseline
  cmd_of[${rows[2]}]="serve"
fi
for round in $(seq 1 "$rounds"); do
  for row in "${rows[@]}"; do
    # shellcheck disable=SC2086
    cid=$(docker run -d --label "$label" --label com.stagemaker.bench.scenario=workers \
      -e SAGEMAKER_MODEL_SERVER_WORKERS=2 -v "$work/artifacts:/opt/ml/model:ro" \
      -v "$(pwd)/bench/server/workers/cpu-share.py:/tmp/cpu-share.py:ro" ${image_of[$row]} ${cmd_of[$row]})
    wait_ready "$cid" 300 >/dev/null || { echo "bench: $row never answered /ping"; docker logs "$cid" | tail; exit 1; }
    ip=$(ip_of "$cid")
    # Both workers must have loaded: /ping on fresh connections lands on either.
    for _ in $(seq 1 30); do [ "$(ping_code "$ip")" = 200 ] || sleep 0.2; done
    before=$(docker exec "$cid" python /tmp/cpu-share.py)
    load=$(load1)
    out=$(wrk -t2 -c16 -d"${seconds}s" --latency -s "$work/body.lua" "http://$ip:8080/invocations")
    after=$(docker exec "$cid" python /tmp/cpu-share.py)
    docker rm -f "$cid" >/dev/null
    shares=$(join <(sort <<<"$before") <(sort <<<"$after") |
      awk '{ used[$1] = $3 - $2; total += $3 - $2 } END { for (p in used) printf "%.0f%% ", 100 * used[p] / (total ? total : 1) }')
    printf 'round %d  %-50s %7.0f req/s  p99 %7.2f ms  worker CPU shares: %s load %s\n' "$round" "$row" \
      "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")" "$shares" "$load"
  done
done
