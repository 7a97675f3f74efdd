#!/usr/bin/env bash
# The hot pieces of a request one at a time (JMH): decode the caller's body, encode the upstream's, scan the answer,
# parse and decode a stream, append a ledger event. Usage: bench/hotpath.sh [--cpu-only] [JMH options, e.g. -f 1 -wi 2 -i 3]
# Prints JMH's table, then the same operations in thread CPU time (the steadier figure on a busy machine), then
# AnthropicStreamCost and AgentRequestCost (thread CPU time too).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
if [ "${1:-}" = "--cpu-only" ]; then
  bench_test_cp
else
  bench_jmh hotpath dev/freeport/bench/HotPathBench.java "$@"
fi
"$JDK/bin/java" --enable-native-access=ALL-UNNAMED -Xmx256m -XX:+UseSerialGC -cp "$CP" dev.freeport.bench.HotPathCpu
# the Anthropic front's stream translation per chunk (tree and bytes, alternating), then a coding agent's request
# through the Anthropic and Responses fronts to an OpenAI-compatible upstream (recorded Claude Code and Codex requests)
echo
"$JDK/bin/java" --enable-native-access=ALL-UNNAMED -Xmx256m -XX:+UseSerialGC -cp "$CP" dev.freeport.bench.AnthropicStreamCost
echo
"$JDK/bin/java" --enable-native-access=ALL-UNNAMED -Xmx256m -XX:+UseSerialGC -cp "$CP" dev.freeport.bench.AgentRequestCost
