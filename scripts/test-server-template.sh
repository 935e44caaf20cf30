#!/usr/bin/env bash
# The server template's own suite, as `npm test` runs it on a fresh machine:
# builds both flavours (pip: pinned server deps from PyPI; debian: Debian's fastapi/uvicorn/
# pydantic 1.10) and the pip flavour with a user requirements.txt moving pydantic to 1.10, runs
# the template's pytest suite inside each built image, mypy + black + ruff,
# checks the layer order (an edit to model/ reuses every earlier layer), and runs `make it`
# against a live container. Prints `N passed, N failed` last; exits non-zero on any failure.
#
# Containers cannot verify PyPI's certificate here (a TLS-inspecting proxy), so the build context
# gets the host's CA bundle as certs/extra-ca.crt (STAGEMAKER_EXTRA_CA_CERTS overrides the path),
# exactly as the app does for its users. Images stay tagged (stagemaker-test/template:*) so the
# next run hits the layer cache.
set -u
cd "$(dirname "$0")/.."
repo=$(pwd)
template="$repo/server-template"
base_image=${STAGEMAKER_BASE_IMAGE:-debian:bookworm-slim}
ca_bundle=${STAGEMAKER_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
tag=stagemaker-test/template
label=com.stagemaker.test=server-template
work=$(mktemp -d /tmp/stagemaker-template-test.XXXXXX)

passed=0
failed=0
failures=()
cleanup() {
  docker ps -aq --filter "label=$label" | xargs -r docker rm -f >/dev/null 2>&1
  # Superseded builds of our tags (dangling, labelled by us); tagged ones stay as the cache.
  docker image prune -f --filter "label=$label" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

ok() { passed=$((passed + 1)); echo "  ok   $1"; }
bad() { failed=$((failed + 1)); failures+=("$1"); echo "  FAIL $1"; }
# step NAME COMMAND...: one check; its output goes to a log shown only on failure.
step() {
  local name=$1; shift
  local log="$work/step.log" t0=$SECONDS
  if "$@" >"$log" 2>&1; then ok "$name ($((SECONDS - t0)) s)"
  else bad "$name"; tail -n 40 "$log" | sed 's/^/       /'; fi
}
# counted NAME COMMAND...: a runner that prints its own `N passed, N failed` (pytest or ours).
counted() {
  local name=$1; shift
  local log="$work/$name.log" t0=$SECONDS rc
  "$@" >"$log" 2>&1; rc=$?
  local summary p f
  summary=$(grep -E '[0-9]+ (passed|failed)' "$log" | tail -n 1)
  p=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
  f=$(($(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0) + \
       $(grep -oE '[0-9]+ errors?' <<<"$summary" | grep -oE '[0-9]+' || echo 0)))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  echo "  ${name}: ${p} passed, ${f} failed ($((SECONDS - t0)) s)"
  if [ "$f" -ne 0 ]; then
    failures+=("$name"); grep -E 'FAILED|ERROR|Error|assert' "$log" | head -n 30 | sed 's/^/       /'
    tail -n 30 "$log" | sed 's/^/       /'
  fi
}

# Build contexts: the template as committed (no caches), plus the extra CA.
context() { # context DIR
  mkdir -p "$1"
  tar -C "$template" --exclude=__pycache__ --exclude=.mypy_cache --exclude=.pytest_cache \
    --exclude=.ruff_cache --exclude=wheelhouse --exclude=certs -cf - . | tar -C "$1" -xf -
  if [ -f "$ca_bundle" ]; then mkdir -p "$1/certs" && cp "$ca_bundle" "$1/certs/extra-ca.crt"; fi
}
build() { # build FLAVOUR DIR [NAME]: images $tag:NAME and $tag:NAME-dev (NAME defaults to FLAVOUR)
  local name=${3:-$1}
  docker build --label "$label" --build-arg "BASE_IMAGE=$base_image" \
    --build-arg "SERVER_DEPS=$1" -t "$tag:$name" "$2" &&
  docker build --label "$label" -f "$2/dev.Dockerfile" --build-arg "IMAGE=$tag:$name" \
    --build-arg "SERVER_DEPS=$1" -t "$tag:$name-dev" "$2"
}
pytest_in() { # pytest_in NAME
  docker run --rm --label "$label" -e STAGEMAKER_TEST_TIME_FACTOR -v "$template/tests:/opt/program/tests:ro" \
    -v "$template/deploy:/opt/program/deploy:ro" \
    "$tag:$1-dev" python -m pytest -q -p no:cacheprovider tests
}
pytest_handlers() { # the SageMaker script-mode tests, where numpy, scikit-learn and XGBoost are installed
  docker run --rm --label "$label" -e STAGEMAKER_TEST_TIME_FACTOR -v "$template/tests:/opt/program/tests:ro" \
    "$tag:pip-handler-dev" python -m pytest -q -p no:cacheprovider tests/handlers
}
lint() { # in the pip dev image, on the committed sources (read-only)
  docker run --rm --label "$label" -v "$template:/src:ro" -w /src "$tag:pip-dev" sh -c \
    'mypy --cache-dir /tmp/mypy server tools model tests && black --check . && ruff check --no-cache .'
}
# An edit to model/ must rebuild only the model/ layer (about a second).
model_edit_reuses_layers() {
  local dir="$work/edit"
  cp -r "$work/pip" "$dir"
  echo "# edited $(date +%s%N)" >>"$dir/model/predictor.py"
  local out
  out=$(docker build --label "$label" --build-arg "BASE_IMAGE=$base_image" -t "$tag:edit" "$dir") ||
    { echo "$out"; return 1; }
  docker rmi "$tag:edit" >/dev/null
  local fresh
  fresh=$(awk '/^Step /{ if (s != "" && !c) print s; s = $0; c = 0 } /Using cache/{ c = 1 }
               END { if (s != "" && !c) print s }' <<<"$out")
  echo "steps not from the cache:"; echo "$fresh"
  ! grep -vE ': (ARG|FROM) |COPY model/|EXPOSE|ENTRYPOINT|CMD|LABEL' <<<"$fresh" | grep -q .
}
# `make it` against a live container, then SIGTERM must stop it cleanly within 10 s.
live_container() {
  local cid port
  cid=$(docker run -d --label "$label" -p 127.0.0.1::8080 "$tag:pip" serve) || return 1
  port=$(docker port "$cid" 8080/tcp | head -n 1 | sed 's/.*://')
  local out rc t0 code p f
  out=$(MODEL_WAIT_SECONDS=30 make -s -C "$work/pip" it MODEL_URL="http://127.0.0.1:$port" 2>&1)
  rc=$?
  echo "$out"
  t0=$(date +%s%N)
  docker stop -t 30 "$cid" >/dev/null
  code=$(docker inspect -f '{{.State.ExitCode}}' "$cid")
  echo "SIGTERM: exit code $code after $((($(date +%s%N) - t0) / 1000000)) ms (must be 0, under 10 s)"
  docker rm -f "$cid" >/dev/null
  p=$(grep -oE '[0-9]+ passed' <<<"$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  f=$(grep -oE '[0-9]+ failed' <<<"$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  if [ "$code" -eq 0 ]; then p=$((p + 1)); else f=$((f + 1)); fi
  echo "$p passed, $f failed"
  [ "$rc" -eq 0 ] && [ "$f" -eq 0 ]
}
# The air-gapped path: wheels fetched on the host into wheelhouse/, then a build with no network
# at all (the apt layer comes from the cache of the pip build above).
wheelhouse_offline_build() {
  local dir="$work/wheelhouse"
  cp -r "$work/pip" "$dir"
  python3 -m pip download -q -d "$dir/wheelhouse" --only-binary=:all: --implementation cp \
    --platform "manylinux2014_$(uname -m)" --python-version 3.11 -r "$dir/server/requirements.txt" &&
  docker build --network none --label "$label" --build-arg "BASE_IMAGE=$base_image" \
    -t "$tag:wheelhouse" "$dir" &&
  docker run --rm --label "$label" --network none "$tag:wheelhouse" python -c \
    'import fastapi, pydantic, uvicorn, uvloop, httptools; print("pydantic", pydantic.VERSION)'
}
# Stagemaker's dev mode: model/ bind-mounted read-only, edited, SIGHUP to PID 1; /ping then shows
# a new X-Stagemaker-Server-Id and the invocation answers with the edited code.
dev_mode_reload() {
  local dir="$work/dev-model" cid port
  cp -r "$work/pip/model" "$dir"
  cid=$(docker run -d --label "$label" -p 127.0.0.1::8080 -v "$dir:/opt/program/model:ro" \
    "$tag:pip" serve) || return 1
  port=$(docker port "$cid" 8080/tcp | head -n 1 | sed 's/.*://')
  python3 - "$cid" "$port" "$dir/predictor.py" <<'PY'
import json, subprocess, sys, time, urllib.request
cid, port, predictor = sys.argv[1], sys.argv[2], sys.argv[3]
base = f"http://127.0.0.1:{port}"

def ping():
    try:
        with urllib.request.urlopen(base + "/ping", timeout=2) as r:
            return r.status, r.headers["X-Stagemaker-Server-Id"]
    except Exception:
        return None, None

def invoke():
    body = b'{"instances":[{"field1":"a","field2":1}]}'
    req = urllib.request.Request(base + "/invocations", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())["predictions"][0]["output_field"]

def wait(cond, what):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status, sid = ping()
        if status == 200 and cond(sid):
            return sid
        time.sleep(0.05)
    sys.exit(f"timed out waiting for {what}")

first = wait(lambda sid: True, "the first 200 on /ping")
assert invoke() == "a:2.0", invoke()
source = open(predictor).read().replace("self.factor = 2.0", "self.factor = 3.0")
open(predictor, "w").write(source)
t0 = time.monotonic()
subprocess.run(["docker", "kill", "-s", "HUP", cid], check=True, capture_output=True)
second = wait(lambda sid: sid != first, "a new server id after SIGHUP")
print(f"reloaded in {time.monotonic() - t0:.2f} s: server id {first} -> {second}")
assert invoke() == "a:3.0", invoke()
PY
  local rc=$?
  docker rm -f "$cid" >/dev/null
  return $rc
}
# The OpenAPI document tells the truth: schemathesis (its own image, never the shipped one) runs
# every check against a live pip-flavour container with a fixed seed and a bounded number of cases.
openapi_matches_server() {
  local st="$work/schemathesis" cid rc
  mkdir -p "$st/certs" && cp "$template/tests/schemathesis/"* "$st/"
  if [ -f "$ca_bundle" ]; then cp "$ca_bundle" "$st/certs/extra-ca.crt"; fi
  docker build -q --label "$label" --build-arg "BASE_IMAGE=$base_image" \
    -t stagemaker-test/schemathesis:latest "$st" || return 1
  cid=$(docker run -d --label "$label" "$tag:pip" serve) || return 1
  # The document names the model's fields once it has loaded: wait for /ping 200 first.
  docker exec "$cid" python -c 'import time, urllib.request
for _ in range(300):
    try:
        urllib.request.urlopen("http://127.0.0.1:8080/ping", timeout=1); break
    except Exception: time.sleep(0.1)' &&
  docker run --rm --label "$label" --network "container:$cid" stagemaker-test/schemathesis:latest \
    run http://127.0.0.1:8080/openapi.json --checks all --seed 1 --max-examples 25 --no-color
  rc=$?
  docker rm -f "$cid" >/dev/null
  return $rc
}
build_pydantic1() {
  build pip "$work/pydantic1" pip-pydantic1 &&
  docker run --rm --label "$label" "$tag:pip-pydantic1" python -c \
    'import pydantic; print("pydantic", pydantic.VERSION); assert pydantic.VERSION.startswith("1.10")'
}
sagemaker_label() {
  [ "$(docker image inspect -f \
    '{{index .Config.Labels "com.amazonaws.sagemaker.capabilities.accept-bind-to-port"}}' \
    "$tag:pip")" = true ] &&
  [ "$(docker image inspect -f '{{json .Config.Cmd}}' "$tag:pip")" = '["serve"]' ] &&
  docker run --rm --label "$label" --entrypoint sh "$tag:pip" -c 'command -v serve && test -x "$(command -v serve)"'
}

echo "server template: contexts in $work (extra CA: $ca_bundle)"
context "$work/pip"
context "$work/debian"
# The debian flavour also exercises the user apt layer and application/x-npy with Debian's numpy.
echo python3-numpy >>"$work/debian/system-packages.txt"
# Handler projects (SageMaker script mode): the handler tests need numpy, scikit-learn, XGBoost.
context "$work/handler"
printf 'numpy==2.2.6\nscipy==1.15.3\nscikit-learn==1.6.1\nxgboost-cpu==2.1.4\n' >>"$work/handler/requirements.txt"
# A user's requirements.txt that moves pydantic back to 1.10 must not break the server.
context "$work/pydantic1"
echo 'pydantic==1.10.*' >>"$work/pydantic1/requirements.txt"

step "build pip flavour (image + dev tools)" build pip "$work/pip"
step "build debian flavour (image + dev tools, python3-numpy)" build debian "$work/debian"
step "build pip flavour with requirements.txt pinning pydantic 1.10" build_pydantic1
step "build pip flavour with numpy, scikit-learn, XGBoost (handler scripts)" build pip "$work/handler" pip-handler
step "image: serve on PATH, CMD [serve], accept-bind-to-port label" sagemaker_label
step "layer order: a model/ edit rebuilds only the model/ layer" model_edit_reuses_layers
step "wheelhouse/ build with no network (air-gapped path)" wheelhouse_offline_build
step "dev mode: bind-mounted model/ edited, SIGHUP, new server id serves the edit" dev_mode_reload
counted "pytest-pip-flavour" pytest_in pip
counted "pytest-debian-flavour" pytest_in debian
counted "pytest-pip-flavour-user-pydantic-1.10" pytest_in pip-pydantic1
counted "pytest-handler-scripts" pytest_handlers
step "mypy, black, ruff" lint
step "schemathesis --checks all: /openapi.json matches the server (pip flavour)" openapi_matches_server
counted "make-it-live-container" live_container

echo
[ ${#failures[@]} -eq 0 ] || echo "server template FAILED: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
