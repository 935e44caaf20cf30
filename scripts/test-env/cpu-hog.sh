# Sourced by scripts/test.sh: `--busy` (or STAGEMAKER_TEST_BUSY=1) keeps every core busy for the
# whole run, to check that the suite stays green on a loaded machine. The hogs run at normal
# priority, one per core, and are ended (only they, by pid) when the script exits.
hog_pids=()

start_cpu_hog() {
  local cores
  cores=$(nproc 2>/dev/null || echo 2)
  for _ in $(seq "$cores"); do
    ( trap 'exit 0' TERM; while :; do :; done ) &
    hog_pids+=($!)
  done
  echo "busy machine: ${#hog_pids[@]} CPU hog(s) started (pids ${hog_pids[*]}); STAGEMAKER_TEST_TIME_FACTOR=${STAGEMAKER_TEST_TIME_FACTOR}"
}

stop_cpu_hog() {
  [ ${#hog_pids[@]} -eq 0 ] && return 0
  kill "${hog_pids[@]}" 2>/dev/null
  wait "${hog_pids[@]}" 2>/dev/null
  hog_pids=()
}
