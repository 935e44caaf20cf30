# Shared by run.sh and real-model.sh: arithmetic, container addresses, wrk figures.
now() { date +%s.%N; }
calc() { awk "BEGIN { print ($1) }"; } # calc EXPR: float arithmetic and comparisons (1/0); parenthesised so ">" compares instead of redirecting
ip_of() { docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1"; }
ping_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://$1:8080/ping"; }
to_ms() { # wrk latency (850.00us, 1.65ms, 1.02s) -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0;
    else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) /2)]}'; }
load1() { cut -d' ' -f1 /proc/loadavg; } # the 1-minute load average, printed beside every figure
# wait_ready CID TIMEOUT_S -> seconds until the first 200 on /ping (non-zero status on timeout)
wait_ready() {
  local t0 ip
  t0=$(now); ip=$(ip_of "$1")
  until [ "$(ping_code "$ip")" = 200 ]; do
    if [ "$(calc "$(now) - $t0 > $2")" = 1 ]; then return 1; fi
    sleep 0.05
  done
  calc "$(now) - $t0"
}
# build_context DIR: the template as committed (no tests, caches, certs), plus the extra CA.
template_context() {
  mkdir -p "$1"
  tar -C server-template --exclude=__pycache__ --exclude=.mypy_cache --exclude=wheelhouse \
    --exclude=certs --exclude=tests -cf - . | tar -C "$1" -xf -
  add_ca "$1"
}
add_ca() { if [ -f "$ca_bundle" ]; then mkdir -p "$1/certs" && cp "$ca_bundle" "$1/certs/extra-ca.crt"; fi; }
