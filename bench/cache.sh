#!/usr/bin/env bash
# Response cache cost per request (JMH): an alias without a cache, and the exact key of a cacheable request.
# Usage: bench/cache.sh [JMH options, e.g. -prof gc]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_jmh cache dev/freeport/cache/CacheBench.java "$@"
