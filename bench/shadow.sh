#!/usr/bin/env bash
# Shadow traffic's cost on the primary path: the same keyed load through a gateway without shadows
# (bench/freeport-bench.yaml) and one shadowing 5 % of its answers to a candidate alias
# (bench/freeport-bench-shadow.yaml), one after the other in the same run. Reports req/s, p50 and the gateway's CPU
# per primary request (the shadows' own work included: it is what the feature costs the process).
# Usage: bench/shadow.sh [runs=3] [seconds=8]     (needs wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
SECS=${2:-8}
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)"; exit 1; }
. bench/lib.sh
bench_build
hz=$(getconf CLK_TCK)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label config
  BENCH_CONFIG=$2 bench_start
  local key; key=$(bench_key)
  BENCH_KEY=$key BENCH_MODEL=bench wrk -t2 -c32 -d25s -s bench/chat.lua \
    "http://127.0.0.1:$BENCH_GW_PORT/v1/chat/completions" >/dev/null # JIT warm-up
  for conns in 1 32; do
    local rps="" p50="" cpu="" t0 t1 line
    for _ in $(seq "$RUNS"); do
      t0=$(bench_cpu_ticks)
      line=$(BENCH_KEY=$key BENCH_MODEL=bench wrk -t$(( conns < 2 ? 1 : 2 )) -c$conns -d${SECS}s -s bench/chat.lua \
        "http://127.0.0.1:$BENCH_GW_PORT/v1/chat/completions" | grep '^BENCH')
      t1=$(bench_cpu_ticks)
      local n; n=$(echo "$line" | sed 's/.*requests=\([0-9]*\).*/\1/')
      rps+="$(echo "$line" | sed 's/.*rps=\([0-9.]*\).*/\1/')"$'\n'
      p50+="$(echo "$line" | sed 's/.*p50_us=\([0-9]*\).*/\1/')"$'\n'
      cpu+="$(( (t1 - t0) * 1000000 / hz / n ))"$'\n'
    done
    echo "| $1 | $conns | $(printf '%s' "$rps" | median) | $(printf '%s' "$p50" | median) | $(printf '%s' "$cpu" | median) |"
  done
  bench_stop
  trap - EXIT
}
echo "| gateway | conns | req/s | p50 µs | CPU µs per primary request |"
echo "|---|---|---|---|---|"
measure "no shadow" bench/freeport-bench.yaml
measure "shadow 5 %" bench/freeport-bench-shadow.yaml
