#!/usr/bin/env bash
# The real-model scenario of `npm run bench:server`: a scikit-learn RandomForest on iris, trained
# here (in the MLflow image), served by the template (defaults; with STAGEMAKER_BATCHING=off
# beside it; optionally the template of another git ref, BENCH_BASELINE=main) and by MLflow's own
# `mlflow models serve` as the peer. All containers run at once; rounds interleave them. Each
# round loads each one with wrk: 1 and 64 instances per request at 16 connections, and a lone
# request (1 connection). Prints req/s, instances/s, p50, p99, the 1-minute load average taken
# before each figure, and the ratios to MLflow in the same run.
set -u
cd "$(dirname "$0")/../.."
seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-3}
baseline=${BENCH_BASELINE:-}
base_image=${STAGEMAKER_BASE_IMAGE:-debian:bookworm-slim}
ca_bundle=${STAGEMAKER_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
label=com.stagemaker.bench=server
. bench/server/lib.sh
work=$(mktemp -d /tmp/stagemaker-bench-real.XXXXXX)
cleanup() {
  docker ps -aq --filter "label=$label" --filter "label=com.stagemaker.bench.scenario=real" |
    xargs -r docker rm -f >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

echo "real model: building images (cached after the first run; MLflow's takes minutes)..."
mkdir -p "$work/mlflow" "$work/artifacts"
cp bench/server/mlflow/* "$work/mlflow/" && add_ca "$work/mlflow"
docker build -q --label "$label" --build-arg "BASE_IMAGE=$base_image" \
  -t stagemaker-bench/mlflow:latest "$work/mlflow" >/dev/null ||
  { echo "bench: building the MLflow image failed"; exit 1; }
# iris_image TEMPLATE_DIR TAG [FIELD]: the template with bench/server/iris as its model; FIELD
# (the baseline's): a line for its PredictorConfig, e.g. the example's max_batch_size of that ref
# (a template whose server had no default of its own called predict_batch once per instance).
iris_image() {
  rm -rf "$1/model" && cp -r bench/server/iris/model "$1/model" &&
  if [ -n "${3:-}" ] && [ "$3" != "max_batch_size: int = " ]; then
    sed -i "s|^    artifacts_dir: str = .*|&\n    $3|" "$1/model/predictor.py"
  fi &&
  cp bench/server/iris/requirements.txt "$1/requirements.txt" &&
  docker build -q --label "$label" --build-arg "BASE_IMAGE=$base_image" -t "$2" "$1" >/dev/null
}
template_context "$work/template"
iris_image "$work/template" stagemaker-bench/iris:template ||
  { echo "bench: building the template with the iris model failed"; exit 1; }
rows=("template (defaults)" "template, STAGEMAKER_BATCHING=off")
declare -A image_of env_of
image_of["template (defaults)"]=stagemaker-bench/iris:template
image_of["template, STAGEMAKER_BATCHING=off"]=stagemaker-bench/iris:template
env_of["template, STAGEMAKER_BATCHING=off"]="STAGEMAKER_BATCHING=off"
if [ -n "$baseline" ]; then
  mkdir -p "$work/baseline"
  git archive "$baseline" server-template | tar -C "$work/baseline" -xf - &&
    mv "$work/baseline/server-template" "$work/baseline/ctx" && rm -rf "$work/baseline/ctx/tests" &&
    add_ca "$work/baseline/ctx" && iris_image "$work/baseline/ctx" stagemaker-bench/iris:baseline \
      "max_batch_size: int = $(git show "$baseline:server-template/model/predictor.py" |
        sed -n 's/^ *max_batch_size: int = \([0-9]*\).*/\1/p' | head -n 1)" ||
    { echo "bench: building the template of $baseline failed"; exit 1; }
  rows+=("template of $baseline (defaults)")
  image_of["template of $baseline (defaults)"]=stagemaker-bench/iris:baseline
fi
peer="MLflow $(docker run --rm stagemaker-bench/mlflow:latest python -c 'import mlflow; print(mlflow.__version__)') models serve"
rows+=("$peer")
image_of[$peer]=stagemaker-bench/mlflow:latest

docker run --rm --label "$label" -v "$work/artifacts:/out" stagemaker-bench/mlflow:latest \
  python /opt/train.py /out | tail -n 1 || { echo "bench: training failed"; exit 1; }

# Request bodies: the template reads named fields, MLflow rows of numbers (the same values).
python3 - "$work" <<'PY'
import json, random, sys
random.seed(0)
rows = [[round(random.uniform(4, 8), 1), round(random.uniform(2, 4.5), 1),
         round(random.uniform(1, 7), 1), round(random.uniform(0.1, 2.5), 1)] for _ in range(64)]
names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
for n in (1, 64):
    bodies = {
        "template": {"instances": [dict(zip(names, r)) for r in rows[:n]]},
        "mlflow": {"instances": rows[:n]},
    }
    for who, body in bodies.items():
        with open(f"{sys.argv[1]}/{who}-{n}.lua", "w") as f:
            f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
            f.write(f"wrk.body = {json.dumps(json.dumps(body))}\n")
PY

declare -A cid_of startup
for row in "${rows[@]}"; do
  envs=(); for assignment in ${env_of[$row]:-}; do envs+=(-e "$assignment"); done
  cid_of[$row]=$(docker run -d --label "$label" --label com.stagemaker.bench.scenario=real \
    "${envs[@]}" -v "$work/artifacts:/opt/ml/model:ro" "${image_of[$row]}")
done
for row in "${rows[@]}"; do
  startup[$row]=$(wait_ready "${cid_of[$row]}" 600) || { echo "bench: $row never answered /ping"; exit 1; }
done

# The lone request goes first in each round: no backlog from a heavier load can reach it.
scenarios=("lone request: 1 instance, 1 connection" "1 instance per request, 16 connections" "64 instances per request, 16 connections")
declare -A instances_of connections_of
instances_of[${scenarios[0]}]=1; connections_of[${scenarios[0]}]=1
instances_of[${scenarios[1]}]=1; connections_of[${scenarios[1]}]=16
instances_of[${scenarios[2]}]=64; connections_of[${scenarios[2]}]=16
declare -A rps p50 p99 loads
for round in $(seq 1 "$rounds"); do
  for row in "${rows[@]}"; do
    ip=$(ip_of "${cid_of[$row]}")
    who=template; [ "$row" = "$peer" ] && who=mlflow
    for scenario in "${scenarios[@]}"; do
      n=${instances_of[$scenario]}; c=${connections_of[$scenario]}; t=$((c > 1 ? 2 : 1))
      script="$work/$who-$n.lua"; key="$row|$scenario"
      # A slow answer counts (wrk's default 2 s timeout would drop it); a busy machine is slow.
      wrk -t"$t" -c"$c" -d2s --timeout 10s -s "$script" "http://$ip:8080/invocations" >/dev/null # warm-up
      load=$(load1)
      out=$(wrk -t"$t" -c"$c" -d"${seconds}s" --timeout 10s --latency -s "$script" "http://$ip:8080/invocations")
      r=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      a=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
      b=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
      errors=$(awk '/Non-2xx|Socket errors/' <<<"$out" | tr '\n' ' ')
      printf 'round %d  %-38s %-42s %8.0f req/s %9.0f inst/s  p50 %7.2f ms  p99 %7.2f ms  load %s %s\n' \
        "$round" "$row" "$scenario" "$r" "$(calc "$r * $n")" "$a" "$b" "$load" "$errors"
      rps[$key]+="$r "; p50[$key]+="$a "; p99[$key]+="$b "; loads[$key]+="$load "
    done
  done
done

echo
echo "real model: RandomForest (100 trees) on iris, wrk ${seconds}s per figure after a 2 s warm-up, median of $rounds interleaved rounds, $(nproc) cores; load = median 1-minute load average before each figure"
for scenario in "${scenarios[@]}"; do
  n=${instances_of[$scenario]}
  echo
  echo "$scenario"
  printf '| %-38s | %8s | %11s | %7s | %7s | %6s | %13s |\n' "server" "req/s" "instances/s" "p50 ms" "p99 ms" "load" "vs MLflow"
  printf '| %-38s | %8s | %11s | %7s | %7s | %6s | %13s |\n' "---" "---:" "---:" "---:" "---:" "---:" "---:"
  peer_r=$(median "${rps[$peer|$scenario]}")
  for row in "${rows[@]}"; do
    key="$row|$scenario"; r=$(median "${rps[$key]}")
    printf '| %-38s | %8.0f | %11.0f | %7.2f | %7.2f | %6.2f | %12.2fx |\n' "$row" "$r" "$(calc "$r * $n")" \
      "$(median "${p50[$key]}")" "$(median "${p99[$key]}")" "$(median "${loads[$key]}")" "$(calc "$r / $peer_r")"
  done
done
echo
for row in "${rows[@]}"; do printf 'first 200 on /ping, all starting at once: %-38s %7.2f s\n' "$row" "${startup[$row]}"; done

verdict() { # verdict NAME MET(1/0) TEXT
  echo "$1: $3: $([ "$2" = 1 ] && echo met || echo NOT met)"
}
t="template (defaults)"; lone=${scenarios[0]}; s1=${scenarios[1]}; s64=${scenarios[2]}
r1=$(calc "$(median "${rps[$t|$s1]}") / $(median "${rps[$peer|$s1]}")")
q1=$(median "${p99[$t|$s1]}"); qp=$(median "${p99[$peer|$s1]}")
verdict "1 instance per request" "$(calc "($r1 >= 5) && ($q1 <= $qp)")" \
  "$(printf '%.2f' "$r1")x MLflow's instances/s (target >= 5x), p99 $q1 vs $qp ms (target no worse)"
r64=$(calc "$(median "${rps[$t|$s64]}") / $(median "${rps[$peer|$s64]}")")
verdict "64 instances per request" "$(calc "$r64 >= 2")" "$(printf '%.2f' "$r64")x MLflow's instances/s (target >= 2x)"
for ref in "template, STAGEMAKER_BATCHING=off" ${baseline:+"template of $baseline (defaults)"}; do
  a=$(median "${p50[$t|$lone]}"); b=$(median "${p50[$ref|$lone]}")
  verdict "lone request" "$(calc "$a <= $b * 1.1")" "p50 $a ms against $b ms for $ref (target within 10%)"
done
