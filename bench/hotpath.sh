#!/usr/bin/env bash
# The hot pieces of a request one at a time (JMH): decode the caller's body, encode the upstream's, scan the answer,
# parse and decode a stream, append a ledger event. Usage: bench/hotpath.sh [--cpu-only] [JMH options, e.g. -f 1 -wi 2 -i 3]
# Prints JMH's table, then the same operations in thread CPU time (the steadier figure on a busy machine).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/hotpath-bench.cp \
  -Dmdep.includeScope=test >/dev/null
JDK=""
for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-21*; do
  if [ -n "$d" ] && [ -x "$d/bin/javac" ]; then JDK="$d"; break; fi
done
[ -n "$JDK" ] || { echo "bench: needs a JDK >= 21 (set JAVA_HOME)"; exit 1; }
CP="target/test-classes:target/classes:$(cat target/hotpath-bench.cp)"
if [ "${1:-}" != "--cpu-only" ]; then
  OUT=target/hotpath-jmh
  rm -rf "$OUT" && mkdir -p "$OUT/classes" "$OUT/sources"
  # JMH generates its harness with an annotation processor; run it here so the build's compiler settings stay as they are
  "$JDK/bin/javac" -proc:full -processor org.openjdk.jmh.generators.BenchmarkProcessor --release 21 -nowarn \
    -cp "$CP" -d "$OUT/classes" -s "$OUT/sources" src/test/java/dev/freeport/bench/HotPathBench.java
  "$JDK/bin/java" --enable-native-access=ALL-UNNAMED -cp "$OUT/classes:$CP" org.openjdk.jmh.Main HotPathBench "$@"
fi
"$JDK/bin/java" --enable-native-access=ALL-UNNAMED -Xmx256m -XX:+UseSerialGC -cp "$CP" dev.freeport.bench.HotPathCpu
