#!/usr/bin/env bash
# Where a request's cost goes in the WHOLE process, kernel included (JFR sees Java frames only): the gateway's user
# and system CPU per request, and a `perf record -g` of it under load, with the JIT's methods named through
# `jcmd PID Compiler.perfmap`. Prints the split by thread, by shared object (kernel, JIT code, libc, libjvm,
# SQLite, vdso), the kernel's paths (io_uring sends and receives) and the top symbols.
# Usage: bench/perf.sh [seconds=8] [conns=32] [stream=0]; needs perf (apt-get install linux-perf) and root or
# kernel.perf_event_paranoid <= 1. Ports as profile.sh (BENCH_UP_PORT/BENCH_GW_PORT, defaults 4191/4190).
# Perf names a compiled method by its root: code the JIT inlined into it is counted there (JFR is right about
# Java frames; this is right about the kernel and native code).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-8}
CONNS=${2:-32}
STREAM=${3:-0}
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)"; exit 1; }
command -v perf >/dev/null || { echo "bench: needs perf (apt-get install linux-perf)"; exit 1; }
export BENCH_UP_PORT=${BENCH_UP_PORT:-4191} BENCH_GW_PORT=${BENCH_GW_PORT:-4190}
# frame pointers in compiled code, so that perf can walk Java stacks
export FREEPORT_JAVA_OPTS="${FREEPORT_JAVA_OPTS:-} -XX:+PreserveFramePointer"
. bench/lib.sh
bench_build
bench_start
KEY=$(bench_key)
URL="http://127.0.0.1:$BENCH_GW_PORT/v1/chat/completions"
WRK_THREADS=$(( CONNS < 2 ? CONNS : 2 ))
load() { BENCH_KEY=$KEY BENCH_MODEL=bench BENCH_STREAM=$STREAM wrk -t"$WRK_THREADS" -c"$CONNS" -d"$1"s \
  -s bench/chat.lua "$URL"; }
load "${BENCH_WARMUP:-30}" >/dev/null
read -r u0 s0 < <(awk '{print $14, $15}' "/proc/$GW_PID/stat")
load $((SECS + 2)) | grep '^BENCH' > "$DATA/line" &
WRK_PID=$!
sleep 1
perf record -q -F 1999 -g -p "$GW_PID" -o "$DATA/perf.data" -- sleep "$SECS" 2>/dev/null
wait "$WRK_PID"
read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$GW_PID/stat")
jcmd "$GW_PID" Compiler.perfmap >/dev/null
cat "$DATA/line"
requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' "$DATA/line")
hz=$(getconf CLK_TCK)
awk -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v r="$requests" -v hz="$hz" \
  'BEGIN { printf "CPU µs per request (the whole load, all threads): user %.1f, system %.1f\n", u/hz*1e6/r, s/hz*1e6/r }'
perf script -i "$DATA/perf.data" -F comm,ip,sym,dso 2>/dev/null > "$DATA/perf.txt"
python3 bench/perf_summary.py "$DATA/perf.txt" "${TOP:-25}"
mkdir -p bench/results
cp "$DATA/perf.txt" "bench/results/perf-$(date -u +%Y%m%dT%H%M%SZ).txt"
