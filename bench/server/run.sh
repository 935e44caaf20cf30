#!/usr/bin/env bash
# Throughput of the server template, in two scenarios (BENCH_SCENARIOS="toy real"):
# - toy: the template's example model against SageMaker's bring-your-own reference stack
#   (nginx -> gunicorn (sync workers = cores) -> flask, from Debian's packages, same toy model).
#   Each image is loaded in turn, in the same run, by wrk (16 connections, BENCH_SECONDS >= 10 s,
#   BENCH_ROUNDS rounds alternating the images; the median round counts), straight at the
#   container's address (no docker-proxy in the path). Also: seconds from `docker run` to the
#   first 200 on /ping, and seconds to rebuild after an edit to model/.
# - real: a RandomForest on iris against MLflow's `mlflow models serve` (real-model.sh).
#   npm run bench:server            BENCH_SECONDS=10 BENCH_ROUNDS=3 BENCH_FLAVOURS="pip debian"
#   BENCH_VARIANTS="SAGEMAKER_MODEL_SERVER_WORKERS=2;STAGEMAKER_HTTP=h11 STAGEMAKER_LOOP=asyncio"
#     adds toy rows for the pip flavour run with those environment variables (';' between them).
#   BENCH_BASELINE=main adds a real-model row for the template of that git ref.
set -u
cd "$(dirname "$0")/../.."
repo=$(pwd)
seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-3}
flavours=${BENCH_FLAVOURS:-pip debian}
scenarios=${BENCH_SCENARIOS:-toy real}
base_image=${STAGEMAKER_BASE_IMAGE:-debian:bookworm-slim}
ca_bundle=${STAGEMAKER_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
label=com.stagemaker.bench=server
work=$(mktemp -d /tmp/stagemaker-bench.XXXXXX)
cleanup() {
  docker ps -aq --filter "label=$label" | xargs -r docker rm -f >/dev/null 2>&1
  docker image prune -f --filter "label=$label" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
. bench/server/lib.sh
for tool in wrk curl; do
  command -v $tool >/dev/null || { echo "bench: $tool is not installed (apt-get install $tool)"; exit 1; }
done
[ "$seconds" -ge 10 ] || { echo "bench: BENCH_SECONDS must be at least 10"; exit 1; }
if [[ " $scenarios " != *" toy "* ]]; then exec bash bench/server/real-model.sh; fi

cat >"$work/invoke.lua" <<'EOF'
wrk.method = "POST"
wrk.body = '{"instances":[{"field1":"asdf","field2":1.2}]}'
wrk.headers["Content-Type"] = "application/json"
EOF

echo "building images (cached after the first run)..."
template_context "$work/ctx"
images=()
declare -A image_of env_of
for flavour in $flavours; do
  docker build -q --label "$label" --build-arg "BASE_IMAGE=$base_image" \
    --build-arg "SERVER_DEPS=$flavour" -t "stagemaker-bench/template:$flavour" "$work/ctx" >/dev/null 2>&1 ||
    { echo "bench: building the $flavour flavour failed"; exit 1; }
  images+=("stagemaker-bench/template:$flavour")
  image_of["stagemaker-bench/template:$flavour"]="stagemaker-bench/template:$flavour"
done
IFS=';' read -r -a variants <<<"${BENCH_VARIANTS:-}"
for variant in "${variants[@]}"; do
  [ -n "${variant// /}" ] || continue
  name="template:pip $variant"
  images+=("$name"); image_of[$name]="stagemaker-bench/template:pip"; env_of[$name]=$variant
done
docker build -q --label "$label" --build-arg "BASE_IMAGE=$base_image" \
  -t stagemaker-bench/reference:latest bench/server/reference >/dev/null 2>&1 ||
  { echo "bench: building the reference failed"; exit 1; }
reference=stagemaker-bench/reference:latest
images+=("$reference"); image_of[$reference]=$reference

# start ROW -> prints "cid seconds-to-first-200"
start() {
  local t0 cid ip t1 envs=()
  for assignment in ${env_of[$1]:-}; do envs+=(-e "$assignment"); done
  t0=$(now)
  cid=$(docker run -d --label "$label" "${envs[@]}" "${image_of[$1]}" serve)
  ip=$(ip_of "$cid")
  until [ "$(ping_code "$ip")" = 200 ]; do
    if [ "$(calc "$(now) - $t0 > 60")" = 1 ]; then echo "$cid timeout"; return 1; fi
    sleep 0.01
  done
  t1=$(now)
  echo "$cid $(calc "$t1 - $t0")"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A rps p50 p99 startup
for image in "${images[@]}"; do
  read -r cid s <<<"$(start "$image")"
  startup[$image]=$s
  docker rm -f "$cid" >/dev/null
done

for round in $(seq 1 "$rounds"); do
  for image in "${images[@]}"; do
    read -r cid _ <<<"$(start "$image")"
    ip=$(ip_of "$cid")
    wrk -t2 -c16 -d2s -s "$work/invoke.lua" "http://$ip:8080/invocations" >/dev/null # warm-up
    out=$(wrk -t2 -c16 -d"${seconds}s" --latency -s "$work/invoke.lua" "http://$ip:8080/invocations")
    docker rm -f "$cid" >/dev/null
    r=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    a=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
    b=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
    printf 'round %d  %-60s %9.0f req/s  p50 %6.2f ms  p99 %7.2f ms %s\n' "$round" "$image" "$r" "$a" "$b" "$errors"
    rps[$image]+="$r "; p50[$image]+="$a "; p99[$image]+="$b "
  done
done

echo
echo "load average before the toy run: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews every figure)"
echo "server throughput: wrk -t2 -c16 -d${seconds}s, POST /invocations (one instance), median of $rounds rounds, $(nproc) cores"
printf '%-60s %10s %9s %9s %8s %12s\n' image "req/s" "p50 ms" "p99 ms" "ratio" "ping 200 s"
ref_rps=$(median "${rps[$reference]}")
ref_p99=$(median "${p99[$reference]}")
verdict=0
for image in "${images[@]}"; do
  r=$(median "${rps[$image]}"); b=$(median "${p99[$image]}")
  ratio=$(calc "int($r / $ref_rps * 100 + 0.5) / 100")
  printf '%-60s %10.0f %9.2f %9.2f %7.2fx %12.2f\n' "$image" "$r" "$(median "${p50[$image]}")" "$b" "$ratio" "${startup[$image]}"
done
echo
for image in "${images[@]}"; do
  [ "$image" = "$reference" ] && continue
  r=$(median "${rps[$image]}"); b=$(median "${p99[$image]}")
  ratio=$(calc "int($r / $ref_rps * 100 + 0.5) / 100")
  meets=$(calc "($ratio >= 2) && ($b <= $ref_p99)")
  fast=$(calc "${startup[$image]} <= 1")
  echo "$image: throughput ${ratio}x the reference (target >= 2x), p99 $b vs $ref_p99 ms (target no worse): $([ "$meets" = 1 ] && echo met || echo NOT met); first 200 on /ping after $(printf '%.2f' "${startup[$image]}") s (target <= 1 s): $([ "$fast" = 1 ] && echo met || echo NOT met)"
done

# An edit to model/ rebuilds only the last layer.
echo "# bench edit $(date +%s%N)" >>"$work/ctx/model/predictor.py"
t0=$(now)
docker build -q --label "$label" --build-arg "BASE_IMAGE=$base_image" -t stagemaker-bench/template:edit "$work/ctx" >/dev/null 2>&1
echo "rebuild after an edit to model/: $(calc "$(now) - $t0" | xargs printf '%.2f') s"
docker rmi stagemaker-bench/template:edit >/dev/null

if [[ " $scenarios " == *" real "* ]]; then
  echo
  bash bench/server/real-model.sh
fi
