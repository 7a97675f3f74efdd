#!/usr/bin/env bash
# Metrics cost per request (JMH): the end-of-request update of the Prometheus meters for an answered stream.
# Usage: bench/metrics.sh [JMH options, e.g. -prof gc]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_jmh metrics dev/freeport/observe/MetricsBench.java "$@"
