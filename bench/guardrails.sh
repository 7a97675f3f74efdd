#!/usr/bin/env bash
# Guardrails throughput (JMH): all detectors over ~64 KB each of prose, code and JSON from this repository, a full
# apply on a chat body, and apply with an empty plan. Usage: bench/guardrails.sh [JMH options, e.g. -f 1 -wi 2 -i 3]
# Prints JMH's table, then MB/s per input.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_jmh guardrails dev/freeport/guardrails/bench/GuardrailsBench.java "$@"
# MB/s for the scan benchmark: 64 KiB of text per operation
"$JDK/bin/java" -cp "$OUT/classes:$CP" dev.freeport.guardrails.bench.BenchReport "$OUT/result.json"
# the same operations in thread CPU time: not inflated when other processes compete for the cores
"$JDK/bin/java" -Xmx512m -XX:+UseSerialGC -cp "$OUT/classes:$CP" dev.freeport.guardrails.bench.CpuTime
