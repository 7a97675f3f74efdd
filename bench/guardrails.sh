#!/usr/bin/env bash
# Guardrails throughput (JMH): all detectors over ~64 KB each of prose, code and JSON from this repository, a full
# apply on a chat body, and apply with an empty plan. Usage: bench/guardrails.sh [JMH options, e.g. -f 1 -wi 2 -i 3]
# Prints JMH's table, then MB/s per input.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/guardrails-bench.cp \
  -Dmdep.includeScope=test >/dev/null
JDK=""
for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-21*; do
  if [ -n "$d" ] && [ -x "$d/bin/javac" ]; then JDK="$d"; break; fi
done
[ -n "$JDK" ] || { echo "bench: needs a JDK >= 21 (set JAVA_HOME)"; exit 1; }
CP="target/test-classes:target/classes:$(cat target/guardrails-bench.cp)"
OUT=target/guardrails-jmh
rm -rf "$OUT" && mkdir -p "$OUT/classes" "$OUT/sources"
# JMH generates its harness with an annotation processor; run it here so the build's compiler settings stay as they are
"$JDK/bin/javac" -proc:full -processor org.openjdk.jmh.generators.BenchmarkProcessor --release 21 -nowarn \
  -cp "$CP" -d "$OUT/classes" -s "$OUT/sources" src/test/java/dev/freeport/guardrails/bench/GuardrailsBench.java
"$JDK/bin/java" -cp "$OUT/classes:$CP" org.openjdk.jmh.Main GuardrailsBench -rf json -rff "$OUT/result.json" "$@"
# MB/s for the scan benchmark: 64 KiB of text per operation
"$JDK/bin/java" -cp "$OUT/classes:$CP" dev.freeport.guardrails.bench.BenchReport "$OUT/result.json"
# the same operations in thread CPU time: not inflated when other processes compete for the cores
"$JDK/bin/java" -Xmx512m -XX:+UseSerialGC -cp "$OUT/classes:$CP" dev.freeport.guardrails.bench.CpuTime
