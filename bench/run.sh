#!/usr/bin/env bash
# Freeport overhead benchmark: the same wrk load against a fast local upstream directly, through nginx, through a bare
# Vert.x relay (the framework's floor on this JVM) and through Freeport.
# Usage: bench/run.sh [runs=3] [seconds=10]     (needs wrk: apt-get install wrk)
# Prints a markdown table of medians over the runs; raw lines go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
SECS=${2:-10}
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)"; exit 1; }
. bench/lib.sh
UP_PORT=$BENCH_UP_PORT
GW_PORT=$BENCH_GW_PORT
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ).txt

bench_build
# the launcher's memory defaults, as a user runs it (FREEPORT_JAVA_OPTS adds to them)
bench_start

bench_start_nginx
NGINX_PORT=$BENCH_NGINX_PORT
bench_start_relay
RELAY_PORT=$BENCH_RELAY_PORT
KEY=$(bench_key)
[ -n "$KEY" ] || { echo "bench: could not create the benchmark key" >&2; exit 1; }
hz=$(getconf CLK_TCK)
LEADIN=${BENCH_LEADIN:-3} # seconds of unmeasured load on each path right before its measured window

run() { # name conns stream url model ticks-function [jit-ticks-function [ledger-ticks-function]]
  local name=$1 conns=$2 stream=$3 url=$4 model=$5 ticks=$6 jit=${7:-none} ledger=${8:-none}
  local threads=$(( conns < 2 ? 1 : 2 ))
  local before after jit_before jit_after ledger_before ledger_after line key=bench
  [ "$name" = gateway ] && key=$KEY
  # a lead-in, not measured: the path has been idle while the others ran, and its first requests after that take
  # branches the steady state does not (a new rate-limit minute, expired pooled connections; "Tenth pass")
  BENCH_KEY=$key BENCH_MODEL=$model BENCH_STREAM=$stream wrk -t$threads -c$conns -d"$LEADIN"s -s bench/chat.lua \
    "$url/v1/chat/completions" >/dev/null
  jit_before=$($jit)
  ledger_before=$($ledger)
  before=$($ticks)
  line=$(BENCH_KEY=$key BENCH_MODEL=$model BENCH_STREAM=$stream wrk -t$threads -c$conns -d${SECS}s --latency \
    -s bench/chat.lua "$url/v1/chat/completions" | grep '^BENCH')
  after=$($ticks)
  ledger_after=$($ledger)
  jit_after=$($jit)
  echo "$name conns=$conns stream=$stream $line cpu_ticks=$((after - before)) jit_ticks=$((jit_after - jit_before))" \
    "ledger_ticks=$((ledger_after - ledger_before))" \
    | tee -a "$OUT"
}
none() { echo 0; }

# Warm-up. The JIT (C2) keeps compiling a Java proxy's paths for ~30 s under load, and compiles again for a few
# seconds when new connections or a new kind of request first meet compiled code (a connection's first request takes
# branches the steady state never did: "made not entrant" en masse at the start of a wrk run). Each measured window
# opens new connections, so both Java proxies first see every kind of window once more after the long runs: what is
# measured is the steady state, and the third table says how much of it is still the JIT's.
warm() { # url model key: json and streams at 32 connections, then each kind of window on new connections
  local url=$1/v1/chat/completions model=$2 key=$3 spec c s d
  for spec in 32:0:20 32:1:15 1:0:4 32:0:4 1:1:4 32:1:4; do
    IFS=: read -r c s d <<<"$spec"
    BENCH_KEY=$key BENCH_MODEL=$model BENCH_STREAM=$s wrk -t$(( c < 2 ? 1 : 2 )) -c"$c" -d"$d"s -s bench/chat.lua "$url" \
      >/dev/null
  done
}
warm "http://127.0.0.1:$GW_PORT" bench "$KEY"
warm "http://127.0.0.1:$RELAY_PORT" bench-upstream bench
BENCH_MODEL=bench-upstream wrk -t2 -c32 -d3s -s bench/chat.lua "http://127.0.0.1:$NGINX_PORT/v1/chat/completions" >/dev/null

proxy() { # name conns stream
  case $1 in
    nginx) run nginx "$2" "$3" "http://127.0.0.1:$NGINX_PORT" bench-upstream bench_nginx_ticks ;;
    relay) run relay "$2" "$3" "http://127.0.0.1:$RELAY_PORT" bench-upstream bench_relay_ticks bench_relay_jit_ticks ;;
    gateway) run gateway "$2" "$3" "http://127.0.0.1:$GW_PORT" bench bench_cpu_ticks bench_gw_jit_ticks \
      bench_gw_ledger_ticks ;;
  esac
}
# Each round measures the direct upstream first, then the three proxies in an order that rotates from one round to the
# next (round 1: nginx, relay, Freeport; round 2: relay, Freeport, nginx; round 3: Freeport, nginx, relay), so that no
# proxy always runs in the same place after the others; summarize.py pairs each round's figures.
ORDERS=("nginx relay gateway" "relay gateway nginx" "gateway nginx relay")
for r in $(seq 1 "$RUNS"); do
  for stream in 0 1; do
    for conns in 1 32; do
      run direct $conns $stream "http://127.0.0.1:$UP_PORT" bench-upstream none
      for name in ${ORDERS[$(( (r - 1) % 3 ))]}; do
        proxy "$name" $conns $stream
      done
    done
  done
done
RSS_KB=$(awk '/VmHWM/ {print $2}' /proc/$GW_PID/status)
echo "gateway_peak_rss_kb=$RSS_KB" | tee -a "$OUT"
python3 bench/summarize.py "$OUT" "$hz"
