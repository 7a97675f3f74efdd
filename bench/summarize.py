#!/usr/bin/env python3
"""Medians of bench/run.sh raw lines -> the markdown tables for BENCHMARKS.md: each path's throughput, latency and
CPU per request, and Freeport against nginx measured in the same run."""
import re, statistics, sys
from collections import defaultdict

path, hz = sys.argv[1], int(sys.argv[2])
runs = defaultdict(list)
rss = None
for line in open(path):
    if line.startswith("gateway_peak_rss_kb="):
        rss = int(line.split("=")[1]) / 1024
        continue
    kv = dict(re.findall(r"(\w+)=([\d.]+)", line))
    if not kv:
        continue
    name = line.split()[0]
    runs[(name, int(kv["conns"]), int(kv["stream"]))].append(kv)

def med(rows, key):
    return statistics.median(float(r[key]) for r in rows)

def cpu(rows):
    ticks = [r.get("cpu_ticks", r.get("gw_cpu_ticks")) for r in rows]
    return statistics.median(float(t) / hz * 1e6 / float(r["requests"]) for t, r in zip(ticks, rows))

print("| mode | conns | direct req/s | nginx req/s | Freeport req/s | direct p50 µs | nginx p50 µs | Freeport p50 µs "
      "| nginx CPU µs/req | Freeport CPU µs/req | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
targets = []
for stream in (0, 1):
    for conns in (1, 32):
        d, n, g = (runs.get((k, conns, stream)) for k in ("direct", "nginx", "gateway"))
        if not d or not n or not g:
            continue
        errs = sum(int(r["non2xx"]) + int(r["errors"]) for r in n + g)
        mode = "stream" if stream else "json"
        print(f"| {mode} | {conns} | {med(d,'rps'):.0f} | {med(n,'rps'):.0f} | {med(g,'rps'):.0f} | "
              f"{med(d,'p50_us'):.0f} | {med(n,'p50_us'):.0f} | {med(g,'p50_us'):.0f} | {cpu(n):.0f} | {cpu(g):.0f} "
              f"| {errs} |")
        targets.append((mode, conns, med(g, 'rps') / med(n, 'rps'), cpu(g) / cpu(n),
                        med(g, 'p50_us') - med(d, 'p50_us'), med(n, 'p50_us') - med(d, 'p50_us')))
print()
print("| mode | conns | Freeport / nginx throughput | Freeport / nginx CPU per request | added p50 Freeport | added p50 nginx |")
print("|---|---|---|---|---|---|")
for mode, conns, thr, c, ag, an in targets:
    print(f"| {mode} | {conns} | {thr*100:.0f} % | {c:.2f} x | {ag:+.0f} µs | {an:+.0f} µs |")
if rss:
    print(f"\nGateway peak resident memory (VmHWM): {rss:.0f} MiB")
