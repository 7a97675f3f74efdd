#!/usr/bin/env bash
# Freeport overhead benchmark: the same wrk load against a fast local upstream directly and through Freeport.
# Usage: bench/run.sh [runs=3] [seconds=10]     (needs wrk: apt-get install wrk)
# Prints a markdown table of medians over the runs; raw lines go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
SECS=${2:-10}
UP_PORT=4091
GW_PORT=4090
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)"; exit 1; }

./mvnw -q -B -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test >/dev/null
JAVA=java
for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-21*; do
  if [ -n "$d" ] && [ -x "$d/bin/java" ]; then JAVA="$d/bin/java"; break; fi
done
CP="target/test-classes:target/classes:$(cat target/bench.cp)"
DATA=$(mktemp -d)
mkdir -p bench/results
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ).txt

"$JAVA" -XX:+UseSerialGC -Xmx256m -cp "$CP" dev.freeport.testing.FakeUpstream --port $UP_PORT --words 20 \
  > "$DATA/upstream.log" 2>&1 &
UP_PID=$!
BENCH_UPSTREAM_PORT=$UP_PORT BENCH_DATA_DIR=$DATA "$JAVA" -XX:+UseSerialGC -Xms64m -Xmx192m \
  -jar target/freeport.jar serve --config bench/freeport-bench.yaml > "$DATA/gateway.log" 2>&1 &
GW_PID=$!
trap 'kill $UP_PID $GW_PID 2>/dev/null || true; cp "$DATA"/*.log bench/results/ 2>/dev/null; rm -rf "$DATA"' EXIT
for i in $(seq 1 100); do
  if curl -s -o /dev/null "http://127.0.0.1:$GW_PORT/health" && grep -q listening "$DATA/upstream.log"; then break; fi
  sleep 0.2
done

cpu_ticks() { awk '{print $14 + $15}' /proc/$GW_PID/stat; }
hz=$(getconf CLK_TCK)

run() { # name conns stream target
  local name=$1 conns=$2 stream=$3 url=$4 model=$5
  local threads=$(( conns < 2 ? 1 : 2 ))
  local before after line
  before=$(cpu_ticks)
  line=$(BENCH_MODEL=$model BENCH_STREAM=$stream wrk -t$threads -c$conns -d${SECS}s --latency -s bench/chat.lua \
    "$url/v1/chat/completions" | grep '^BENCH')
  after=$(cpu_ticks)
  echo "$name conns=$conns stream=$stream $line gw_cpu_ticks=$((after - before))" | tee -a "$OUT"
}

# warm-up: the JIT (C2) keeps compiling the gateway's paths for ~30 s under load; measure after it settled
BENCH_MODEL=bench wrk -t2 -c32 -d20s -s bench/chat.lua "http://127.0.0.1:$GW_PORT/v1/chat/completions" >/dev/null
BENCH_MODEL=bench BENCH_STREAM=1 wrk -t2 -c32 -d15s -s bench/chat.lua "http://127.0.0.1:$GW_PORT/v1/chat/completions" >/dev/null
BENCH_MODEL=bench-upstream wrk -t2 -c32 -d3s -s bench/chat.lua "http://127.0.0.1:$UP_PORT/v1/chat/completions" >/dev/null

for r in $(seq 1 "$RUNS"); do
  for stream in 0 1; do
    for conns in 1 32; do
      run direct $conns $stream "http://127.0.0.1:$UP_PORT" bench-upstream
      run gateway $conns $stream "http://127.0.0.1:$GW_PORT" bench
    done
  done
done
RSS_KB=$(awk '/VmHWM/ {print $2}' /proc/$GW_PID/status)
echo "gateway_peak_rss_kb=$RSS_KB" | tee -a "$OUT"
python3 bench/summarize.py "$OUT" "$hz"
