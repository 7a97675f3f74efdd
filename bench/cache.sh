#!/usr/bin/env bash
# Response cache cost per request (JMH): an alias without a cache, and the exact key of a cacheable request.
# Usage: bench/cache.sh [JMH options, e.g. -prof gc]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cache-bench.cp \
  -Dmdep.includeScope=test >/dev/null
JDK=""
for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-21*; do
  if [ -n "$d" ] && [ -x "$d/bin/javac" ]; then JDK="$d"; break; fi
done
[ -n "$JDK" ] || { echo "bench: needs a JDK >= 21 (set JAVA_HOME)"; exit 1; }
CP="target/test-classes:target/classes:$(cat target/cache-bench.cp)"
OUT=target/cache-jmh
rm -rf "$OUT" && mkdir -p "$OUT/classes" "$OUT/sources"
# JMH generates its harness with an annotation processor; run it here so the build's compiler settings stay as they are
"$JDK/bin/javac" -proc:full -processor org.openjdk.jmh.generators.BenchmarkProcessor --release 21 -nowarn \
  -cp "$CP" -d "$OUT/classes" -s "$OUT/sources" src/test/java/dev/freeport/cache/CacheBench.java
"$JDK/bin/java" -cp "$OUT/classes:$CP" org.openjdk.jmh.Main CacheBench "$@"
