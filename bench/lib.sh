#!/usr/bin/env bash
# Shared by bench/run.sh and bench/soak.sh: build, start the fast fake upstream and Freeport in front of it, stop.
# Source it from the repository root. Ports: BENCH_UP_PORT / BENCH_GW_PORT (defaults 4091 / 4090).
# The gateway starts through the ./freeport launcher, i.e. with its JVM defaults; FREEPORT_JAVA_OPTS adds to them.

BENCH_UP_PORT=${BENCH_UP_PORT:-4091}
BENCH_GW_PORT=${BENCH_GW_PORT:-4090}

# Builds the jar, the test classes (the fake upstream) and their classpath; sets JAVA and CP.
bench_build() {  # BENCH_BUILD=0: use the jar and classes already built (A/B runs of one build)
  [ "${BENCH_BUILD:-1}" = 0 ] && [ -s target/bench.cp ] ||
  ./mvnw -q -B -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
    -Dmdep.includeScope=test >/dev/null
  JAVA=java
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-21*; do
    if [ -n "$d" ] && [ -x "$d/bin/java" ]; then JAVA="$d/bin/java"; break; fi
  done
  CP="target/test-classes:target/classes:$(cat target/bench.cp)"
}

# Starts the upstream and the gateway in a fresh data dir; sets DATA, UP_PID, GW_PID and stops both on exit
# (their logs are copied to bench/results/). Waits until both answer.
bench_start() {
  DATA=$(mktemp -d)
  mkdir -p bench/results
  "$JAVA" -XX:+UseSerialGC -Xmx256m -cp "$CP" dev.freeport.testing.FakeUpstream --port "$BENCH_UP_PORT" --words 20 \
    > "$DATA/upstream.log" 2>&1 &
  UP_PID=$!
  BENCH_UPSTREAM_PORT=$BENCH_UP_PORT BENCH_GW_PORT=$BENCH_GW_PORT BENCH_DATA_DIR=$DATA/ledger \
    ./freeport serve --config "${BENCH_CONFIG:-bench/freeport-bench.yaml}" > "$DATA/gateway.log" 2>&1 &
  GW_PID=$!   # the launcher execs java: this is the gateway's JVM
  trap bench_stop EXIT
  for _ in $(seq 1 150); do
    if curl -s -o /dev/null "http://127.0.0.1:$BENCH_GW_PORT/health" && grep -q listening "$DATA/upstream.log"; then
      return 0
    fi
    sleep 0.2
  done
  echo "bench: the gateway or the upstream did not start; see $DATA/*.log" >&2
  exit 1
}

bench_stop() {
  kill "$UP_PID" "$GW_PID" ${NGINX_PID:-} ${RELAY_PID:-} 2>/dev/null || true
  wait "$UP_PID" "$GW_PID" ${NGINX_PID:-} ${RELAY_PID:-} 2>/dev/null || true
  cp "$DATA"/*.log bench/results/ 2>/dev/null || true
  rm -rf "$DATA"
}

# Starts nginx (nginx-light) as a plain reverse proxy in front of the same upstream on $BENCH_NGINX_PORT (default
# 4092): keep-alive connections to the upstream, no buffering (streams pass as they come), no access log; as many
# workers as cores. Sets NGINX_DIR; stopped by bench_stop. The best a proxy hop does on this machine.
bench_start_nginx() {
  BENCH_NGINX_PORT=${BENCH_NGINX_PORT:-4092}
  command -v nginx >/dev/null || { echo "bench: needs nginx (apt-get install nginx-light)" >&2; exit 1; }
  NGINX_DIR="$DATA/nginx"
  mkdir -p "$NGINX_DIR/logs"
  cat > "$NGINX_DIR/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $NGINX_DIR/body;
  proxy_temp_path $NGINX_DIR/proxy;
  fastcgi_temp_path $NGINX_DIR/fastcgi;
  uwsgi_temp_path $NGINX_DIR/uwsgi;
  scgi_temp_path $NGINX_DIR/scgi;
  upstream fake { server 127.0.0.1:$BENCH_UP_PORT; keepalive 256; }
  server {
    listen 127.0.0.1:$BENCH_NGINX_PORT;
    location / {
      proxy_pass http://fake;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
CONF
  nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" > "$DATA/nginx.log" 2>&1 &
  NGINX_PID=$!
  for _ in $(seq 1 50); do
    if curl -s -o /dev/null "http://127.0.0.1:$BENCH_NGINX_PORT/health"; then return 0; fi
    sleep 0.1
  done
  echo "bench: nginx did not start; see $DATA/nginx.log" >&2
  exit 1
}

# The launcher's JVM flags for `serve` (./freeport; keep in step): the bare relay runs on the same JVM settings
# (bench_start_relay adds -XX:+UseCompactObjectHeaders and --sun-misc-unsafe-memory-access=allow where the JVM takes
# them, as the launcher does: without the latter, Netty 4.2 on JDK 25 runs without sun.misc.Unsafe).
BENCH_SERVE_JVM="-XX:+UseSerialGC -Xms80m -Xmx512m -Xmn32m -XX:+AlwaysPreTouch -XX:+UnlockExperimentalVMOptions \
-XX:TrimNativeHeapInterval=5000 -XX:MaxDirectMemorySize=128m -XX:MaxMetaspaceSize=256m -Xss512k \
-Dio.netty.jfr.enabled=false --enable-native-access=ALL-UNNAMED"

# Starts the bare Vert.x relay (dev.freeport.bench.BareRelay: the gateway's Vert.x, epoll, one upstream pool per
# event loop, bytes relayed without parsing) in front of the same upstream on $BENCH_RELAY_PORT (default 4093), with
# the launcher's JVM flags. The floor of any proxy built on this framework and JVM. BENCH_RELAY_CLIENT picks its
# upstream client: stock (Vert.x's pooled client, the default), connections, netty (raw channels). Sets RELAY_PID.
bench_start_relay() {
  BENCH_RELAY_PORT=${BENCH_RELAY_PORT:-4093}
  local coh="" unsafe="" # where this JVM takes them, as the launcher adds them
  if "$JAVA" -XX:+UseCompactObjectHeaders -version >/dev/null 2>&1; then coh=-XX:+UseCompactObjectHeaders; fi
  if "$JAVA" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    unsafe=--sun-misc-unsafe-memory-access=allow
  fi
  # shellcheck disable=SC2086 # a list of flags
  MALLOC_ARENA_MAX=2 "$JAVA" $BENCH_SERVE_JVM $coh $unsafe -cp "$CP" dev.freeport.bench.BareRelay \
    --port "$BENCH_RELAY_PORT" --upstream-port "$BENCH_UP_PORT" --client "${BENCH_RELAY_CLIENT:-stock}" \
    > "$DATA/relay.log" 2>&1 &
  RELAY_PID=$!
  for _ in $(seq 1 100); do
    if grep -q listening "$DATA/relay.log"; then return 0; fi
    sleep 0.1
  done
  echo "bench: the bare relay did not start; see $DATA/relay.log" >&2
  exit 1
}

# CPU ticks (user + system, all threads) of the bare relay so far.
bench_relay_ticks() { awk '{print $14 + $15}' "/proc/$RELAY_PID/stat"; }

# CPU ticks (user + system) of nginx's master and workers so far.
bench_nginx_ticks() {
  local t=0 pid
  for pid in $NGINX_PID $(pgrep -P "$NGINX_PID"); do
    t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo $t
}

# A virtual key with a budget and a rate limit (the gateway's policies then run on every request); prints it.
bench_key() {
  curl -sf -X POST "http://127.0.0.1:$BENCH_GW_PORT/admin/keys" -H "authorization: Bearer bench" \
    -H 'content-type: application/json' \
    -d '{"name":"bench","budget":"1000000usd/month","rpm":100000000,"tpm":100000000000}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])'
}

# CPU ticks (user + system, all threads) the gateway has used so far.
bench_cpu_ticks() { awk '{print $14 + $15}' "/proc/$GW_PID/stat"; }

# CPU ticks (user + system) of a JVM's JIT compiler threads (C1 and C2) so far: the part of a Java proxy's CPU in a
# window that is compiling code rather than serving requests (a JVM recompiles for a while after new connections or a
# new kind of load, e.g. the first streams after json requests; BENCHMARKS.md, "Tenth pass").
bench_jit_ticks_of() {
  { cat /proc/"$1"/task/*/stat 2>/dev/null || true; } | awk '/\(C[12] CompilerThre/ { sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}
bench_gw_jit_ticks() { bench_jit_ticks_of "$GW_PID"; }

# CPU ticks (user + system) of the gateway's ledger thread so far: the journal's events written into the database,
# a part of every request's cost that nginx has no counterpart for (BENCHMARKS.md, "Twelfth pass").
bench_gw_ledger_ticks() {
  { cat /proc/"$GW_PID"/task/*/stat 2>/dev/null || true; } | awk '/\(freeport-ledger\)/ { sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}
bench_relay_jit_ticks() { bench_jit_ticks_of "$RELAY_PID"; }

# The test classes and their classpath for a benchmark run in-process: sets JDK (a JDK >= 21, for javac) and CP.
bench_test_cp() {
  ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-test.cp \
    -Dmdep.includeScope=test >/dev/null
  JDK=""
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-21*; do
    if [ -n "$d" ] && [ -x "$d/bin/javac" ]; then JDK="$d"; break; fi
  done
  [ -n "$JDK" ] || { echo "bench: needs a JDK >= 21 (set JAVA_HOME)" >&2; exit 1; }
  CP="target/test-classes:target/classes:$(cat target/bench-test.cp)"
}

# Runs one JMH benchmark class of the test sources: bench_jmh NAME SOURCE [JMH options...]. NAME is the output
# directory (target/NAME-jmh, set as OUT; JMH's JSON results in $OUT/result.json), SOURCE the benchmark's .java under
# src/test/java. JMH generates its harness with an annotation processor: it runs here, so that the build's compiler
# settings stay as they are. Sets JDK, CP and OUT for what the script does next.
bench_jmh() {
  local name=$1 source=$2
  shift 2
  bench_test_cp
  OUT=target/$name-jmh
  rm -rf "$OUT" && mkdir -p "$OUT/classes" "$OUT/sources"
  "$JDK/bin/javac" -proc:full -processor org.openjdk.jmh.generators.BenchmarkProcessor --release 21 -nowarn \
    -cp "$CP" -d "$OUT/classes" -s "$OUT/sources" "src/test/java/$source"
  local class
  class=$(basename "$source" .java)
  "$JDK/bin/java" --enable-native-access=ALL-UNNAMED -cp "$OUT/classes:$CP" org.openjdk.jmh.Main "$class" \
    -rf json -rff "$OUT/result.json" "$@"
}
