#!/usr/bin/env bash
# Freeport soak: sustained load through the gateway while its memory, mappings and descriptors are sampled.
# Usage: bench/soak.sh [minutes=10] [conns=32]      (needs wrk: apt-get install wrk)
# Three quarters of the connections send non-streaming requests, one quarter streaming ones, for the whole run.
# Every 10 s: RSS (anonymous / file), heap used and committed, the JVM's native memory by category (NMT), journal
# mappings, mappings of deleted files, open descriptors; at the end the peak (VmHWM) and the CPU per request of the
# whole process and of the VM thread (where Serial GC collects). Exits 1 if RSS grew more than 10 % between the first minute
# and the end, or if a deleted journal segment was ever still mapped. Samples go to bench/results/soak-*.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
CONNS=${2:-32}
INTERVAL=10
command -v wrk >/dev/null || { echo "soak: needs wrk (apt-get install wrk)"; exit 1; }
. bench/lib.sh

bench_build
JCMD="$(dirname "$JAVA")/jcmd"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
TSV=bench/results/soak-$STAMP.tsv
NMT_OUT=bench/results/soak-$STAMP-nmt.txt
# the launcher's memory defaults, plus native memory tracking to see where memory goes
FREEPORT_JAVA_OPTS="-XX:NativeMemoryTracking=summary ${FREEPORT_JAVA_OPTS:-}" bench_start

JSON_CONNS=$(( CONNS * 3 / 4 ))
STREAM_CONNS=$(( CONNS - JSON_CONNS ))
URL="http://127.0.0.1:$BENCH_GW_PORT/v1/chat/completions"
BENCH_MODEL=bench wrk -t1 -c"$JSON_CONNS" -d"${MINUTES}m" --timeout 10s -s bench/chat.lua "$URL" \
  > "$DATA/wrk-json.txt" 2>&1 &
WRK1=$!
if [ "$STREAM_CONNS" -gt 0 ]; then
  BENCH_MODEL=bench BENCH_STREAM=1 wrk -t1 -c"$STREAM_CONNS" -d"${MINUTES}m" --timeout 10s -s bench/chat.lua "$URL" \
    > "$DATA/wrk-stream.txt" 2>&1 &
  WRK2=$!
fi

kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$GW_PID/status"; }
# "-                 Java Heap (reserved=262144KB, committed=65536KB)" -> committed KB of one NMT category
nmt() { awk -v c="$1" '$0 ~ "^- +" c " [(]reserved=" { match($0, /committed=[0-9]+KB/);
  print substr($0, RSTART + 10, RLENGTH - 12); exit }' "$DATA/nmt.txt"; }
# "DefNew     total 116160K, used 18609K [...]" and "Tenured ..." -> summed used (or total) KB
heap() { sed -nE "s/.* total ([0-9]+)K, used ([0-9]+)K.*/\\$1/p" "$DATA/heap.txt" | awk '{s += $1} END {print s + 0}'; }

printf 'sec\trss_kb\tanon_kb\tfile_kb\theap_used_kb\theap_committed_kb\tnmt_committed_kb\tnmt_heap\tnmt_class\tnmt_thread\tnmt_code\tnmt_gc\tnmt_internal\tnmt_other\tnmt_symbol\tnmt_compiler\tnmt_metaspace\tnmt_cds\tjournal_maps\tdeleted_seg_maps\tdeleted_maps\tfds\tdb_kb\n' > "$TSV"
START=$(date +%s)
END=$(( START + MINUTES * 60 ))
DELETED_SEEN=0
BASELINE=0
while [ "$(date +%s)" -lt "$END" ]; do
  sleep "$INTERVAL"
  SEC=$(( $(date +%s) - START ))
  "$JCMD" "$GW_PID" VM.native_memory summary > "$DATA/nmt.txt" 2>/dev/null || true
  "$JCMD" "$GW_PID" GC.heap_info > "$DATA/heap.txt" 2>/dev/null || true
  HEAP_USED=$(heap 2)
  HEAP_COMMITTED=$(heap 1)
  NMT_TOTAL=$(awk '/^Total:/ { match($0, /committed=[0-9]+KB/); print substr($0, RSTART + 10, RLENGTH - 12); exit }' \
    "$DATA/nmt.txt")
  JOURNAL_MAPS=$(grep -c '/journal/' "/proc/$GW_PID/maps" || true)
  DELETED_SEG=$(grep -c 'seg-.*\.jnl (deleted)' "/proc/$GW_PID/maps" || true)
  DELETED=$(grep -c ' (deleted)$' "/proc/$GW_PID/maps" || true)
  FDS=$(ls "/proc/$GW_PID/fd" | wc -l)
  DB_KB=$(du -sk "$DATA/ledger" | cut -f1)
  [ "$DELETED_SEG" -gt 0 ] && DELETED_SEEN=$(( DELETED_SEEN + 1 ))
  if [ "$SEC" -ge 55 ] && [ "$BASELINE" = 0 ]; then   # growth after the first minute is what must stay flat
    "$JCMD" "$GW_PID" VM.native_memory baseline >/dev/null 2>&1 || true
    BASELINE=1
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$SEC" \
    "$(kb VmRSS)" "$(kb RssAnon)" "$(kb RssFile)" "$HEAP_USED" "$HEAP_COMMITTED" "$NMT_TOTAL" \
    "$(nmt 'Java Heap')" "$(nmt Class)" "$(nmt Thread)" "$(nmt Code)" "$(nmt GC)" "$(nmt Internal)" \
    "$(nmt Other)" "$(nmt Symbol)" "$(nmt Compiler)" "$(nmt Metaspace)" "$(nmt 'Shared class space')" "$JOURNAL_MAPS" "$DELETED_SEG" "$DELETED" "$FDS" \
    "$DB_KB" | tee -a "$TSV"
done
wait "$WRK1" ${WRK2:+"$WRK2"} || true
# peak resident size, and CPU ticks of the whole process and of the VM thread (Serial GC's collections run there)
HWM_KB=$(kb VmHWM)
ALL_TICKS=$(awk '{print $14 + $15}' "/proc/$GW_PID/stat")
VM_TICKS=0
for t in /proc/"$GW_PID"/task/*; do
  if [ "$(cat "$t/comm" 2>/dev/null)" = "VM Thread" ]; then VM_TICKS=$(awk '{print $14 + $15}' "$t/stat"); fi
done
{
  echo "== NMT summary at the end"; cat "$DATA/nmt.txt"
  echo "== NMT growth since the first minute"; "$JCMD" "$GW_PID" VM.native_memory summary.diff 2>&1 || true
} > "$NMT_OUT"
cp "$DATA"/wrk-*.txt bench/results/ 2>/dev/null || true

python3 - "$TSV" "$DELETED_SEEN" "$DATA" "$HWM_KB" "$ALL_TICKS" "$VM_TICKS" "$(getconf CLK_TCK)" <<'PY'
import csv, sys, glob, re
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
deleted_seen = int(sys.argv[2])
hwm_kb, all_ticks, vm_ticks, hz = (int(x) for x in sys.argv[4:8])
requests = 0
first = next((r for r in rows if int(r["sec"]) >= 60), rows[0])
last = rows[-1]
mib = lambda kb: int(kb or 0) / 1024
growth = (int(last["rss_kb"]) - int(first["rss_kb"])) / int(first["rss_kb"]) * 100
print()
for f in sorted(glob.glob(sys.argv[3] + "/wrk-*.txt")):
    m = re.search(r"BENCH .*", open(f).read())
    print(f.split("/")[-1], m.group(0) if m else "(no result)")
    n = re.search(r"requests=(\d+)", m.group(0)) if m else None
    requests += int(n.group(1)) if n else 0
if requests:
    print(f"CPU per request: {all_ticks / hz / requests * 1e6:.1f} us all threads, of which the VM thread (GC)"
          f" {vm_ticks / hz / requests * 1e6:.2f} us")
print(f"RSS at {first['sec']} s: {mib(first['rss_kb']):.0f} MiB; at {last['sec']} s: {mib(last['rss_kb']):.0f} MiB"
      f" ({growth:+.1f} %); peak of the samples {max(mib(r['rss_kb']) for r in rows):.0f} MiB, VmHWM {mib(hwm_kb):.0f} MiB")
for k in ("heap_used_kb", "heap_committed_kb", "nmt_committed_kb", "nmt_heap", "nmt_class", "nmt_thread",
          "nmt_code", "nmt_metaspace", "nmt_cds", "nmt_gc", "nmt_other", "nmt_symbol", "file_kb", "anon_kb"):
    print(f"  {k:18} {mib(first[k]):7.1f} -> {mib(last[k]):7.1f} MiB")
print(f"journal mappings {first['journal_maps']} -> {last['journal_maps']} (max "
      f"{max(int(r['journal_maps']) for r in rows)}); deleted segments mapped: max "
      f"{max(int(r['deleted_seg_maps']) for r in rows)}; fds {first['fds']} -> {last['fds']} (max "
      f"{max(int(r['fds']) for r in rows)}); ledger dir {mib(last['db_kb']):.0f} MiB")
ok = growth <= 10 and deleted_seen == 0
print("soak:", "PASS" if ok else "FAIL", "(RSS growth must stay within 10 % and no deleted segment mapped)")
sys.exit(0 if ok else 1)
PY
