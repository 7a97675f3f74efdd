#!/usr/bin/env bash
# Where a request's cost goes, in figures that hold on a busy machine: bytes allocated per request (per thread
# group, from JFR), the sampled allocation sites, the execution samples by package and by this project's innermost
# frame, and CPU ticks per thread group from /proc/PID/task/*/stat.
# Usage: bench/profile.sh [seconds=15] [conns=32] [stream=0]
# Starts the fake upstream and the gateway as run.sh does (ports BENCH_UP_PORT/BENCH_GW_PORT, defaults 4191/4190
# here so that it can run beside run.sh), warms up for 30 s (BENCH_WARMUP=<seconds>: longer, e.g. on a loaded machine
# where C2 is still compiling after 30 s), then records JFR (settings=profile) during the load. BENCH_JFR=0: no JFR,
# only the CPU per thread group (starting a recording deoptimizes and compiles code of its own: the compiler
# threads' figure with JFR on is partly JFR's; BENCHMARKS.md, "Memory").
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
CONNS=${2:-32}
STREAM=${3:-0}
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)"; exit 1; }
export BENCH_UP_PORT=${BENCH_UP_PORT:-4191} BENCH_GW_PORT=${BENCH_GW_PORT:-4190}
. bench/lib.sh
bench_build
bench_start
KEY=$(bench_key)
URL="http://127.0.0.1:$BENCH_GW_PORT/v1/chat/completions"
BENCH_KEY=$KEY BENCH_MODEL=bench BENCH_STREAM=$STREAM wrk -t2 -c32 -d"${BENCH_WARMUP:-30}"s -s bench/chat.lua "$URL" >/dev/null

threads() { # "group ticks" per thread of the gateway, digits dropped from names
  for t in /proc/$GW_PID/task/*; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Z] (.*)$/\1|\2/' "$t/stat" 2>/dev/null
  done | awk -F'|' '{ split($2, f, " "); name=$1; gsub(/[-#]?[0-9]+/, "", name); gsub(/ /, "_", name)
    t[name] += f[11] + f[12] }
    END { for (n in t) print n, t[n] }' | sort
}
REC="$DATA/profile.jfr"
JFR=${BENCH_JFR:-1}
[ "$JFR" = 0 ] || jcmd "$GW_PID" JFR.start name=profile settings=profile filename="$REC" >/dev/null
threads > "$DATA/before"
WRK_THREADS=$(( CONNS < 2 ? 1 : 2 )) # wrk wants at least one connection per thread (a 1-connection run)
line=$(BENCH_KEY=$KEY BENCH_MODEL=bench BENCH_STREAM=$STREAM wrk -t"$WRK_THREADS" -c"$CONNS" -d"${SECS}"s -s bench/chat.lua "$URL" \
  | grep '^BENCH')
threads > "$DATA/after"
[ "$JFR" = 0 ] || jcmd "$GW_PID" JFR.stop name=profile >/dev/null
echo "$line"
requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")
hz=$(getconf CLK_TCK)
echo "CPU µs per request by thread group (ticks of $hz Hz):"
join -a1 "$DATA/after" "$DATA/before" | awk -v r="$requests" -v hz="$hz" \
  '{ d = $2 - ($3 == "" ? 0 : $3); all += d; if (d > 0) printf "  %8.1f  %s\n", d / hz * 1e6 / r, $1 }
   END { printf "  %8.1f  all threads\n", all / hz * 1e6 / r }' | sort -rn
[ "$JFR" = 0 ] && exit 0
"$JAVA" -cp "$CP" dev.freeport.bench.JfrSummary "$REC" "$requests" "${TOP:-25}"
mkdir -p bench/results
cp "$REC" "bench/results/profile-$(date -u +%Y%m%dT%H%M%SZ).jfr"
