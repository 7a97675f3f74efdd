#!/usr/bin/env bash
# Command start-up: wall time of short commands through the ./freeport launcher (medians of N runs, after one run
# that makes the class-data archive). Usage: bench/startup.sh [N]   (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-7}
./freeport version >/dev/null # builds the jar if needed, makes target/freeport-cli.jsa
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for cmd in "version" "usage --help" "keys --help"; do
  # shellcheck disable=SC2086 # cmd is a list of words
  t=$(for _ in $(seq "$N"); do /usr/bin/time -f "%e" ./freeport $cmd 2>&1 >/dev/null | tail -1; done | median)
  echo "freeport $cmd: ${t} s (median of $N)"
done
